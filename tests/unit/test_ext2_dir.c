/*
 * ext2 core: directories and rename. mkdir and rmdir with their link
 * counts, name errors, thousands of entries in one directory listed with
 * resumed cookies and then deleted, every kind of rename, indexed
 * (dir_index) directories, and inodes unlinked while referenced.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_ext2_harness.h"

#define ROOT        EXT2_ROOT_INO
#define MAX_ENTRIES 5000

static uint32_t mkdir_at(struct ext2_fs *fs, uint32_t dir, const char *name)
{
    uint32_t ino = 0;
    assert_int_equal(ext2_mkdir(fs, dir, name, 0755, &test_cred, &ino), 0);
    return ino;
}

static uint32_t lookup(struct ext2_fs *fs, uint32_t dir, const char *name)
{
    uint32_t ino = 0;
    assert_int_equal(ext2_lookup(fs, dir, name, &ino), 0);
    return ino;
}

static uint32_t nlink(struct ext2_fs *fs, uint32_t ino)
{
    return attr_of(fs, ino).nlink;
}

static void mkdir_rmdir_links(void **state)
{
    struct img im;
    uint32_t ino;
    char long_name[300];
    (void)state;
    img_make(&im, "-b 1024", 4096, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    uint32_t root_links = nlink(fs, ROOT);
    uint32_t a = mkdir_at(fs, ROOT, "a");
    assert_int_equal(nlink(fs, ROOT), root_links + 1);
    assert_int_equal(nlink(fs, a), 2);
    assert_int_equal(attr_of(fs, a).mode, EXT2_S_IFDIR | 0755);
    assert_int_equal(attr_of(fs, a).size, 1024);
    uint32_t b = mkdir_at(fs, a, "b");
    assert_int_equal(nlink(fs, a), 3);
    assert_int_equal(lookup(fs, b, ".."), a);
    assert_int_equal(lookup(fs, b, "."), b);
    make_file(fs, a, "file", "x", 1);
    assert_int_equal(ext2_rmdir(fs, ROOT, "a"), -ENOTEMPTY);
    assert_int_equal(ext2_rmdir(fs, a, "file"), -ENOTDIR);
    assert_int_equal(ext2_unlink(fs, a, "b"), -EISDIR);
    assert_int_equal(ext2_rmdir(fs, a, "."), -EINVAL);
    assert_int_equal(ext2_rmdir(fs, a, ".."), -ENOTEMPTY);
    assert_int_equal(ext2_mkdir(fs, a, "b", 0755, &test_cred, &ino), -EEXIST);
    assert_int_equal(ext2_create(fs, a, "file", 0644, &test_cred, &ino), -EEXIST);
    assert_int_equal(ext2_create(fs, a, ".", 0644, &test_cred, &ino), -EEXIST);
    assert_int_equal(ext2_lookup(fs, lookup(fs, a, "file"), "x", &ino), -ENOTDIR);
    assert_int_equal(ext2_lookup(fs, a, "missing", &ino), -ENOENT);
    assert_int_equal(ext2_lookup(fs, a, "", &ino), -ENOENT);
    assert_int_equal(ext2_lookup(fs, a, "x/y", &ino), -EINVAL);
    memset(long_name, 'n', sizeof(long_name) - 1);
    long_name[sizeof(long_name) - 1] = '\0';
    assert_int_equal(ext2_create(fs, a, long_name, 0644, &test_cred, &ino), -ENAMETOOLONG);
    long_name[255] = '\0';
    make_file(fs, a, long_name, NULL, 0); /* 255 is the limit */
    assert_int_equal(lookup(fs, a, long_name) > 0, 1);
    assert_int_equal(ext2_unlink(fs, a, long_name), 0);
    assert_int_equal(ext2_unlink(fs, a, "file"), 0);
    assert_int_equal(ext2_rmdir(fs, a, "b"), 0);
    assert_int_equal(nlink(fs, a), 2);
    assert_int_equal(ext2_rmdir(fs, ROOT, "a"), 0);
    assert_int_equal(nlink(fs, ROOT), root_links);
    assert_int_equal(ext2_lookup(fs, ROOT, "a", &ino), -ENOENT);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
}

