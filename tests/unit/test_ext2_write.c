/*
 * ext2 core: writing and allocating. Files across the direct, indirect,
 * double and triple indirect ranges, random overwrites against a model,
 * a small cache forcing write-back, filling the disk and deleting it all
 * again, the size limits, and device write and read failures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_ext2_harness.h"

static void check_contents(struct ext2_fs *fs, uint32_t ino, const uint8_t *want, size_t len)
{
    uint8_t *got = malloc(len + 1);
    assert_int_equal(file_read(fs, ino, 0, got, len + 1), (ssize_t)len);
    assert_memory_equal(got, want, len);
    free(got);
}

/* Files ending at each edge of the block map, written in odd chunks. */
static void sizes_round_trip(const char *opts, uint32_t bs)
{
    uint64_t p = bs / 4;
    size_t sizes[] = { 0,
                       1,
                       bs - 1,
                       bs,
                       bs + 1,
                       12 * bs,
                       12 * bs + 1,
                       (12 + p) * bs,
                       (12 + p) * bs + 1,
                       3 * 1024 * 1024 + 7 };
    enum { NFILES = sizeof(sizes) / sizeof(sizes[0]) };
    uint32_t inos[NFILES];
    struct img im;
    img_make(&im, opts, 32768, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    size_t largest = 0;
    for (int i = 0; i < NFILES; i++)
        largest = sizes[i] > largest ? sizes[i] : largest;
    uint8_t *buf = malloc(largest);
    for (int i = 0; i < NFILES; i++) {
        char name[32];
        snprintf(name, sizeof(name), "file%d", i);
        pattern_fill(buf, sizes[i], i, 0);
        assert_int_equal(ext2_create(fs, EXT2_ROOT_INO, name, 0644, &test_cred, &inos[i]), 0);
        for (size_t done = 0; done < sizes[i];) {
            size_t n = sizes[i] - done < 777 + done % 5000 ? sizes[i] - done : 777 + done % 5000;
            assert_int_equal(file_write(fs, inos[i], done, buf + done, n), (ssize_t)n);
            done += n;
        }
        check_contents(fs, inos[i], buf, sizes[i]);
    }
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    fs = img_mount(&im, 0);
    for (int i = 0; i < NFILES; i++) {
        pattern_fill(buf, sizes[i], i, 0);
        check_contents(fs, inos[i], buf, sizes[i]);
        struct ext2_attr a = attr_of(fs, inos[i]);
        assert_int_equal(a.size, sizes[i]);
        assert_int_equal(a.uid, test_cred.uid);
        assert_int_equal(a.gid, test_cred.gid);
        assert_int_equal(a.mode, EXT2_S_IFREG | 0644);
        assert_int_equal(a.mtime, TEST_NOW);
    }
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    free(buf);
    img_destroy(&im);
}

static void sizes_1k(void **state)
{
    (void)state;
    sizes_round_trip("-b 1024", 1024);
}

static void sizes_4k(void **state)
{
    (void)state;
    sizes_round_trip("-b 4096", 4096);
}

static void sizes_2k_revision_0(void **state)
{
    (void)state;
    sizes_round_trip("-b 2048 -r 0", 2048);
}

/* Random overwrites of one file, compared with a model, through a cache
 * of the minimum size so blocks are written back and read again. */
static void random_writes_match_model(void **state)
{
    enum { SPAN = 3 * 1024 * 1024, ROUNDS = 300 };
    struct img im;
    uint32_t ino;
    (void)state;
    img_make(&im, "-b 1024", 16384, NULL);
    im.dev.cache_blocks = 1; /* raised to the minimum */
    struct ext2_fs *fs = img_mount(&im, 0);
    uint8_t *model = calloc(1, SPAN), *chunk = malloc(65536);
    uint64_t size = 0;
    srand(7);
    ino = make_file(fs, EXT2_ROOT_INO, "model", NULL, 0);
    for (int i = 0; i < ROUNDS; i++) {
        size_t off = (size_t)rand() % (SPAN - 65536), len = 1 + (size_t)rand() % 65535;
        pattern_fill(chunk, len, (uint32_t)i, 0);
        assert_int_equal(file_write(fs, ino, off, chunk, len), (ssize_t)len);
        memcpy(model + off, chunk, len);
        if (off + len > size)
            size = off + len;
    }
    check_contents(fs, ino, model, size);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    fs = img_mount(&im, 0);
    check_contents(fs, ino, model, size);
    assert_int_equal(ext2_unmount(fs), 0);
    free(model);
    free(chunk);
    img_destroy(&im);
}

/* One byte far out: the triple indirect range, a sparse file. */
static void triple_indirect(const char *opts, uint32_t bs, uint32_t image_kib)
{
    uint64_t p = bs / 4;
    uint64_t offsets[] = { (12 + p + p * p) * bs + 5, (12 + p + 3) * bs, (12 + 5) * bs };
    struct img im;
    img_make(&im, opts, image_kib, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    struct ext2_statfs before = fs_stat(fs);
    uint32_t ino = make_file(fs, EXT2_ROOT_INO, "far", NULL, 0);
    for (int i = 0; i < 3; i++)
        assert_int_equal(file_write(fs, ino, offsets[i], "x", 1), 1);
    /* tind + dind + ind + data, then dind + ind + data, then ind + data */
    struct ext2_attr a = attr_of(fs, ino);
    assert_int_equal(a.blocks, 9 * (bs / 512));
    assert_int_equal(a.size, offsets[0] + 1);
    assert_int_equal(before.free_blocks - fs_stat(fs).free_blocks, 9);
    uint8_t buf[256] = { 1 };
    assert_int_equal(file_read(fs, ino, offsets[0] - 100, buf, 101), 101);
    for (int i = 0; i < 100; i++)
        assert_int_equal(buf[i], 0);
    assert_int_equal(buf[100], 'x');
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    fs = img_mount(&im, 0);
    assert_int_equal(ext2_unlink(fs, EXT2_ROOT_INO, "far"), 0);
    assert_int_equal(fs_stat(fs).free_blocks, before.free_blocks);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
}

static void triple_indirect_1k(void **state)
{
    (void)state;
    triple_indirect("-b 1024", 1024, 8192);
}

/* 4 KiB blocks reach the triple indirect range past 4 GiB: the image
 * starts without large_file, and the write sets it. */
static void triple_indirect_4k_sets_large_file(void **state)
{
    (void)state;
    triple_indirect("-b 4096 -O ^large_file", 4096, 16384);
}

static void size_limits(void **state)
{
    struct img im;
    uint32_t ino;
    (void)state;
    img_make(&im, "-b 1024 -r 0", 4096, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    ino = make_file(fs, EXT2_ROOT_INO, "f", NULL, 0);
    assert_int_equal(file_write(fs, ino, INT32_MAX, "ab", 2), -EFBIG);
    assert_int_equal(file_write(fs, ino, INT32_MAX - 1, "ab", 2), 1); /* cut at the limit */
    struct ext2_attr_change ch = { .mask = EXT2_SET_SIZE, .size = (uint64_t)INT32_MAX + 1 };
    assert_int_equal(ext2_setattr(fs, ino, &ch), -EFBIG);
    assert_int_equal(file_write(fs, ino, 0, "", 0), 0);
    assert_int_equal(file_write(fs, EXT2_ROOT_INO, 0, "a", 1), -EISDIR);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
}

/* Write until the disk is full, check, then delete everything: the free
 * counts must come back to where they started. */
static void fill_then_delete(const char *opts, unsigned kib)
{
    enum { CHUNK = 100000 };
    struct img im;
    img_make(&im, opts, kib, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    struct ext2_statfs start = fs_stat(fs);
    uint8_t *buf = malloc(CHUNK);
    pattern_fill(buf, CHUNK, 9, 0);
    int files = 0;
    bool full = false;
    while (!full) {
        char name[32];
        uint32_t ino;
        snprintf(name, sizeof(name), "fill%d", files++);
        int err = ext2_create(fs, EXT2_ROOT_INO, name, 0600, &test_cred, &ino);
        if (err == -ENOSPC)
            break;
        assert_int_equal(err, 0);
        for (int i = 0; i < 1 + files % 7 && !full; i++) {
            ssize_t n = file_write(fs, ino, (uint64_t)i * CHUNK, buf, CHUNK);
            full = n != CHUNK;
            assert_true(n == CHUNK || n == -ENOSPC || (n > 0 && n < CHUNK));
        }
    }
    assert_true(fs_stat(fs).free_blocks < 4); /* a branch may need more than is left */
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    fs = img_mount(&im, 0);
    for (int i = 0; i < files; i++) {
        char name[32];
        snprintf(name, sizeof(name), "fill%d", i);
        int err = ext2_unlink(fs, EXT2_ROOT_INO, name);
        assert_true(err == 0 || err == -ENOENT);
    }
    struct ext2_statfs end = fs_stat(fs);
    assert_int_equal(end.free_inodes, start.free_inodes);
    /* the root directory may have grown by a few blocks */
    assert_true(start.free_blocks - end.free_blocks <= 8);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    free(buf);
    img_destroy(&im);
}

static void fill_then_delete_1k(void **state)
{
    (void)state;
    fill_then_delete("-b 1024", 3000);
}

static void fill_then_delete_4k(void **state)
{
    (void)state;
    fill_then_delete("-b 4096 -N 64", 8192);
}

/* Sequential writes of several files are each contiguous. */
static void files_are_contiguous(void **state)
{
    struct img im;
    (void)state;
    img_make(&im, "-b 1024", 16384, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    uint8_t *buf = malloc(500000);
    pattern_fill(buf, 500000, 5, 0);
    for (int i = 0; i < 5; i++) {
        char name[16];
        snprintf(name, sizeof(name), "seq%d", i);
        uint32_t ino = make_file(fs, EXT2_ROOT_INO, name, NULL, 0);
        for (size_t off = 0; off < 500000; off += 4000)
            assert_int_equal(file_write(fs, ino, off, buf + off, 4000), 4000);
    }
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    assert_int_equal(run("grep -q '(0.0%% non-contiguous)' %s/fsck.out", im.dir), 0);
    free(buf);
    img_destroy(&im);
}

/* Device writes fail: the cache keeps the blocks dirty, sync reports
 * -EIO, and once the device works again a sync writes a clean image. */
static void write_failures_retry(void **state)
{
    struct img im;
    (void)state;
    img_make(&im, "-b 1024", 8192, NULL);
    im.quiet = true;
    im.dev.cache_blocks = 64;
    struct ext2_fs *fs = img_mount(&im, 0);
    uint8_t buf[5000];
    pattern_fill(buf, sizeof(buf), 3, 0);
    im.fail_write_at = im.writes; /* from now on */
    int made = 0, err = 0;
    for (; made < 200 && err == 0; made++) {
        char name[16];
        uint32_t ino;
        snprintf(name, sizeof(name), "w%d", made);
        err = ext2_create(fs, EXT2_ROOT_INO, name, 0600, &test_cred, &ino);
        if (err == 0) {
            ssize_t n = file_write(fs, ino, 0, buf, sizeof(buf));
            err = n == (ssize_t)sizeof(buf) ? 0 : (int)n;
        }
    }
    /* The cache filled with unwritable blocks: an error, or a short write. */
    assert_true(err == -EIO || (err > 0 && err < (int)sizeof(buf)));
    assert_int_equal(ext2_sync(fs), -EIO);
    im.fail_write_at = -1;
    assert_int_equal(ext2_sync(fs), 0);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
}

/* Device reads fail: every call that needs the disk returns -EIO. */
static void read_failures_are_eio(void **state)
{
    struct img im;
    uint32_t ino, other;
    uint8_t buf[3000];
    (void)state;
    img_make(&im, "-b 1024", 8192, NULL);
    im.quiet = true;
    struct ext2_fs *fs = img_mount(&im, 0);
    pattern_fill(buf, sizeof(buf), 4, 0);
    ino = make_file(fs, EXT2_ROOT_INO, "f", buf, sizeof(buf));
    assert_int_equal(ext2_unmount(fs), 0);
    fs = img_mount(&im, 0);
    im.fail_read_at = im.reads;
    assert_int_equal(ext2_lookup(fs, EXT2_ROOT_INO, "f", &other), -EIO);
    assert_int_equal(file_read(fs, ino, 0, buf, sizeof(buf)), -EIO);
    assert_int_equal(ext2_create(fs, EXT2_ROOT_INO, "g", 0600, &test_cred, &other), -EIO);
    assert_int_equal(ext2_unlink(fs, EXT2_ROOT_INO, "f"), -EIO);
    im.fail_read_at = -1;
    assert_int_equal(ext2_lookup(fs, EXT2_ROOT_INO, "f", &other), 0);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    assert_int_equal(ext2_mount(&im.dev, 0, &fs), 0);
    im.fail_read_at = 0;
    im.reads = 0;
    assert_int_equal(ext2_unmount(fs), 0);
    im.fail_read_at = -1;
    img_destroy(&im);
}

/* Mount fails cleanly when the device cannot be read. */
static void mount_read_failure(void **state)
{
    struct img im;
    struct ext2_fs *fs;
    (void)state;
    img_make(&im, "-b 4096", 8192, NULL);
    im.quiet = true;
    for (long n = 0; n < 3; n++) {
        im.reads = 0;
        im.fail_read_at = n;
        assert_int_equal(ext2_mount(&im.dev, 0, &fs), -EIO);
    }
    im.fail_read_at = -1;
    im.fail_write_at = 0;
    assert_int_equal(ext2_mount(&im.dev, 0, &fs), -EIO); /* cannot mark it in use */
    im.fail_write_at = -1;
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sizes_1k),
        cmocka_unit_test(sizes_4k),
        cmocka_unit_test(sizes_2k_revision_0),
        cmocka_unit_test(random_writes_match_model),
        cmocka_unit_test(triple_indirect_1k),
        cmocka_unit_test(triple_indirect_4k_sets_large_file),
        cmocka_unit_test(size_limits),
        cmocka_unit_test(fill_then_delete_1k),
        cmocka_unit_test(fill_then_delete_4k),
        cmocka_unit_test(files_are_contiguous),
        cmocka_unit_test(write_failures_retry),
        cmocka_unit_test(read_failures_are_eio),
        cmocka_unit_test(mount_read_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
