/*
 * The ramdisk: the boot module named "ramdisk", as loaded by the boot
 * loader. Its frames stay reserved by the kernel, so the driver maps them
 * into its own address space (boot processes may map RAM) at a fixed
 * address far above its heap and below its stack, and copies straight
 * between that mapping and the caller's grant.
 *
 * The requests mean what they mean for every block driver (see
 * lib/libblockdriver/blockdriver.h): one that runs past the end is cut
 * short there; one that starts at or after the end reads 0 bytes and fails
 * to write with ENOSPC; pos + len overflowing is EINVAL.
 */
#include <string.h>
#include "memory.h"

#define PAGE          4096ull
#define RAMDISK_VADDR 0x0000600000000000ull
#define MAX_MODULES   64
#define MAX_IO        (1u << 30) /* so a count fits the int result */

static uint8_t *disk;
static uint64_t disk_size;

static struct kinfo_module modules[MAX_MODULES];

/* Find the module and map it; -ENOENT when the boot image has none. */
int ramdisk_init(void)
{
    int n = 0, r = sys_getinfo(INFO_MODULES, modules, sizeof(modules), &n);

    if (r < 0)
        return r;
    for (int i = 0; i < n; i++) {
        if (strcmp(modules[i].name, "ramdisk") != 0 || modules[i].size == 0)
            continue;
        uint64_t npages = (modules[i].size + PAGE - 1) / PAGE;
        r = sys_vmmap(SELF, RAMDISK_VADDR, modules[i].start, npages, VMF_WRITE);
        if (r < 0)
            return r;
        disk = (uint8_t *)RAMDISK_VADDR;
        disk_size = modules[i].size;
        return 0;
    }
    return -ENOENT;
}

static int check_minor(const struct bdev_req *q)
{
    return q->minor == MEMORY_RAMDISK && disk ? 0 : -ENXIO;
}

/* Validate a transfer; the length that lies inside the disk, or an error. */
static int64_t transfer_len(const struct bdev_req *q, bool write)
{
    int r = check_minor(q);

    if (r < 0)
        return r;
    if (q->len > MAX_IO || q->pos + q->len < q->pos)
        return -EINVAL;
    if (q->pos >= disk_size)
        return write && q->len > 0 ? -ENOSPC : 0;
    uint64_t left = disk_size - q->pos;
    return (int64_t)(q->len < left ? q->len : left);
}

int do_bdev_open(message *m)
{
    return check_minor(&m->bdev_req);
}

int do_bdev_close(message *m)
{
    return check_minor(&m->bdev_req);
}

int do_bdev_read(message *m)
{
    const struct bdev_req *q = &m->bdev_req;
    int64_t len = transfer_len(q, false);

    if (len <= 0)
        return (int)len;
    int r = sys_safecopyto(m->m_source, q->grant, 0, disk + q->pos, (size_t)len);
    return r < 0 ? r : (int)len;
}

int do_bdev_write(message *m)
{
    const struct bdev_req *q = &m->bdev_req;
    int64_t len = transfer_len(q, true);

    if (len <= 0)
        return (int)len;
    int r = sys_safecopyfrom(m->m_source, q->grant, 0, disk + q->pos, (size_t)len);
    return r < 0 ? r : (int)len;
}

/* The size comes back in the reply's pos. */
int do_bdev_size(message *m)
{
    int r = check_minor(&m->bdev_req);

    if (r == 0)
        m->bdev_req.pos = disk_size;
    return r;
}
