/*
 * The ext2 server: it publishes itself under its name, waits for vfs to mount
 * it on a block device, then answers the file system protocol. Every
 * request is checked by the core; a corrupt image yields errors, never a
 * crash.
 */
#include <string.h>
#include "srv.h"

struct ext2_fs *fs;

int do_mount(message *m)
{
    static struct ext2_dev dev;
    struct fs_mount_req *r = &m->fs_mount_req;

    if (fs)
        return -EBUSY;
    r->label[sizeof(r->label) - 1] = '\0';
    int e = dev_attach(r->dev_ep, r->minor, r->label, &dev);
    if (e < 0)
        return e;
    e = ext2_mount(&dev, (r->flags & FS_RDONLY) ? EXT2_MOUNT_RDONLY : 0, &fs);
    return e < 0 ? e : reply_attr(m, EXT2_ROOT_INO);
}

int do_unmount(message *m)
{
    (void)m;
    if (!fs)
        return -EINVAL;
    int r = ext2_unmount(fs);
    fs = NULL;
    return r;
}

#define H(call, fn) [(call)-FS_BASE] = (fn)

static int (*const handlers[])(message *) = {
    H(FS_MOUNT, do_mount),   H(FS_UNMOUNT, do_unmount),   H(FS_LOOKUP, do_lookup),
    H(FS_STAT, do_stat),     H(FS_READ, do_read),         H(FS_WRITE, do_write),
    H(FS_TRUNC, do_trunc),   H(FS_CREATE, do_create),     H(FS_MKDIR, do_mkdir),
    H(FS_MKNOD, do_mknod),   H(FS_SYMLINK, do_symlink),   H(FS_READLINK, do_readlink),
    H(FS_LINK, do_link),     H(FS_UNLINK, do_unlink),     H(FS_RMDIR, do_rmdir),
    H(FS_RENAME, do_rename), H(FS_GETDENTS, do_getdents), H(FS_CHMOD, do_chmod),
    H(FS_CHOWN, do_chown),   H(FS_UTIME, do_utime),       H(FS_PUTNODE, do_putnode),
    H(FS_SYNC, do_sync),     H(FS_STATFS, do_statfs),
};

#define NR_HANDLERS (int)(sizeof(handlers) / sizeof(handlers[0]))

int main(int argc, char **argv)
{
    message m;
    const char *slash = argc > 0 ? strrchr(argv[0], '/') : NULL;
    const char *name = slash ? slash + 1 : argc > 0 ? argv[0] : "ext2";

    /* The root's server is "ext2"; one rs starts for a mount has its label
     * as its name (argv[0]), and vfs finds it under that. */
    srv_start(name, NONE);
    ds_publish(name, (uint64_t)srv_self);
    for (;;) {
        if (srv_receive(&m) < 0 || is_notify(&m))
            continue;
        int call = m.m_type - FS_BASE, r;
        if (m.m_source != VFS_EP)
            r = -EPERM; /* only vfs speaks the file system protocol */
        else if (call <= 0 || call >= NR_HANDLERS || !handlers[call])
            r = -ENOSYS;
        else if (!fs && m.m_type != FS_MOUNT)
            r = -ENXIO;
        else
            r = handlers[call](&m);
        srv_reply_next(m.m_source, &m, r);
    }
}
