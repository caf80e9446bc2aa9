/*
 * The ramdisk: the boot module "ramdisk", which test_devices.py fills
 * with the pattern byte(i) = i % 251 (1 MiB).
 */
#include "devtest.h"

#define DISK_SIZE (1u << 20)

static uint8_t buf[16384];

static uint8_t pattern(uint64_t i)
{
    return (uint8_t)(i % 251);
}

static bool is_pattern(const uint8_t *p, uint64_t pos, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != pattern(pos + i))
            return false;
    return true;
}

static int bdev_grant(int call, uint64_t pos, grant_id_t g, size_t len)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = call;
    m.bdev_req.minor = MEMORY_RAMDISK;
    m.bdev_req.pos = pos;
    m.bdev_req.len = len;
    m.bdev_req.grant = g;
    return raw_call(memory_ep, &m);
}

int ramdisk_open_and_size(void)
{
    uint64_t size = 0;

    EXPECT(bdev(memory_ep, BDEV_OPEN, MEMORY_RAMDISK, 0, NULL, 0, NULL), 0);
    EXPECT(bdev(memory_ep, BDEV_OPEN, 1, 0, NULL, 0, NULL), -ENXIO);
    EXPECT(bdev(memory_ep, BDEV_SIZE, MEMORY_RAMDISK, 0, NULL, 0, &size), 0);
    EXPECT(size, DISK_SIZE);
    EXPECT(bdev(memory_ep, BDEV_SIZE, 3, 0, NULL, 0, &size), -ENXIO);
    return 0;
}

int ramdisk_read_pattern(void)
{
    EXPECT(bdev(memory_ep, BDEV_READ, MEMORY_RAMDISK, 0, buf, 4096, NULL), 4096);
    CHECK(is_pattern(buf, 0, 4096), "the first block is not the pattern");
    EXPECT(bdev(memory_ep, BDEV_READ, MEMORY_RAMDISK, 123457, buf, 10000, NULL), 10000);
    CHECK(is_pattern(buf, 123457, 10000), "an unaligned read is not the pattern");
    return 0;
}

int ramdisk_write_read_back(void)
{
    memset(buf, 0x5A, 512);
    EXPECT(bdev(memory_ep, BDEV_WRITE, MEMORY_RAMDISK, 8192, buf, 512, NULL), 512);
    memset(buf, 0, sizeof(buf));
    EXPECT(bdev(memory_ep, BDEV_READ, MEMORY_RAMDISK, 8192 - 256, buf, 1024, NULL), 1024);
    CHECK(is_pattern(buf, 8192 - 256, 256), "the write spilled before its start");
    for (int i = 0; i < 512; i++)
        CHECK(buf[256 + i] == 0x5A, "byte %d not written", i);
    CHECK(is_pattern(buf + 768, 8192 + 512, 256), "the write spilled past its end");
    for (int i = 0; i < 512; i++)
        buf[i] = pattern(8192 + (uint64_t)i);
    EXPECT(bdev(memory_ep, BDEV_WRITE, MEMORY_RAMDISK, 8192, buf, 512, NULL), 512);
    return 0;
}

int ramdisk_bounds(void)
{
    EXPECT(bdev(memory_ep, BDEV_READ, MEMORY_RAMDISK, DISK_SIZE - 100, buf, 4096, NULL), 100);
    CHECK(is_pattern(buf, DISK_SIZE - 100, 100), "the last bytes are not the pattern");
    EXPECT(bdev(memory_ep, BDEV_READ, MEMORY_RAMDISK, DISK_SIZE, buf, 4096, NULL), 0);
    EXPECT(bdev(memory_ep, BDEV_READ, MEMORY_RAMDISK, DISK_SIZE + 4096, buf, 4096, NULL), 0);
    EXPECT(bdev(memory_ep, BDEV_WRITE, MEMORY_RAMDISK, DISK_SIZE, buf, 512, NULL), -ENOSPC);
    EXPECT(bdev_grant(BDEV_READ, ~0ull - 10, GRANT_INVALID, 100), -EINVAL);
    EXPECT(bdev_grant(BDEV_READ, 0, GRANT_INVALID, 1ull << 40), -EINVAL);
    return 0;
}

int ramdisk_bad_grants(void)
{
    CHECK(bdev_grant(BDEV_READ, 0, GRANT_INVALID, 512) < 0, "read through no grant");
    CHECK(bdev_grant(BDEV_WRITE, 0, GRANT_INVALID, 512) < 0, "write through no grant");
    grant_id_t g = grant_direct(memory_ep, buf, 512, GRANT_READ);
    CHECK(bdev_grant(BDEV_READ, 0, g, 512) < 0, "read into a read-only grant");
    grant_revoke(g);
    memset(buf, 0xEE, 512);
    g = grant_direct(memory_ep, buf, 512, GRANT_WRITE);
    CHECK(bdev_grant(BDEV_WRITE, 0, g, 512) < 0, "write from a write-only grant");
    grant_revoke(g);
    g = grant_direct(memory_ep, buf, 100, GRANT_READ | GRANT_WRITE);
    CHECK(bdev_grant(BDEV_WRITE, 0, g, 512) < 0, "write past the grant's end");
    grant_revoke(g);
    EXPECT(bdev(memory_ep, BDEV_READ, MEMORY_RAMDISK, 0, buf, 512, NULL), 512);
    CHECK(is_pattern(buf, 0, 512), "a refused write changed the disk");
    return 0;
}
