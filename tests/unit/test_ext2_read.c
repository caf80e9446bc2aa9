/*
 * ext2 core: mounting and reading images made by mke2fs -d, with 1, 2 and
 * 4 KiB blocks, 128- and 256-byte inodes, revision 0 and 1; feature
 * handling; the superblock's mount state.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_ext2_harness.h"

#define MEDIUM_SIZE (50 * 1024)
#define BIG_SIZE    (300 * 1024 + 123)
#define SPARSE_OFF  (5 * 1024 * 1024)
#define SLOW_TARGET                                                                                \
    "a/rather/long/symbolic/link/target/that/does/not/fit/in/the/inode/itself/0123456789"

static void write_host_file(const char *path, size_t len, uint32_t seed)
{
    uint8_t *buf = malloc(len + 1);
    pattern_fill(buf, len, seed, 0);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0640);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, buf, len), (ssize_t)len);
    close(fd);
    free(buf);
}

/* The source tree the images are populated from. */
static void make_tree(const char *root)
{
    char path[256];
    assert_int_equal(run("mkdir -p %s/sub/nested", root), 0);
    snprintf(path, sizeof(path), "%s/small", root);
    write_host_file(path, 100, 1);
    snprintf(path, sizeof(path), "%s/medium", root);
    write_host_file(path, MEDIUM_SIZE, 2);
    snprintf(path, sizeof(path), "%s/sub/nested/big", root);
    write_host_file(path, BIG_SIZE, 3);
    snprintf(path, sizeof(path), "%s/empty", root);
    write_host_file(path, 0, 4);
    snprintf(path, sizeof(path), "%s/sparse", root);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_int_equal(pwrite(fd, "tail", 4, SPARSE_OFF), 4);
    close(fd);
    assert_int_equal(run("cd %s && ln -s small fastlink && ln -s %s slowlink", root, SLOW_TARGET),
                     0);
    assert_int_equal(run("cd %s && mknod tty c 4 64 && mknod disk b 8 1 && mknod big c 300 70000 "
                         "&& mkfifo pipe && chown 1234:567 small",
                         root),
                     0);
}

static uint32_t lookup_path(struct ext2_fs *fs, const char *path)
{
    char copy[256], *save = NULL;
    uint32_t ino = EXT2_ROOT_INO;
    strcpy(copy, path);
    for (char *part = strtok_r(copy, "/", &save); part; part = strtok_r(NULL, "/", &save))
        assert_int_equal(ext2_lookup(fs, ino, part, &ino), 0);
    return ino;
}

/* Read a file in pieces of chunk bytes and compare with the pattern. */
static void check_file(struct ext2_fs *fs, const char *path, size_t len, uint32_t seed,
                       size_t chunk)
{
    uint32_t ino = lookup_path(fs, path);
    uint8_t *got = malloc(len + 16), *want = malloc(len + 16);
    pattern_fill(want, len, seed, 0);
    size_t done = 0;
    while (done < len) {
        ssize_t n = file_read(fs, ino, done, got + done, chunk);
        assert_true(n > 0);
        done += (size_t)n;
    }
    assert_int_equal(file_read(fs, ino, len, got, 10), 0);
    assert_memory_equal(got, want, len);
    assert_int_equal(attr_of(fs, ino).size, len);
    free(got);
    free(want);
}

static void check_sparse(struct ext2_fs *fs)
{
    uint32_t ino = lookup_path(fs, "sparse");
    uint8_t buf[8192];
    struct ext2_attr a = attr_of(fs, ino);
    assert_int_equal(a.size, SPARSE_OFF + 4);
    assert_true(a.blocks < 64); /* the hole has no blocks */
    assert_int_equal(file_read(fs, ino, SPARSE_OFF - 4096, buf, sizeof(buf)), 4100);
    for (int i = 0; i < 4096; i++)
        assert_int_equal(buf[i], 0);
    assert_memory_equal(buf + 4096, "tail", 4);
}

