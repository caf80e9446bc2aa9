/*
 * The message loop of a block driver: set-up (the DMA buffer, the
 * partition table, the name in ds), then one request at a time. Requests
 * kept during a device wait are served before new ones are received.
 */
#include <inttypes.h>
#include "bdr.h"

struct blockdriver *bdr_drv;
struct dma_buf bdr_buf;

static int do_open(message *m)
{
    int minor = m->bdev_req.minor;

    if (minor == 0 && !bdr_any_open()) {
        int r = bdr_read_partitions();
        if (r < 0)
            return r;
    }
    struct bdr_minor *d = bdr_minor(minor);
    if (!d)
        return -ENXIO;
    d->opens++;
    return 0;
}

static int do_close(message *m)
{
    struct bdr_minor *d = bdr_minor(m->bdev_req.minor);

    if (!d)
        return -ENXIO;
    if (d->opens > 0)
        d->opens--;
    return 0;
}

static int do_size(message *m)
{
    struct bdr_minor *d = bdr_minor(m->bdev_req.minor);

    if (!d)
        return -ENXIO;
    m->bdev_req.pos = d->size;
    return 0;
}

static int (*const handlers[])(message *) = {
    [BDEV_OPEN - BDEV_BASE] = do_open,     [BDEV_CLOSE - BDEV_BASE] = do_close,
    [BDEV_READ - BDEV_BASE] = bdr_do_read, [BDEV_WRITE - BDEV_BASE] = bdr_do_write,
    [BDEV_SIZE - BDEV_BASE] = do_size,
};

#define NR_HANDLERS (int)(sizeof(handlers) / sizeof(handlers[0]))

static void serve(message *m)
{
    if (is_notify(m)) {
        bdr_notification(m);
        return;
    }
    int call = m->m_type - BDEV_BASE;
    int r = call > 0 && call < NR_HANDLERS && handlers[call] ? handlers[call](m) : -ENOSYS;
    srv_reply(m->m_source, m, r);
}

static void set_up(struct blockdriver *drv)
{
    bdr_drv = drv;
    if (!drv->dma_size)
        drv->dma_size = BDR_DEFAULT_DMA;
    if (dma_alloc(&bdr_buf, drv->dma_size) < 0)
        srv_panic("no memory for a %zu-byte DMA buffer", drv->dma_size);
    size_t fit = bdr_buf.size / BDR_SECTOR;
    if (drv->max_sectors == 0 || drv->max_sectors > fit)
        drv->max_sectors = fit;
    int r = bdr_read_partitions();
    if (r < 0)
        bdr_log("cannot read the partition table (error %d)", r);
    for (int i = 1; i < BDR_MINORS; i++) {
        const struct bdr_minor *p = bdr_minor(i);
        if (p)
            bdr_log("partition %d: sectors %" PRIu64 "+%" PRIu64, i, p->start / BDR_SECTOR,
                    p->size / BDR_SECTOR);
    }
    if (bdr_opts.use_ds) {
        r = ds_publish(drv->label, (uint64_t)srv_self);
        if (r < 0)
            bdr_log("cannot publish in ds (error %d)", r);
    }
    bdr_log("%" PRIu64 " sectors (%" PRIu64 " MiB), ready", drv->sectors,
            drv->sectors * BDR_SECTOR >> 20);
}

_Noreturn void bdr_run(struct blockdriver *drv)
{
    message m;

    set_up(drv);
    for (;;) {
        if (!bdr_queue_pop(&m) && srv_receive(&m) < 0)
            continue;
        serve(&m);
    }
}
