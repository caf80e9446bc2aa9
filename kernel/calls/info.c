/* KC_GETINFO and KC_KPRINT: facts for the servers, and early console output. */
#include "../kcall.h"
#include "../bootinfo.h"
#include "../memory.h"
#include "../boot.h"
#include "../clock.h"
#include "../version.h"

static int copy_out(struct thread *t, struct kc_getinfo *gi, const void *buf, size_t size)
{
    if (size > gi->size)
        return -E2BIG;
    return copy_to_space(t->space, gi->buf, buf, size, NULL) < 0 ? -EFAULT : 0;
}

static int info_kernel(struct thread *t, struct kc_getinfo *gi)
{
    struct kinfo_kernel k;

    memset(&k, 0, sizeof(k));
    strlcpy(k.name, OS_NAME, sizeof(k.name));
    strlcpy(k.version, OS_VERSION, sizeof(k.version));
    k.tsc_hz = arch_tsc_hz();
    k.mem_total = mem_total;
    k.nr_slots = NR_SLOTS;
    k.hz = HZ;
    strlcpy(k.cmdline, bootinfo.cmdline, sizeof(k.cmdline));
    return copy_out(t, gi, &k, sizeof(k));
}

static int info_memory(struct thread *t, struct kc_getinfo *gi)
{
    struct kinfo_memrange r[MAX_FREE_RANGES];
    int n = 0;

    for (int i = 0; i < nfree_ranges; i++)
        if (free_ranges[i].end > free_ranges[i].base)
            r[n++] = (struct kinfo_memrange){ free_ranges[i].base,
                                              free_ranges[i].end - free_ranges[i].base };
    gi->count = n;
    return copy_out(t, gi, r, n * sizeof(r[0]));
}

static int info_modules(struct thread *t, struct kc_getinfo *gi)
{
    struct kinfo_module m;
    int n = bootinfo.nmodules;

    if ((uint64_t)n * sizeof(m) > gi->size)
        return -E2BIG;
    for (int i = 0; i < n; i++) {
        const struct boot_module *b = &bootinfo.modules[i];
        memset(&m, 0, sizeof(m));
        strlcpy(m.name, b->name, sizeof(m.name));
        strlcpy(m.args, b->args, sizeof(m.args));
        m.start = b->start;
        m.size = b->end - b->start;
        m.ep = boot_module_ep[i];
        if (copy_to_space(t->space, gi->buf + i * sizeof(m), &m, sizeof(m), NULL) < 0)
            return -EFAULT;
    }
    gi->count = n;
    return 0;
}

static void describe(const struct thread *o, struct kinfo_thread *k)
{
    memset(k, 0, sizeof(*k));
    k->ep = o->ep;
    k->flags = (int32_t)o->rts;
    k->space_owner = o->space ? o->space->owner : NONE;
    k->blocked_on = o->rts & RTS_SENDING ? o->sendto : o->rts & RTS_RECEIVING ? o->getfrom : NONE;
    k->priority = o->prio;
    k->priv_id = o->priv ? o->priv->spec.id : -1;
    k->user_ns = arch_tsc_to_ns(o->cpu_tsc);
    k->sys_ns = 0;
    strlcpy(k->name, o->name, sizeof(k->name));
}

static int info_threads(struct thread *t, struct kc_getinfo *gi)
{
    struct kinfo_thread k;
    uint64_t n = 0;

    for (int i = 0; i < NR_SLOTS; i++) {
        if (threads[i].rts & RTS_FREE)
            continue;
        if ((n + 1) * sizeof(k) > gi->size)
            return -E2BIG;
        describe(&threads[i], &k);
        if (copy_to_space(t->space, gi->buf + n * sizeof(k), &k, sizeof(k), NULL) < 0)
            return -EFAULT;
        n++;
    }
    gi->count = (int32_t)n;
    return 0;
}

int do_getinfo(struct thread *t, message *m)
{
    struct kc_getinfo *gi = &m->kc_getinfo;

    switch (gi->what) {
    case INFO_SELF:
        gi->self = t->ep;
        gi->priv_id = t->priv->spec.id;
        return 0;
    case INFO_KERNEL:
        return info_kernel(t, gi);
    case INFO_MEMORY:
        return info_memory(t, gi);
    case INFO_MODULES:
        return info_modules(t, gi);
    case INFO_THREADS:
        return info_threads(t, gi);
    default:
        return -EINVAL;
    }
}

int do_kprint(struct thread *t, message *m)
{
    char buf[256];
    uint64_t addr = m->kc_kprint.buf, left = m->kc_kprint.len;

    if (left > 65536)
        return -EINVAL;
    while (left > 0) {
        size_t n = MIN(left, sizeof(buf));
        if (copy_from_space(t->space, addr, buf, n, NULL) < 0)
            return -EFAULT;
        console_write(buf, n);
        addr += n, left -= n;
    }
    return 0;
}
