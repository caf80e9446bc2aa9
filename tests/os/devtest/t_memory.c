/* The memory character devices: null, zero, full, random, urandom. */
#include "devtest.h"

static uint8_t buf[8192], other[8192];

static bool all_bytes(const uint8_t *p, size_t n, uint8_t v)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != v)
            return false;
    return true;
}

int mem_null(void)
{
    EXPECT(cdev_open(memory_ep, MEMORY_NULL, 0), 0);
    EXPECT(cdev_io(memory_ep, CDEV_WRITE, MEMORY_NULL, buf, 100, 0, NULL), 100);
    EXPECT(cdev_io(memory_ep, CDEV_READ, MEMORY_NULL, buf, 100, 0, NULL), 0);
    EXPECT(cdev_close(memory_ep, MEMORY_NULL), 0);
    return 0;
}

int mem_zero(void)
{
    memset(buf, 0xAA, sizeof(buf));
    EXPECT(cdev_open(memory_ep, MEMORY_ZERO, 0), 0);
    EXPECT(cdev_io(memory_ep, CDEV_READ, MEMORY_ZERO, buf, 5000, 0, NULL), 5000);
    CHECK(all_bytes(buf, 5000, 0), "/dev/zero gave a non-zero byte");
    CHECK(all_bytes(buf + 5000, sizeof(buf) - 5000, 0xAA), "/dev/zero wrote past the count");
    EXPECT(cdev_io(memory_ep, CDEV_WRITE, MEMORY_ZERO, buf, 10, 0, NULL), 10);
    return 0;
}

int mem_full(void)
{
    memset(buf, 0xAA, 100);
    EXPECT(cdev_open(memory_ep, MEMORY_FULL, 0), 0);
    EXPECT(cdev_io(memory_ep, CDEV_WRITE, MEMORY_FULL, buf, 10, 0, NULL), -ENOSPC);
    EXPECT(cdev_io(memory_ep, CDEV_READ, MEMORY_FULL, buf, 100, 0, NULL), 100);
    CHECK(all_bytes(buf, 100, 0), "/dev/full reads gave a non-zero byte");
    return 0;
}

int mem_random(void)
{
    for (int minor = MEMORY_RANDOM; minor <= MEMORY_URANDOM; minor++) {
        EXPECT(cdev_open(memory_ep, minor, 0), 0);
        EXPECT(cdev_io(memory_ep, CDEV_READ, minor, buf, 64, 0, NULL), 64);
        EXPECT(cdev_io(memory_ep, CDEV_READ, minor, other, 64, 0, NULL), 64);
        CHECK(memcmp(buf, other, 64) != 0, "two reads of minor %d gave the same bytes", minor);
        CHECK(!all_bytes(buf, 64, 0), "minor %d gave zeros", minor);
    }
    EXPECT(cdev_io(memory_ep, CDEV_WRITE, MEMORY_RANDOM, buf, 32, 0, NULL), 32); /* mixed in */
    EXPECT(cdev_io(memory_ep, CDEV_READ, MEMORY_RANDOM, buf, sizeof(buf), 0, NULL),
           (long)sizeof(buf));
    int ones = 0;
    for (size_t i = 0; i < sizeof(buf); i++)
        ones += __builtin_popcount(buf[i]);
    CHECK(ones > 30000 && ones < 35536, "%d one bits in 65536: not random", ones);
    return 0;
}

int mem_bad_requests(void)
{
    message m;

    EXPECT(cdev_open(memory_ep, 5, 0), -ENXIO);
    EXPECT(cdev_io(memory_ep, CDEV_READ, 9, buf, 10, 0, NULL), -ENXIO);
    EXPECT(cdev_ioctl(memory_ep, MEMORY_NULL, TCGETS, buf, NULL), -ENOTTY);
    EXPECT(cdev_select(memory_ep, MEMORY_ZERO, SEL_RD | SEL_WR | SEL_NOTIFY), SEL_RD | SEL_WR);
    EXPECT(cdev_cancel(memory_ep, MEMORY_ZERO, 12345), -ENOENT);
    /* Grants the driver may not use: none, read-only, too small, someone else's. */
    CHECK(cdev_io_grant(memory_ep, CDEV_READ, MEMORY_ZERO, GRANT_INVALID, 10, 0) < 0,
          "read through no grant");
    grant_id_t g = grant_direct(memory_ep, buf, 100, GRANT_READ);
    CHECK(cdev_io_grant(memory_ep, CDEV_READ, MEMORY_ZERO, g, 100, 0) < 0,
          "read into a read-only grant");
    grant_revoke(g);
    g = grant_direct(memory_ep, buf, 10, GRANT_WRITE);
    CHECK(cdev_io_grant(memory_ep, CDEV_READ, MEMORY_URANDOM, g, 100, 0) < 0,
          "read past the grant's end");
    grant_revoke(g);
    g = grant_direct(tty_ep, buf, 100, GRANT_READ | GRANT_WRITE);
    CHECK(cdev_io_grant(memory_ep, CDEV_READ, MEMORY_ZERO, g, 100, 0) < 0,
          "read into a grant for another process");
    grant_revoke(g);
    memset(&m, 0, sizeof(m));
    m.m_type = CDEV_BASE + 40;
    EXPECT(raw_call(memory_ep, &m), -ENOSYS);
    EXPECT(cdev_io(memory_ep, CDEV_READ, MEMORY_ZERO, buf, 10, 0, NULL), 10); /* still there */
    return 0;
}
