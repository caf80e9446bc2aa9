/*
 * ext2 core: targeted damage. Each superblock, group, inode and directory
 * field the brief names, damaged on its own, must give the documented
 * error (EINVAL or EIO at mount, EIO from the call that meets it), never a
 * crash, a hang or a held buffer (test_ext2_corrupt.h checks each call).
 */
#include "test_ext2_corrupt.h"

/* --- targeted damage ------------------------------------------------------ */

static struct base *targets_base;

static int targets_setup(void **state)
{
    (void)state;
    targets_base = base_make("-b 1024 -N 256", 2048, 1024);
    return 0;
}

static int targets_teardown(void **state)
{
    (void)state;
    base_free(targets_base);
    return 0;
}

static struct ext2_super *super_of(struct img *im)
{
    return (struct ext2_super *)(im->mem + 1024);
}

static struct ext2_group_desc *group_of(struct img *im, uint32_t g)
{
    return (struct ext2_group_desc *)(im->mem + 2 * 1024) + g;
}

static struct ext2_inode *inode_of(struct img *im, uint32_t ino)
{
    struct ext2_super *sb = super_of(im);
    uint32_t g = (ino - 1) / sb->s_inodes_per_group, i = (ino - 1) % sb->s_inodes_per_group;
    return (struct ext2_inode *)(im->mem + (uint64_t)group_of(im, g)->bg_inode_table * 1024 +
                                 (uint64_t)i * sb->s_inode_size);
}

static uint8_t *block_of(struct img *im, uint32_t blk)
{
    return im->mem + (uint64_t)blk * 1024;
}

static uint32_t ino_of(struct img *im, const char *path)
{
    char copy[128], *save = NULL;
    uint32_t ino = ROOT;
    struct ext2_fs *fs = img_mount(im, EXT2_MOUNT_RDONLY);
    strcpy(copy, path);
    for (char *part = strtok_r(copy, "/", &save); part; part = strtok_r(NULL, "/", &save))
        assert_int_equal(ext2_lookup(fs, ino, part, &ino), 0);
    ext2_unmount(fs);
    return ino;
}

static void expect_mount_error(void (*damage)(struct img *), int want)
{
    struct img im;
    struct ext2_fs *fs;
    mem_image(&im, targets_base);
    damage(&im);
    assert_int_equal(ext2_mount(&im.dev, 0, &fs), want);
    assert_int_equal(ext2_mount(&im.dev, EXT2_MOUNT_RDONLY, &fs), want);
    img_destroy(&im);
}

static void bad_magic(struct img *im)
{
    super_of(im)->s_magic ^= 1;
}

static void big_block_size(struct img *im)
{
    super_of(im)->s_log_block_size = 3;
}

static void zero_blocks_per_group(struct img *im)
{
    super_of(im)->s_blocks_per_group = 0;
}

static void inode_count_mismatch(struct img *im)
{
    super_of(im)->s_inodes_count += 1;
}

static void blocks_past_device(struct img *im)
{
    super_of(im)->s_blocks_count = 1u << 30;
}

static void wrong_first_data_block(struct img *im)
{
    super_of(im)->s_first_data_block = 0;
}

static void bad_inode_size(struct img *im)
{
    super_of(im)->s_inode_size = 100;
}

static void future_revision(struct img *im)
{
    super_of(im)->s_rev_level = 7;
}

static void table_outside_group(struct img *im)
{
    group_of(im, 0)->bg_inode_table = 900000;
}

static void bitmap_in_table(struct img *im)
{
    group_of(im, 0)->bg_block_bitmap = group_of(im, 0)->bg_inode_table + 1;
}

static void free_count_too_big(struct img *im)
{
    group_of(im, 0)->bg_free_blocks_count = 60000;
}

static void unknown_incompat(struct img *im)
{
    super_of(im)->s_feature_incompat |= 0x40; /* extents */
}

static void root_not_directory(struct img *im)
{
    inode_of(im, ROOT)->i_mode = EXT2_S_IFREG | 0755;
}

static void superblock_and_groups_damage(void **state)
{
    (void)state;
    expect_mount_error(bad_magic, -EINVAL);
    expect_mount_error(big_block_size, -EINVAL);
    expect_mount_error(zero_blocks_per_group, -EINVAL);
    expect_mount_error(inode_count_mismatch, -EINVAL);
    expect_mount_error(blocks_past_device, -EINVAL);
    expect_mount_error(wrong_first_data_block, -EINVAL);
    expect_mount_error(bad_inode_size, -EINVAL);
    expect_mount_error(future_revision, -EINVAL);
    expect_mount_error(table_outside_group, -EINVAL);
    expect_mount_error(bitmap_in_table, -EINVAL);
    expect_mount_error(free_count_too_big, -EINVAL);
    expect_mount_error(unknown_incompat, -ENOTSUP);
    expect_mount_error(root_not_directory, -EIO);
}

