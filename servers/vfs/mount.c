/*
 * Mounted file systems. The root comes from the kernel command line
 * (root=LABEL:MINOR: a block driver's ds label and minor; default the
 * ramdisk, memory:0), served by the file system server published as
 * "ext2". More file systems are mounted on directories with mount(2): each
 * has a file system server of its own, which the caller had rs start and
 * names by its ds label (mount(8) uses "fs-<device>"). A mount holds a
 * reference on the directory it covers; the file system is busy while any
 * of its vnodes is referenced beyond its root's mount reference.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include "vfs.h"

struct vmnt vmnts[NR_VMNTS];
static char pathbuf[PATH_MAX_];
struct vnode *root_vnode;

static void sleep_ms(unsigned ms)
{
    message m;

    sys_setalarm((uint64_t)ms * 1000000, 1, NULL);
    ipc_receive(CLOCK, &m);
}

/* Wait (up to about 10 s) for a label to appear in ds. */
static int await_label(const char *label, endpoint_t *ep)
{
    uint64_t v;

    for (int i = 0; i < 1000; i++) {
        if (ds_lookup(label, &v) == 0) {
            *ep = (endpoint_t)v;
            return 0;
        }
        sleep_ms(10);
    }
    return -ENXIO;
}

static void root_device(char *label, size_t size, int *minor)
{
    static struct kinfo_kernel k;
    char *p;

    snprintf(label, size, "memory");
    *minor = 0;
    if (sys_getinfo(INFO_KERNEL, &k, sizeof(k), NULL) < 0 || !(p = strstr(k.cmdline, "root=")))
        return;
    p += 5;
    size_t n = strcspn(p, ": ");
    if (n == 0 || n >= size)
        return;
    memcpy(label, p, n);
    label[n] = '\0';
    if (p[n] == ':')
        *minor = atoi(p + n + 1);
}

static struct vmnt *vmnt_alloc(void)
{
    for (int i = 0; i < NR_VMNTS; i++)
        if (!vmnts[i].used) {
            memset(&vmnts[i], 0, sizeof(vmnts[i]));
            vmnts[i].used = true;
            return &vmnts[i];
        }
    return NULL;
}

int mount_root(void)
{
    char label[24];
    int minor;
    endpoint_t dev_ep, fs_ep;
    struct fs_attr a;
    struct vmnt *vm = vmnt_alloc();

    root_device(label, sizeof(label), &minor);
    int r = await_label(label, &dev_ep);
    if (r == 0)
        r = await_label("ext2", &fs_ep);
    if (r < 0)
        srv_panic("root device %s:%d or its file system not found", label, minor);
    vm->fs_ep = fs_ep;
    snprintf(vm->label, sizeof(vm->label), "ext2");
    snprintf(vm->devname, sizeof(vm->devname), "%s:%d", label, minor);
    r = fs_mount(vm, dev_ep, minor, false, &a);
    if (r < 0)
        srv_panic("cannot mount the root file system from %s (error %d)", vm->devname, r);
    root_vnode = vnode_get(vm, &a);
    vm->root = root_vnode;
    vnode_ref(root_vnode); /* the mount's own reference, never dropped */
    return 0;
}

/* The block device named by path: its number and its driver's endpoint. */
static int mount_source(const char *path, uint32_t *dev, endpoint_t *dev_ep)
{
    struct vnode *vp;
    uint64_t ep;
    int r = lookup(fp, path, 0, &vp);

    if (r < 0)
        return r;
    bool blk = S_ISBLK(vp->mode);
    *dev = vp->rdev;
    vnode_put(vp);
    if (!blk)
        return -EINVAL; /* not a block device */
    const char *label = bdev_label(*dev);
    if (!label || ds_lookup(label, &ep) < 0)
        return -ENXIO;
    *dev_ep = (endpoint_t)ep;
    for (int i = 0; i < NR_VMNTS; i++)
        if (vmnts[i].used && vmnts[i].dev == *dev)
            return -EBUSY;
    return 0;
}

/* The directory at path, which nothing is mounted on yet. */
static int mount_target(const char *path, struct vnode **dir)
{
    int r = lookup(fp, path, 0, dir);

    if (r < 0)
        return r;
    struct vnode *vp = *dir;
    if (!S_ISDIR(vp->mode))
        r = -ENOTDIR;
    else if (vp->mounted || (vp->vmnt && vp == vp->vmnt->root))
        r = -EBUSY; /* already a mount point, or a mounted root */
    if (r < 0)
        vnode_put(vp);
    return r;
}

