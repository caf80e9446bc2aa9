/*
 * Mounted file systems. The root comes from the kernel command line
 * (root=LABEL:MINOR: a block driver's ds label and minor; default the
 * ramdisk, memory:0), served by the file system server published as
 * "ext2". More file systems are mounted on directories with mount(2): each
 * needs a file system server of its own, found in ds as "fs:<device>"
 * (rs starts one per mount).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vfs.h"

struct vmnt vmnts[NR_VMNTS];
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

int do_mount(message *m)
{
    (void)m;
    return fp->euid != 0 ? -EPERM : -ENOSYS;
}

int do_umount(message *m)
{
    (void)m;
    return fp->euid != 0 ? -EPERM : -ENOSYS;
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