/* Damage one thing in a mounted-able image; check the call that meets it,
 * then that the whole workload survives. */
struct damaged {
    struct img im;
    struct ext2_fs *fs;
};

static void damaged_mount(struct damaged *d)
{
    d->fs = img_mount(&d->im, 0);
    live_fs = d->fs;
}

static void damaged_finish(struct damaged *d)
{
    live_fs = NULL;
    assert_true(fs_stat(d->fs).flags & EXT2_STATFS_ERRORS);
    checked(ext2_unmount(d->fs));
    exercise(&d->im);
    img_destroy(&d->im);
}

static void damaged_start(struct damaged *d)
{
    mem_image(&d->im, targets_base);
}

static void directory_entry_damage(void **state)
{
    static const struct {
        unsigned off, size;
        uint32_t value;
    } damage[] = {
        { 4, 2, 0 },     /* rec_len 0 */ { 4, 2, 13 },         /* not a multiple of 4 */
        { 4, 2, 4000 },  /* past the block */ { 6, 1, 200 },   /* name longer than the entry */
        { 0, 4, 99999 }, /* inode out of range */ { 0, 4, 5 }, /* a reserved inode */
        { 7, 1, 9 },                                           /* unknown file type */
    };
    (void)state;
    for (size_t i = 0; i < sizeof(damage) / sizeof(damage[0]); i++) {
        struct damaged d;
        uint32_t ino;
        damaged_start(&d);
        uint32_t dir = ino_of(&d.im, "dir");
        /* the first entry of the second block (the first is the index root) */
        uint8_t *block = block_of(&d.im, inode_of(&d.im, dir)->i_block[1]);
        assert_true(((struct ext2_dirent *)block)->inode != 0);
        memcpy(block + damage[i].off, &damage[i].value, damage[i].size);
        damaged_mount(&d);
        assert_int_equal(checked(ext2_lookup(d.fs, dir, "f59", &ino)), -EIO);
        assert_int_equal(checked(ext2_create(d.fs, dir, "x", 0644, &test_cred, &ino)), -EIO);
        assert_int_equal(checked(ext2_rmdir(d.fs, ROOT, "dir")), -EIO);
        damaged_finish(&d);
    }
}

static void huge_size_and_bad_pointers(void **state)
{
    struct damaged d;
    uint8_t buf[64];
    struct ext2_attr a;
    (void)state;
    damaged_start(&d);
    uint32_t medium = ino_of(&d.im, "medium"), big = ino_of(&d.im, "big");
    uint32_t small = ino_of(&d.im, "small"), sub = ino_of(&d.im, "dir/sub");
    inode_of(&d.im, small)->i_size_high = 0x7fffffff;  /* huge i_size */
    inode_of(&d.im, medium)->i_block[12] = 0xfffffff0; /* indirect out of range */
    inode_of(&d.im, big)->i_block[3] = group_of(&d.im, 0)->bg_inode_table; /* metadata */
    inode_of(&d.im, sub)->i_size = 1000;                                   /* not whole blocks */
    damaged_mount(&d);
    assert_int_equal(checked(ext2_getattr(d.fs, small, &a)), -EIO);
    assert_int_equal(checked(file_read(d.fs, medium, 13 * 1024, buf, 10)), -EIO);
    assert_int_equal(checked(file_read(d.fs, medium, 0, buf, 10)), 10);
    assert_int_equal(checked(file_read(d.fs, big, 3 * 1024, buf, 10)), -EIO);
    assert_int_equal(checked(ext2_readdir(d.fs, sub, &(uint64_t){ 0 }, list_entry,
                                          &(struct listed){ .count = 0 })),
                     -EIO);
    assert_int_equal(checked(ext2_unlink(d.fs, ROOT, "medium")), 0); /* drops the bad pointer */
    damaged_finish(&d);
}

/* An indirect block listing itself: truncation must end, and not free
 * the same block twice. */
