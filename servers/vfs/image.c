/*
 * Names for program files' contents. vm keeps the frames of programs'
 * read-only segments after they exit and hands them to the next exec of
 * the same contents (servers/vm/image.c); vfs says which contents an exec
 * loads with a number it gives no other contents. A file keeps its number
 * until vfs sees its contents change: a write, a truncation, an inode
 * number coming back from the file system for a newly created file, or
 * its file system being mounted or unmounted. Then the next exec gets a
 * new number, and vm's old frames are never matched again (they age out).
 */
#include "vfs.h"

#define MAX_NAMED 64

struct named {
    struct vmnt *vmnt; /* NULL: a free slot */
    uint64_t ino;
    uint64_t image;
};

static struct named named[MAX_NAMED];
static uint64_t next_image = 1;
static int next_slot;

uint64_t image_name(const struct vnode *vp)
{
    for (int i = 0; i < MAX_NAMED; i++)
        if (named[i].vmnt == vp->vmnt && named[i].ino == vp->ino)
            return named[i].image;
    if (!vp->vmnt)
        return 0;
    struct named *n = &named[next_slot]; /* the oldest goes */
    next_slot = (next_slot + 1) % MAX_NAMED;
    *n = (struct named){ vp->vmnt, vp->ino, next_image++ };
    return n->image;
}

/* The contents of (vmnt, ino) change; ino 0: every file of vmnt. */
void image_forget(const struct vmnt *vmnt, uint64_t ino)
{
    for (int i = 0; i < MAX_NAMED; i++)
        if (named[i].vmnt == vmnt && (ino == 0 || named[i].ino == ino))
            named[i].vmnt = NULL;
}
