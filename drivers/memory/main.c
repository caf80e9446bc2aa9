/*
 * memory: the memory devices. One process serves two protocols: the
 * character devices null, zero, full, random and urandom (CDEV, minors in
 * ember/devices.h) and the ramdisk, block minor 0 (BDEV): the boot module
 * named "ramdisk", mapped into this process. Every request is answered at
 * once; nothing here ever waits. Data moves only through the grant in
 * each request.
 */
#include <stdarg.h>
#include <stdio.h>
#include "memory.h"

static int (*const cdev_handlers[])(message *) = {
    [CDEV_OPEN - CDEV_BASE] = do_cdev_open,     [CDEV_CLOSE - CDEV_BASE] = do_cdev_close,
    [CDEV_READ - CDEV_BASE] = do_cdev_read,     [CDEV_WRITE - CDEV_BASE] = do_cdev_write,
    [CDEV_IOCTL - CDEV_BASE] = do_cdev_ioctl,   [CDEV_CANCEL - CDEV_BASE] = do_cdev_cancel,
    [CDEV_SELECT - CDEV_BASE] = do_cdev_select,
};

static int (*const bdev_handlers[])(message *) = {
    [BDEV_OPEN - BDEV_BASE] = do_bdev_open, [BDEV_CLOSE - BDEV_BASE] = do_bdev_close,
    [BDEV_READ - BDEV_BASE] = do_bdev_read, [BDEV_WRITE - BDEV_BASE] = do_bdev_write,
    [BDEV_SIZE - BDEV_BASE] = do_bdev_size,
};

#define NR_CDEV ((int)(sizeof(cdev_handlers) / sizeof(cdev_handlers[0])))
#define NR_BDEV ((int)(sizeof(bdev_handlers) / sizeof(bdev_handlers[0])))

static int dispatch(message *m)
{
    int c = m->m_type - CDEV_BASE, b = m->m_type - BDEV_BASE;

    if (c > 0 && c < NR_CDEV && cdev_handlers[c])
        return cdev_handlers[c](m);
    if (b > 0 && b < NR_BDEV && bdev_handlers[b])
        return bdev_handlers[b](m);
    return -ENOSYS;
}

/* A line on the kernel's console. Not through stdio: its first use asks
 * vfs about the stream, and vfs may be calling this driver. */
static void log_line(const char *fmt, ...)
{
    char line[160];
    va_list ap;
    int n = snprintf(line, sizeof(line), "memory: ");

    va_start(ap, fmt);
    n += vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof(line) - 2)
        n = (int)sizeof(line) - 2;
    line[n++] = '\n';
    sys_kprint(line, (size_t)n);
}

int main(void)
{
    message m;

    srv_start("memory", NONE);
    random_init();
    int r = ramdisk_init();
    if (r < 0 && r != -ENOENT)
        log_line("no ramdisk: error %d", r);
    r = ds_publish("memory", (uint64_t)srv_self);
    if (r < 0)
        log_line("cannot publish in ds: error %d", r);
    log_line("ready; random seeded from %s", random_sources());
    for (;;) {
        if (srv_receive(&m) < 0 || is_notify(&m))
            continue;
        srv_reply(m.m_source, &m, dispatch(&m));
    }
}
