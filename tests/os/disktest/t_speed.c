/* A large sequential write and read of the scratch minor, for a throughput figure. */
#include "disktest.h"

#define CHUNK (1 * MiB)
#define START (16 * MiB)

static void stamp(uint8_t *p, uint64_t n)
{
    memcpy(p, &n, sizeof(n));
}

static unsigned long kib_per_s(uint64_t bytes, uint64_t ns)
{
    return ns ? (unsigned long)(bytes * 1000000000ull / ns / KiB) : 0;
}

int sequential_throughput(void)
{
    uint8_t *data = test_buffer(0, CHUNK), *seen = test_buffer(1, CHUNK);
    uint64_t total = disk.speed_bytes;

    CHECK(bdev_size_of(disk.scratch) >= START + total, "scratch minor too small");
    fill_random(data, CHUNK, 555);
    uint64_t t0 = now_ns();
    for (uint64_t off = 0; off < total; off += CHUNK) {
        stamp(data, off);
        EXPECT(bdev_write(disk.scratch, START + off, data, CHUNK), CHUNK);
    }
    uint64_t t1 = now_ns();
    for (uint64_t off = 0; off < total; off += CHUNK) {
        EXPECT(bdev_read(disk.scratch, START + off, seen, CHUNK), CHUNK);
        stamp(data, off);
        CHECK(memcmp(seen, data, CHUNK) == 0, "MiB at %llu reads back wrong",
              (unsigned long long)off);
    }
    uint64_t t2 = now_ns();
    printf("disktest: throughput: %llu MiB written in %llu ms (%lu KiB/s), read and checked in "
           "%llu ms (%lu KiB/s)\n",
           (unsigned long long)(total / MiB), (unsigned long long)((t1 - t0) / 1000000),
           kib_per_s(total, t1 - t0), (unsigned long long)((t2 - t1) / 1000000),
           kib_per_s(total, t2 - t1));
    return 0;
}
