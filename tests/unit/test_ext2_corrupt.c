/*
 * ext2 core: corrupt images and failing devices. Targeted damage (each
 * field the brief names) must give the documented errors; then a seeded
 * loop mutates thousands of images and runs every call on each, under
 * AddressSanitizer and UBSan, checking that each call returns success or a
 * known errno and leaves no cache buffer held. A watchdog turns a hang
 * into a failure naming the iteration.
 *
 * EXT2_FUZZ_ITERATIONS scales the random loops; EXT2_FUZZ_SEED picks
 * another seed; EXT2_TEST_LOG=1 shows the core's messages and
 * EXT2_TEST_TRACE=1 each failing call.
 */
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

static void watchdog(int sig)
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

static int tracking_read(void *ctx, uint64_t off, void *buf, size_t len)
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

static void mem_image(struct img *im, const struct base *b)
{
    memset(im, 0, sizeof(*im));
    im->mem = malloc(b->size);
    memcpy(im->mem, b->bytes, b->size);
    img_setup_dev(im, b->size);
    im->dev.read = tracking_read;
    im->quiet = true;
}

/* --- checking each call ----------------------------------------------- */

static bool allowed_error(long r)
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

static long checked_at(long r, int line)
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

static int list_entry(void *ctx, const char *name, size_t len, uint32_t ino, unsigned type)
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

static bool seen_dir(const struct walk *w, uint32_t ino)
{
    for (int i = 0; i < w->ndirs; i++)
        if (w->dirs[i] == ino)
            return true;
    return false;
}

static void read_file(struct walk *w, uint32_t ino, uint64_t size)
{
    checked(file_read(w->fs, ino, 0, w->buf, 65536));
    if (size > 100)
        checked(file_read(w->fs, ino, size - 100, w->buf, 200));
    checked(file_read(w->fs, ino, SPARSE_OFF, w->buf, 4096));
}

static void visit_entry(struct walk *w, uint32_t dir, const char *name, int depth);

static void walk_dir(struct walk *w, uint32_t dir, int depth)
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

static void visit_entry(struct walk *w, uint32_t dir, const char *name, int depth)
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

static void exercise_file(struct walk *w, uint32_t ino, int i)
{
    struct ext2_attr_change ch = { .mask = EXT2_SET_SIZE, .size = (uint64_t)i * 3000 };
    checked(file_write(w->fs, ino, 7, w->buf, 5000));
    checked(file_write(w->fs, ino, 300 * 1024, w->buf, 10));
    checked(file_write(w->fs, ino, SPARSE_OFF + 5, w->buf, 10));
    checked(ext2_setattr(w->fs, ino, &ch));
    checked(ext2_get(w->fs, ino));
    checked(ext2_put(w->fs, ino));
}

static void exercise_dir(struct walk *w, uint32_t dir, int i)
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
static void exercise_existing(struct walk *w)
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

static void workload(struct ext2_fs *fs, bool writes)
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
static int exercise(struct img *im)
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

static void make_tree(const char *root)
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
static void mark_data(const struct base *b, uint8_t *is_data, uint32_t blk, int depth)
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
static void hot_metadata_only(struct base *b)
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
static struct base *base_make(const char *opts, unsigned kib, uint32_t bs)
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

static void base_free(struct base *b)
{
    if (b == NULL)
        return;
    free(b->hot);
    free(b->bytes);
    free(b);
}

/* --- random mutation ------------------------------------------------------ */

static uint64_t rng_state;

static uint32_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)rng_state;
}

/* A word worth writing into a metadata field. */
static uint32_t nasty_word(const struct base *b)
{
    static const uint32_t words[] = { 0,          1,          2,       3,          11,
                                      12,         0xffff,     0x10000, 0x7fffffff, 0x80000000,
                                      0xffffffff, 0xfffffffe, 1024,    4096,       4095 };
    switch (rng() % 3) {
    case 0:
        return words[rng() % (sizeof(words) / sizeof(words[0]))];
    case 1:
        return rng() % (uint32_t)(b->size / b->block_size + 16);
    default:
        return rng();
    }
}

static void mutate_once(uint8_t *mem, const struct base *b)
{
    uint64_t where, descriptors = b->block_size == 1024 ? 2048 : 4096;
    unsigned pick = rng() % 10;
    if (pick == 0)
        where = 1024 + rng() % 1024; /* the superblock */
    else if (pick == 1)
        where = descriptors + rng() % 64; /* the first group descriptors */
    else if (pick < 8 && b->nhot > 0)
        where = b->hot[rng() % b->nhot] + rng() % b->block_size;
    else
        where = rng() % b->size;
    switch (rng() % 4) {
    case 0:
        mem[where] ^= (uint8_t)(1u << (rng() % 8));
        break;
    case 1:
        mem[where] = (uint8_t)rng();
        break;
    case 2: {
        uint32_t word = nasty_word(b);
        where &= ~(uint64_t)3;
        memcpy(mem + where, &word, sizeof(word));
        break;
    }
    default: {
        size_t len = 1 + rng() % 64;
        if (where + len > b->size)
            len = b->size - where;
        memset(mem + where, rng() % 2 ? 0 : 0xff, len);
        break;
    }
    }
}

