/*
 * The common part of the corrupt-image tests (test_ext2_corrupt.c: device
 * failures and random mutations; test_ext2_damage.c: targeted damage): a
 * pristine base image with the blocks the workload reads, the workload that
 * runs every call on whatever image it is given, and the check of each
 * call (success or a known errno, no cache buffer left held). A watchdog
 * turns a hang into a failure naming the iteration.
 *
 * EXT2_TEST_LOG=1 shows the core's messages and EXT2_TEST_TRACE=1 each
 * failing call.
 */
#ifndef TEST_EXT2_CORRUPT_H
#define TEST_EXT2_CORRUPT_H

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_ext2_harness.h"
#include "../../servers/ext2/core.h"

#define ROOT        EXT2_ROOT_INO
#define SLOW_TARGET "/a/long/target/for/a/slow/symbolic/link/which/does/not/fit/into/i_block/at/all"
#define SPARSE_OFF  (66 * 1024 * 1024)
#define MAX_VISITED 96
#define MAX_LISTED  64
#define WATCHDOG_S  120

static volatile long current_iteration = -1;

static inline void watchdog(int sig)
{
    (void)sig;
    fprintf(stderr, "watchdog: iteration %ld hangs\n", current_iteration);
    abort();
}

/* A pristine image in memory, and the block ranges the workload reads. */
struct base {
    uint8_t *bytes;
    size_t size;
    uint32_t block_size;
    uint64_t *hot; /* byte offsets of blocks read on the pristine image */
    size_t nhot;
    size_t hot_cap;
};

static struct base *recording; /* while set, reads are recorded into it */

static inline int tracking_read(void *ctx, uint64_t off, void *buf, size_t len)
{
    struct base *b = recording;
    if (b != NULL) {
        for (uint64_t o = off; o < off + len; o += b->block_size) {
            if (b->nhot == b->hot_cap) {
                b->hot_cap = b->hot_cap ? 2 * b->hot_cap : 256;
                b->hot = realloc(b->hot, b->hot_cap * sizeof(*b->hot));
            }
            b->hot[b->nhot++] = o - o % b->block_size;
        }
    }
    return img_read(ctx, off, buf, len);
}

static inline void mem_image(struct img *im, const struct base *b)
{
    memset(im, 0, sizeof(*im));
    im->mem = malloc(b->size);
    memcpy(im->mem, b->bytes, b->size);
    img_setup_dev(im, b->size);
    im->dev.read = tracking_read;
    im->quiet = true;
}

/* --- checking each call ----------------------------------------------- */

static inline bool allowed_error(long r)
{
    static const int known[] = { EIO,    ENOENT, ENOTDIR, EISDIR,       EEXIST, ENOTEMPTY,
                                 ENOSPC, EINVAL, ESTALE,  EROFS,        EMLINK, EFBIG,
                                 EPERM,  EBUSY,  ENOMEM,  ENAMETOOLONG, ENOTSUP };
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
        if (r == -known[i])
            return true;
    return false;
}

static struct ext2_fs *live_fs;
static unsigned long calls_failed, images_corrupt;

static inline long checked_at(long r, int line)
{
    static int trace = -1;
    if (trace < 0)
        trace = getenv("EXT2_TEST_TRACE") != NULL;
    if (trace && r < 0)
        fprintf(stderr, "    line %d: %ld\n", line, r);
    calls_failed += r < 0;
    if (r < 0 && !allowed_error(r))
        fail_msg("iteration %ld: unexpected error %ld", current_iteration, r);
    if (live_fs != NULL && cache_held(live_fs->cache) != 0)
        fail_msg("iteration %ld: %u buffers held after a call", current_iteration,
                 cache_held(live_fs->cache));
    return r;
}

#define checked(r) checked_at((r), __LINE__)

/* --- the workload: every call, on whatever is there -------------------- */

struct listed {
    char names[MAX_LISTED][EXT2_NAME_MAX + 1];
    uint32_t inos[MAX_LISTED];
    int count;
};

static inline int list_entry(void *ctx, const char *name, size_t len, uint32_t ino, unsigned type)
{
    struct listed *l = ctx;
    (void)type;
    if (l->count == MAX_LISTED)
        return 1;
    assert_true(len <= EXT2_NAME_MAX && strlen(name) == len);
    strcpy(l->names[l->count], name);
    l->inos[l->count++] = ino;
    return 0;
}

struct walk {
    struct ext2_fs *fs;
    uint32_t dirs[MAX_VISITED];
    int ndirs;
    uint32_t files[MAX_VISITED];
    int nfiles;
    uint8_t *buf;
};

static inline bool seen_dir(const struct walk *w, uint32_t ino)
{
    for (int i = 0; i < w->ndirs; i++)
        if (w->dirs[i] == ino)
            return true;
    return false;
}

static inline void read_file(struct walk *w, uint32_t ino, uint64_t size)
{
    checked(file_read(w->fs, ino, 0, w->buf, 65536));
    if (size > 100)
        checked(file_read(w->fs, ino, size - 100, w->buf, 200));
    checked(file_read(w->fs, ino, SPARSE_OFF, w->buf, 4096));
}

