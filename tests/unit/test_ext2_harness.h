/*
 * Shared helpers for the ext2 core's unit tests: images made with mke2fs in
 * a temporary directory, a device over the image file (or over memory) with
 * injectable failures, memcpy copy callbacks, and e2fsck as the oracle.
 * Include after the cmocka headers.
 */
#ifndef TEST_EXT2_HARNESS_H
#define TEST_EXT2_HARNESS_H

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../servers/ext2/ext2fs.h"

#define TEST_NOW 1700000000

/* A test image: a file in a temporary directory, or a memory copy. */
struct img {
    char dir[64];
    char path[96];
    int fd;
    uint8_t *mem; /* when not NULL, the device is this memory, not the file */
    struct ext2_dev dev;
    long reads, writes; /* device calls so far */
    long fail_read_at;  /* fail read number N (0-based) and after; -1: never */
    long fail_write_at;
    bool quiet;  /* do not print the core's log */
    int64_t now; /* the clock the core sees */
};

static inline int img_read(void *ctx, uint64_t off, void *buf, size_t len)
{
    struct img *im = ctx;
    if (im->fail_read_at >= 0 && im->reads >= im->fail_read_at)
        return -EIO;
    im->reads++;
    if (off > im->dev.size || len > im->dev.size - off)
        return -EIO;
    if (im->mem) {
        memcpy(buf, im->mem + off, len);
        return 0;
    }
    return pread(im->fd, buf, len, (off_t)off) == (ssize_t)len ? 0 : -EIO;
}

static inline int img_write(void *ctx, uint64_t off, const void *buf, size_t len)
{
    struct img *im = ctx;
    if (im->fail_write_at >= 0 && im->writes >= im->fail_write_at)
        return -EIO;
    im->writes++;
    if (off > im->dev.size || len > im->dev.size - off)
        return -EIO;
    if (im->mem) {
        memcpy(im->mem + off, buf, len);
        return 0;
    }
    return pwrite(im->fd, buf, len, (off_t)off) == (ssize_t)len ? 0 : -EIO;
}

static inline int64_t img_now(void *ctx)
{
    return ((struct img *)ctx)->now;
}

static inline void img_log(void *ctx, const char *msg)
{
    struct img *im = ctx;
    if (!im->quiet || getenv("EXT2_TEST_LOG"))
        fprintf(stderr, "    [%s]\n", msg);
}

/* Run a shell command; returns its exit status. */
static inline int run(const char *fmt, ...)
{
    char cmd[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    int status = system(cmd);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static inline void img_setup_dev(struct img *im, uint64_t size)
{
    im->dev = (struct ext2_dev){
        .ctx = im,
        .read = img_read,
        .write = img_write,
        .size = size,
        .now = img_now,
        .log = img_log,
    };
    im->fail_read_at = im->fail_write_at = -1;
    im->now = TEST_NOW;
}

/* Make an image of size_kib KiB with mke2fs options opts, populated from
 * directory populate (or empty when NULL). */
static inline void img_make(struct img *im, const char *opts, unsigned size_kib,
                            const char *populate)
{
    memset(im, 0, sizeof(*im));
    strcpy(im->dir, "/tmp/ext2test.XXXXXX");
    assert_non_null(mkdtemp(im->dir));
    snprintf(im->path, sizeof(im->path), "%s/img", im->dir);
    im->fd = open(im->path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    assert_true(im->fd >= 0);
    char populate_opt[160] = "";
    if (populate)
        snprintf(populate_opt, sizeof(populate_opt), "-d %s", populate);
    assert_int_equal(run("mke2fs -q -F -t ext2 %s %s %s %uk >/dev/null 2>&1", opts, populate_opt,
                         im->path, size_kib),
                     0);
    img_setup_dev(im, (uint64_t)size_kib * 1024);
}

/* e2fsck -fn on the image: 0 when clean. Prints its report otherwise. */
static inline int img_fsck(struct img *im)
{
    int status = run("e2fsck -fn %s >%s/fsck.out 2>&1", im->path, im->dir);
    if (status != 0)
        run("cat %s/fsck.out >&2", im->dir);
    return status;
}

static inline void img_destroy(struct img *im)
{
    if (im->fd > 0)
        close(im->fd);
    free(im->mem);
    run("rm -rf %s", im->dir);
}

static inline struct ext2_fs *img_mount(struct img *im, unsigned flags)
{
    struct ext2_fs *fs = NULL;
    int err = ext2_mount(&im->dev, flags, &fs);
    if (err != 0)
        fprintf(stderr, "mount failed: %d\n", err);
    assert_int_equal(err, 0);
    return fs;
}

/* The copy callbacks over a plain buffer. */
static inline int copy_out(void *ctx, size_t off, void *fsbuf, size_t n)
{
    memcpy((uint8_t *)ctx + off, fsbuf, n);
    return 0;
}

static inline int copy_in(void *ctx, size_t off, void *fsbuf, size_t n)
{
    memcpy(fsbuf, (const uint8_t *)ctx + off, n);
    return 0;
}

static inline ssize_t file_read(struct ext2_fs *fs, uint32_t ino, uint64_t off, void *buf,
                                size_t len)
{
    struct ext2_copy to = { .ctx = buf, .copy = copy_out };
    return ext2_read(fs, ino, off, len, &to);
}

static inline ssize_t file_write(struct ext2_fs *fs, uint32_t ino, uint64_t off, const void *buf,
                                 size_t len)
{
    struct ext2_copy from = { .ctx = (void *)buf, .copy = copy_in };
    return ext2_write(fs, ino, off, len, &from);
}

static const struct ext2_cred test_cred = { .uid = 1000, .gid = 100 };

/* Create a regular file in dir and write len bytes of buf to it. */
static inline uint32_t make_file(struct ext2_fs *fs, uint32_t dir, const char *name,
                                 const void *buf, size_t len)
{
    uint32_t ino = 0;
    assert_int_equal(ext2_create(fs, dir, name, 0644, &test_cred, &ino), 0);
    if (len > 0)
        assert_int_equal(file_write(fs, ino, 0, buf, len), (ssize_t)len);
    return ino;
}

/* A reproducible pattern: byte i of the stream seeded by seed. */
static inline uint8_t pattern_byte(uint32_t seed, uint64_t i)
{
    uint64_t x = (i + 1) * 0x9E3779B97F4A7C15ull ^ seed;
    x ^= x >> 29;
    return (uint8_t)(x * 0xBF58476D1CE4E5B9ull >> 56);
}

static inline void pattern_fill(uint8_t *buf, size_t len, uint32_t seed, uint64_t start)
{
    for (size_t i = 0; i < len; i++)
        buf[i] = pattern_byte(seed, start + i);
}

static inline struct ext2_statfs fs_stat(struct ext2_fs *fs)
{
    struct ext2_statfs st;
    assert_int_equal(ext2_statfs(fs, &st), 0);
    return st;
}

static inline struct ext2_attr attr_of(struct ext2_fs *fs, uint32_t ino)
{
    struct ext2_attr a;
    assert_int_equal(ext2_getattr(fs, ino, &a), 0);
    return a;
}

#endif
