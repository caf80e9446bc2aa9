/*
 * ext2 core: symbolic links (fast and slow), device nodes, FIFOs and
 * sockets, hard links, and extended attribute blocks released correctly
 * when their inodes are deleted, shared or not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_ext2_harness.h"

#define ROOT EXT2_ROOT_INO

static void check_link(struct ext2_fs *fs, uint32_t ino, const char *target, uint32_t bs)
{
    char buf[8192];
    size_t len = strlen(target);
    assert_int_equal(ext2_readlink(fs, ino, buf, sizeof(buf)), (ssize_t)len);
    assert_memory_equal(buf, target, len);
    struct ext2_attr a = attr_of(fs, ino);
    assert_int_equal(a.mode, EXT2_S_IFLNK | 0777);
    assert_int_equal(a.size, len);
    assert_int_equal(a.blocks, len < 60 ? 0 : bs / 512);
}

static void symlinks(const char *opts, uint32_t bs)
{
    size_t lengths[] = { 1, 59, 60, 61, 1000, bs - 1 };
    enum { NLINKS = sizeof(lengths) / sizeof(lengths[0]) };
    char *targets[NLINKS];
    uint32_t inos[NLINKS], ino;
    struct img im;
    img_make(&im, opts, 8192, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    struct ext2_statfs start = fs_stat(fs);
    for (int i = 0; i < NLINKS; i++) {
        char name[16];
        targets[i] = malloc(lengths[i] + 1);
        for (size_t j = 0; j < lengths[i]; j++)
            targets[i][j] = (char)('a' + (i + j) % 26);
        targets[i][lengths[i]] = '\0';
        snprintf(name, sizeof(name), "link%d", i);
        assert_int_equal(ext2_symlink(fs, ROOT, name, targets[i], &test_cred, &inos[i]), 0);
        check_link(fs, inos[i], targets[i], bs);
    }
    char *too_long = malloc(bs + 1);
    memset(too_long, 'x', bs);
    too_long[bs] = '\0';
    assert_int_equal(ext2_symlink(fs, ROOT, "long", too_long, &test_cred, &ino), -ENAMETOOLONG);
    assert_int_equal(ext2_symlink(fs, ROOT, "empty", "", &test_cred, &ino), -ENOENT);
    assert_int_equal(ext2_symlink(fs, ROOT, "link0", "x", &test_cred, &ino), -EEXIST);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    fs = img_mount(&im, 0);
    for (int i = 0; i < NLINKS; i++) {
        char name[16];
        check_link(fs, inos[i], targets[i], bs);
        snprintf(name, sizeof(name), "link%d", i);
        assert_int_equal(ext2_unlink(fs, ROOT, name), 0);
        free(targets[i]);
    }
    assert_int_equal(fs_stat(fs).free_blocks, start.free_blocks);
    assert_int_equal(fs_stat(fs).free_inodes, start.free_inodes);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    free(too_long);
    img_destroy(&im);
}

static void symlinks_1k(void **state)
{
    (void)state;
    symlinks("-b 1024", 1024);
}

static void symlinks_4k(void **state)
{
    (void)state;
    symlinks("-b 4096", 4096);
}

static void device_nodes(void **state)
{
    struct {
        const char *name;
        uint32_t mode, major, minor;
    } nodes[] = {
        { "tty", EXT2_S_IFCHR | 0620, 4, 64 },
        { "sda", EXT2_S_IFBLK | 0660, 8, 0 },
        { "wide", EXT2_S_IFCHR | 0600, 300, 70000 },
        { "maxed", EXT2_S_IFBLK | 0600, 4095, 1048575 },
        { "fifo", EXT2_S_IFIFO | 0644, 0, 0 },
        { "sock", EXT2_S_IFSOCK | 0755, 0, 0 },
        { "plain", EXT2_S_IFREG | 0600, 0, 0 },
    };
    struct img im;
    uint32_t ino;
    uint8_t buf[4];
    (void)state;
    img_make(&im, "-b 1024", 4096, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    struct ext2_statfs start = fs_stat(fs);
    for (size_t i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++)
        assert_int_equal(ext2_mknod(fs, ROOT, nodes[i].name, nodes[i].mode, nodes[i].major,
                                    nodes[i].minor, &test_cred, &ino),
                         0);
    assert_int_equal(ext2_mknod(fs, ROOT, "d", EXT2_S_IFDIR | 0755, 0, 0, &test_cred, &ino),
                     -EINVAL);
    assert_int_equal(ext2_mknod(fs, ROOT, "l", EXT2_S_IFLNK | 0777, 0, 0, &test_cred, &ino),
                     -EINVAL);
    assert_int_equal(ext2_mknod(fs, ROOT, "big", EXT2_S_IFCHR, 4096, 0, &test_cred, &ino), -EINVAL);
    assert_int_equal(ext2_create(fs, ROOT, "c", EXT2_S_IFCHR | 0600, &test_cred, &ino), -EINVAL);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    fs = img_mount(&im, 0);
    for (size_t i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
        assert_int_equal(ext2_lookup(fs, ROOT, nodes[i].name, &ino), 0);
        struct ext2_attr a = attr_of(fs, ino);
        assert_int_equal(a.mode, nodes[i].mode);
        assert_int_equal(a.rdev_major, nodes[i].major);
        assert_int_equal(a.rdev_minor, nodes[i].minor);
        assert_int_equal(a.blocks, 0);
        if ((nodes[i].mode & EXT2_S_IFMT) != EXT2_S_IFREG) {
            assert_int_equal(file_read(fs, ino, 0, buf, 4), -EINVAL);
            assert_int_equal(ext2_readlink(fs, ino, (char *)buf, 4), -EINVAL);
        }
        assert_int_equal(ext2_unlink(fs, ROOT, nodes[i].name), 0);
    }
    assert_int_equal(fs_stat(fs).free_inodes, start.free_inodes);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
}

static void hard_links(void **state)
{
    struct img im;
    uint32_t ino;
    (void)state;
    img_make(&im, "-b 1024", 4096, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    uint32_t f = make_file(fs, ROOT, "f", "content", 7);
    uint32_t d;
    assert_int_equal(ext2_mkdir(fs, ROOT, "d", 0755, &test_cred, &d), 0);
    assert_int_equal(ext2_link(fs, ROOT, "g", f), 0);
    assert_int_equal(ext2_link(fs, d, "h", f), 0);
    assert_int_equal(attr_of(fs, f).nlink, 3);
    assert_int_equal(ext2_link(fs, ROOT, "g", f), -EEXIST);
    assert_int_equal(ext2_link(fs, ROOT, "d2", d), -EPERM);
    assert_int_equal(ext2_link(fs, f, "x", f), -ENOTDIR);
    assert_int_equal(ext2_link(fs, ROOT, "..", f), -EEXIST);
    assert_int_equal(ext2_lookup(fs, d, "h", &ino), 0);
    assert_int_equal(ino, f);
    assert_int_equal(ext2_unlink(fs, ROOT, "f"), 0);
    assert_int_equal(attr_of(fs, f).nlink, 2);
    uint8_t buf[8];
    assert_int_equal(file_read(fs, f, 0, buf, 8), 7);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
}

/* Files with extended attribute blocks, made with debugfs on an image
 * with 128-byte inodes (no room in the inode). The second file shares the
 * first one's block: its reference count is 2. */
