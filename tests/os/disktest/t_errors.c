/* Requests the driver must refuse, and the driver still standing after them. */
#include <stdint.h>
#include "disktest.h"

int out_of_range_requests(void)
{
    uint64_t s1 = bdev_size_of(1);
    uint8_t *buf = test_buffer(0, 8 * KiB), *saved = test_buffer(1, SECTOR);
    uint8_t *next = test_buffer(2, 2 * SECTOR);

    CHECK(s1 > 0, "minor 1 has no size");
    EXPECT(bdev_read(1, s1, buf, SECTOR), 0);
    EXPECT(bdev_write(1, s1, buf, SECTOR), -ENOSPC);
    EXPECT(bdev_read(1, s1 + MiB, buf, SECTOR), 0);
    EXPECT(bdev_write(1, s1 + MiB + 3, buf, SECTOR), -ENOSPC);
    EXPECT(bdev_read(1, s1 - SECTOR, buf, 8 * KiB), SECTOR);
    EXPECT(bdev_read(0, disk.size - SECTOR, buf, 2 * SECTOR), SECTOR);
    EXPECT(bdev_read(0, disk.size - 10, buf, 100), 10);
    EXPECT(bdev_read(1, 0, buf, 0), 0);

    /* A write across minor 1's end stops there: the next sector of the disk
     * (the next partition's first) keeps its contents. */
    uint64_t end_on_disk = 0;
    EXPECT(bdev_read(0, 0, buf, SECTOR), SECTOR);
    end_on_disk = ((uint64_t)buf[0x1BE + 8] | (uint64_t)buf[0x1BE + 9] << 8 |
                   (uint64_t)buf[0x1BE + 10] << 16 | (uint64_t)buf[0x1BE + 11] << 24) *
                      SECTOR +
                  s1;
    EXPECT(bdev_read(1, s1 - SECTOR, saved, SECTOR), SECTOR);
    EXPECT(bdev_read(0, end_on_disk, next, SECTOR), SECTOR);
    fill_random(buf, 2 * SECTOR, 77);
    EXPECT(bdev_write(1, s1 - SECTOR, buf, 2 * SECTOR), SECTOR);
    EXPECT(bdev_read(0, end_on_disk, next + SECTOR, SECTOR), SECTOR);
    CHECK(memcmp(next, next + SECTOR, SECTOR) == 0, "a write ran past minor 1's end");
    EXPECT(bdev_write(1, s1 - SECTOR, saved, SECTOR), SECTOR);
    return 0;
}

int malformed_requests(void)
{
    uint8_t *buf = test_buffer(0, 4 * KiB);
    const int minors[] = { 5, 99, -1, INT32_MAX, INT32_MIN };
    message m;

    for (unsigned i = 0; i < sizeof(minors) / sizeof(minors[0]); i++) {
        EXPECT(bdev_read(minors[i], 0, buf, SECTOR), -ENXIO);
        EXPECT(bdev_size(minors[i]), -ENXIO);
        EXPECT(bdev_call(BDEV_OPEN, minors[i], 0, 0, GRANT_INVALID, &m), -ENXIO);
    }
    EXPECT(bdev_read(0, UINT64_MAX - 100, buf, SECTOR), -EINVAL);
    EXPECT(bdev_call(BDEV_READ, 0, 512, UINT64_MAX, GRANT_INVALID, &m), -EINVAL);
    EXPECT(bdev_call(BDEV_BASE + 40, 0, 0, 0, GRANT_INVALID, &m), -ENOSYS);
    EXPECT(bdev_call(BDEV_BASE, 0, 0, 0, GRANT_INVALID, &m), -ENOSYS);
    EXPECT(bdev_call(0, 0, 0, 0, GRANT_INVALID, &m), -ENOSYS);
    EXPECT(bdev_call(CDEV_READ, 0, 0, SECTOR, GRANT_INVALID, &m), -ENOSYS);
    EXPECT(bdev_call(-5, 0, 0, 0, GRANT_INVALID, &m), -ENOSYS);
    return 0;
}

/* The request with grant g fails, and the scratch sector it aimed at is unchanged. */
static int refused(int call, grant_id_t g, uint64_t len, const char *what)
{
    uint8_t *before = test_buffer(1, SECTOR), *after = test_buffer(2, SECTOR);
    message m;

    EXPECT(bdev_read(disk.scratch, 15 * MiB, before, SECTOR), SECTOR);
    int r = bdev_call(call, disk.scratch, 15 * MiB, len, g, &m);
    CHECK(r < 0, "%s: accepted (%d)", what, r);
    EXPECT(bdev_read(disk.scratch, 15 * MiB, after, SECTOR), SECTOR);
    CHECK(memcmp(before, after, SECTOR) == 0, "%s: the disk changed", what);
    printf("    %s: error %d\n", what, r);
    return 0;
}

