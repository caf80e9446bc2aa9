/*
 * exec, on pm's behalf. vfs reads the program's ELF headers, has vm build
 * the new address space from them (VM_EXEC_NEWMEM), lets the file system
 * read each segment straight into the new memory (a magic grant over the
 * target process) unless vm still has it from an earlier exec of the same
 * contents (image.c), writes the argument frame on the new stack, and answers
 * pm with the entry point and stack pointer. A script starting with "#!"
 * runs its interpreter instead, once. Once vm has replaced the old image,
 * a failure cannot be returned to the program: the reply says so ("lost").
 */
#include <elf.h>
#include <stdio.h>
#include <string.h>
#include <ember/execelf.h>
#include <ember/execframe.h>
#include <ember/proto/vm.h>
#include "vfs.h"

#define ARG_MAX_ (256 * 1024)
#define HEADER   4096

static uint8_t frame[ARG_MAX_];
static uint8_t header[HEADER];
static char path[PATH_MAX_];

struct image {
    struct vnode *vp; /* the program file */
    struct exec_elf elf;
};

static int read_header(struct vnode *vp)
{
    grant_id_t g = grant_direct(vp->vmnt->fs_ep, header, HEADER, GRANT_WRITE);

    if (g == GRANT_INVALID)
        return -ENFILE;
    memset(header, 0, sizeof(header));
    int r = fs_io(FS_READ, vp, 0, g, HEADER, NULL);
    grant_revoke(g);
    return r;
}

static int open_program(struct fproc *t, const char *p, struct vnode **out)
{
    int r = lookup(t, p, 0, out);

    if (r < 0)
        return r;
    if (!S_ISREG((*out)->mode))
        r = -EACCES;
    else if ((r = check_access(t, *out, 1)) == 0)
        r = read_header(*out);
    if (r < 0) {
        vnode_put(*out);
        return r;
    }
    return r;
}

/* Read each segment vm does not have present already into the new memory. */
static int load_segments(const struct image *im, const struct vm_exec_layout *l, endpoint_t ep)
{
    for (uint32_t i = 0; i < l->nsegments; i++) {
        const struct vm_exec_segment *s = &l->seg[i];
        if (s->filesz == 0 || ((l->present >> i) & 1))
            continue;
        grant_id_t g = grant_magic(im->vp->vmnt->fs_ep, ep, s->vaddr, s->filesz, GRANT_WRITE);
        if (g == GRANT_INVALID)
            return -ENFILE;
        int r = fs_io(FS_READ, im->vp, s->offset, g, s->filesz, NULL);
        grant_revoke(g);
        if (r < 0)
            return r;
        if ((uint64_t)r != s->filesz)
            return -EIO;
    }
    return 0;
}

/* "#!interpreter [arg]": rebuild the frame as interpreter [arg] script args... */
static int script(const char *script_path, uint32_t *len, char *interp)
{
    static uint8_t copy[ARG_MAX_];
    char *argv[512], *envp[512], *arg = NULL;
    char line[128];
    size_t n = 0;

    while (n + 2 < sizeof(line) && header[n + 2] && header[n + 2] != '\n')
        n++;
    memcpy(line, header + 2, n);
    line[n] = '\0';
    char *s = line + strspn(line, " \t");
    size_t plen = strcspn(s, " \t");
    if (plen == 0 || plen >= PATH_MAX_)
        return -ENOEXEC;
    memcpy(interp, s, plen);
    interp[plen] = '\0';
    s += plen;
    s += strspn(s, " \t");
    if (*s) {
        arg = s;
        arg[strcspn(arg, " \t")] = '\0';
    }
    /* Decode the old frame (offsets) into pointers into our copy of it. */
    memcpy(copy, frame, *len);
    const uint64_t *w = (const uint64_t *)copy;
    uint64_t argc = w[0];
    if (argc > 500)
        return -E2BIG;
    int na = 0, ne = 0;
    argv[na++] = interp;
    if (arg)
        argv[na++] = arg;
    argv[na++] = (char *)script_path;
    for (uint64_t i = 1; i < argc && na < 510; i++)
        argv[na++] = (char *)copy + w[1 + i];
    argv[na] = NULL;
    for (uint64_t i = argc + 2; w[i] && ne < 510 && i * 8 < *len; i++)
        envp[ne++] = (char *)copy + w[i];
    envp[ne] = NULL;
    long l = exec_frame_build(frame, sizeof(frame), argv, envp);
    if (l < 0)
        return (int)l;
    *len = (uint32_t)l;
    return 0;
}

