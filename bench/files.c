/*
 * File-system metadata metrics, all under the -d directory: creating and
 * deleting one empty file, creating then deleting a directory of small
 * files, and stat() on a path of five components.
 *
 * The many-files rounds time creation and deletion separately in one loop,
 * so one round yields a sample of each and the directory is empty between
 * rounds; the figures are per file.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "bench.h"

#define SMALL_FILE_SIZE  1024
#define MANY_FILES_FULL  1000
#define MANY_FILES_QUICK 100

static const struct bench_limits create_full = { 1000, 10, 1, 4.0 };
static const struct bench_limits create_quick = { 20, 3, 1, 0.3 };
static const struct bench_limits many_full = { 20, 3, 1, 15.0 };
static const struct bench_limits many_quick = { 2, 1, 1, 0.5 };
static const struct bench_limits stat_full = { 2000, 10, 20, 3.0 };
static const struct bench_limits stat_quick = { 30, 3, 20, 0.3 };

void bench_path(char *out, const struct bench_config *config, const char *name)
{
    snprintf(out, BENCH_PATH_MAX, "%s/%s", config->dir, name);
}

static int op_create_delete(void *state)
{
    const char *path = state;
    int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644);

    if (fd < 0)
        return -errno;
    if (close(fd) < 0 || unlink(path) < 0)
        return -errno;
    return 0;
}

void bench_file_create_delete(const struct bench_config *config)
{
    struct bench_sampler s;
    char path[BENCH_PATH_MAX];
    int rc;

    bench_path(path, config, "bench-file");
    unlink(path);
    if (sampler_init(&s, "file_create_delete", config, &create_full, &create_quick) < 0) {
        report_error("file_create_delete", "malloc", ENOMEM);
        return;
    }
    rc = sample_ops(&s, op_create_delete, path);
    if (rc < 0)
        report_error(s.metric, path, rc);
    else
        report_ticks(&s);
    sampler_free(&s);
}

/* The name of the index'th small file: dir/fNNNN. */
static int small_file_path(char *out, const char *dir, unsigned index)
{
    int n = snprintf(out, BENCH_PATH_MAX, "%s/f%04u", dir, index);

    return n < BENCH_PATH_MAX ? 0 : -ENAMETOOLONG;
}

/* Create count files of SMALL_FILE_SIZE bytes named dir/fNNNN. */
static int create_files(const char *dir, unsigned count)
{
    static char contents[SMALL_FILE_SIZE];
    char path[BENCH_PATH_MAX];

    memset(contents, 'f', sizeof(contents));
    for (unsigned i = 0; i < count; i++) {
        if (small_file_path(path, dir, i) < 0)
            return -ENAMETOOLONG;
        int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644);
        if (fd < 0)
            return -errno;
        ssize_t n = write(fd, contents, sizeof(contents));
        int error = n < 0 ? errno : EIO;
        close(fd);
        if (n != (ssize_t)sizeof(contents))
            return -error;
    }
    return 0;
}

/* Delete dir/f0000 .. dir/fNNNN; keep going past missing files. */
static int delete_files(const char *dir, unsigned count)
{
    char path[BENCH_PATH_MAX];
    int rc = 0;

    for (unsigned i = 0; i < count; i++) {
        if (small_file_path(path, dir, i) < 0)
            return -ENAMETOOLONG;
        if (unlink(path) < 0 && rc == 0)
            rc = -errno;
    }
    return rc;
}

/* One round: time the creation, then the deletion, of count files. */
static int many_files_round(const char *dir, unsigned count, struct bench_sampler *create,
                            struct bench_sampler *delete)
{
    uint64_t start = tsc_read();
    int rc = create_files(dir, count);
    uint64_t created = tsc_read();

    if (rc < 0) {
        delete_files(dir, count);
        return rc;
    }
    rc = delete_files(dir, count);
    if (rc < 0)
        return rc;
    sampler_add(create, (double)(created - start) / count);
    sampler_add(delete, (double)(tsc_read() - created) / count);
    return 0;
}

void bench_many_files(const struct bench_config *config)
{
    struct bench_sampler create = { 0 }, delete = { 0 };
    unsigned count = config->quick ? MANY_FILES_QUICK : MANY_FILES_FULL;
    char dir[BENCH_PATH_MAX];
    int rc = 0;

    bench_path(dir, config, "bench-files");
    delete_files(dir, count);
    if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
        report_error("create_files", dir, errno);
        report_error("delete_files", dir, errno);
        return;
    }
    if (sampler_init(&create, "create_files", config, &many_full, &many_quick) < 0 ||
        sampler_init(&delete, "delete_files", config, &many_full, &many_quick) < 0)
        rc = -ENOMEM;
    while (rc == 0 && sampler_more(&create))
        rc = many_files_round(dir, count, &create, &delete);
    if (rc < 0) {
        report_error("create_files", dir, rc);
        report_error("delete_files", dir, rc);
    } else {
        report_ticks(&create);
        report_ticks(&delete);
    }
    sampler_free(&create);
    sampler_free(&delete);
    rmdir(dir);
}

static const char *const stat_dirs[] = { "bench-stat", "bench-stat/two", "bench-stat/two/three" };
#define STAT_DEPTH (sizeof(stat_dirs) / sizeof(stat_dirs[0]))

/* Make dir/bench-stat/two/three/four: five components when dir has one. */
static int stat_path_make(const struct bench_config *config, char *file)
{
    char path[BENCH_PATH_MAX];
    int fd;

    bench_path(file, config, "bench-stat/two/three/four");
    for (unsigned i = 0; i < STAT_DEPTH; i++) {
        bench_path(path, config, stat_dirs[i]);
        if (mkdir(path, 0755) < 0 && errno != EEXIST)
            return -errno;
    }
    fd = open(file, O_CREAT | O_WRONLY, 0644);
    if (fd < 0)
        return -errno;
    close(fd);
    return 0;
}

static void stat_path_remove(const struct bench_config *config, const char *file)
{
    char path[BENCH_PATH_MAX];

    unlink(file);
    for (unsigned i = STAT_DEPTH; i-- > 0;) {
        bench_path(path, config, stat_dirs[i]);
        rmdir(path);
    }
}

static int op_stat(void *state)
{
    struct stat st;

    return stat(state, &st) < 0 ? -errno : 0;
}

void bench_stat_path5(const struct bench_config *config)
{
    struct bench_sampler s;
    char file[BENCH_PATH_MAX];
    int rc = stat_path_make(config, file);

    if (rc < 0) {
        report_error("stat_path5", "mkdir or create", rc);
    } else if (sampler_init(&s, "stat_path5", config, &stat_full, &stat_quick) < 0) {
        report_error("stat_path5", "malloc", ENOMEM);
    } else {
        rc = sample_ops(&s, op_stat, file);
        if (rc < 0)
            report_error(s.metric, file, rc);
        else
            report_ticks(&s);
        sampler_free(&s);
    }
    stat_path_remove(config, file);
}
