/*
 * ext2 core: failing devices and randomly corrupted images. Every device
 * read or write fails in turn, or fails from some call on and recovers;
 * then a seeded loop mutates thousands of images and runs every call on
 * each, under AddressSanitizer and UBSan (test_ext2_corrupt.h checks each
 * call). Targeted damage is test_ext2_damage.c.
 *
 * EXT2_FUZZ_ITERATIONS scales the random loops; EXT2_FUZZ_SEED picks
 * another seed.
 */
#include "test_ext2_corrupt.h"

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

int main(void)
{
    const struct CMUnitTest random[] = {
        cmocka_unit_test(device_failures),
        cmocka_unit_test(read_failures_then_recovery),
        cmocka_unit_test(write_failures_then_recovery),
        cmocka_unit_test(random_mutations_1k),
        cmocka_unit_test(random_mutations_4k),
    };
    return cmocka_run_group_tests_name("random", random, NULL, NULL);
}