static int place_frame(endpoint_t ep, uint64_t top, uint32_t len, uint64_t *sp)
{
    uint64_t base = (top - len) & ~15ull;

    if (exec_frame_relocate(frame, len, base) < 0)
        return -EINVAL;
    if (sys_vircopy(SELF, (uint64_t)frame, ep, base, len) < 0)
        return -EFAULT;
    *sp = base;
    return 0;
}

static void close_on_exec(struct fproc *t)
{
    for (int fd = 0; fd < OPEN_MAX; fd++)
        if ((t->cloexec >> fd) & 1)
            fd_close(t, fd);
}

static void program_name(const char *p, char *comm, size_t size)
{
    const char *slash = strrchr(p, '/'), *base = slash ? slash + 1 : p;
    size_t n = strnlen(base, size - 1);

    memcpy(comm, base, n);
    comm[n] = '\0';
}

/* The program from a file (following "#!" once) into im; bytes of header read. */
static int open_file_image(struct fproc *t, const char *p, uint32_t *len, struct image *im)
{
    static char interp[PATH_MAX_];
    int r = open_program(t, p, &im->vp);

    if (r >= 2 && header[0] == '#' && header[1] == '!') {
        vnode_put(im->vp);
        if ((r = script(p, len, interp)) < 0 || (r = open_program(t, interp, &im->vp)) < 0)
            return r;
    }
    return r;
}

/* Load the program into t. Returns 0 with entry and sp, or an error;
 * *lost when the old image was already gone. */
static int load(struct fproc *t, const char *p, uint32_t *len, uint64_t *entry, uint64_t *sp,
                bool *lost)
{
    static struct vm_exec_layout layout;
    struct image im;
    uint64_t top;
    int r = open_file_image(t, p, len, &im);

    if (r < 0)
        return r;
    if ((r = exec_elf_check(header, (size_t)r, im.vp->size, &im.elf)) == 0 &&
        (r = exec_elf_layout(&im.elf, &layout)) == 0) {
        layout.image = image_name(im.vp);
        r = exec_vm(VM_EXEC_NEWMEM, t->ep, &layout, &top);
    }
    if (r == 0 && im.vp->vmnt && !im.vp->vmnt->nosuid) {
        if (im.vp->mode & S_ISUID)
            t->euid = (int)im.vp->uid;
        if (im.vp->mode & S_ISGID)
            t->egid = (int)im.vp->gid;
    }
    if (r == 0) {
        *lost = true; /* from here on, the old program is gone */
        if ((r = load_segments(&im, &layout, t->ep)) == 0 &&
            (r = place_frame(t->ep, top, *len, sp)) == 0)
            r = exec_vm(VM_EXEC_DONE, t->ep, NULL, NULL);
        *entry = im.elf.eh->e_entry;
    }
    vnode_put(im.vp);
    return r;
}

int do_pm_exec(message *m)
{
    struct vfs_pm pm = m->vfs_pm;
    struct fproc *t = fproc_get(pm.ep);
    uint32_t len = pm.frame_len;
    uint64_t entry = 0, sp = 0;
    bool lost = false;

    if (m->m_source != PM_EP)
        return -EPERM;
    if (!t)
        t = fproc_new(pm.ep);
    t->uid = pm.uid, t->gid = pm.gid, t->euid = pm.euid, t->egid = pm.egid;
    fp = t;
    int r = copy_path(pm.ep2, pm.path, pm.path_len, path);
    if (r == 0 && (len > sizeof(frame) || len < 7 * 8))
        r = -E2BIG;
    if (r == 0 && sys_vircopy(pm.ep2, pm.frame, SELF, (uint64_t)frame, len) < 0)
        r = -EFAULT;
    if (r == 0)
        r = load(t, path, &len, &entry, &sp, &lost);
    memset(&m->vfs_pm_exec_reply, 0, sizeof(m->vfs_pm_exec_reply));
    if (r < 0) {
        m->vfs_pm_exec_reply.lost = lost;
        return r;
    }
    close_on_exec(t);
    m->vfs_pm_exec_reply.euid = t->euid;
    m->vfs_pm_exec_reply.egid = t->egid;
    m->vfs_pm_exec_reply.entry = entry;
    m->vfs_pm_exec_reply.stack = sp;
    program_name(path, m->vfs_pm_exec_reply.comm, sizeof(m->vfs_pm_exec_reply.comm));
    return 0;
}