int bad_grants(void)
{
    uint8_t *buf = test_buffer(0, 8 * KiB);
    message m;
    int failed = 0;

    fill_random(buf, 8 * KiB, 99);
    grant_id_t small = grant_direct(disk.driver, buf, SECTOR, GRANT_READ | GRANT_WRITE);
    grant_id_t ro = grant_direct(disk.driver, buf, 4 * KiB, GRANT_READ);
    grant_id_t wo = grant_direct(disk.driver, buf, 4 * KiB, GRANT_WRITE);
    grant_id_t other = grant_direct(sys_self(), buf, 4 * KiB, GRANT_READ | GRANT_WRITE);
    grant_id_t revoked = grant_direct(disk.driver, buf, 4 * KiB, GRANT_READ | GRANT_WRITE);
    grant_revoke(revoked);

    failed |= refused(BDEV_WRITE, (grant_id_t)0x12345678, SECTOR, "write, no such grant");
    failed |= refused(BDEV_READ, (grant_id_t)0x7FFF0FFF, SECTOR, "read, no such grant");
    failed |= refused(BDEV_WRITE, GRANT_INVALID, SECTOR, "write, GRANT_INVALID");
    failed |= refused(BDEV_WRITE, small, 4 * KiB, "write past the grant's end");
    failed |= refused(BDEV_READ, small, 4 * KiB, "read past the grant's end");
    failed |= refused(BDEV_READ, ro, SECTOR, "read into a read-only grant");
    failed |= refused(BDEV_WRITE, wo, SECTOR, "write from a write-only grant");
    failed |= refused(BDEV_WRITE, other, SECTOR, "write, grant for someone else");
    failed |= refused(BDEV_WRITE, revoked, SECTOR, "write, revoked grant");
    grant_revoke(small);
    grant_revoke(ro);
    grant_revoke(wo);
    grant_revoke(other);
    CHECK(!failed, "a bad grant was accepted");

    /* The driver lives on and still works. */
    memset(&m, 0, sizeof(m));
    m.m_type = SRV_PING; /* answered asynchronously, as rs sends it */
    EXPECT(srv_async_send(disk.driver, &m), 0);
    EXPECT(ipc_receive(disk.driver, &m), 0);
    EXPECT(m.m_type, 0);
    EXPECT(bdev_read(0, 0, buf, SECTOR), SECTOR);
    CHECK(buf[510] == 0x55 && buf[511] == 0xAA, "the MBR reads wrong after bad grants");
    return 0;
}

/* The device fails a read and a write at disk.bad_pos of the scratch minor
 * (the system test injects the errors): the driver answers EIO after its
 * reset and retry, and then serves the sectors around as before. */
int device_error_gives_eio(void)
{
    uint8_t *buf = test_buffer(0, 64 * KiB);

    CHECK(disk.bad_pos != 0, "give the failing position with badpos=");
    EXPECT(bdev_read(disk.scratch, disk.bad_pos, buf, 4 * KiB), -EIO);
    EXPECT(bdev_read(disk.scratch, disk.bad_pos - 64 * KiB, buf, 64 * KiB), 64 * KiB);
    EXPECT(bdev_read(disk.scratch, disk.bad_pos + 64 * KiB, buf, 64 * KiB), 64 * KiB);
    fill_random(buf, 4 * KiB, 31);
    EXPECT(bdev_write(disk.scratch, disk.bad_pos, buf, 4 * KiB), -EIO);
    EXPECT(bdev_write(disk.scratch, disk.bad_pos + 64 * KiB, buf, 4 * KiB), 4 * KiB);
    EXPECT(bdev_read(0, 0, buf, SECTOR), SECTOR);
    CHECK(buf[510] == 0x55 && buf[511] == 0xAA, "the MBR reads wrong after device errors");
    return 0;
}

/* The device is too slow to answer within the driver's deadline (the
 * system test throttles it): the request fails with EIO in bounded time
 * instead of hanging the driver, and once the device has caught up with
 * its backlog, requests work again. */
int slow_device_times_out(void)
{
    uint8_t *buf = test_buffer(0, 1 * MiB);
    uint64_t t0 = now_ns();
    long r;

    EXPECT(bdev_read(disk.scratch, 20 * MiB, buf, 1 * MiB), -EIO);
    uint64_t ms = (now_ns() - t0) / 1000000;
    printf("    a 1 MiB read failed after %llu ms\n", (unsigned long long)ms);
    CHECK(ms < 60000, "the driver took %llu ms to give up", (unsigned long long)ms);
    while ((r = bdev_read(0, 0, buf, SECTOR)) == -EIO && now_ns() - t0 < 120 * 1000000000ull)
        ;
    EXPECT(r, SECTOR);
    CHECK(buf[510] == 0x55 && buf[511] == 0xAA, "the MBR reads wrong after a timeout");
    printf("    the device answered again after %llu ms\n",
           (unsigned long long)((now_ns() - t0) / 1000000));
    return 0;
}
