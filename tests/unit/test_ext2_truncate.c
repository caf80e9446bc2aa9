/*
 * ext2 core: truncation and holes. Cutting a file at each level of the
 * block map gives back exactly the blocks it should; bytes past a cut read
 * as zeros when the file grows again; holes read as zeros and own no
 * blocks; attribute changes and their times.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_ext2_harness.h"

#define ROOT EXT2_ROOT_INO

static int set_size(struct ext2_fs *fs, uint32_t ino, uint64_t size)
{
    struct ext2_attr_change ch = { .mask = EXT2_SET_SIZE, .size = size };
    return ext2_setattr(fs, ino, &ch);
}

/* Blocks (data and indirect) a file with data blocks [0, n) owns. */
static uint64_t blocks_for(uint64_t n, uint64_t p)
{
    uint64_t total = n;
    if (n > 12)
        total += 1; /* indirect */
    if (n > 12 + p) {
        uint64_t rest = n - 12 - p;
        uint64_t in_dind = rest < p * p ? rest : p * p;
        total += 1 + (in_dind + p - 1) / p;
        rest -= in_dind;
        if (rest > 0)
            total += 1 + (rest + p * p - 1) / (p * p) + (rest + p - 1) / p;
    }
    return total;
}

static void check_prefix(struct ext2_fs *fs, uint32_t ino, uint64_t len)
{
    uint8_t *got = malloc(len + 1), *want = malloc(len + 1);
    pattern_fill(want, len, 1, 0);
    assert_int_equal(file_read(fs, ino, 0, got, len + 1), (ssize_t)len);
    assert_memory_equal(got, want, len);
    free(got);
    free(want);
}

/* Write a dense file reaching the triple indirect range, then cut it back
 * step by step; after each cut the file owns exactly the blocks its size
 * needs, the rest are free, and e2fsck agrees. */
static void cut_step_by_step(const char *opts, uint32_t bs, unsigned kib)
{
    uint64_t p = bs / 4;
    uint64_t nblocks = 12 + p + p * p + 3 * p + 5;
    if (bs > 1024)
        nblocks = 12 + p + 2 * p + 7; /* the double indirect range is enough */
    uint64_t cuts[] = { nblocks - 1,
                        12 + p + p * p + 1,
                        12 + p + p * p,
                        12 + p + 2 * p + 1,
                        12 + p + 1,
                        12 + p,
                        13,
                        12,
                        5,
                        1,
                        0 };
    struct img im;
    img_make(&im, opts, kib, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    uint64_t start_free = fs_stat(fs).free_blocks;
    uint32_t ino = make_file(fs, ROOT, "big", NULL, 0);
    size_t chunk_len = 64 * 1024;
    uint8_t *chunk = malloc(chunk_len);
    uint64_t size = nblocks * bs - 100;
    for (uint64_t off = 0; off < size; off += chunk_len) {
        size_t n = size - off < chunk_len ? (size_t)(size - off) : chunk_len;
        pattern_fill(chunk, n, 1, off);
        assert_int_equal(file_write(fs, ino, off, chunk, n), (ssize_t)n);
    }
    assert_int_equal(attr_of(fs, ino).blocks, blocks_for(nblocks, p) * (bs / 512));
    for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
        if (cuts[i] >= nblocks)
            continue;
        uint64_t new_size = cuts[i] * bs - (cuts[i] ? 10 : 0);
        assert_int_equal(set_size(fs, ino, new_size), 0);
        uint64_t owned = blocks_for(cuts[i], p);
        assert_int_equal(attr_of(fs, ino).blocks, owned * (bs / 512));
        assert_int_equal(attr_of(fs, ino).size, new_size);
        assert_int_equal(start_free - fs_stat(fs).free_blocks, owned);
        assert_int_equal(ext2_unmount(fs), 0);
        assert_int_equal(img_fsck(&im), 0);
        fs = img_mount(&im, 0);
        if (new_size < 300000)
            check_prefix(fs, ino, new_size);
    }
    assert_int_equal(ext2_unlink(fs, ROOT, "big"), 0);
    assert_int_equal(fs_stat(fs).free_blocks, start_free);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    free(chunk);
    img_destroy(&im);
}

static void cut_1k(void **state)
{
    (void)state;
    cut_step_by_step("-b 1024", 1024, 98304);
}

static void cut_4k(void **state)
{
    (void)state;
    cut_step_by_step("-b 4096", 4096, 32768);
}

static void assert_zeros(const uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; i++)
        assert_int_equal(buf[i], 0);
}

