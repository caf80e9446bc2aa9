/*
 * Writes read back. Each case writes a random pattern into the scratch
 * minor and reads back a window one sector wider on each side: inside,
 * the pattern; outside, what was there before (a partial-sector write
 * must not disturb its neighbours).
 */
#include "disktest.h"

static uint64_t round_down(uint64_t n)
{
    return n / SECTOR * SECTOR;
}

static int first_difference(const uint8_t *a, const uint8_t *b, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (a[i] != b[i])
            return (int)i;
    return -1;
}

static int write_and_verify(int minor, uint64_t pos, size_t len, uint32_t seed)
{
    uint64_t size = bdev_size_of(minor);
    uint64_t lo = round_down(pos) >= SECTOR ? round_down(pos) - SECTOR : 0;
    uint64_t hi = round_down(pos + len + SECTOR - 1) + SECTOR;
    hi = hi > size ? size : hi;
    size_t window = (size_t)(hi - lo);
    uint8_t *expect = test_buffer(0, window), *data = test_buffer(1, len);
    uint8_t *seen = test_buffer(2, window);

    CHECK(expect && data && seen && pos + len <= size, "case too large for the buffers");
    EXPECT(bdev_read(minor, lo, expect, window), window);
    fill_random(data, len, seed);
    EXPECT(bdev_write(minor, pos, data, len), len);
    memcpy(expect + (pos - lo), data, len);
    memset(seen, 0, window);
    EXPECT(bdev_read(minor, lo, seen, window), window);
    int at = first_difference(expect, seen, window);
    CHECK(at < 0, "minor %d: %zu bytes at %llu: byte %llu differs", minor, len,
          (unsigned long long)pos, (unsigned long long)(lo + (uint64_t)at));
    memset(seen, 0, len);
    EXPECT(bdev_read(minor, pos, seen, len), len);
    CHECK(memcmp(seen, data, len) == 0, "reading exactly the written bytes differs");
    return 0;
}

struct extent {
    uint64_t pos;
    size_t len;
};

static int run_extents(const struct extent *e, int n, uint32_t seed)
{
    for (int i = 0; i < n; i++) {
        printf("    %zu bytes at %llu\n", e[i].len, (unsigned long long)e[i].pos);
        if (write_and_verify(disk.scratch, e[i].pos, e[i].len, seed + (uint32_t)i) < 0)
            return -1;
    }
    return 0;
}

int write_read_aligned(void)
{
    uint64_t size = bdev_size_of(disk.scratch);
    const struct extent e[] = {
        { 0, SECTOR },
        { 4 * KiB, 64 * KiB },
        { 1 * MiB, 8 * KiB },
        { 2 * MiB + 7 * SECTOR, 37 * SECTOR },
        { size - SECTOR, SECTOR },
    };

    CHECK(size >= 16 * MiB, "scratch minor %d too small", disk.scratch);
    return run_extents(e, (int)(sizeof(e) / sizeof(e[0])), 1000);
}

int write_read_unaligned(void)
{
    const struct extent e[] = {
        { 5 * MiB + 100, 1000 }, { 6 * MiB + 511, 513 },        { 7 * MiB + 3, 200 * KiB + 7 },
        { 8 * MiB + 1, 1 },      { 8 * MiB + 4096 + 17, 4096 }, { 8 * MiB + 3 * SECTOR, 9 },
    };

    return run_extents(e, (int)(sizeof(e) / sizeof(e[0])), 2000);
}

/* Requests bigger than any one device command (and than the driver's DMA
 * buffer): the driver must split them. */
int write_larger_than_a_command(void)
{
    const struct extent e[] = {
        { 9 * MiB, 1 * MiB + 4 * KiB },
        { 11 * MiB + SECTOR, 768 * KiB - SECTOR },
        { 13 * MiB + 77, 1 * MiB + 333 },
    };

    return run_extents(e, (int)(sizeof(e) / sizeof(e[0])), 3000);
}

/* What a partition minor writes lands at the partition's place on the disk. */
int partition_offsets_on_write(void)
{
    const uint64_t pos = 12 * MiB + 5 * SECTOR;
    const size_t len = 24 * KiB;
    uint8_t *data = test_buffer(1, len), *seen = test_buffer(2, len);
    uint8_t *mbr = test_buffer(0, SECTOR);

    EXPECT(bdev_read(0, 0, mbr, SECTOR), SECTOR);
    const uint8_t *entry = mbr + 0x1BE + 16 * (disk.scratch - 1);
    uint64_t start = ((uint64_t)entry[8] | (uint64_t)entry[9] << 8 | (uint64_t)entry[10] << 16 |
                      (uint64_t)entry[11] << 24) *
                     SECTOR;
    fill_random(data, len, 4242);
    EXPECT(bdev_write(disk.scratch, pos, data, len), len);
    EXPECT(bdev_read(0, start + pos, seen, len), len);
    CHECK(memcmp(seen, data, len) == 0, "minor %d's data is not at %llu on the disk", disk.scratch,
          (unsigned long long)(start + pos));
    fill_random(data, len, 4343);
    EXPECT(bdev_write(0, start + pos, data, len), len);
    EXPECT(bdev_read(disk.scratch, pos, seen, len), len);
    CHECK(memcmp(seen, data, len) == 0, "the disk's write is not seen through minor %d",
          disk.scratch);
    return 0;
}