static void xattr_blocks_released(void **state)
{
    struct img im;
    char tree[64];
    (void)state;
    strcpy(tree, "/tmp/ext2tree.XXXXXX");
    assert_non_null(mkdtemp(tree));
    assert_int_equal(
        run("echo a > %s/own && echo b > %s/first && echo c > %s/second", tree, tree, tree), 0);
    img_make(&im, "-b 1024 -I 128", 4096, tree);
    assert_int_equal(run("debugfs -w -R 'ea_set /own user.k value' %s >/dev/null 2>&1 && "
                         "debugfs -w -R 'ea_set /first user.k shared' %s >/dev/null 2>&1",
                         im.path, im.path),
                     0);
    char cmd[512];
    snprintf(
        cmd, sizeof(cmd),
        "debugfs -R 'stat /first' %s 2>/dev/null | sed -n 's/.*File ACL: \\([0-9]*\\).*/\\1/p'",
        im.path);
    FILE *p = popen(cmd, "r");
    unsigned acl = 0;
    assert_int_equal(fscanf(p, "%u", &acl), 1);
    pclose(p);
    assert_true(acl > 0);
    /* share it: point /second at the block, count it, bump the refcount */
    assert_int_equal(run("debugfs -w -R 'sif /second file_acl %u' %s >/dev/null 2>&1 && "
                         "debugfs -w -R 'sif /second blocks 4' %s >/dev/null 2>&1 && "
                         "debugfs -w -R 'zap_block -o 4 -l 1 -p 2 %u' %s >/dev/null 2>&1",
                         acl, im.path, im.path, acl, im.path),
                     0);
    assert_int_equal(img_fsck(&im), 0);
    struct ext2_fs *fs = img_mount(&im, 0);
    uint64_t start_free = fs_stat(fs).free_blocks;
    assert_int_equal(ext2_unlink(fs, ROOT, "own"), 0);
    assert_int_equal(fs_stat(fs).free_blocks, start_free + 2); /* data and its own block */
    assert_int_equal(ext2_unlink(fs, ROOT, "first"), 0);
    assert_int_equal(fs_stat(fs).free_blocks, start_free + 3); /* the shared one stays */
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    fs = img_mount(&im, 0);
    assert_int_equal(ext2_unlink(fs, ROOT, "second"), 0);
    assert_int_equal(fs_stat(fs).free_blocks, start_free + 5);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
    run("rm -rf %s", tree);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(symlinks_1k),           cmocka_unit_test(symlinks_4k),
        cmocka_unit_test(device_nodes),          cmocka_unit_test(hard_links),
        cmocka_unit_test(xattr_blocks_released),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
