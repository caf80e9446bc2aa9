/*
 * Reads and writes. A request is checked against its minor, cut at the
 * minor's end, and then moved in chunks that fit the DMA buffer: each
 * chunk is a run of whole sectors on the disk, copied between the buffer
 * and the client's grant by the kernel (safecopy). A chunk whose first or
 * last sector is only partly covered is a read-modify-write for writes:
 * those sectors are read into the buffer first, then the client's bytes
 * are laid over them.
 *
 * Below the chunks, bdr_device_io() splits by the device's limit per
 * command and gives each failed command one more try after a reset.
 */
#include <inttypes.h>
#include "bdr.h"

#define MAX_REQUEST (1u << 30) /* the reply's count must fit m_type */

static int transfer_retry(bool write, uint64_t lba, size_t count, size_t off)
{
    int r = bdr_drv->transfer(write, lba, count, &bdr_buf, off);

    if (r == 0)
        return 0;
    bdr_log("%s of %zu sectors at %" PRIu64 " failed (error %d); resetting",
            write ? "write" : "read", count, lba, r);
    if (bdr_drv->reset)
        bdr_drv->reset();
    r = bdr_drv->transfer(write, lba, count, &bdr_buf, off);
    if (r < 0)
        bdr_log("retry failed (error %d)", r);
    return r < 0 ? -EIO : 0;
}

int bdr_device_io(bool write, uint64_t lba, size_t count, size_t off)
{
    if (lba > bdr_drv->sectors || count > bdr_drv->sectors - lba ||
        off + count * BDR_SECTOR > bdr_buf.size)
        srv_panic("bdr_device_io: sectors %" PRIu64 "+%zu outside the disk or buffer", lba, count);
    while (count > 0) {
        size_t n = count < bdr_drv->max_sectors ? count : bdr_drv->max_sectors;
        int r = transfer_retry(write, lba, n, off);
        if (r < 0)
            return r;
        lba += n;
        count -= n;
        off += n * BDR_SECTOR;
    }
    return 0;
}

/* One chunk: [at, at + len) of the disk, at + len within the disk, the
 * sectors it touches fitting the buffer. */
struct chunk {
    uint64_t lba; /* first sector */
    size_t lead;  /* bytes of the first sector before the data */
    size_t len;   /* bytes of data */
    size_t nsec;  /* sectors touched */
};

static struct chunk make_chunk(uint64_t at, size_t remaining)
{
    struct chunk c;

    c.lba = at / BDR_SECTOR;
    c.lead = at % BDR_SECTOR;
    c.len = remaining < bdr_buf.size - c.lead ? remaining : bdr_buf.size - c.lead;
    c.nsec = (c.lead + c.len + BDR_SECTOR - 1) / BDR_SECTOR;
    return c;
}

static int read_chunk(const message *m, const struct chunk *c, size_t done)
{
    int r = bdr_device_io(false, c->lba, c->nsec, 0);

    if (r == 0)
        r = sys_safecopyto(m->m_source, m->bdev_req.grant, done, bdr_buf.virt + c->lead, c->len);
    return r;
}

/* Fill the partly covered first and last sectors from the disk. */
static int read_edges(const struct chunk *c)
{
    size_t tail = (c->lead + c->len) % BDR_SECTOR;
    int r = 0;

    if (c->lead)
        r = bdr_device_io(false, c->lba, 1, 0);
    if (r == 0 && tail && (c->nsec > 1 || !c->lead))
        r = bdr_device_io(false, c->lba + c->nsec - 1, 1, (c->nsec - 1) * BDR_SECTOR);
    return r;
}

static int write_chunk(const message *m, const struct chunk *c, size_t done)
{
    int r = read_edges(c);

    if (r == 0)
        r = sys_safecopyfrom(m->m_source, m->bdev_req.grant, done, bdr_buf.virt + c->lead, c->len);
    if (r == 0)
        r = bdr_device_io(true, c->lba, c->nsec, 0);
    return r;
}

/* Check the request and cut it at the minor's end. Returns 1 with *at
 * and *len set when there are bytes to move; otherwise the answer: 0 or a
 * negative error. */
static int clip(const message *m, bool write, uint64_t *at, size_t *len)
{
    const struct bdev_req *q = &m->bdev_req;
    const struct bdr_minor *minor = bdr_minor(q->minor);

    if (!minor)
        return -ENXIO;
    if (q->pos + q->len < q->pos)
        return -EINVAL;
    if (q->len == 0)
        return 0;
    if (q->pos >= minor->size)
        return write ? -ENOSPC : 0;
    uint64_t n = minor->size - q->pos < q->len ? minor->size - q->pos : q->len;
    *len = n < MAX_REQUEST ? (size_t)n : MAX_REQUEST;
    *at = minor->start + q->pos;
    return 1;
}

static int do_rw(message *m, bool write)
{
    uint64_t at;
    size_t len, done = 0;
    int r = clip(m, write, &at, &len);

    if (r <= 0)
        return r;
    while (done < len) {
        struct chunk c = make_chunk(at + done, len - done);
        r = write ? write_chunk(m, &c, done) : read_chunk(m, &c, done);
        if (r < 0)
            return r;
        done += c.len;
    }
    return (int)done;
}

int bdr_do_read(message *m)
{
    return do_rw(m, false);
}

int bdr_do_write(message *m)
{
    return do_rw(m, true);
}
