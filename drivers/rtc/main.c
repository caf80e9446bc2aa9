/*
 * rtc: the real-time clock. At boot, /etc/rc starts it through rs with the
 * CMOS ports (etc/system.conf: io=70:2); it reads the clock once, sets the
 * system's time through pm (PM_SETTIME, as clock_settime does) and exits.
 * The system then keeps time itself: boot time plus the kernel's uptime.
 * A clock that cannot be read or holds an impossible date is reported and
 * the time is left alone (exit status 1).
 *
 *   rtc [-n]     -n: read and print the clock, but do not set the time
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <ember/server.h>
#include "rtc.h"

static void print_raw(const struct rtc_raw *r)
{
    printf("rtc: registers: sec %02x min %02x hour %02x day %02x month %02x year %02x "
           "century %02x status B %02x\n",
           r->sec, r->min, r->hour, r->day, r->month, r->year, r->century, r->status_b);
}

int main(int argc, char **argv)
{
    struct rtc_raw raw;
    const char *why;
    bool set = !(argc > 1 && strcmp(argv[1], "-n") == 0);

    srv_start("rtc", NONE);
    if (!cmos_read(&raw)) {
        printf("rtc: the clock never settles (no CMOS clock, or no access to ports 0x70-0x71): "
               "time not set\n");
        return 1;
    }
    int64_t now = rtc_decode(&raw, &why);
    if (now < 0) {
        printf("rtc: the clock holds an impossible %s: time not set\n", why);
        print_raw(&raw);
        return 1;
    }
    struct timespec ts = { (time_t)now, 0 };
    if (set && clock_settime(CLOCK_REALTIME, &ts) < 0) {
        printf("rtc: cannot set the time: %s\n", strerror(errno));
        return 1;
    }
    char text[32];
    time_t t = (time_t)now;
    strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S", gmtime(&t));
    printf("rtc: %s UTC\n", text);
    return 0;
}