static inline void visit_entry(struct walk *w, uint32_t dir, const char *name, int depth);

static inline void walk_dir(struct walk *w, uint32_t dir, int depth)
{
    struct listed l = { .count = 0 };
    uint64_t cookie = 0;
    if (depth > 6 || w->ndirs == MAX_VISITED || seen_dir(w, dir))
        return;
    w->dirs[w->ndirs++] = dir;
    for (int calls = 0; calls < 8 && l.count < MAX_LISTED; calls++) {
        if (checked(ext2_readdir(w->fs, dir, &cookie, list_entry, &l)) != 1)
            break;
    }
    for (int i = 0; i < l.count; i++) {
        if (!name_is_dots(l.names[i], strlen(l.names[i])))
            visit_entry(w, dir, l.names[i], depth);
    }
}

static inline void visit_entry(struct walk *w, uint32_t dir, const char *name, int depth)
{
    uint32_t ino;
    struct ext2_attr a;
    char target[8192];
    if (checked(ext2_lookup(w->fs, dir, name, &ino)) != 0)
        return;
    if (checked(ext2_getattr(w->fs, ino, &a)) != 0)
        return;
    switch (a.mode & EXT2_S_IFMT) {
    case EXT2_S_IFDIR:
        walk_dir(w, ino, depth + 1);
        break;
    case EXT2_S_IFREG:
        read_file(w, ino, a.size);
        if (w->nfiles < MAX_VISITED)
            w->files[w->nfiles++] = ino;
        break;
    case EXT2_S_IFLNK:
        checked(ext2_readlink(w->fs, ino, target, sizeof(target)));
        break;
    }
}

static inline void exercise_file(struct walk *w, uint32_t ino, int i)
{
    struct ext2_attr_change ch = { .mask = EXT2_SET_SIZE, .size = (uint64_t)i * 3000 };
    checked(file_write(w->fs, ino, 7, w->buf, 5000));
    checked(file_write(w->fs, ino, 300 * 1024, w->buf, 10));
    checked(file_write(w->fs, ino, SPARSE_OFF + 5, w->buf, 10));
    checked(ext2_setattr(w->fs, ino, &ch));
    checked(ext2_get(w->fs, ino));
    checked(ext2_put(w->fs, ino));
}

static inline void exercise_dir(struct walk *w, uint32_t dir, int i)
{
    struct ext2_fs *fs = w->fs;
    uint32_t ino, other = w->dirs[(i + 1) % w->ndirs];
    char name[32];
    snprintf(name, sizeof(name), "new%d", i);
    if (checked(ext2_create(fs, dir, name, 0644, &test_cred, &ino)) == 0) {
        checked(file_write(fs, ino, 0, w->buf, 3000));
        checked(ext2_link(fs, other, "linked", ino));
        checked(ext2_get(fs, ino));
        checked(ext2_unlink(fs, dir, name));
        checked(ext2_put(fs, ino));
    }
    checked(ext2_mkdir(fs, dir, "newdir", 0755, &test_cred, &ino));
    checked(ext2_symlink(fs, dir, "fastnew", "x/y", &test_cred, &ino));
    checked(ext2_symlink(fs, dir, "slownew", SLOW_TARGET, &test_cred, &ino));
    checked(ext2_mknod(fs, dir, "nod", EXT2_S_IFCHR | 0600, 1, 3, &test_cred, &ino));
    checked(ext2_rename(fs, dir, "newdir", other, "moveddir"));
    checked(ext2_rename(fs, dir, "slownew", dir, "fastnew"));
    checked(ext2_rmdir(fs, other, "moveddir"));
}

/* Renames and removals of what the image already held. */
static inline void exercise_existing(struct walk *w)
{
    struct ext2_fs *fs = w->fs;
    checked(ext2_rename(fs, ROOT, "dir", ROOT, "dir2"));
    if (w->ndirs > 2)
        checked(ext2_rename(fs, ROOT, "emptydir", w->dirs[2], "emptymoved"));
    if (w->ndirs > 1)
        checked(ext2_rename(fs, ROOT, "dir2", w->dirs[w->ndirs - 1], "under"));
    checked(ext2_rename(fs, ROOT, "small", ROOT, "medium"));
    checked(ext2_unlink(fs, ROOT, "big"));
    checked(ext2_unlink(fs, ROOT, "slow"));
    checked(ext2_unlink(fs, ROOT, "tty"));
    checked(ext2_rmdir(fs, ROOT, "emptydir"));
    checked(ext2_rmdir(fs, ROOT, "dir2"));
}

static inline void workload(struct ext2_fs *fs, bool writes)
{
    struct walk w = { .fs = fs, .buf = calloc(1, 65536) };
    struct ext2_statfs st;
    live_fs = fs;
    walk_dir(&w, ROOT, 0);
    checked(ext2_statfs(fs, &st));
    if (writes) {
        for (int i = 0; i < w.nfiles && i < 6; i++)
            exercise_file(&w, w.files[i], i);
        for (int i = 0; i < w.ndirs && i < 4; i++)
            exercise_dir(&w, w.dirs[i], i);
        exercise_existing(&w);
        checked(ext2_sync(fs));
    }
    live_fs = NULL;
    free(w.buf);
}

