/*
 * uptime: how long the system has been up.
 *
 *   uptime          " 12:34:56 up 2 days,  3:04,  1 user,  load average: 0.00, 0.00, 0.00"
 *   uptime -p       "up 2 days, 3 hours, 4 minutes"
 *   uptime -s       the moment it came up, "2026-11-21 12:00:00"
 *
 * The uptime is pm's clock (uptime_ns(), lib/include/ember/info.h).
 * Ember counts neither logged-in users nor a load average yet: the line
 * says 1 user and a load of 0.00, as a single-console system at rest
 * would.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <ember/info.h>

#include "cmd.h"

#define NS_PER_S 1000000000ull

static void print_classic(uint64_t up, time_t now)
{
    unsigned long long days = up / 86400, hours = up / 3600 % 24, mins = up / 60 % 60;
    struct tm *tm = localtime(&now);
    char clock[16] = "??:??:??";

    if (tm)
        strftime(clock, sizeof(clock), "%H:%M:%S", tm);
    printf(" %s up ", clock);
    if (days)
        printf("%llu day%s, ", days, days == 1 ? "" : "s");
    if (hours)
        printf("%2llu:%02llu, ", hours, mins);
    else
        printf("%llu min, ", mins);
    printf(" 1 user,  load average: 0.00, 0.00, 0.00\n");
}

static void print_unit(unsigned long long n, const char *unit, bool *first)
{
    if (!n)
        return;
    printf("%s%llu %s%s", *first ? "" : ", ", n, unit, n == 1 ? "" : "s");
    *first = false;
}

static void print_pretty(uint64_t up)
{
    bool first = true;

    printf("up ");
    print_unit(up / (7 * 86400), "week", &first);
    print_unit(up / 86400 % 7, "day", &first);
    print_unit(up / 3600 % 24, "hour", &first);
    print_unit(up / 60 % 60, "minute", &first);
    if (first)
        printf("0 minutes");
    printf("\n");
}

static void print_since(uint64_t up, time_t now)
{
    time_t boot = now - (time_t)up;
    struct tm *tm = localtime(&boot);
    char text[32];

    if (!tm || strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S", tm) == 0)
        cmd_diex(1, "cannot format the boot time");
    printf("%s\n", text);
}

int main(int argc, char **argv)
{
    int opt, mode = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "ps")) != -1) {
        if (opt == '?' || mode)
            cmd_usage("[-p | -s]");
        mode = opt;
    }
    if (optind != argc)
        cmd_usage("[-p | -s]");
    uint64_t up = uptime_ns() / NS_PER_S;
    time_t now = time(NULL);
    if (mode == 'p')
        print_pretty(up);
    else if (mode == 's')
        print_since(up, now);
    else
        print_classic(up, now);
    return fflush(stdout) == 0 ? 0 : 1;
}
