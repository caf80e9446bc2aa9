/*
 * The benchmark program's shared declarations: the run's configuration, the
 * repetition limits of a metric, and the sampler every metric reports
 * through (sample.c). The metrics themselves live in proc.c, pipe.c,
 * files.c and net.c; main.c keeps the table of them.
 */
#ifndef BENCH_BENCH_H
#define BENCH_BENCH_H

#include <stddef.h>
#include <stdint.h>

/* What the command line chose, shared by every metric. */
struct bench_config {
    const char *dir;       /* directory for the file tests (-d) */
    const char *true_path; /* the program fork+exec runs (-x) */
    const char *host;      /* the host's TCP peer, ADDRESS:PORT (-H), or NULL */
    const char *driver;    /* the label of the -d disk's driver (-k), or NULL */
    int quick;             /* -q: few repetitions, small sizes */
    double tsc_hz;         /* calibrated TSC frequency */
};

/*
 * How long a metric repeats: at most max_samples samples or seconds of
 * (guest) time, whichever ends first, but at least min_samples. A sample
 * times batch operations and records their mean.
 */
struct bench_limits {
    unsigned max_samples;
    unsigned min_samples;
    unsigned batch;
    double seconds;
};

/* One operation of a metric: returns 0, or a negative errno value. */
typedef int (*bench_op)(void *state);

/* The samples of one metric, in TSC ticks per operation or MB/s. */
struct bench_sampler {
    const char *metric;
    const struct bench_config *config;
    struct bench_limits limits;
    unsigned ops_per_call; /* operations one call of the op performs */
    double *values;
    unsigned count;
    uint64_t start_tsc;
};

/* sample.c: the clock. */
uint64_t tsc_read(void);
double tsc_calibrate(unsigned milliseconds);

/* sample.c: repetition and the median. */
int sampler_init(struct bench_sampler *s, const char *metric, const struct bench_config *config,
                 const struct bench_limits *full, const struct bench_limits *quick);
int sampler_more(const struct bench_sampler *s);
void sampler_add(struct bench_sampler *s, double value);
void sampler_add_rate(struct bench_sampler *s, uint64_t bytes, uint64_t ticks);
void sampler_free(struct bench_sampler *s);
int sample_ops(struct bench_sampler *s, bench_op op, void *state);
int sample_throughput(struct bench_sampler *s, bench_op op, void *state, uint64_t bytes);

/* sample.c: the output lines, and how many figure or skip lines so far. */
unsigned report_count(void);
void report_ticks(struct bench_sampler *s);
void report_mbs(struct bench_sampler *s);
void report_skip(const char *metric, const char *reason);
void report_error(const char *metric, const char *what, int error);

/* The metrics; each prints its BENCH lines (main.c's table names them). */
void bench_null_syscall(const struct bench_config *config);
void bench_fork_exit_wait(const struct bench_config *config);
void bench_fork_exec_wait(const struct bench_config *config);
void bench_spawn_sh(const struct bench_config *config);
void bench_pipe_pingpong(const struct bench_config *config);
void bench_select_pipe(const struct bench_config *config);
void bench_file_create_delete(const struct bench_config *config);
void bench_many_files(const struct bench_config *config);
void bench_stat_path5(const struct bench_config *config);
void bench_sequential_io(const struct bench_config *config);
void bench_tcp_rtt(const struct bench_config *config);
void bench_tcp_bulk(const struct bench_config *config);
void bench_tcp_host_rtt(const struct bench_config *config);
void bench_tcp_host_bulk(const struct bench_config *config);
void bench_recovery(const struct bench_config *config);

/* proc.c: helpers the other metrics share. */
int child_wait(int pid);
void child_stop(int pid);
int child_wait_for(int pid, unsigned seconds);

/* files.c: a path under the file-test directory. */
#define BENCH_PATH_MAX 512
void bench_path(char *out, const struct bench_config *config, const char *name);

/* seqio.c: make the system forget a file's cached blocks: 0 or -errno. */
int bench_drop_cache(const char *path);

#endif
