/* The disk's size and its partitions, as the driver reports them. */
#include "disktest.h"

struct mbr_entry {
    uint8_t type;
    uint32_t start, count;
};

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The four entries of the MBR, read through minor 0. */
static int read_mbr(struct mbr_entry e[4])
{
    uint8_t *sector = test_buffer(0, SECTOR);

    EXPECT(bdev_read(0, 0, sector, SECTOR), SECTOR);
    CHECK(sector[510] == 0x55 && sector[511] == 0xAA, "no MBR signature on the disk");
    for (int i = 0; i < 4; i++) {
        const uint8_t *p = sector + 0x1BE + 16 * i;
        e[i] = (struct mbr_entry){ p[4], le32(p + 8), le32(p + 12) };
    }
    return 0;
}

int size_matches_disk(void)
{
    EXPECT(bdev_size(0), disk.size);
    message m;
    EXPECT(bdev_call(BDEV_OPEN, 0, 0, 0, GRANT_INVALID, &m), 0);
    EXPECT(bdev_call(BDEV_CLOSE, 0, 0, 0, GRANT_INVALID, &m), 0);
    return 0;
}

/* Each present entry is a minor of its size whose first sectors are the
 * disk's sectors at its start. */
static int check_partition(int minor, const struct mbr_entry *e)
{
    uint8_t *via_minor = test_buffer(1, 8 * SECTOR), *via_disk = test_buffer(2, 8 * SECTOR);

    EXPECT(bdev_size(minor), (uint64_t)e->count * SECTOR);
    EXPECT(bdev_read(minor, 0, via_minor, 8 * SECTOR), 8 * SECTOR);
    EXPECT(bdev_read(0, (uint64_t)e->start * SECTOR, via_disk, 8 * SECTOR), 8 * SECTOR);
    CHECK(memcmp(via_minor, via_disk, 8 * SECTOR) == 0, "minor %d does not start at sector %u",
          minor, e->start);
    uint64_t last = (uint64_t)e->count * SECTOR - SECTOR;
    EXPECT(bdev_read(minor, last, via_minor, SECTOR), SECTOR);
    EXPECT(bdev_read(0, (uint64_t)e->start * SECTOR + last, via_disk, SECTOR), SECTOR);
    CHECK(memcmp(via_minor, via_disk, SECTOR) == 0, "minor %d's last sector is elsewhere", minor);
    return 0;
}

int partitions_match_mbr(void)
{
    struct mbr_entry e[4];
    message m;
    int present = 0;

    if (read_mbr(e) < 0)
        return -1;
    for (int i = 0; i < 4; i++) {
        int minor = i + 1;
        if (e[i].type == 0 || e[i].count == 0) {
            EXPECT(bdev_size(minor), -ENXIO);
            continue;
        }
        present++;
        EXPECT(bdev_call(BDEV_OPEN, minor, 0, 0, GRANT_INVALID, &m), 0);
        if (check_partition(minor, &e[i]) < 0)
            return -1;
        EXPECT(bdev_call(BDEV_CLOSE, minor, 0, 0, GRANT_INVALID, &m), 0);
    }
    CHECK(present > 0, "the test disk should have partitions");
    return 0;
}

/* The pattern the system test wrote into the partitions, read through
 * the minors at their start, middle and end, in pieces of several sizes. */
int partition_contents(void)
{
    uint8_t *buf = test_buffer(0, 256 * KiB);

    for (int minor = 1; minor <= disk.pattern_minors; minor++) {
        uint64_t size = bdev_size_of(minor), nsec = size / SECTOR;
        CHECK(nsec >= 1024, "minor %d is too small for the test (%llu bytes)", minor,
              (unsigned long long)size);
        const uint64_t starts[] = { 0, nsec / 2 + 3, nsec - 512 };
        for (unsigned i = 0; i < 3; i++) {
            size_t count = i == 1 ? 512 : 256;
            EXPECT(bdev_read(minor, starts[i] * SECTOR, buf, count * SECTOR), count * SECTOR);
            CHECK(partition_pattern_ok(minor, starts[i], buf, count), "minor %d", minor);
        }
    }
    return 0;
}

int absent_partition_minor(void)
{
    message m;
    uint8_t *buf = test_buffer(0, SECTOR);

    EXPECT(bdev_call(BDEV_OPEN, 4, 0, 0, GRANT_INVALID, &m), -ENXIO);
    EXPECT(bdev_size(4), -ENXIO);
    EXPECT(bdev_read(4, 0, buf, SECTOR), -ENXIO);
    EXPECT(bdev_write(4, 0, buf, SECTOR), -ENXIO);
    return 0;
}