static void check_links_and_nodes(struct ext2_fs *fs)
{
    char target[256];
    uint32_t ino = lookup_path(fs, "fastlink");
    assert_int_equal(ext2_readlink(fs, ino, target, sizeof(target)), 5);
    assert_memory_equal(target, "small", 5);
    ino = lookup_path(fs, "slowlink");
    assert_int_equal(ext2_readlink(fs, ino, target, sizeof(target)), strlen(SLOW_TARGET));
    assert_memory_equal(target, SLOW_TARGET, strlen(SLOW_TARGET));
    assert_int_equal(ext2_readlink(fs, ino, target, 4), 4); /* truncated, as readlink(2) */
    struct ext2_attr a = attr_of(fs, lookup_path(fs, "tty"));
    assert_int_equal(a.mode & EXT2_S_IFMT, EXT2_S_IFCHR);
    assert_int_equal(a.rdev_major, 4);
    assert_int_equal(a.rdev_minor, 64);
    a = attr_of(fs, lookup_path(fs, "disk"));
    assert_int_equal(a.mode & EXT2_S_IFMT, EXT2_S_IFBLK);
    assert_int_equal(a.rdev_major, 8);
    assert_int_equal(a.rdev_minor, 1);
    a = attr_of(fs, lookup_path(fs, "big"));
    assert_int_equal(a.rdev_major, 300);
    assert_int_equal(a.rdev_minor, 70000);
    a = attr_of(fs, lookup_path(fs, "pipe"));
    assert_int_equal(a.mode & EXT2_S_IFMT, EXT2_S_IFIFO);
    a = attr_of(fs, lookup_path(fs, "small"));
    assert_int_equal(a.uid, 1234);
    assert_int_equal(a.gid, 567);
    assert_int_equal(a.mode & 07777, 0640);
    assert_int_equal(a.nlink, 1);
}

struct listing {
    char names[64][64];
    unsigned types[64];
    int count;
    int stop_every; /* stop after this many entries per call; 0: never */
    int this_call;
};

static int collect(void *ctx, const char *name, size_t len, uint32_t ino, unsigned type)
{
    struct listing *l = ctx;
    (void)ino;
    if (l->stop_every && l->this_call == l->stop_every)
        return 1;
    assert_true(l->count < 64 && len < 64);
    assert_int_equal(strlen(name), len);
    strcpy(l->names[l->count], name);
    l->types[l->count++] = type;
    l->this_call++;
    return 0;
}

static int find_name(const struct listing *l, const char *name)
{
    for (int i = 0; i < l->count; i++)
        if (strcmp(l->names[i], name) == 0)
            return i;
    return -1;
}

static void check_listing(struct ext2_fs *fs, bool filetype, int stop_every)
{
    static const char *expect[] = { ".",      "..",    "lost+found", "sub",      "small",
                                    "medium", "empty", "fastlink",   "slowlink", "tty",
                                    "disk",   "big",   "pipe",       "sparse" };
    struct listing l = { .stop_every = stop_every };
    uint64_t cookie = 0;
    int r;
    do {
        l.this_call = 0;
        r = ext2_readdir(fs, EXT2_ROOT_INO, &cookie, collect, &l);
        assert_true(r == 0 || r == 1);
    } while (r == 1);
    assert_int_equal(l.count, sizeof(expect) / sizeof(expect[0]));
    for (size_t i = 0; i < sizeof(expect) / sizeof(expect[0]); i++)
        assert_true(find_name(&l, expect[i]) >= 0);
    unsigned sub_type = l.types[find_name(&l, "sub")];
    unsigned tty_type = l.types[find_name(&l, "tty")];
    assert_int_equal(sub_type, filetype ? EXT2_FT_DIR : EXT2_FT_UNKNOWN);
    assert_int_equal(tty_type, filetype ? EXT2_FT_CHRDEV : EXT2_FT_UNKNOWN);
}

/* Make, mount and read an image made with the given mke2fs options. */
static void read_image(const char *opts, bool filetype)
{
    struct img im;
    char tree[96];
    strcpy(tree, "/tmp/ext2tree.XXXXXX");
    assert_non_null(mkdtemp(tree));
    make_tree(tree);
    img_make(&im, opts, 16384, tree);
    struct ext2_fs *fs = img_mount(&im, 0);
    check_file(fs, "small", 100, 1, 7);
    check_file(fs, "medium", MEDIUM_SIZE, 2, 1000);
    check_file(fs, "sub/nested/big", BIG_SIZE, 3, 4096);
    check_file(fs, "sub/nested/big", BIG_SIZE, 3, 65536);
    check_file(fs, "empty", 0, 4, 10);
    check_sparse(fs);
    check_links_and_nodes(fs);
    check_listing(fs, filetype, 0);
    check_listing(fs, filetype, 1);
    check_listing(fs, filetype, 3);
    assert_int_equal(attr_of(fs, lookup_path(fs, "sub")).nlink, 3);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
    run("rm -rf %s", tree);
}