static void indirect_block_loop(void **state)
{
    struct damaged d;
    (void)state;
    damaged_start(&d);
    uint32_t big = ino_of(&d.im, "big");
    struct ext2_inode *raw = inode_of(&d.im, big);
    uint32_t dind = raw->i_block[13];
    assert_true(dind != 0);
    uint32_t *words = (uint32_t *)block_of(&d.im, dind);
    words[1] = dind;
    words[2] = raw->i_block[12];
    damaged_mount(&d);
    checked(ext2_unlink(d.fs, ROOT, "big"));
    damaged_finish(&d);
}

static void bitmaps_disagree(void **state)
{
    struct damaged d;
    uint32_t ino;
    (void)state;
    /* the block bitmap says everything is free: allocation meets metadata */
    damaged_start(&d);
    memset(block_of(&d.im, group_of(&d.im, 0)->bg_block_bitmap), 0, 1024);
    damaged_mount(&d);
    assert_int_equal(checked(ext2_mkdir(d.fs, ROOT, "d", 0755, &test_cred, &ino)), -EIO);
    damaged_finish(&d);
    /* the block bitmap is full but the counts say free */
    damaged_start(&d);
    memset(block_of(&d.im, group_of(&d.im, 0)->bg_block_bitmap), 0xff, 1024);
    damaged_mount(&d);
    assert_int_equal(checked(ext2_mkdir(d.fs, ROOT, "d", 0755, &test_cred, &ino)), -EIO);
    damaged_finish(&d);
    /* the inode bitmap says used inodes are free */
    damaged_start(&d);
    memset(block_of(&d.im, group_of(&d.im, 0)->bg_inode_bitmap), 0, 1024);
    damaged_mount(&d);
    assert_int_equal(checked(ext2_create(d.fs, ROOT, "f", 0644, &test_cred, &ino)), -EIO);
    damaged_finish(&d);
    /* a file's block marked free: reported, and the deletion completes */
    damaged_start(&d);
    uint32_t small = ino_of(&d.im, "small");
    uint32_t blk = inode_of(&d.im, small)->i_block[0] - 1; /* bit index for 1 KiB blocks */
    block_of(&d.im, group_of(&d.im, 0)->bg_block_bitmap)[blk / 8] &= (uint8_t) ~(1u << (blk % 8));
    damaged_mount(&d);
    assert_int_equal(checked(ext2_unlink(d.fs, ROOT, "small")), 0);
    damaged_finish(&d);
}

/* ".." entries forming a loop: a rename's ancestry walk must end. */
static void dotdot_loop(void **state)
{
    struct damaged d;
    (void)state;
    damaged_start(&d);
    uint32_t sub = ino_of(&d.im, "dir/sub"), deep = ino_of(&d.im, "dir/sub/deep");
    uint8_t *block = block_of(&d.im, inode_of(&d.im, sub)->i_block[0]);
    struct ext2_dirent *dotdot = (struct ext2_dirent *)(block + 12);
    assert_memory_equal(dotdot->name, "..", 2);
    dotdot->inode = deep; /* sub/.. is deep, deep/.. is sub */
    damaged_mount(&d);
    assert_int_equal(checked(ext2_rename(d.fs, ROOT, "emptydir", deep, "x")), -EIO);
    damaged_finish(&d);
}

static void symlink_and_xattr_damage(void **state)
{
    struct damaged d;
    char target[8192];
    (void)state;
    damaged_start(&d);
    uint32_t fast = ino_of(&d.im, "fast"), slow = ino_of(&d.im, "slow");
    uint32_t tty = ino_of(&d.im, "tty");
    inode_of(&d.im, fast)->i_size = 500; /* longer than i_block */
    inode_of(&d.im, slow)->i_size = 1000000;
    inode_of(&d.im, tty)->i_file_acl = 5; /* not an xattr block */
    damaged_mount(&d);
    assert_int_equal(checked(ext2_readlink(d.fs, fast, target, sizeof(target))), -EIO);
    assert_int_equal(checked(ext2_readlink(d.fs, slow, target, sizeof(target))), -EIO);
    checked(ext2_unlink(d.fs, ROOT, "tty"));
    damaged_finish(&d);
}

int main(void)
{
    const struct CMUnitTest targeted[] = {
        cmocka_unit_test(superblock_and_groups_damage),
        cmocka_unit_test(directory_entry_damage),
        cmocka_unit_test(huge_size_and_bad_pointers),
        cmocka_unit_test(indirect_block_loop),
        cmocka_unit_test(bitmaps_disagree),
        cmocka_unit_test(dotdot_loop),
        cmocka_unit_test(symlink_and_xattr_damage),
    };
    return cmocka_run_group_tests_name("targeted", targeted, targets_setup, targets_teardown);
}
