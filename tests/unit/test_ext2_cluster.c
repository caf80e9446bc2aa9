/*
 * ext2 core: the block cache's clustered transfers. A file written in
 * order reaches the device in multi-block requests, at sync and when the
 * cache evicts; a file read in order is read ahead; a scattered reader gets
 * no read-ahead; and whatever the path, the contents survive a remount and
 * e2fsck finds the image clean. The device counts its calls (img.reads,
 * img.writes), which is what the clusters save.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_ext2_harness.h"

#define FILE_BLOCKS 512

/* Write a file of FILE_BLOCKS blocks in order, in 3-block chunks. */
static uint32_t write_in_order(struct ext2_fs *fs, uint32_t bs, uint8_t *buf)
{
    size_t len = (size_t)FILE_BLOCKS * bs;
    uint32_t ino = make_file(fs, EXT2_ROOT_INO, "big", NULL, 0);

    pattern_fill(buf, len, 7, 0);
    for (size_t done = 0; done < len;) {
        size_t n = len - done < 3 * bs ? len - done : 3 * bs;
        assert_int_equal(file_write(fs, ino, done, buf + done, n), (ssize_t)n);
        done += n;
    }
    return ino;
}

static uint32_t lookup_big(struct ext2_fs *fs)
{
    uint32_t ino = 0;

    assert_int_equal(ext2_lookup(fs, EXT2_ROOT_INO, "big", &ino), 0);
    return ino;
}

/* Written in order and synced: far fewer device writes than blocks. */
static void clustered(const char *opts, uint32_t bs, uint32_t cache_blocks)
{
    size_t len = (size_t)FILE_BLOCKS * bs;
    uint8_t *buf = malloc(len), *got = malloc(len);
    struct img im;

    img_make(&im, opts, 16384, NULL);
    im.dev.cache_blocks = cache_blocks;
    struct ext2_fs *fs = img_mount(&im, 0);
    long writes = im.writes;
    uint32_t ino = write_in_order(fs, bs, buf);
    assert_int_equal(ext2_sync(fs), 0);
    long written = im.writes - writes;
    assert_true(written < FILE_BLOCKS / 4);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);

    fs = img_mount(&im, 0);
    ino = lookup_big(fs);
    long reads = im.reads;
    for (size_t done = 0; done < len; done += bs)
        assert_int_equal(file_read(fs, ino, done, got + done, bs), (ssize_t)bs);
    assert_true(im.reads - reads < FILE_BLOCKS / 4);
    assert_memory_equal(got, buf, len);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
    free(buf);
    free(got);
}

static void clustered_1k(void **state)
{
    (void)state;
    clustered("-b 1024", 1024, 0);
}

static void clustered_4k(void **state)
{
    (void)state;
    clustered("-b 4096", 4096, 0);
}

/* A cache much smaller than the file: write-back happens at eviction. */
static void clustered_small_cache(void **state)
{
    (void)state;
    clustered("-b 4096", 4096, 64);
}

/* Blocks read in a scattered order are each read once, without read-ahead. */
static void scattered_reads_read_no_more(void **state)
{
    uint32_t bs = 4096;
    size_t len = (size_t)FILE_BLOCKS * bs;
    uint8_t *buf = malloc(len), *got = malloc(bs);
    struct img im;
    (void)state;

    img_make(&im, "-b 4096", 16384, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    write_in_order(fs, bs, buf);
    assert_int_equal(ext2_unmount(fs), 0);
    fs = img_mount(&im, 0);
    uint32_t ino = lookup_big(fs);
    long reads = im.reads;
    int blocks = 0;
    for (uint32_t i = 0; i < FILE_BLOCKS; i += 37, blocks++) {
        uint32_t b = (i * 7) % FILE_BLOCKS;
        assert_int_equal(file_read(fs, ino, (uint64_t)b * bs, got, bs), (ssize_t)bs);
        assert_memory_equal(got, buf + (size_t)b * bs, bs);
    }
    /* One read per data block, plus the few map blocks. */
    assert_true(im.reads - reads <= blocks + 4);
    assert_int_equal(ext2_unmount(fs), 0);
    img_destroy(&im);
    free(buf);
    free(got);
}

/* A failing device in the middle of a cluster: the clean blocks still get
 * written, sync reports the error, and nothing is lost once it works. */
static void cluster_write_failure(void **state)
{
    uint32_t bs = 4096;
    size_t len = (size_t)FILE_BLOCKS * bs;
    uint8_t *buf = malloc(len), *got = malloc(len);
    struct img im;
    (void)state;

    img_make(&im, "-b 4096", 16384, NULL);
    im.quiet = true;
    struct ext2_fs *fs = img_mount(&im, 0);
    uint32_t ino = write_in_order(fs, bs, buf);
    im.fail_write_at = im.writes;
    assert_int_not_equal(ext2_sync(fs), 0);
    im.fail_write_at = -1;
    assert_int_equal(ext2_sync(fs), 0);
    assert_int_equal(file_read(fs, ino, 0, got, len), (ssize_t)len);
    assert_memory_equal(got, buf, len);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
    free(buf);
    free(got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(clustered_1k),          cmocka_unit_test(clustered_4k),
        cmocka_unit_test(clustered_small_cache), cmocka_unit_test(scattered_reads_read_no_more),
        cmocka_unit_test(cluster_write_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