static void read_1k_blocks(void **state)
{
    (void)state;
    read_image("-b 1024", true);
}

static void read_2k_blocks_small_inodes(void **state)
{
    (void)state;
    read_image("-b 2048 -I 128", true);
}

static void read_4k_blocks(void **state)
{
    (void)state;
    read_image("-b 4096", true);
}

static void read_revision_0(void **state)
{
    (void)state;
    read_image("-b 1024 -r 0", false);
}

static void read_without_filetype(void **state)
{
    (void)state;
    read_image("-b 4096 -O ^filetype", false);
}

/* Read the raw superblock field at byte offset field (size bytes). */
static uint32_t super_field(struct img *im, unsigned field, unsigned size)
{
    uint32_t v = 0;
    assert_int_equal(pread(im->fd, &v, size, 1024 + field), (ssize_t)size);
    return v;
}

static void put_super_field(struct img *im, unsigned field, unsigned size, uint32_t v)
{
    assert_int_equal(pwrite(im->fd, &v, size, 1024 + field), (ssize_t)size);
}

#define SB_STATE     58
#define SB_MNT_COUNT 52
#define SB_INCOMPAT  96
#define SB_RO_COMPAT 100

static void mount_marks_state_and_count(void **state)
{
    struct img im;
    (void)state;
    img_make(&im, "-b 1024", 4096, NULL);
    uint32_t count = super_field(&im, SB_MNT_COUNT, 2);
    assert_int_equal(super_field(&im, SB_STATE, 2) & 1, 1);
    struct ext2_fs *fs = img_mount(&im, 0);
    assert_int_equal(super_field(&im, SB_STATE, 2) & 1, 0); /* in use */
    assert_int_equal(super_field(&im, SB_MNT_COUNT, 2), count + 1);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(super_field(&im, SB_STATE, 2) & 1, 1); /* clean again */
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
}

static void unknown_incompat_feature_refused(void **state)
{
    struct img im;
    struct ext2_fs *fs = NULL;
    (void)state;
    img_make(&im, "-b 1024", 4096, NULL);
    im.quiet = true;
    put_super_field(&im, SB_INCOMPAT, 4, super_field(&im, SB_INCOMPAT, 4) | 0x10000);
    assert_int_equal(ext2_mount(&im.dev, 0, &fs), -ENOTSUP);
    assert_int_equal(ext2_mount(&im.dev, EXT2_MOUNT_RDONLY, &fs), -ENOTSUP);
    assert_int_equal(im.writes, 0);
    img_destroy(&im);
}

static void unknown_ro_compat_mounts_read_only(void **state)
{
    struct img im;
    uint32_t ino;
    (void)state;
    img_make(&im, "-b 4096", 8192, NULL);
    im.quiet = true;
    put_super_field(&im, SB_RO_COMPAT, 4, super_field(&im, SB_RO_COMPAT, 4) | 0x4000);
    struct ext2_fs *fs = img_mount(&im, 0);
    assert_true(fs_stat(fs).flags & EXT2_STATFS_RDONLY);
    assert_int_equal(ext2_create(fs, EXT2_ROOT_INO, "f", 0644, &test_cred, &ino), -EROFS);
    assert_int_equal(ext2_mkdir(fs, EXT2_ROOT_INO, "d", 0755, &test_cred, &ino), -EROFS);
    assert_int_equal(ext2_lookup(fs, EXT2_ROOT_INO, "lost+found", &ino), 0);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(im.writes, 0);
    img_destroy(&im);
}

static void read_only_mount_writes_nothing(void **state)
{
    struct img im;
    uint32_t ino;
    uint8_t buf[64];
    (void)state;
    img_make(&im, "-b 1024", 4096, NULL);
    struct ext2_fs *fs = img_mount(&im, EXT2_MOUNT_RDONLY);
    assert_int_equal(ext2_lookup(fs, EXT2_ROOT_INO, "lost+found", &ino), 0);
    assert_int_equal(ext2_unlink(fs, EXT2_ROOT_INO, "lost+found"), -EROFS);
    assert_int_equal(file_write(fs, ino, 0, buf, 1), -EROFS);
    struct ext2_attr_change ch = { .mask = EXT2_SET_MODE, .mode = 0700 };
    assert_int_equal(ext2_setattr(fs, ino, &ch), -EROFS);
    assert_int_equal(ext2_sync(fs), 0);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(im.writes, 0);
    img_destroy(&im);
}

