/*
 * date: print the date and time.
 *
 *   date [-u] [+format]
 *
 * The format is strftime's; the default is "%a %b %e %H:%M:%S %Z %Y".
 * -u uses UTC instead of the local time zone. Setting the clock is not
 * supported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"

#define DATE_USAGE     "[-u] [+format]"
#define DEFAULT_FORMAT "%a %b %e %H:%M:%S %Z %Y"

/* strftime into a buffer that grows until the text fits. */
static void print_time(const char *format, const struct tm *tm)
{
    size_t cap = 256;

    if (*format == '\0') {
        putchar('\n');
        return;
    }
    for (;;) {
        char *buf = malloc(cap);
        if (!buf)
            cmd_diex(1, "out of memory");
        size_t len = strftime(buf, cap, format, tm);
        /* 0 is also right for a format whose output is empty: stop growing at some point. */
        if (len > 0 || cap > 65536) {
            printf("%s\n", buf);
            free(buf);
            return;
        }
        free(buf);
        cap *= 4;
    }
}

int main(int argc, char **argv)
{
    const char *format = DEFAULT_FORMAT;
    struct tm *tm;
    time_t now;
    int opt;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "u")) != -1) {
        if (opt != 'u')
            cmd_usage(DATE_USAGE);
        if (setenv("TZ", "UTC0", 1) != 0)
            cmd_die(1, "cannot set TZ");
    }
    if (argc - optind > 1)
        cmd_usage(DATE_USAGE);
    if (optind < argc) {
        if (argv[optind][0] != '+')
            cmd_diex(1, "setting the date is not supported ('%s')", argv[optind]);
        format = argv[optind] + 1;
    }
    tzset();
    now = time(NULL);
    tm = localtime(&now);
    if (!tm)
        cmd_diex(1, "cannot convert the time");
    print_time(format, tm);
    return fflush(stdout) == 0 ? 0 : 1;
}
