/*
 * The character devices: null (reads end at once, writes vanish), zero
 * (reads give zeros, writes vanish), full (reads give zeros, writes fail
 * with ENOSPC), random and urandom (one generator, random.c; it never
 * blocks; what is written is mixed into it). None of them has a position,
 * waits, or knows an ioctl.
 */
#include <string.h>
#include "memory.h"

#define CHUNK 4096

static const uint8_t zeros[CHUNK];

static bool valid_minor(int minor)
{
    return minor >= MEMORY_NULL && minor <= MEMORY_URANDOM;
}

static size_t transfer_len(const struct cdev_req *q)
{
    return q->len < MAX_TRANSFER ? (size_t)q->len : MAX_TRANSFER;
}

/* The count so far, or the error when nothing moved. */
static int partial(size_t done, int r)
{
    return done > 0 ? (int)done : r;
}

/* Fill the caller's grant with len bytes from zeros or the generator. */
static int fill_grant(message *m, bool random)
{
    const struct cdev_req *q = &m->cdev_req;
    size_t len = transfer_len(q), done = 0;
    uint8_t buf[CHUNK];

    while (done < len) {
        size_t n = len - done < CHUNK ? len - done : CHUNK;
        if (random)
            random_bytes(buf, n);
        int r = sys_safecopyto(m->m_source, q->grant, done, random ? buf : zeros, n);
        if (r < 0)
            return partial(done, r);
        done += n;
    }
    if (random)
        memset(buf, 0, sizeof(buf));
    return (int)done;
}

/* Take what is written to random and stir it into the generator. */
static int mix_grant(message *m)
{
    const struct cdev_req *q = &m->cdev_req;
    size_t len = transfer_len(q), done = 0;
    uint8_t buf[CHUNK];

    while (done < len) {
        size_t n = len - done < CHUNK ? len - done : CHUNK;
        int r = sys_safecopyfrom(m->m_source, q->grant, done, buf, n);
        if (r < 0)
            return partial(done, r);
        random_mix(buf, n);
        done += n;
    }
    return (int)done;
}

int do_cdev_open(message *m)
{
    return valid_minor(m->cdev_req.minor) ? 0 : -ENXIO;
}

int do_cdev_close(message *m)
{
    return valid_minor(m->cdev_req.minor) ? 0 : -ENXIO;
}

int do_cdev_read(message *m)
{
    switch (m->cdev_req.minor) {
    case MEMORY_NULL:
        return 0;
    case MEMORY_ZERO:
    case MEMORY_FULL:
        return fill_grant(m, false);
    case MEMORY_RANDOM:
    case MEMORY_URANDOM:
        return fill_grant(m, true);
    default:
        return -ENXIO;
    }
}

int do_cdev_write(message *m)
{
    switch (m->cdev_req.minor) {
    case MEMORY_NULL:
    case MEMORY_ZERO:
        return (int)transfer_len(&m->cdev_req);
    case MEMORY_FULL:
        return -ENOSPC;
    case MEMORY_RANDOM:
    case MEMORY_URANDOM:
        return mix_grant(m);
    default:
        return -ENXIO;
    }
}

int do_cdev_ioctl(message *m)
{
    return valid_minor(m->cdev_req.minor) ? -ENOTTY : -ENXIO;
}

/* Nothing here ever waits, so there is never anything to cancel. */
int do_cdev_cancel(message *m)
{
    return valid_minor(m->cdev_req.minor) ? -ENOENT : -ENXIO;
}

/* Always ready both ways; so nothing is ever left to notify later. */
int do_cdev_select(message *m)
{
    if (!valid_minor(m->cdev_req.minor))
        return -ENXIO;
    return m->cdev_req.flags & (SEL_RD | SEL_WR);
}
