/*
 * recovery (Ember only): how long a disk is gone when its driver dies, from
 * the driver's death to the next completed request, median over many kills.
 *
 * A round kills the driver of the -d directory's disk (-k LABEL) through
 * rs, as `service kill LABEL` does, and at once reads one 4 KiB block of a
 * file on that disk; the figure is the time from the kill request to the
 * read's completion: rs sees the death and starts the driver again from
 * its boot image, the driver finds its device again, and the file system,
 * whose request the dead driver never answered, sends it again to the new
 * instance.
 *
 * The read must reach the disk: the file is written, its cached blocks are
 * dropped (bench_drop_cache, as for seq_read), and the rounds read it in
 * 64 KiB steps (never the next block: sequential reads would read ahead),
 * never the same block twice.
 *
 * Before every kill the driver is left running for RECOVERY_SETTLE_MS: rs
 * restarts at once only a driver that was up for two seconds or answered a
 * heartbeat, and backs off on one that dies sooner, as in a crash loop
 * (servers/rs/service.c). The wait is not timed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <ember/endpoints.h>
#include <ember/ipc.h>
#include <ember/proto/rs.h>
#include <ember/sys.h>

#include "bench.h"

#define RECOVERY_STRIDE    (64u * 1024)
#define RECOVERY_FILE_SIZE (32u * RECOVERY_STRIDE) /* room for 32 rounds */
#define RECOVERY_BLOCK     4096u
#define RECOVERY_SETTLE_MS 2500u

static const struct bench_limits recovery_full = { 25, 21, 1, 120.0 };
static const struct bench_limits recovery_quick = { 3, 3, 1, 10.0 };

static char recovery_buffer[64 * 1024];

/* Ask rs to kill the service (RS_KILL): 0 or a negative errno value. */
static int rs_kill(const char *label)
{
    message m;
    int r;

    memset(&m, 0, sizeof(m));
    m.m_type = RS_KILL;
    if (strlen(label) >= RS_LABEL_MAX)
        return -EINVAL;
    strcpy(m.rs_req.label, label);
    if ((r = ipc_call(RS_EP, &m)) < 0)
        return r == -ECALLDENIED ? -EPERM : -EIO;
    return m.m_type;
}

static int write_probe_file(const char *path)
{
    int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    int rc = 0;

    if (fd < 0)
        return -errno;
    memset(recovery_buffer, 'r', sizeof(recovery_buffer));
    for (unsigned done = 0; done < RECOVERY_FILE_SIZE && rc == 0; done += sizeof(recovery_buffer))
        if (write(fd, recovery_buffer, sizeof(recovery_buffer)) != (ssize_t)sizeof(recovery_buffer))
            rc = -errno;
    if (rc == 0 && fsync(fd) < 0)
        rc = -errno;
    close(fd);
    return rc;
}

static void settle(void)
{
    struct timespec t = { RECOVERY_SETTLE_MS / 1000, (RECOVERY_SETTLE_MS % 1000) * 1000000L };

    while (nanosleep(&t, &t) < 0 && errno == EINTR)
        ;
}

/* One kill and the read after it; the time goes into the sampler. */
static int recovery_round(struct bench_sampler *s, int fd, const char *label, off_t offset)
{
    settle();
    uint64_t start = tsc_read();
    int rc = rs_kill(label);
    if (rc < 0)
        return rc;
    ssize_t n = pread(fd, recovery_buffer, RECOVERY_BLOCK, offset);
    uint64_t end = tsc_read();
    if (n != (ssize_t)RECOVERY_BLOCK)
        return n < 0 ? -errno : -EIO;
    sampler_add(s, (double)(end - start));
    return 0;
}

void bench_recovery(const struct bench_config *config)
{
    struct bench_sampler s;
    char path[BENCH_PATH_MAX];
    const char *failed = "write the probe file";
    off_t offset = 0;
    int fd, rc;

    if (!config->driver) {
        report_skip("recovery", "no disk driver to kill (-k LABEL not given)");
        return;
    }
    if (sampler_init(&s, "recovery", config, &recovery_full, &recovery_quick) < 0) {
        report_error("recovery", "malloc", ENOMEM);
        return;
    }
    bench_path(path, config, "bench-recovery");
    if ((rc = write_probe_file(path)) == 0 && (rc = bench_drop_cache(path)) < 0)
        failed = "drop the probe file's cached blocks";
    if (rc == 0) {
        failed = "open the probe file";
        if ((fd = open(path, O_RDONLY)) < 0) {
            rc = -errno;
        } else {
            failed = "kill the driver, then read";
            while (rc == 0 && sampler_more(&s) && offset < RECOVERY_FILE_SIZE) {
                rc = recovery_round(&s, fd, config->driver, offset);
                offset += RECOVERY_STRIDE;
            }
            close(fd);
        }
    }
    unlink(path);
    if (rc < 0)
        report_error("recovery", failed, rc);
    else
        report_ticks(&s);
    sampler_free(&s);
}
