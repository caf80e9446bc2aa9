/* BDEV requests from the test, over grants of its own buffers. */
#include <malloc.h>
#include <stdlib.h>
#include "disktest.h"

#define NR_BUFFERS 3
#define BUFFER_MAX (2 * MiB)

struct disk_facts disk;

int bdev_call(int call, int minor, uint64_t pos, uint64_t len, grant_id_t g, message *reply)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = call;
    m.bdev_req.minor = minor;
    m.bdev_req.pos = pos;
    m.bdev_req.len = len;
    m.bdev_req.grant = g;
    int r = ipc_call(disk.driver, &m);
    if (reply)
        *reply = m;
    return r < 0 ? r : m.m_type;
}

static long transfer(int call, int minor, uint64_t pos, void *buf, size_t len, int rights)
{
    grant_id_t g = grant_direct(disk.driver, buf, len, rights);

    if (g == GRANT_INVALID)
        return -ENOMEM;
    long r = bdev_call(call, minor, pos, len, g, NULL);
    grant_revoke(g);
    return r;
}

long bdev_read(int minor, uint64_t pos, void *buf, size_t len)
{
    return transfer(BDEV_READ, minor, pos, buf, len, GRANT_WRITE);
}

long bdev_write(int minor, uint64_t pos, const void *buf, size_t len)
{
    return transfer(BDEV_WRITE, minor, pos, (void *)buf, len, GRANT_READ);
}

long bdev_size(int minor)
{
    message m;
    int r = bdev_call(BDEV_SIZE, minor, 0, 0, GRANT_INVALID, &m);

    return r < 0 ? r : (long)m.bdev_req.pos;
}

uint64_t bdev_size_of(int minor)
{
    long r = bdev_size(minor);
    return r < 0 ? 0 : (uint64_t)r;
}

uint8_t *test_buffer(int which, size_t len)
{
    static uint8_t *buffers[NR_BUFFERS];

    if (which < 0 || which >= NR_BUFFERS || len > BUFFER_MAX)
        return NULL;
    if (!buffers[which])
        buffers[which] = memalign(4096, BUFFER_MAX);
    return buffers[which];
}

void fill_random(uint8_t *p, size_t len, uint32_t seed)
{
    uint32_t x = seed ? seed : 1;

    for (size_t i = 0; i < len; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        p[i] = (uint8_t)x;
    }
}

bool partition_pattern_ok(int minor, uint64_t first_sector, const uint8_t *p, size_t nsec)
{
    for (size_t s = 0; s < nsec; s++) {
        uint32_t n = (uint32_t)(first_sector + s);
        uint8_t rec[8] = { (uint8_t)n,
                           (uint8_t)(n >> 8),
                           (uint8_t)(n >> 16),
                           (uint8_t)(n >> 24),
                           'E',
                           'P',
                           (uint8_t)minor,
                           0x5A };
        for (size_t off = 0; off < SECTOR; off += sizeof(rec))
            if (memcmp(p + s * SECTOR + off, rec, sizeof(rec)) != 0) {
                printf("    minor %d sector %u: pattern differs at byte %zu\n", minor, n, off);
                return false;
            }
    }
    return true;
}

uint64_t now_ns(void)
{
    uint64_t ns = 0;
    sys_time(&ns, NULL, NULL);
    return ns;
}