static unsigned iterations(unsigned base_count)
{
    const char *env = getenv("EXT2_FUZZ_ITERATIONS");
    return env ? (unsigned)strtoul(env, NULL, 0) : base_count;
}

static uint64_t fuzz_seed(uint64_t fallback)
{
    const char *env = getenv("EXT2_FUZZ_SEED");
    return env ? strtoull(env, NULL, 0) : fallback;
}

static void random_mutations(const char *opts, unsigned kib, uint32_t bs, unsigned count)
{
    struct base *b = base_make(opts, kib, bs);
    struct img im;
    unsigned mounted = 0;
    uint64_t seed = fuzz_seed(0x5eed0000u + bs);
    signal(SIGALRM, watchdog);
    calls_failed = images_corrupt = 0;
    for (unsigned i = 0; i < count; i++) {
        current_iteration = (long)i;
        rng_state = seed * 1000003u + i + 1;
        mem_image(&im, b);
        im.dev.cache_blocks = i % 2 ? EXT2_CACHE_MIN : 0; /* half with constant eviction */
        for (unsigned m = 1 + rng() % 4; m > 0; m--)
            mutate_once(im.mem, b);
        alarm(WATCHDOG_S);
        mounted += exercise(&im) == 0;
        alarm(0);
        img_destroy(&im);
    }
    current_iteration = -1;
    fprintf(stderr,
            "    %u mutated images (seed %#llx): %u mounted read-write, %lu found corrupt, "
            "%lu calls failed\n",
            count, (unsigned long long)seed, mounted, images_corrupt, calls_failed);
    assert_true(count == 0 || mounted > count / 2); /* most damage is past the superblock */
    base_free(b);
}

static void random_mutations_1k(void **state)
{
    (void)state;
    random_mutations("-b 1024 -N 256 -g 512", 2048, 1024, iterations(2500));
}

static void random_mutations_4k(void **state)
{
    (void)state;
    random_mutations("-b 4096 -N 256 -I 128 -g 256", 4096, 4096, iterations(1500));
}

/* Every device read or write failing in turn, on a pristine image. */
static void device_failures(void **state)
{
    struct base *b = base_make("-b 1024 -N 256", 2048, 1024);
    struct img im;
    (void)state;
    mem_image(&im, b);
    exercise(&im);
    long total_reads = im.reads, total_writes = im.writes;
    img_destroy(&im);
    signal(SIGALRM, watchdog);
    for (long n = 0; n < total_reads + total_writes; n++) {
        current_iteration = n;
        mem_image(&im, b);
        im.dev.cache_blocks = n % 2 ? EXT2_CACHE_MIN : 0;
        if (n < total_reads)
            im.fail_read_at = n;
        else
            im.fail_write_at = n - total_reads;
        alarm(WATCHDOG_S);
        exercise(&im);
        alarm(0);
        img_destroy(&im);
    }
    current_iteration = -1;
    base_free(b);
}

/* The device fails from some call on, then recovers (a restarted driver):
 * whatever the calls in between did, the unmount must leave an image
 * e2fsck finds clean. */
static void failures_then_recovery(bool reads)
{
    struct base *b = base_make("-b 1024 -N 256 -g 512", 2048, 1024);
    struct img im, file;
    mem_image(&im, b);
    exercise(&im);
    long total = reads ? im.reads : im.writes;
    img_destroy(&im);
    img_make(&file, "-b 1024", 2048, NULL);
    signal(SIGALRM, watchdog);
    for (long n = 0; n < total; n += 1 + total / 200) {
        struct ext2_fs *fs;
        current_iteration = n;
        mem_image(&im, b);
        im.dev.cache_blocks = n % 2 ? EXT2_CACHE_MIN : 0;
        *(reads ? &im.fail_read_at : &im.fail_write_at) = n;
        alarm(WATCHDOG_S);
        if (ext2_mount(&im.dev, 0, &fs) == 0) {
            workload(fs, true);
            im.fail_read_at = im.fail_write_at = -1;
            assert_int_equal(ext2_unmount(fs), 0);
        }
        alarm(0);
        assert_int_equal(pwrite(file.fd, im.mem, b->size, 0), (ssize_t)b->size);
        if (img_fsck(&file) != 0)
            fail_msg("not clean after failures from %s %ld on", reads ? "read" : "write", n);
        img_destroy(&im);
    }
    current_iteration = -1;
    img_destroy(&file);
    base_free(b);
}

static void read_failures_then_recovery(void **state)
{
    (void)state;
    failures_then_recovery(true);
}

static void write_failures_then_recovery(void **state)
{
    (void)state;
    failures_then_recovery(false);
}

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
    const struct CMUnitTest random[] = {
        cmocka_unit_test(device_failures),
        cmocka_unit_test(read_failures_then_recovery),
        cmocka_unit_test(write_failures_then_recovery),
        cmocka_unit_test(random_mutations_1k),
        cmocka_unit_test(random_mutations_4k),
    };
    int failed = cmocka_run_group_tests_name("targeted", targeted, targets_setup, targets_teardown);
    return failed + cmocka_run_group_tests_name("random", random, NULL, NULL);
}