/* Bytes cut off and brought back by growing read as zeros. */
static void tail_zeroed(void **state)
{
    struct img im;
    uint8_t data[3000], got[3000];
    (void)state;
    img_make(&im, "-b 4096", 4096, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    pattern_fill(data, sizeof(data), 1, 0);
    uint32_t ino = make_file(fs, ROOT, "f", data, sizeof(data));
    assert_int_equal(set_size(fs, ino, 1000), 0);
    assert_int_equal(set_size(fs, ino, 3000), 0);
    assert_int_equal(file_read(fs, ino, 0, got, sizeof(got)), 3000);
    assert_memory_equal(got, data, 1000);
    assert_zeros(got + 1000, 2000);
    /* the same through a write past the end */
    uint32_t other = make_file(fs, ROOT, "g", data, sizeof(data));
    assert_int_equal(set_size(fs, other, 1000), 0);
    assert_int_equal(attr_of(fs, other).size, 1000);
    assert_int_equal(file_write(fs, other, 2500, "z", 1), 1);
    assert_int_equal(file_read(fs, other, 0, got, sizeof(got)), 2501);
    assert_memory_equal(got, data, 1000);
    assert_zeros(got + 1000, 1500);
    assert_int_equal(got[2500], 'z');
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
}

static void holes_read_as_zeros(void **state)
{
    struct img im;
    uint8_t buf[5000];
    (void)state;
    img_make(&im, "-b 1024", 8192, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    uint32_t ino = make_file(fs, ROOT, "holes", "a", 1);
    assert_int_equal(file_write(fs, ino, 20 * 1024, "b", 1), 1);
    assert_int_equal(file_write(fs, ino, 30 * 1024, "c", 1), 1);
    assert_int_equal(file_write(fs, ino, 1000 * 1024, "d", 1), 1);
    /* 4 data blocks, one indirect, one double indirect with one indirect */
    assert_int_equal(attr_of(fs, ino).blocks, 7 * 2);
    assert_int_equal(file_read(fs, ino, 20 * 1024 + 1, buf, sizeof(buf)), sizeof(buf));
    assert_zeros(buf, sizeof(buf));
    assert_int_equal(file_read(fs, ino, 30 * 1024 - 1, buf, 3), 3);
    assert_memory_equal(buf, "\0c\0", 3);
    assert_int_equal(file_read(fs, ino, 1000 * 1024, buf, 10), 1);
    assert_int_equal(buf[0], 'd');
    /* grown without writing: size but no blocks */
    uint32_t empty = make_file(fs, ROOT, "grown", NULL, 0);
    assert_int_equal(set_size(fs, empty, 100 * 1024 * 1024), 0);
    assert_int_equal(attr_of(fs, empty).blocks, 0);
    assert_int_equal(file_read(fs, empty, 100 * 1024 * 1024 - 4096, buf, 5000), 4096);
    assert_zeros(buf, 4096);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
}

static void resize_refused(void **state)
{
    struct img im;
    uint32_t link;
    (void)state;
    img_make(&im, "-b 1024", 4096, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    assert_int_equal(set_size(fs, ROOT, 0), -EISDIR);
    assert_int_equal(ext2_symlink(fs, ROOT, "l", "target", &test_cred, &link), 0);
    assert_int_equal(set_size(fs, link, 0), -EINVAL);
    struct ext2_attr_change bad = { .mask = 0x1000 };
    assert_int_equal(ext2_setattr(fs, ROOT, &bad), -EINVAL);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
}

static void attributes_and_times(void **state)
{
    struct img im;
    uint8_t buf[10];
    (void)state;
    img_make(&im, "-b 1024", 4096, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    uint32_t ino = make_file(fs, ROOT, "f", "hello", 5);
    struct ext2_attr_change ch = {
        .mask = EXT2_SET_MODE | EXT2_SET_UID | EXT2_SET_GID | EXT2_SET_ATIME | EXT2_SET_MTIME,
        .mode = EXT2_S_IFDIR | 04711, /* the type bits are ignored */
        .uid = 70000,
        .gid = 80000,
        .atime = 1000,
        .mtime = 2000,
    };
    im.now = TEST_NOW + 50;
    assert_int_equal(ext2_setattr(fs, ino, &ch), 0);
    struct ext2_attr a = attr_of(fs, ino);
    assert_int_equal(a.mode, EXT2_S_IFREG | 04711);
    assert_int_equal(a.uid, 70000);
    assert_int_equal(a.gid, 80000);
    assert_int_equal(a.atime, 1000);
    assert_int_equal(a.mtime, 2000);
    assert_int_equal(a.ctime, TEST_NOW + 50);
    /* relatime: a read refreshes an atime older than mtime */
    im.now = TEST_NOW + 100;
    assert_int_equal(file_read(fs, ino, 0, buf, sizeof(buf)), 5);
    assert_int_equal(attr_of(fs, ino).atime, TEST_NOW + 100);
    im.now = TEST_NOW + 200;
    assert_int_equal(file_read(fs, ino, 0, buf, sizeof(buf)), 5);
    assert_int_equal(attr_of(fs, ino).atime, TEST_NOW + 100);
    /* a write stamps mtime and ctime, a link ctime only */
    assert_int_equal(file_write(fs, ino, 5, "!", 1), 1);
    assert_int_equal(attr_of(fs, ino).mtime, TEST_NOW + 200);
    im.now = TEST_NOW + 300;
    assert_int_equal(ext2_link(fs, ROOT, "g", ino), 0);
    assert_int_equal(attr_of(fs, ino).ctime, TEST_NOW + 300);
    assert_int_equal(attr_of(fs, ino).mtime, TEST_NOW + 200);
    assert_int_equal(attr_of(fs, ROOT).mtime, TEST_NOW + 300);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cut_1k),         cmocka_unit_test(cut_4k),
        cmocka_unit_test(tail_zeroed),    cmocka_unit_test(holes_read_as_zeros),
        cmocka_unit_test(resize_refused), cmocka_unit_test(attributes_and_times),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
