/*
 * sleep: wait for the sum of the operands' time. An operand is a decimal
 * number of seconds, with a fraction if wanted ("0.25"), and optionally a
 * unit: s, m (minutes), h (hours) or d (days).
 */
#include <errno.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"

#define NSEC_PER_SEC 1000000000L
/* Longer than anyone waits (31,700 years); keeps the sums far from overflow. */
#define SLEEP_MAX_SECONDS 1000000000000LL

/* A time whose seconds part saturates instead of overflowing. */
struct duration {
    intmax_t sec;
    long nsec;
};

static int unit_seconds(char unit)
{
    switch (unit) {
    case '\0':
    case 's':
        return 1;
    case 'm':
        return 60;
    case 'h':
        return 3600;
    case 'd':
        return 86400;
    default:
        return 0;
    }
}

/* Parse one operand into *d; 0, or -EINVAL. */
static int parse_duration(const char *text, struct duration *d)
{
    intmax_t whole = 0;
    long frac = 0, scale = NSEC_PER_SEC;
    const char *p = text;
    int digits = 0, unit;

    for (; *p >= '0' && *p <= '9'; p++, digits++)
        whole = whole >= SLEEP_MAX_SECONDS ? SLEEP_MAX_SECONDS : whole * 10 + (*p - '0');
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++, digits++)
            if (scale >= 10) {
                scale /= 10;
                frac += (*p - '0') * scale;
            }
    unit = unit_seconds(*p);
    if (digits == 0 || unit == 0 || (*p && p[1]))
        return -EINVAL;
    /* frac is below one second, so frac * unit stays within a long. */
    long long nsec = (long long)frac * unit;
    d->sec = whole * unit + nsec / NSEC_PER_SEC;
    d->nsec = (long)(nsec % NSEC_PER_SEC);
    return 0;
}

static void add_duration(struct duration *total, const struct duration *d)
{
    total->nsec += d->nsec;
    total->sec += d->sec + total->nsec / NSEC_PER_SEC;
    total->nsec %= NSEC_PER_SEC;
    if (total->sec > SLEEP_MAX_SECONDS)
        total->sec = SLEEP_MAX_SECONDS;
}

/* Sleep for d, resuming after signals that do not end the process. */
static void sleep_for(struct duration d)
{
    const intmax_t chunk = 86400 * 365; /* nanosleep's time_t is enough per step */

    while (d.sec > 0 || d.nsec > 0) {
        struct timespec req, rem;
        req.tv_sec = (time_t)(d.sec > chunk ? chunk : d.sec);
        req.tv_nsec = d.nsec;
        d.sec -= req.tv_sec;
        d.nsec = 0;
        while (nanosleep(&req, &rem) != 0) {
            if (errno != EINTR)
                cmd_die(1, "cannot sleep");
            req = rem;
        }
    }
}

int main(int argc, char **argv)
{
    struct duration total = { 0, 0 }, d;

    cmd_setname(argv[0]);
    if (getopt(argc, argv, "") != -1 || optind == argc)
        cmd_usage("time[smhd]...");
    for (int i = optind; i < argc; i++) {
        if (parse_duration(argv[i], &d) != 0)
            cmd_diex(1, "invalid time interval '%s'", argv[i]);
        add_duration(&total, &d);
    }
    sleep_for(total);
    return 0;
}
