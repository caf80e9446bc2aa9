/*
 * Program images: the frames of read-only segments (program text and
 * constants) outlive the process that loaded them, so the next exec of
 * the same program maps them instead of reading the file again. Every
 * shell command would otherwise copy its program into fresh frames, and
 * under emulation fresh frames also mean translating the code anew.
 *
 * vfs names a program file's contents with a number it never reuses for
 * other contents (vm_exec_layout.image); an entry here is that number and
 * the segment's place in file and memory, with a reference on each frame.
 * A process sharing the frames maps them read-only: they are never
 * written (a write after mprotect finds the frame shared and copies it).
 * Entries go least recently used first: when the table is full, when they
 * hold more than MAX_SHARE of memory, and when frames run out.
 */
#include <stdlib.h>
#include <string.h>
#include "vm.h"

#define MAX_IMAGES 64
#define MAX_SHARE  8 /* at most 1/MAX_SHARE of all frames */

struct image {
    struct seg_key key; /* key.image 0: a free slot */
    uint64_t npages;
    uint64_t *pages; /* 0: absent when it was kept (demand zero) */
    uint64_t used;   /* when last mapped, for least recently used */
};

static struct image images[MAX_IMAGES];
static uint64_t use_clock, kept_pages;

static uint64_t seg_pages(const struct region *r)
{
    return (r->end - r->start) / PAGE;
}

static bool same_key(const struct seg_key *a, const struct seg_key *b)
{
    return a->image == b->image && a->vaddr == b->vaddr && a->memsz == b->memsz &&
           a->offset == b->offset && a->filesz == b->filesz && a->prot == b->prot;
}

static void image_drop(struct image *im)
{
    for (uint64_t i = 0; i < im->npages; i++)
        if (im->pages[i])
            frame_unref(im->pages[i]);
    kept_pages -= im->npages;
    free(im->pages);
    memset(im, 0, sizeof(*im));
}

static struct image *least_used(void)
{
    struct image *lru = NULL;

    for (int i = 0; i < MAX_IMAGES; i++)
        if (images[i].key.image && (!lru || images[i].used < lru->used))
            lru = &images[i];
    return lru;
}

/* Map r's kept frames into p, a run of consecutive frames per call. */
static int map_kept(struct vmproc *p, struct region *r)
{
    uint64_t n = seg_pages(r);
    int flags = map_flags(r, false);

    for (uint64_t i = 0; i < n;) {
        if (!r->pages[i]) {
            i++;
            continue;
        }
        uint64_t run = i;
        for (i++; i < n && r->pages[i] == r->pages[i - 1] + PAGE; i++)
            ;
        int e = sys_vmmap(p->ep, r->start + run * PAGE, r->pages[run], i - run, flags);
        if (e < 0)
            return e;
    }
    return 0;
}

/* Give r (a new, empty segment region of p) the frames kept under its key;
 * false when there are none or mapping failed (then r is left empty). */
bool image_share(struct vmproc *p, struct region *r)
{
    if (!r->key.image || (r->key.prot & VM_PROT_WRITE))
        return false;
    for (int i = 0; i < MAX_IMAGES; i++) {
        struct image *im = &images[i];
        if (!im->key.image || !same_key(&im->key, &r->key) || im->npages != seg_pages(r))
            continue;
        for (uint64_t k = 0; k < im->npages; k++)
            if ((r->pages[k] = im->pages[k]))
                frame_ref(r->pages[k]);
        if (map_kept(p, r) < 0) {
            release_pages(r, 0, im->npages, p->ep);
            return false;
        }
        im->used = ++use_clock;
        return true;
    }
    return false;
}

/* r, a read-only segment just loaded by exec: keep its frames. */
void image_keep(const struct region *r)
{
    uint64_t n = seg_pages(r);
    uint64_t limit = frames_total() / MAX_SHARE;

    if (!r->key.image || (r->key.prot & VM_PROT_WRITE) || n == 0 || n > limit)
        return;
    for (int i = 0; i < MAX_IMAGES; i++)
        if (images[i].key.image && same_key(&images[i].key, &r->key))
            return; /* two loads of one program at once: the first one's stays */
    struct image *slot = NULL;
    for (int i = 0; i < MAX_IMAGES && !slot; i++)
        if (!images[i].key.image)
            slot = &images[i];
    if (!slot)
        image_drop(slot = least_used());
    while (kept_pages + n > limit)
        image_drop(least_used());
    slot->pages = malloc(n * sizeof(uint64_t));
    if (!slot->pages)
        return;
    memcpy(slot->pages, r->pages, n * sizeof(uint64_t));
    for (uint64_t i = 0; i < n; i++)
        if (slot->pages[i])
            frame_ref(slot->pages[i]);
    slot->key = r->key;
    slot->npages = n;
    slot->used = ++use_clock;
    kept_pages += n;
}

/* Frames ran out: drop the least recently used image; false if none. */
bool images_reclaim(void)
{
    struct image *lru = least_used();

    if (!lru)
        return false;
    image_drop(lru);
    return true;
}

/* Frames that only images hold: memory to count as free. */
uint64_t images_reclaimable(void)
{
    uint64_t n = 0;

    for (int i = 0; i < MAX_IMAGES; i++)
        for (uint64_t k = 0; k < images[i].npages; k++)
            if (images[i].pages[k] && !frame_shared(images[i].pages[k]))
                n++;
    return n;
}