/* A listing: how often each name index was seen. */
struct census {
    int *seen;
    int max;
    int per_call; /* stop after this many entries in one call */
    int this_call;
    int others; /* ".", ".." */
};

static int count_entry(void *ctx, const char *name, size_t len, uint32_t ino, unsigned type)
{
    struct census *c = ctx;
    (void)len;
    (void)ino;
    if (c->this_call == c->per_call)
        return 1;
    c->this_call++;
    if (name[0] == '.') {
        c->others++;
        return 0;
    }
    assert_int_equal(type, EXT2_FT_REG_FILE);
    int index = atoi(name + 1);
    assert_true(index >= 0 && index < c->max);
    c->seen[index]++;
    return 0;
}

static void list_all(struct ext2_fs *fs, uint32_t dir, struct census *c)
{
    uint64_t cookie = 0;
    int r;
    memset(c->seen, 0, sizeof(int) * c->max);
    c->others = 0;
    do {
        c->this_call = 0;
        r = ext2_readdir(fs, dir, &cookie, count_entry, c);
        assert_true(r == 0 || r == 1);
    } while (r == 1);
    assert_int_equal(c->others, 2);
}

/* Names of varied lengths so entries pack unevenly. */
static void entry_name(char *name, int i)
{
    snprintf(name, 64, "f%d_%.*s", i, i % 40, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq");
}

static void thousands(const char *opts, int count)
{
    struct img im;
    char name[64];
    (void)opts;
    img_make(&im, opts, 16384, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    struct ext2_statfs start = fs_stat(fs);
    uint32_t dir = mkdir_at(fs, ROOT, "many");
    for (int i = 0; i < count; i++) {
        entry_name(name, i);
        make_file(fs, dir, name, NULL, 0);
    }
    struct census c = { .seen = calloc(MAX_ENTRIES, sizeof(int)), .max = count, .per_call = 7 };
    list_all(fs, dir, &c);
    for (int i = 0; i < count; i++)
        assert_int_equal(c.seen[i], 1);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    fs = img_mount(&im, 0);
    for (int i = 0; i < count; i += 2) {
        entry_name(name, i);
        assert_int_equal(ext2_unlink(fs, dir, name), 0);
    }
    c.per_call = 1000;
    list_all(fs, dir, &c);
    for (int i = 0; i < count; i++)
        assert_int_equal(c.seen[i], i % 2);
    for (int i = 0; i < count; i += 2) { /* refill the holes */
        entry_name(name, i);
        make_file(fs, dir, name, NULL, 0);
    }
    uint64_t size = attr_of(fs, dir).size;
    for (int i = 0; i < count; i++) {
        entry_name(name, i);
        assert_int_equal(lookup(fs, dir, name) > 0, 1);
        assert_int_equal(ext2_unlink(fs, dir, name), 0);
    }
    assert_int_equal(attr_of(fs, dir).size, size); /* directories never shrink */
    assert_int_equal(ext2_rmdir(fs, ROOT, "many"), 0);
    struct ext2_statfs end = fs_stat(fs);
    assert_int_equal(end.free_blocks, start.free_blocks);
    assert_int_equal(end.free_inodes, start.free_inodes);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    free(c.seen);
    img_destroy(&im);
}

static void thousands_of_files_1k(void **state)
{
    (void)state;
    thousands("-b 1024", 3000);
}

static void thousands_of_files_4k(void **state)
{
    (void)state;
    thousands("-b 4096 -N 6000", 5000);
}

static void rename_files(void **state)
{
    struct img im;
    uint32_t ino;
    (void)state;
    img_make(&im, "-b 1024", 4096, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    uint32_t d1 = mkdir_at(fs, ROOT, "d1"), d2 = mkdir_at(fs, ROOT, "d2");
    uint32_t f = make_file(fs, d1, "f", "data", 4);
    assert_int_equal(ext2_rename(fs, d1, "f", d1, "g"), 0);
    assert_int_equal(ext2_lookup(fs, d1, "f", &ino), -ENOENT);
    assert_int_equal(lookup(fs, d1, "g"), f);
    assert_int_equal(ext2_rename(fs, d1, "g", d2, "h"), 0);
    assert_int_equal(lookup(fs, d2, "h"), f);
    assert_int_equal(nlink(fs, f), 1);
    /* over an existing file: the old one goes */
    uint32_t free_before = fs_stat(fs).free_inodes;
    make_file(fs, d2, "victim", "old", 3);
    assert_int_equal(ext2_rename(fs, d2, "h", d2, "victim"), 0);
    assert_int_equal(lookup(fs, d2, "victim"), f);
    assert_int_equal(fs_stat(fs).free_inodes, free_before);
    /* over a referenced file: it stays until put */
    uint32_t kept = make_file(fs, d1, "kept", "keep", 4);
    assert_int_equal(ext2_get(fs, kept), 0);
    assert_int_equal(ext2_rename(fs, d2, "victim", d1, "kept"), 0);
    assert_int_equal(nlink(fs, kept), 0);
    uint8_t buf[8];
    assert_int_equal(file_read(fs, kept, 0, buf, 8), 4);
    assert_int_equal(ext2_put(fs, kept), 0);
    assert_int_equal(ext2_getattr(fs, kept, &(struct ext2_attr){ 0 }), -ESTALE);
    assert_int_equal(fs_stat(fs).free_inodes, free_before);
    /* hard links to the same inode: nothing happens */
    assert_int_equal(ext2_link(fs, d2, "alias", f), 0);
    assert_int_equal(ext2_rename(fs, d1, "kept", d2, "alias"), 0);
    assert_int_equal(lookup(fs, d1, "kept"), f);
    assert_int_equal(nlink(fs, f), 2);
    assert_int_equal(ext2_rename(fs, d1, "kept", d1, "."), -EINVAL);
    assert_int_equal(ext2_rename(fs, d1, "..", d2, "x"), -EINVAL);
    assert_int_equal(ext2_rename(fs, d1, "missing", d2, "x"), -ENOENT);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
}

static void rename_directories(void **state)
{
    struct img im;
    (void)state;
    img_make(&im, "-b 4096", 8192, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    uint32_t d1 = mkdir_at(fs, ROOT, "d1"), d2 = mkdir_at(fs, ROOT, "d2");
    uint32_t sub = mkdir_at(fs, d1, "sub");
    uint32_t deep = mkdir_at(fs, sub, "deep");
    make_file(fs, d2, "file", NULL, 0);
    assert_int_equal(ext2_rename(fs, d1, "sub", d2, "file"), -ENOTDIR);
    assert_int_equal(ext2_rename(fs, d2, "file", d1, "sub"), -EISDIR);
    assert_int_equal(ext2_rename(fs, d1, "sub", deep, "x"), -EINVAL); /* under itself */
    assert_int_equal(ext2_rename(fs, d1, "sub", sub, "x"), -EINVAL);
    assert_int_equal(ext2_rename(fs, ROOT, "d1", deep, "x"), -EINVAL);
    assert_int_equal(ext2_rename(fs, d1, "sub", d1, "sub"), 0);
    /* move across: the link counts and ".." follow */
    assert_int_equal(ext2_rename(fs, d1, "sub", d2, "moved"), 0);
    assert_int_equal(nlink(fs, d1), 2);
    assert_int_equal(nlink(fs, d2), 3);
    assert_int_equal(lookup(fs, sub, ".."), d2);
    assert_int_equal(lookup(fs, deep, ".."), sub);
    /* over an empty directory, then refused over a full one */
    uint32_t empty = mkdir_at(fs, d1, "empty");
    uint32_t free_before = fs_stat(fs).free_inodes;
    assert_int_equal(ext2_rename(fs, d2, "moved", d1, "empty"), 0);
    assert_int_equal(fs_stat(fs).free_inodes, free_before + 1);
    assert_int_equal(ext2_getattr(fs, empty, &(struct ext2_attr){ 0 }), -ESTALE);
    assert_int_equal(nlink(fs, d1), 3);
    assert_int_equal(nlink(fs, d2), 2);
    assert_int_equal(lookup(fs, sub, ".."), d1);
    mkdir_at(fs, d2, "full");
    make_file(fs, lookup(fs, d2, "full"), "x", NULL, 0);
    assert_int_equal(ext2_rename(fs, d1, "empty", d2, "full"), -ENOTEMPTY);
    /* within one directory, over an empty sibling */
    mkdir_at(fs, d1, "sibling");
    assert_int_equal(nlink(fs, d1), 4);
    assert_int_equal(ext2_rename(fs, d1, "empty", d1, "sibling"), 0);
    assert_int_equal(nlink(fs, d1), 3);
    assert_int_equal(lookup(fs, d1, "sibling"), sub);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
}

/* An unlinked file or directory lives on while referenced, and goes with
 * the last put, or at unmount. */
static void unlinked_while_referenced(void **state)
{
    struct img im;
    uint8_t buf[6000];
    (void)state;
    img_make(&im, "-b 1024", 4096, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    struct ext2_statfs start = fs_stat(fs);
    pattern_fill(buf, sizeof(buf), 1, 0);
    uint32_t f = make_file(fs, ROOT, "open", buf, sizeof(buf));
    assert_int_equal(ext2_get(fs, f), 0);
    assert_int_equal(ext2_get(fs, f), 0);
    assert_int_equal(ext2_unlink(fs, ROOT, "open"), 0);
    assert_int_equal(nlink(fs, f), 0);
    assert_int_equal(file_write(fs, f, 6000, buf, 100), 100);
    assert_int_equal(file_read(fs, f, 0, buf, sizeof(buf)), sizeof(buf));
    assert_int_equal(ext2_link(fs, ROOT, "again", f), -ENOENT);
    assert_true(fs_stat(fs).free_blocks < start.free_blocks);
    assert_int_equal(ext2_put(fs, f), 0);
    assert_int_equal(nlink(fs, f), 0);
    assert_int_equal(ext2_put(fs, f), 0);
    assert_int_equal(fs_stat(fs).free_blocks, start.free_blocks);
    assert_int_equal(fs_stat(fs).free_inodes, start.free_inodes);
    assert_int_equal(ext2_put(fs, f), -EINVAL);
    /* a removed directory: readable, but nothing may be added */
    uint32_t d = mkdir_at(fs, ROOT, "dir"), ino;
    assert_int_equal(ext2_get(fs, d), 0);
    assert_int_equal(ext2_rmdir(fs, ROOT, "dir"), 0);
    assert_int_equal(ext2_create(fs, d, "x", 0644, &test_cred, &ino), -ENOENT);
    assert_int_equal(ext2_lookup(fs, d, "..", &ino), 0);
    /* and a file left referenced at unmount */
    f = make_file(fs, ROOT, "left", buf, 3000);
    assert_int_equal(ext2_get(fs, f), 0);
    assert_int_equal(ext2_unlink(fs, ROOT, "left"), 0);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    fs = img_mount(&im, 0);
    assert_int_equal(fs_stat(fs).free_blocks, start.free_blocks);
    assert_int_equal(fs_stat(fs).free_inodes, start.free_inodes);
    assert_int_equal(ext2_unmount(fs), 0);
    img_destroy(&im);
}

/* Removing entries between readdir calls: every survivor is listed once. */
static void readdir_across_removals(void **state)
{
    enum { COUNT = 200 };
    struct img im;
    char name[64];
    (void)state;
    img_make(&im, "-b 1024", 4096, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    uint32_t dir = mkdir_at(fs, ROOT, "d");
    for (int i = 0; i < COUNT; i++) {
        entry_name(name, i);
        make_file(fs, dir, name, NULL, 0);
    }
    int seen[COUNT] = { 0 };
    struct census c = { .seen = seen, .max = COUNT, .per_call = 5 };
    uint64_t cookie = 0;
    int r, removed = 0;
    do {
        c.this_call = 0;
        r = ext2_readdir(fs, dir, &cookie, count_entry, &c);
        assert_true(r == 0 || r == 1);
        for (int i = removed; i < COUNT && i < removed + 9; i += 3) {
            entry_name(name, i);
            ext2_unlink(fs, dir, name);
        }
        removed += 9;
    } while (r == 1);
    for (int i = 0; i < COUNT; i++)
        assert_true(seen[i] <= 1);
    for (int i = 0; i < COUNT; i++)
        if (i % 3 != 0)
            assert_int_equal(seen[i], 1);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
}

static void setgid_directory(void **state)
{
    struct img im;
    (void)state;
    img_make(&im, "-b 1024", 4096, NULL);
    struct ext2_fs *fs = img_mount(&im, 0);
    uint32_t d = mkdir_at(fs, ROOT, "shared");
    struct ext2_attr_change ch = { .mask = EXT2_SET_MODE | EXT2_SET_GID, .mode = 02775, .gid = 50 };
    assert_int_equal(ext2_setattr(fs, d, &ch), 0);
    uint32_t f = make_file(fs, d, "f", NULL, 0);
    uint32_t sub = mkdir_at(fs, d, "sub");
    assert_int_equal(attr_of(fs, f).gid, 50);
    assert_int_equal(attr_of(fs, sub).gid, 50);
    assert_int_equal(attr_of(fs, sub).mode, EXT2_S_IFDIR | 02755);
    assert_int_equal(attr_of(fs, f).mode, EXT2_S_IFREG | 0644);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    img_destroy(&im);
}

/* A directory indexed by e2fsck -D reads linearly; a change drops the
 * index flag and leaves a clean file system. */
static void indexed_directory(void **state)
{
    enum { COUNT = 400 };
    struct img im;
    char tree[64], name[64];
    (void)state;
    strcpy(tree, "/tmp/ext2tree.XXXXXX");
    assert_non_null(mkdtemp(tree));
    assert_int_equal(run("mkdir %s/big && cd %s/big && for i in $(seq 0 %d); do : > f$i; done",
                         tree, tree, COUNT - 1),
                     0);
    img_make(&im, "-b 1024", 8192, tree);
    assert_int_equal(
        run("e2fsck -fyD %s >/dev/null 2>&1; e2fsck -fn %s >/dev/null 2>&1", im.path, im.path), 0);
    assert_int_equal(
        run("debugfs -R 'stat /big' %s 2>/dev/null | grep -q 'Flags: 0x1000'", im.path), 0);
    struct ext2_fs *fs = img_mount(&im, 0);
    uint32_t big = lookup(fs, ROOT, "big");
    for (int i = 0; i < COUNT; i++) {
        snprintf(name, sizeof(name), "f%d", i);
        lookup(fs, big, name);
    }
    int seen[COUNT];
    struct census c = { .seen = seen, .max = COUNT, .per_call = 1000 };
    list_all(fs, big, &c);
    for (int i = 0; i < COUNT; i++)
        assert_int_equal(seen[i], 1);
    assert_int_equal(ext2_unlink(fs, big, "f7"), 0);
    make_file(fs, big, "new", NULL, 0);
    assert_int_equal(ext2_unmount(fs), 0);
    assert_int_equal(img_fsck(&im), 0);
    assert_int_equal(run("debugfs -R 'stat /big' %s 2>/dev/null | grep -q 'Flags: 0x0'", im.path),
                     0);
    img_destroy(&im);
    run("rm -rf %s", tree);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(mkdir_rmdir_links),       cmocka_unit_test(thousands_of_files_1k),
        cmocka_unit_test(thousands_of_files_4k),   cmocka_unit_test(rename_files),
        cmocka_unit_test(rename_directories),      cmocka_unit_test(unlinked_while_referenced),
        cmocka_unit_test(readdir_across_removals), cmocka_unit_test(setgid_directory),
        cmocka_unit_test(indexed_directory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
