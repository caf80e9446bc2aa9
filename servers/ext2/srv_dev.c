/*
 * The block device for the core: BDEV_READ and BDEV_WRITE to the driver,
 * through a grant over the core's buffer. When the driver has died the
 * request is sent again to its new instance, found in ds under its label:
 * a driver's restart costs the file system nothing but time. (vfs waits
 * for us meanwhile; nothing rs needs to restart the driver goes through
 * vfs, so the wait ends.)
 */
#include <stdio.h>
#include <string.h>
#include <ember/info.h>
#include "srv.h"

#define IO_RETRIES     3
#define DRIVER_WAIT_MS 30000          /* for a dead driver's next instance */
#define CACHE_MIN      (16ull << 20)  /* the block cache: at least this ... */
#define CACHE_MAX      (256ull << 20) /* ... at most this ... */
#define CACHE_SHARE    4              /* ... and else a quarter of free memory */

struct blockdev {
    endpoint_t ep;
    int minor;
    char label[24];
};

static struct blockdev bdev;

/*
 * The block cache's size: a share of the memory free at mount, so a file
 * that fits is read again from memory. Its frames come only as blocks are
 * cached (the heap is demand-zero). The root's server, a boot process with
 * a fixed heap, cannot have that much: the mount then falls back to a
 * smaller cache (ext2_mount shrinks it until it fits).
 */
static uint64_t cache_size(void)
{
    uint64_t total, free_pages, bytes;

    if (meminfo(&total, &free_pages) < 0)
        return CACHE_MIN;
    bytes = free_pages * 4096 / CACHE_SHARE;
    return bytes < CACHE_MIN ? CACHE_MIN : bytes > CACHE_MAX ? CACHE_MAX : bytes;
}

static void pause_ms(unsigned ms)
{
    message m;

    sys_setalarm((uint64_t)ms * 1000000, 1, NULL);
    ipc_receive(CLOCK, &m);
}

static uint64_t now_ms(void)
{
    return sys_uptime_ns() / 1000000;
}

/* The driver died: wait a little for its next instance to appear in ds. */
static void refind(void)
{
    uint64_t ep;

    if (bdev.label[0] && ds_lookup(bdev.label, &ep) == 0 && (endpoint_t)ep != bdev.ep) {
        bdev.ep = (endpoint_t)ep;
        return;
    }
    pause_ms(20);
}

/*
 * One transfer, as often as it takes: a dead driver's request goes to its
 * next instance (rs restarts it; DRIVER_WAIT_MS bounds the wait), and an
 * I/O error is tried again a few times, since a fresh driver may not
 * repeat it. Any other answer is final.
 */
static int transfer(int call, uint64_t off, void *buf, size_t len)
{
    uint64_t deadline = 0;
    int io_errors = 0;

    for (;;) {
        message m;
        grant_id_t g =
            grant_direct(bdev.ep, buf, len, call == BDEV_READ ? GRANT_WRITE : GRANT_READ);
        if (g == GRANT_INVALID)
            return -ENFILE;
        memset(&m, 0, sizeof(m));
        m.m_type = call;
        m.bdev_req.minor = bdev.minor;
        m.bdev_req.pos = off;
        m.bdev_req.len = len;
        m.bdev_req.grant = g;
        int r = ipc_call(bdev.ep, &m);
        grant_revoke(g);
        if (r == 0 && m.m_type == (int)len)
            return 0;
        if (r == 0 && m.m_type != -EIO && m.m_type != -EAGAIN)
            return m.m_type < 0 ? m.m_type : -EIO;
        if (r == 0 && ++io_errors > IO_RETRIES)
            return -EIO;
        if (!deadline)
            deadline = now_ms() + DRIVER_WAIT_MS;
        else if (now_ms() > deadline)
            return -EIO;
        refind();
    }
}

static int dev_read(void *ctx, uint64_t off, void *buf, size_t len)
{
    (void)ctx;
    return transfer(BDEV_READ, off, buf, len);
}

static int dev_write(void *ctx, uint64_t off, const void *buf, size_t len)
{
    (void)ctx;
    return transfer(BDEV_WRITE, off, (void *)buf, len);
}

static int64_t now(void *ctx)
{
    uint64_t up = 0;
    int64_t boot = 0;

    (void)ctx;
    sys_time(&up, NULL, &boot);
    return boot + (int64_t)(up / 1000000000ull);
}

static void log_msg(void *ctx, const char *msg)
{
    char line[256];

    (void)ctx;
    snprintf(line, sizeof(line), "ext2: %s\n", msg);
    sys_kprint(line, strlen(line));
}

static int device_size(uint64_t *size)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = BDEV_SIZE;
    m.bdev_req.minor = bdev.minor;
    int r = ipc_call(bdev.ep, &m);
    if (r < 0 || m.m_type < 0)
        return r < 0 ? -EIO : m.m_type;
    *size = m.bdev_req.pos;
    return 0;
}

int dev_attach(endpoint_t ep, int minor, const char *label, struct ext2_dev *dev)
{
    message m;

    bdev.ep = ep;
    bdev.minor = minor;
    snprintf(bdev.label, sizeof(bdev.label), "%.23s", label);
    memset(&m, 0, sizeof(m));
    m.m_type = BDEV_OPEN;
    m.bdev_req.minor = minor;
    int r = ipc_call(ep, &m);
    if (r < 0 || m.m_type < 0)
        return r < 0 ? -EIO : m.m_type;
    memset(dev, 0, sizeof(*dev));
    dev->read = dev_read;
    dev->write = dev_write;
    dev->now = now;
    dev->log = log_msg;
    dev->cache_bytes = cache_size();
    return device_size(&dev->size);
}
