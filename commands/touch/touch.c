/*
 * touch: set the access and modification times of files, creating them
 * when missing (unless -c). The time is now, or -t [[CC]YY]MMDDhhmm[.SS],
 * -d YYYY-MM-DDThh:mm:SS[.frac][Z], or -r another file's times; -a and -m
 * limit the change to one of the two times.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"

#define TOUCH_USAGE "[-acm] [-r ref_file|-t [[CC]YY]MMDDhhmm[.SS]|-d date_time] file..."

/* Read exactly count digits at *p as a number; -1 if they are not there. */
static int take_digits(const char **p, int count)
{
    int value = 0;

    for (int i = 0; i < count; i++, (*p)++) {
        if (!isdigit((unsigned char)**p))
            return -1;
        value = value * 10 + (**p - '0');
    }
    return value;
}

/* mktime() of tm, refusing dates it had to normalise (February 30). */
static int local_time(struct tm *tm, time_t *out)
{
    struct tm asked = *tm;

    tm->tm_isdst = -1;
    *out = mktime(tm);
    if (*out == (time_t)-1 && errno == EOVERFLOW)
        return -1;
    if (tm->tm_year != asked.tm_year || tm->tm_mon != asked.tm_mon ||
        tm->tm_mday != asked.tm_mday || tm->tm_hour != asked.tm_hour || tm->tm_min != asked.tm_min)
        return -1;
    return 0;
}

/* -t [[CC]YY]MMDDhhmm[.SS]; 0, or -1 when malformed. */
static int parse_stamp(const char *text, struct timespec *ts)
{
    const char *dot = strchr(text, '.'), *p = text;
    size_t digits = dot ? (size_t)(dot - text) : strlen(text);
    struct tm tm = { 0 };
    time_t now = time(NULL);
    int year;

    if (digits == 12) {
        year = take_digits(&p, 4);
    } else if (digits == 10) {
        year = take_digits(&p, 2);
        if (year >= 0) /* POSIX: 69-99 are 1969-1999, 00-68 are 2000-2068 */
            year += year < 69 ? 2000 : 1900;
    } else if (digits == 8) {
        year = localtime(&now)->tm_year + 1900;
    } else {
        return -1;
    }
    tm.tm_year = year - 1900;
    tm.tm_mon = take_digits(&p, 2) - 1;
    tm.tm_mday = take_digits(&p, 2);
    tm.tm_hour = take_digits(&p, 2);
    tm.tm_min = take_digits(&p, 2);
    if (dot) {
        p++;
        tm.tm_sec = take_digits(&p, 2);
    }
    if (year < 0 || tm.tm_mon < 0 || tm.tm_mday < 0 || tm.tm_hour < 0 || tm.tm_min < 0 ||
        tm.tm_sec < 0 || tm.tm_sec > 60 || *p)
        return -1;
    ts->tv_nsec = 0;
    return local_time(&tm, &ts->tv_sec);
}

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The fraction of a second at *p (after '.' or ','), in nanoseconds. */
static long take_fraction(const char **p)
{
    long nsec = 0, scale = 100000000;

    if (**p != '.' && **p != ',')
        return 0;
    for ((*p)++; isdigit((unsigned char)**p); (*p)++, scale /= 10)
        nsec += (**p - '0') * scale;
    return nsec;
}

/* Read count digits and then the character after (if after is not 0). */
static int take_field(const char **p, int count, char after)
{
    int value = take_digits(p, count);

    if (value < 0 || (after && **p != after))
        return -1;
    if (after)
        (*p)++;
    return value;
}

/* Seconds since the epoch of a UTC time; -1 if a field is out of range. */
static int utc_time(int year, const struct tm *tm, time_t *out)
{
    if (tm->tm_mon > 11 || tm->tm_mday < 1 || tm->tm_mday > 31 || tm->tm_hour > 23 ||
        tm->tm_min > 59)
        return -1;
    *out = (time_t)(days_from_civil(year, tm->tm_mon + 1, tm->tm_mday) * 86400 +
                    tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec);
    return 0;
}

/* -d YYYY-MM-DDThh:mm:SS[.frac][Z]; 0, or -1 when malformed. */
static int parse_date_time(const char *text, struct timespec *ts)
{
    const char *p = text;
    struct tm tm = { 0 };
    int year = take_field(&p, 4, '-');

    tm.tm_mon = take_field(&p, 2, '-') - 1;
    tm.tm_mday = take_digits(&p, 2);
    if (year < 0 || tm.tm_mon < 0 || tm.tm_mday < 0 || (*p != 'T' && *p != ' '))
        return -1;
    p++;
    tm.tm_hour = take_field(&p, 2, ':');
    tm.tm_min = take_field(&p, 2, ':');
    tm.tm_sec = take_digits(&p, 2);
    if (tm.tm_hour < 0 || tm.tm_min < 0 || tm.tm_sec < 0 || tm.tm_sec > 60)
        return -1;
    tm.tm_year = year - 1900;
    ts->tv_nsec = take_fraction(&p);
    if (*p == 'Z' && p[1] == '\0')
        return utc_time(year, &tm, &ts->tv_sec);
    return *p ? -1 : local_time(&tm, &ts->tv_sec);
}

/* Create path if missing (unless no_create), then set its times. */
static int touch_one(const char *path, const struct timespec times[2], bool no_create)
{
    if (utimensat(AT_FDCWD, path, times, 0) == 0)
        return 0;
    if (errno != ENOENT) {
        cmd_warn("cannot touch '%s'", path);
        return 1;
    }
    if (no_create)
        return 0;
    int fd = open(path, O_WRONLY | O_CREAT, 0666);
    if (fd < 0) {
        cmd_warn("cannot touch '%s'", path);
        return 1;
    }
    close(fd);
    if (utimensat(AT_FDCWD, path, times, 0) != 0) {
        cmd_warn("cannot set the times of '%s'", path);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    struct timespec times[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } }, when;
    bool only_access = false, only_modify = false, no_create = false;
    struct stat ref;
    int opt, status = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "acmr:t:d:")) != -1) {
        switch (opt) {
        case 'a':
            only_access = true;
            break;
        case 'c':
            no_create = true;
            break;
        case 'm':
            only_modify = true;
            break;
        case 'r':
            if (stat(optarg, &ref) != 0)
                cmd_die(1, "cannot stat '%s'", optarg);
            times[0] = ref.st_atim;
            times[1] = ref.st_mtim;
            break;
        case 't':
        case 'd':
            if ((opt == 't' ? parse_stamp(optarg, &when) : parse_date_time(optarg, &when)) != 0)
                cmd_diex(1, "invalid date format '%s'", optarg);
            times[0] = times[1] = when;
            break;
        default:
            cmd_usage(TOUCH_USAGE);
        }
    }
    if (optind == argc)
        cmd_usage(TOUCH_USAGE);
    if (only_access && !only_modify)
        times[1].tv_nsec = UTIME_OMIT;
    if (only_modify && !only_access)
        times[0].tv_nsec = UTIME_OMIT;
    for (int i = optind; i < argc; i++)
        status |= touch_one(argv[i], times, no_create);
    return status;
}
