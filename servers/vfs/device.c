/*
 * Character devices. A device number's major names a driver by its label
 * in ds; the endpoint is looked up again whenever the cached one turns out
 * dead, so a restarted driver is found by the next request. Buffers go to
 * the driver as magic grants over the user's memory. A driver that cannot
 * answer at once says EDONTREPLY and answers later with VFS_DEV_REPLY; the
 * process waits suspended meanwhile (or until a signal cancels the wait).
 *
 * The terminal driver resolves its aliases (/dev/console, /dev/tty) and
 * keeps the controlling terminals of sessions itself; vfs passes it the
 * caller's pid, process group and session with every request.
 */
#include <string.h>
#include <ember/devices.h>
#include "vfs.h"

struct dmap {
    const char *label;
    endpoint_t ep;
};

static struct dmap dmap[] = {
    [MEMORY_MAJOR] = { "memory", NONE },
    [TTY_MAJOR] = { "tty", NONE },
};

#define NR_MAJORS (int)(sizeof(dmap) / sizeof(dmap[0]))

/* Block devices: the driver of each major, by label (mount looks it up). */
static const char *const bmap[] = {
    [MEMORY_MAJOR] = "memory",
    [VIRTIO_BLK_MAJOR] = "virtio-blk",
    [ATA_MAJOR] = "ata",
    [VIRTIO_BLK1_MAJOR] = "virtio-blk1",
};

const char *bdev_label(uint32_t dev)
{
    unsigned major = DEV_MAJOR(dev);

    return major < sizeof(bmap) / sizeof(bmap[0]) ? bmap[major] : NULL;
}

static uint32_t next_id = 1;

endpoint_t dev_driver(uint32_t dev)
{
    int major = DEV_MAJOR(dev);
    uint64_t ep;

    if (major >= NR_MAJORS || !dmap[major].label)
        return NONE;
    if (dmap[major].ep == NONE && ds_lookup(dmap[major].label, &ep) == 0)
        dmap[major].ep = (endpoint_t)ep;
    return dmap[major].ep;
}

/* A call to the driver; a dead driver is forgotten and looked up again once. */
static int driver_call(uint32_t dev, message *m)
{
    for (int tries = 0; tries < 2; tries++) {
        endpoint_t ep = dev_driver(dev);
        if (ep == NONE)
            return -ENXIO;
        message req = *m;
        int r = ipc_call(ep, &req);
        if (r == 0) {
            *m = req;
            return m->m_type;
        }
        dmap[DEV_MAJOR(dev)].ep = NONE;
    }
    return -EIO;
}

static void fill_req(message *m, int call, struct fproc *f, struct filp *filp)
{
    memset(m, 0, sizeof(*m));
    m->m_type = call;
    m->cdev_req.minor = (int32_t)DEV_MINOR(filp->dev);
    m->cdev_req.user = f->ep;
    m->cdev_req.pid = f->pid;
    m->cdev_req.pgrp = f->pgrp;
    m->cdev_req.sid = f->sid;
    m->cdev_req.flags = (filp->flags & O_NONBLOCK) ? CDEV_NONBLOCK : 0;
}

int dev_open(struct fproc *f, struct vnode *vp, struct filp *filp, int flags)
{
    message m;
    int acc = flags & O_ACCMODE;

    filp->dev = vp->rdev;
    fill_req(&m, CDEV_OPEN, f, filp);
    m.cdev_req.flags = (acc != O_WRONLY ? CDEV_R : 0) | (acc != O_RDONLY ? CDEV_W : 0) |
                       ((flags & O_NOCTTY) ? CDEV_NOCTTY : 0) |
                       ((flags & O_NONBLOCK) ? CDEV_NONBLOCK : 0);
    int r = driver_call(vp->rdev, &m);
    if (r < 0)
        return r;
    if (r > 0)
        filp->dev = DEV_MAKE(DEV_MAJOR(vp->rdev), r);
    return 0;
}

static uint32_t filp_dev(struct filp *filp)
{
    return filp->dev;
}

void dev_close(struct filp *filp)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = CDEV_CLOSE;
    m.cdev_req.minor = DEV_MINOR(filp_dev(filp));
    driver_call(filp_dev(filp), &m);
}