/* Mount (read-write, else read-only), run everything, unmount. Returns the
 * mount's result. */
static inline int exercise(struct img *im)
{
    struct ext2_fs *fs = NULL;
    int err = ext2_mount(&im->dev, 0, &fs);
    bool writes = true;
    if (err != 0) {
        assert_true(err == -EINVAL || err == -EIO || err == -ENOTSUP || err == -ENOMEM);
        if (ext2_mount(&im->dev, EXT2_MOUNT_RDONLY, &fs) != 0)
            return err;
        writes = false;
    }
    workload(fs, writes);
    images_corrupt += fs->errors;
    checked(ext2_unmount(fs));
    return err;
}

/* --- the base images ---------------------------------------------------- */

static inline void make_tree(const char *root)
{
    assert_int_equal(
        run("cd %s && mkdir -p dir/sub/deep emptydir && head -c 100 /dev/urandom > small && "
            "head -c 20000 /dev/urandom > medium && head -c 300000 /dev/urandom > big && "
            "printf x | dd of=sparse bs=1 seek=%d 2>/dev/null && ln -s small fast && "
            "ln -s %s slow && mknod tty c 4 1 && echo deep > dir/sub/deep/file && "
            "for i in $(seq 0 149); do echo $i > dir/f$i; done",
            root, SPARSE_OFF, SLOW_TARGET),
        0);
}

/* Mark the data blocks of the tree under blk (depth 0: blk is data). */
static inline void mark_data(const struct base *b, uint8_t *is_data, uint32_t blk, int depth)
{
    uint32_t nblocks = (uint32_t)(b->size / b->block_size);
    if (blk == 0 || blk >= nblocks)
        return;
    if (depth == 0) {
        is_data[blk] = 1;
        return;
    }
    const uint32_t *words = (const uint32_t *)(b->bytes + (uint64_t)blk * b->block_size);
    for (uint32_t i = 0; i < b->block_size / 4; i++)
        mark_data(b, is_data, words[i], depth - 1);
}

/* Keep only the hot blocks that are not regular files' data: mutations
 * aim at metadata the workload reads. */
static inline void hot_metadata_only(struct base *b)
{
    const struct ext2_super *sb = (const struct ext2_super *)(b->bytes + 1024);
    uint32_t fdb = b->block_size == 1024 ? 1 : 0,
             groups = sb->s_inodes_count / sb->s_inodes_per_group;
    const struct ext2_group_desc *gd =
        (const struct ext2_group_desc *)(b->bytes + (uint64_t)(fdb + 1) * b->block_size);
    uint8_t *is_data = calloc(b->size / b->block_size, 1);
    for (uint32_t g = 0; g < groups; g++) {
        for (uint32_t i = 0; i < sb->s_inodes_per_group; i++) {
            const struct ext2_inode *raw =
                (const struct ext2_inode *)(b->bytes +
                                            (uint64_t)gd[g].bg_inode_table * b->block_size +
                                            (uint64_t)i * sb->s_inode_size);
            if ((raw->i_mode & EXT2_S_IFMT) != EXT2_S_IFREG || raw->i_links_count == 0)
                continue;
            for (int slot = 0; slot < EXT2_N_BLOCKS; slot++)
                mark_data(b, is_data, raw->i_block[slot], slot < 12 ? 0 : slot - 11);
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < b->nhot; i++)
        if (!is_data[b->hot[i] / b->block_size])
            b->hot[kept++] = b->hot[i];
    b->nhot = kept;
    free(is_data);
}

/* Make the base image, and record the blocks the workload reads. */
static inline struct base *base_make(const char *opts, unsigned kib, uint32_t bs)
{
    struct img file;
    char tree[64];
    struct base *b = calloc(1, sizeof(*b));
    strcpy(tree, "/tmp/ext2tree.XXXXXX");
    assert_non_null(mkdtemp(tree));
    make_tree(tree);
    img_make(&file, opts, kib, tree);
    run("e2fsck -fyD %s >/dev/null 2>&1", file.path); /* index dir: hashed blocks too */
    b->size = (size_t)kib * 1024;
    b->block_size = bs;
    b->bytes = malloc(b->size);
    assert_int_equal(pread(file.fd, b->bytes, b->size, 0), (ssize_t)b->size);
    img_destroy(&file);
    run("rm -rf %s", tree);
    struct img im;
    mem_image(&im, b);
    recording = b;
    struct ext2_fs *fs = img_mount(&im, 0);
    workload(fs, true);
    assert_int_equal(fs_stat(fs).flags & EXT2_STATFS_ERRORS, 0); /* pristine */
    assert_int_equal(ext2_unmount(fs), 0);
    recording = NULL;
    img_destroy(&im);
    hot_metadata_only(b);
    return b;
}

static inline void base_free(struct base *b)
{
    if (b == NULL)
        return;
    free(b->hot);
    free(b->bytes);
    free(b);
}

#endif
