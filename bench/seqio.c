/*
 * Sequential file I/O under the -d directory, in 64 KiB calls.
 *
 * A round writes a file of 64 MiB (4 MiB in quick mode) and fsyncs it
 * (seq_write), asks the system to drop the file's cached pages with
 * posix_fadvise(POSIX_FADV_DONTNEED) and reads it back from the disk
 * (seq_read), then reads it again from whatever cache the system keeps
 * (seq_reread). A system without posix_fadvise (Ember) drops the cache with
 * the command in $BENCH_DROP_CACHE instead: its bench-boot sets one that
 * unmounts the disk and mounts it again, which empties the file system's
 * block cache (untimed, like the fadvise). A system that can do neither
 * gets seq_read skipped rather than a cached figure under the cold name.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define SEQ_CHUNK      (64 * 1024)
#define SEQ_SIZE_FULL  (64ull * 1024 * 1024)
#define SEQ_SIZE_QUICK (4ull * 1024 * 1024)

static const struct bench_limits seq_full = { 5, 2, 1, 25.0 };
static const struct bench_limits seq_quick = { 1, 1, 1, 1.0 };

static char seq_buffer[SEQ_CHUNK];

struct seq_samplers {
    struct bench_sampler write, read, reread;
    int drop_error; /* why the cache could not be dropped, or 0 */
};

static int write_file(const char *path, uint64_t size)
{
    int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    int rc = 0;

    if (fd < 0)
        return -errno;
    for (uint64_t done = 0; done < size && rc == 0; done += SEQ_CHUNK) {
        ssize_t n = write(fd, seq_buffer, SEQ_CHUNK);
        if (n != SEQ_CHUNK)
            rc = n < 0 ? -errno : -EIO;
    }
    if (rc == 0 && fsync(fd) < 0)
        rc = -errno;
    if (close(fd) < 0 && rc == 0)
        rc = -errno;
    return rc;
}

static int read_file(const char *path, uint64_t size)
{
    int fd = open(path, O_RDONLY);
    uint64_t done = 0;
    ssize_t n;

    if (fd < 0)
        return -errno;
    while ((n = read(fd, seq_buffer, SEQ_CHUNK)) > 0)
        done += (uint64_t)n;
    int error = n < 0 ? errno : EIO;
    close(fd);
    return done == size ? 0 : -error;
}

/* Ask the system to forget the file's cached pages: 0 or -errno. */
static int fadvise_dontneed(const char *path)
{
#ifdef POSIX_FADV_DONTNEED
    int fd = open(path, O_RDONLY);
    int rc;

    if (fd < 0)
        return -errno;
    rc = -posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    close(fd);
    return rc;
#else
    (void)path;
    return -ENOSYS;
#endif
}

int bench_drop_cache(const char *path)
{
    static int said;
    const char *command = getenv("BENCH_DROP_CACHE");
    int rc = fadvise_dontneed(path);

    if (rc == 0 || !command || !*command)
        return rc;
    if (!said++)
        printf("BENCH-NOTE caches dropped with BENCH_DROP_CACHE: %s\n", command);
    fflush(stdout);
    int status = system(command);
    if (status < 0)
        return -errno;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -EIO;
}

/* Time a write, a cold read and a warm read of one file of size bytes. */
static int seq_round(const char *path, uint64_t size, struct seq_samplers *ss)
{
    uint64_t start = tsc_read();
    int rc = write_file(path, size);

    if (rc < 0)
        return rc;
    sampler_add_rate(&ss->write, size, tsc_read() - start);
    ss->drop_error = bench_drop_cache(path);
    if (ss->drop_error == 0) {
        start = tsc_read();
        if ((rc = read_file(path, size)) < 0)
            return rc;
        sampler_add_rate(&ss->read, size, tsc_read() - start);
    }
    start = tsc_read();
    if ((rc = read_file(path, size)) < 0)
        return rc;
    sampler_add_rate(&ss->reread, size, tsc_read() - start);
    return unlink(path) < 0 ? -errno : 0;
}

static void seq_report(struct seq_samplers *ss, const char *path, int rc)
{
    if (rc < 0) {
        report_error("seq_write", path, rc);
        report_error("seq_read", path, rc);
        report_error("seq_reread", path, rc);
        return;
    }
    report_mbs(&ss->write);
    if (ss->drop_error)
        report_error("seq_read",
                     "cannot drop the cache (posix_fadvise DONTNEED, $BENCH_DROP_CACHE)",
                     ss->drop_error);
    else
        report_mbs(&ss->read);
    report_mbs(&ss->reread);
}

void bench_sequential_io(const struct bench_config *config)
{
    struct seq_samplers ss = { 0 };
    uint64_t size = config->quick ? SEQ_SIZE_QUICK : SEQ_SIZE_FULL;
    char path[BENCH_PATH_MAX];
    int rc = 0;

    bench_path(path, config, "bench-seq");
    memset(seq_buffer, 's', sizeof(seq_buffer));
    if (sampler_init(&ss.write, "seq_write", config, &seq_full, &seq_quick) < 0 ||
        sampler_init(&ss.read, "seq_read", config, &seq_full, &seq_quick) < 0 ||
        sampler_init(&ss.reread, "seq_reread", config, &seq_full, &seq_quick) < 0)
        rc = -ENOMEM;
    while (rc == 0 && sampler_more(&ss.write))
        rc = seq_round(path, size, &ss);
    unlink(path);
    seq_report(&ss, path, rc);
    sampler_free(&ss.write);
    sampler_free(&ss.read);
    sampler_free(&ss.reread);
}
