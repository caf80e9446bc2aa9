/* times and history. */
#include <stdio.h>
#include <sys/times.h>
#include <unistd.h>

#include "builtin.h"
#include "history.h"

static void print_time(clock_t ticks, long per_second, char end)
{
    double seconds = (double)ticks / (double)per_second;
    long minutes = (long)(seconds / 60);

    printf("%ldm%.3fs%c", minutes, seconds - 60.0 * (double)minutes, end);
}

int bi_times(int argc, char **argv)
{
    struct tms t;
    long per_second = sysconf(_SC_CLK_TCK);

    (void)argc;
    (void)argv;
    if (per_second <= 0)
        per_second = 100;
    times(&t);
    print_time(t.tms_utime, per_second, ' ');
    print_time(t.tms_stime, per_second, '\n');
    print_time(t.tms_cutime, per_second, ' ');
    print_time(t.tms_cstime, per_second, '\n');
    return 0;
}

int bi_history(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    history_print();
    return 0;
}