/* Send a request carrying a grant; suspend the caller if the driver defers. */
static int request(struct fproc *f, struct filp *filp, message *m, grant_id_t g, message *orig)
{
    uint32_t id = next_id++;

    m->cdev_req.minor = DEV_MINOR(filp_dev(filp));
    m->cdev_req.grant = g;
    m->cdev_req.id = id;
    int r = driver_call(filp_dev(filp), m);
    if (r != EDONTREPLY) {
        grant_revoke(g);
        return r;
    }
    suspend(f, SUSP_DEV, orig);
    f->susp.driver = dev_driver(filp_dev(filp));
    f->susp.dev_id = id;
    f->susp.minor = DEV_MINOR(filp_dev(filp));
    f->susp.grant = g;
    f->susp.filp = filp;
    return EDONTREPLY;
}

int dev_io(int call, struct fproc *f, struct filp *filp, uint64_t buf, uint64_t len, message *req)
{
    message m;
    endpoint_t ep = dev_driver(filp_dev(filp));

    if (ep == NONE)
        return -ENXIO;
    grant_id_t g =
        len ? grant_magic(ep, f->ep, buf, len, call == CDEV_READ ? GRANT_WRITE : GRANT_READ)
            : GRANT_INVALID;
    if (len && g == GRANT_INVALID)
        return -ENFILE;
    fill_req(&m, call, f, filp);
    m.cdev_req.pos = filp->pos;
    m.cdev_req.len = len;
    int r = request(f, filp, &m, g, req);
    if (r > 0)
        filp->pos += (uint64_t)r;
    return r;
}

/* ioctl requests carry their argument's size and direction (sys/ioctl.h). */
int dev_ioctl(struct fproc *f, struct filp *filp, unsigned long req, uint64_t arg, message *orig)
{
    message m;
    endpoint_t ep = dev_driver(filp_dev(filp));
    unsigned dir = (unsigned)(req >> 30) & 3, size = (unsigned)(req >> 16) & 0x3FFF;
    grant_id_t g = GRANT_INVALID;

    if (ep == NONE)
        return -ENXIO;
    if (size && dir) {
        int rights = (dir & 1 ? GRANT_READ : 0) | (dir & 2 ? GRANT_WRITE : 0);
        if ((g = grant_magic(ep, f->ep, arg, size, rights)) == GRANT_INVALID)
            return -ENFILE;
    }
    fill_req(&m, CDEV_IOCTL, f, filp);
    m.cdev_req.len = req;
    m.cdev_req.pos = arg;
    return request(f, filp, &m, g, orig);
}

int dev_select(struct filp *filp, int ops, bool notify)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = CDEV_SELECT;
    m.cdev_req.minor = DEV_MINOR(filp_dev(filp));
    m.cdev_req.flags = ops | (notify ? SEL_NOTIFY : 0);
    int r = driver_call(filp_dev(filp), &m);
    return r < 0 ? SEL_ERR : r;
}

/* A driver's late answer to a suspended request. */
void dev_reply(message *m)
{
    FOR_EACH_WAITER(f)
    {
        if (f->susp.kind != SUSP_DEV || f->susp.driver != m->m_source ||
            f->susp.dev_id != m->vfs_dev_reply.id)
            continue;
        grant_revoke(f->susp.grant);
        int r = m->vfs_dev_reply.result;
        if (r > 0 && f->susp.filp)
            f->susp.filp->pos += (uint64_t)r;
        resume_reply(f, r);
        return;
    }
}

void dev_select_event(message *m)
{
    (void)m;
    select_recheck();
}

/* End f's device wait: the driver answers what it has (or EINTR). */
int dev_cancel(struct fproc *f)
{
    message m;

    if (f->susp.kind != SUSP_DEV)
        return -EINTR;
    memset(&m, 0, sizeof(m));
    m.m_type = CDEV_CANCEL;
    m.cdev_req.minor = f->susp.minor;
    m.cdev_req.id = f->susp.dev_id;
    int r = ipc_call(f->susp.driver, &m);
    if (r == 0 && m.m_type == -ENOENT)
        return -ENOENT; /* the driver answered already: keep waiting for that */
    grant_revoke(f->susp.grant);
    susp_end(f);
    return r < 0 ? -EINTR : m.m_type;
}
