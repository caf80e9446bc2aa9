/*
 * Timing, repetition and reporting.
 *
 * Every figure is read from the TSC. Under QEMU's -icount shift=0,sleep=off
 * the guest TSC advances by one per instruction executed, so a figure in
 * ticks is an exact, repeatable instruction count; in plain TCG the ticks
 * are converted to time with the frequency calibrated at start-up against
 * CLOCK_MONOTONIC. A metric repeats its operation until it has
 * max_samples samples or has run for its time budget, whichever comes
 * first, and reports the median sample: the median ignores the odd sample
 * a timer interrupt or a page fault spoilt.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

uint64_t tsc_read(void)
{
    uint32_t lo, hi;

    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi)::"memory");
    return ((uint64_t)hi << 32) | lo;
}

static double monotonic_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Count TSC ticks over a busy-waited interval of CLOCK_MONOTONIC. */
double tsc_calibrate(unsigned milliseconds)
{
    double start = monotonic_seconds();
    double end = start + milliseconds * 1e-3;
    uint64_t tsc_start = tsc_read();
    double now;

    while ((now = monotonic_seconds()) < end)
        ;
    return (double)(tsc_read() - tsc_start) / (now - start);
}

int sampler_init(struct bench_sampler *s, const char *metric, const struct bench_config *config,
                 const struct bench_limits *full, const struct bench_limits *quick)
{
    s->metric = metric;
    s->config = config;
    s->limits = config->quick ? *quick : *full;
    if (s->limits.batch == 0)
        s->limits.batch = 1;
    s->ops_per_call = 1;
    s->count = 0;
    s->values = calloc(s->limits.max_samples, sizeof(*s->values));
    s->start_tsc = tsc_read();
    return s->values ? 0 : -ENOMEM;
}

/* Whether another sample is wanted: the count and the time budget decide. */
int sampler_more(const struct bench_sampler *s)
{
    double elapsed;

    if (s->count >= s->limits.max_samples)
        return 0;
    if (s->count < s->limits.min_samples)
        return 1;
    elapsed = (double)(tsc_read() - s->start_tsc) / s->config->tsc_hz;
    return elapsed < s->limits.seconds;
}

void sampler_add(struct bench_sampler *s, double value)
{
    if (s->count < s->limits.max_samples)
        s->values[s->count++] = value;
}

void sampler_free(struct bench_sampler *s)
{
    free(s->values);
    s->values = NULL;
}

/* Time batches of op until the sampler has enough; 0 or op's error. */
int sample_ops(struct bench_sampler *s, bench_op op, void *state)
{
    while (sampler_more(s)) {
        uint64_t start = tsc_read();
        for (unsigned i = 0; i < s->limits.batch; i++) {
            int rc = op(state);
            if (rc < 0)
                return rc;
        }
        sampler_add(s, (double)(tsc_read() - start) / s->limits.batch / s->ops_per_call);
    }
    return 0;
}

/* Record bytes moved in ticks as MB/s (10^6 bytes per second). */
void sampler_add_rate(struct bench_sampler *s, uint64_t bytes, uint64_t ticks)
{
    double seconds = (double)(ticks ? ticks : 1) / s->config->tsc_hz;

    sampler_add(s, (double)bytes / seconds / 1e6);
}

/* Time op, which moves bytes each call, until the sampler has enough. */
int sample_throughput(struct bench_sampler *s, bench_op op, void *state, uint64_t bytes)
{
    while (sampler_more(s)) {
        uint64_t start = tsc_read();
        int rc = op(state);
        uint64_t ticks = tsc_read() - start;
        if (rc < 0)
            return rc;
        sampler_add_rate(s, bytes, ticks);
    }
    return 0;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static double sampler_median(struct bench_sampler *s)
{
    unsigned n = s->count;

    qsort(s->values, n, sizeof(*s->values), compare_doubles);
    if (n % 2)
        return s->values[n / 2];
    return (s->values[n / 2 - 1] + s->values[n / 2]) / 2;
}

static unsigned reports;

unsigned report_count(void)
{
    return reports;
}

void report_ticks(struct bench_sampler *s)
{
    if (s->count == 0) {
        report_skip(s->metric, "no samples");
        return;
    }
    printf("BENCH %s %.0f ticks n=%u\n", s->metric, sampler_median(s), s->count);
    reports++;
}

void report_mbs(struct bench_sampler *s)
{
    if (s->count == 0) {
        report_skip(s->metric, "no samples");
        return;
    }
    printf("BENCH %s %.1f MB/s n=%u\n", s->metric, sampler_median(s), s->count);
    reports++;
}

void report_skip(const char *metric, const char *reason)
{
    printf("BENCH %s skip %s\n", metric, reason);
    reports++;
}

/* A skip line naming the call that failed and its error. */
void report_error(const char *metric, const char *what, int error)
{
    printf("BENCH %s skip %s: %s\n", metric, what, strerror(error < 0 ? -error : error));
    reports++;
}
