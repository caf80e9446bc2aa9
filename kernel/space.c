/*
 * Address spaces, and copies into, out of and between them.
 *
 * The kernel never touches user memory through the user's own mapping:
 * every copy translates the user address page by page through the space's
 * page tables and goes through the direct map. So a bad pointer is an
 * error code, never a kernel fault, and a copy works the same whichever
 * space is loaded. A page that is not present, or read-only where a write
 * is wanted, may be one vm has not made present yet (demand zero, copy on
 * write): for spaces with a pager such copies fail with EVMFAULT and name
 * the page, and the caller's library asks vm to fault it in and retries.
 */
#include "space.h"
#include "arch.h"
#include <ember/kcall.h>

#define PAGE 4096ull

struct space spaces[NR_SPACES];

/* A new space with only the kernel half; NULL when out of memory. */
struct space *space_create(void)
{
    for (int i = 0; i < NR_SPACES; i++) {
        struct space *s = &spaces[i];
        if (s->in_use)
            continue;
        memset(s, 0, sizeof(*s));
        s->asid = (uint16_t)(i + 1);
        s->pager = NONE;
        s->owner = NONE;
        if (arch_space_init(s) < 0)
            return NULL;
        s->in_use = true;
        s->tlb_stale = true; /* the ASID may carry an old space's entries */
        return s;
    }
    return NULL;
}

/* Drop a thread's reference; the last one frees the page tables. */
void space_put(struct space *s)
{
    assert(s->in_use && s->nthreads > 0);
    if (--s->nthreads == 0) {
        arch_space_free(s);
        s->in_use = false;
    }
}

/* The physical address behind user address va, checked for access. */
int space_phys(struct space *s, uint64_t va, bool write, uint64_t *pa, struct copy_fault *f)
{
    int r = arch_user_phys(s, va, write, pa);

    if (r != -ENOENT)
        return r;
    if (s->pager == NONE)
        return -EFAULT;
    if (f) {
        f->addr = va & ~(PAGE - 1);
        f->space = s;
        f->write = write;
    }
    return -EVMFAULT;
}

int copy_from_space(struct space *s, uint64_t src, void *dst, size_t len, struct copy_fault *f)
{
    uint8_t *out = dst;

    while (len > 0) {
        uint64_t pa;
        int r = space_phys(s, src, false, &pa, f);
        if (r < 0)
            return r;
        size_t n = MIN(len, PAGE - (src & (PAGE - 1)));
        memcpy(out, phys_to_virt(pa), n);
        out += n, src += n, len -= n;
    }
    return 0;
}

void space_reader_init(struct space_reader *r, struct space *s)
{
    r->s = s;
    r->page = 1;
}

int space_read(struct space_reader *r, uint64_t src, void *dst, size_t len)
{
    uint64_t off = src & (PAGE - 1), page = src - off;

    if (off + len > PAGE) /* across a page: the plain way */
        return copy_from_space(r->s, src, dst, len, NULL);
    if (page != r->page) {
        int e = space_phys(r->s, page, false, &r->pa, NULL);
        if (e < 0)
            return e;
        r->page = page;
    }
    memcpy(dst, phys_to_virt(r->pa + off), len);
    return 0;
}

int copy_to_space(struct space *s, uint64_t dst, const void *src, size_t len, struct copy_fault *f)
{
    const uint8_t *in = src;

    while (len > 0) {
        uint64_t pa;
        int r = space_phys(s, dst, true, &pa, f);
        if (r < 0)
            return r;
        size_t n = MIN(len, PAGE - (dst & (PAGE - 1)));
        memcpy(phys_to_virt(pa), in, n);
        in += n, dst += n, len -= n;
    }
    return 0;
}

int copy_between(struct space *from, uint64_t src, struct space *to, uint64_t dst, size_t len,
                 struct copy_fault *f)
{
    while (len > 0) {
        uint64_t spa, dpa;
        int r = space_phys(from, src, false, &spa, f);
        if (r == 0)
            r = space_phys(to, dst, true, &dpa, f);
        if (r < 0)
            return r;
        size_t n = MIN(len, PAGE - (src & (PAGE - 1)));
        n = MIN(n, PAGE - (dst & (PAGE - 1)));
        memmove(phys_to_virt(dpa), phys_to_virt(spa), n);
        src += n, dst += n, len -= n;
    }
    return 0;
}

/* As copy_between, but writing to present pages whatever their rights. */
int copy_between_forced(struct space *from, uint64_t src, struct space *to, uint64_t dst,
                        size_t len)
{
    while (len > 0) {
        uint64_t spa, dpa;
        int r = space_phys(from, src, false, &spa, NULL);
        if (r == 0)
            r = space_phys(to, dst, false, &dpa, NULL);
        if (r < 0)
            return -EFAULT;
        size_t n = MIN(len, PAGE - (src & (PAGE - 1)));
        n = MIN(n, PAGE - (dst & (PAGE - 1)));
        memmove(phys_to_virt(dpa), phys_to_virt(spa), n);
        src += n, dst += n, len -= n;
    }
    return 0;
}