static void statfs_counts(void **state)
{
    struct img im;
    (void)state;
    img_make(&im, "-b 1024 -N 256", 4096, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    struct ext2_statfs st = fs_stat(fs);
    assert_int_equal(st.block_size, 1024);
    assert_int_equal(st.blocks, 4096);
    assert_int_equal(st.inodes, 256);
    assert_int_equal(st.free_inodes, 256 - 11);
    assert_true(st.free_blocks > 3000 && st.avail_blocks < st.free_blocks);
    assert_int_equal(st.name_max, 255);
    assert_int_equal(st.flags, 0);
    assert_int_equal(ext2_unmount(fs), 0);
    img_destroy(&im);
}

static void bad_inode_numbers_refused(void **state)
{
    struct img im;
    struct ext2_attr a;
    (void)state;
    img_make(&im, "-b 1024 -N 256", 4096, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    assert_int_equal(ext2_getattr(fs, 0, &a), -EINVAL);
    assert_int_equal(ext2_getattr(fs, 1, &a), -EINVAL);
    assert_int_equal(ext2_getattr(fs, 7, &a), -EINVAL);
    assert_int_equal(ext2_getattr(fs, 257, &a), -EINVAL);
    assert_int_equal(ext2_getattr(fs, 100, &a), -ESTALE); /* free */
    assert_int_equal(ext2_get(fs, 100), -ESTALE);
    assert_int_equal(ext2_put(fs, 100), -EINVAL);
    assert_int_equal(ext2_unmount(fs), 0);
    img_destroy(&im);
}

static void null_arguments_refused(void **state)
{
    struct img im;
    uint32_t ino;
    uint64_t cookie = 0;
    struct ext2_copy no_copy = { .ctx = NULL, .copy = NULL };
    (void)state;
    img_make(&im, "-b 1024", 4096, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    assert_int_equal(ext2_mount(NULL, 0, &fs), -EINVAL);
    assert_int_equal(ext2_lookup(fs, EXT2_ROOT_INO, NULL, &ino), -EINVAL);
    assert_int_equal(ext2_lookup(fs, EXT2_ROOT_INO, "lost+found", NULL), -EINVAL);
    assert_int_equal(ext2_readdir(fs, EXT2_ROOT_INO, &cookie, NULL, NULL), -EINVAL);
    assert_int_equal(ext2_readdir(fs, EXT2_ROOT_INO, NULL, NULL, NULL), -EINVAL);
    assert_int_equal(ext2_getattr(fs, EXT2_ROOT_INO, NULL), -EINVAL);
    assert_int_equal(ext2_setattr(fs, EXT2_ROOT_INO, NULL), -EINVAL);
    assert_int_equal(ext2_statfs(fs, NULL), -EINVAL);
    assert_int_equal(ext2_create(fs, EXT2_ROOT_INO, "f", 0644, NULL, &ino), -EINVAL);
    assert_int_equal(ext2_create(fs, EXT2_ROOT_INO, "f", 0644, &test_cred, NULL), -EINVAL);
    assert_int_equal(ext2_symlink(fs, EXT2_ROOT_INO, "l", NULL, &test_cred, &ino), -EINVAL);
    ino = make_file(fs, EXT2_ROOT_INO, "f", "abc", 3);
    assert_int_equal(ext2_read(fs, ino, 0, 3, NULL), -EINVAL);
    assert_int_equal(ext2_read(fs, ino, 0, 3, &no_copy), -EINVAL);
    assert_int_equal(ext2_write(fs, ino, 0, 3, &no_copy), -EINVAL);
    assert_int_equal(ext2_readlink(fs, ino, NULL, 0), -EINVAL); /* not a symlink */
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(read_1k_blocks),
        cmocka_unit_test(read_2k_blocks_small_inodes),
        cmocka_unit_test(read_4k_blocks),
        cmocka_unit_test(read_revision_0),
        cmocka_unit_test(read_without_filetype),
        cmocka_unit_test(mount_marks_state_and_count),
        cmocka_unit_test(unknown_incompat_feature_refused),
        cmocka_unit_test(unknown_ro_compat_mounts_read_only),
        cmocka_unit_test(read_only_mount_writes_nothing),
        cmocka_unit_test(statfs_counts),
        cmocka_unit_test(bad_inode_numbers_refused),
        cmocka_unit_test(null_arguments_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