/* The file system server published as label: never one of the core. */
static int mount_server(char *label, endpoint_t *fs_ep)
{
    uint64_t ep;

    label[sizeof(((struct vfs_mount *)0)->label) - 1] = '\0';
    if (!label[0] || ds_lookup(label, &ep) < 0)
        return -ENODEV;
    for (int i = 0; i < NR_VMNTS; i++)
        if (vmnts[i].used && vmnts[i].fs_ep == (endpoint_t)ep)
            return -EBUSY; /* it serves a mounted file system already */
    if ((endpoint_t)ep == PM_EP || (endpoint_t)ep == VFS_EP || (endpoint_t)ep == VM_EP ||
        (endpoint_t)ep == DS_EP || (endpoint_t)ep == RS_EP)
        return -EINVAL;
    *fs_ep = (endpoint_t)ep;
    return 0;
}

int do_mount(message *m)
{
    static char target[PATH_MAX_];
    struct vfs_mount *q = &m->vfs_mount;
    struct vnode *dir = NULL;
    struct fs_attr a;
    endpoint_t dev_ep, fs_ep;
    uint32_t dev;
    int r;

    if (fp->euid != 0)
        return -EPERM;
    if ((r = copy_path(m->m_source, q->path, q->len, pathbuf)) < 0 ||
        (r = copy_path(m->m_source, q->path2, q->len2, target)) < 0 ||
        (r = mount_server(q->label, &fs_ep)) < 0 ||
        (r = mount_source(pathbuf, &dev, &dev_ep)) < 0 || (r = mount_target(target, &dir)) < 0)
        return r;
    struct vmnt *vm = vmnt_alloc();
    if (!vm) {
        vnode_put(dir);
        return -ENFILE;
    }
    vm->fs_ep = fs_ep;
    vm->dev = dev;
    vm->rdonly = q->flags & MS_RDONLY;
    vm->nosuid = q->flags & MS_NOSUID;
    snprintf(vm->label, sizeof(vm->label), "%s", q->label);
    snprintf(vm->devname, sizeof(vm->devname), "%s:%u", bdev_label(dev), DEV_MINOR(dev));
    if ((r = fs_mount(vm, dev_ep, (int)DEV_MINOR(dev), vm->rdonly, &a)) < 0 ||
        !(vm->root = vnode_get(vm, &a))) {
        vm->used = false;
        vnode_put(dir);
        return r < 0 ? r : -ENFILE;
    }
    vm->covered = dir; /* keeps the reference the lookup gave */
    dir->mounted = vm;
    return 0;
}

/* The mounted file system that path names: its mount point or its device. */
static struct vmnt *mounted_at(const char *path, int *err)
{
    struct vnode *vp;

    if ((*err = lookup(fp, path, 0, &vp)) < 0)
        return NULL;
    struct vmnt *found = NULL;
    for (int i = 0; i < NR_VMNTS && !found; i++) {
        struct vmnt *vm = &vmnts[i];
        if (vm->used && (S_ISBLK(vp->mode) ? vm->dev == vp->rdev : vm->root == vp))
            found = vm;
    }
    vnode_put(vp);
    *err = !found ? -EINVAL : !found->covered ? -EBUSY : 0; /* the root stays */
    return *err ? NULL : found;
}

/* Detach vm: give back its vnodes and have its server let go. */
static int unmount(struct vmnt *vm)
{
    vm->root->refs--; /* the mount's own reference */
    nc_forget_fs(vm);
    vnode_flush(vm);
    int r = fs_unmount(vm);
    if (vm->covered) {
        vm->covered->mounted = NULL;
        vnode_put(vm->covered);
    }
    memset(vm, 0, sizeof(*vm));
    return r;
}

int do_umount(message *m)
{
    struct vfs_mount *q = &m->vfs_mount;
    int r;

    if (fp->euid != 0)
        return -EPERM;
    if ((r = copy_path(m->m_source, q->path, q->len, pathbuf)) < 0)
        return r;
    struct vmnt *vm = mounted_at(pathbuf, &r);
    if (!vm)
        return r;
    if (vnode_refs_in(vm) > 1)
        return -EBUSY; /* open files, working directories, mounts below */
    memset(q->label, 0, sizeof(q->label));
    memcpy(q->label, vm->label, strnlen(vm->label, sizeof(q->label) - 1));
    return unmount(vm);
}

/* Shutdown: every file system written back and detached, the root last,
 * so each is left clean. Open files no longer matter. */
void unmount_all(void)
{
    sync_all();
    for (int pass = 0; pass < 2; pass++)
        for (int i = NR_VMNTS - 1; i >= 0; i--) {
            struct vmnt *vm = &vmnts[i];
            if (vm->used && (pass == 1) == (vm->covered == NULL)) {
                int r = fs_unmount(vm);
                if (r < 0) {
                    char line[80];
                    int n = snprintf(line, sizeof(line), "vfs: unmounting %s: error %d\n",
                                     vm->devname, r);
                    sys_kprint(line, (size_t)n);
                }
            }
        }
}

void sync_all(void)
{
    for (int i = 0; i < NR_VMNTS; i++) {
        if (!vmnts[i].used)
            continue;
        vnode_flush(&vmnts[i]);
        fs_sync(&vmnts[i]);
    }
}
