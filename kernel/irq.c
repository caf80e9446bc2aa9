/*
 * Interrupt lines. A driver claims a line (KC_IRQCTL) and names a hook bit;
 * when the line fires, the kernel masks it, sets the hook's bit in each
 * claimant's pending set and notifies it from HARDWARE. The line stays
 * masked until every claimant has re-enabled it, so a shared level-
 * triggered line cannot storm while a driver works.
 */
#include "irq.h"
#include "ipc.h"
#include "priv.h"

struct irq_hook {
    struct thread *owner;
    endpoint_t ep;
    int hook;
    bool active; /* fired, not yet re-enabled */
};

static struct irq_hook hooks[NR_IRQS][HOOKS_PER_IRQ];

void irq_init(void)
{
    memset(hooks, 0, sizeof(hooks));
}

static bool line_has_active(int irq)
{
    for (int i = 0; i < HOOKS_PER_IRQ; i++)
        if (hooks[irq][i].owner && hooks[irq][i].active)
            return true;
    return false;
}

void irq_handle(int irq)
{
    if (irq < 0 || irq >= NR_IRQS)
        return;
    arch_irq_mask(irq);
    for (int i = 0; i < HOOKS_PER_IRQ; i++) {
        struct irq_hook *h = &hooks[irq][i];
        if (!h->owner || ep_thread(h->ep) != h->owner)
            continue;
        h->active = true;
        h->owner->irq_pending |= 1ull << h->hook;
        notify_kernel(h->owner, PEND_HARDWARE);
    }
}

static struct irq_hook *find_hook(struct thread *t, int irq)
{
    for (int i = 0; i < HOOKS_PER_IRQ; i++)
        if (hooks[irq][i].owner == t && hooks[irq][i].ep == t->ep)
            return &hooks[irq][i];
    return NULL;
}

static int check_line(struct thread *t, int irq)
{
    if (irq < 0 || irq >= NR_IRQS || irq >= arch_irq_count())
        return -EINVAL;
    if (!((t->priv->spec.irqs >> irq) & 1))
        return -EPERM;
    return 0;
}

int irq_setpolicy(struct thread *t, int irq, int hook)
{
    int r = check_line(t, irq);

    if (r < 0)
        return r;
    if (hook < 0 || hook > 63)
        return -EINVAL;
    struct irq_hook *h = find_hook(t, irq);
    for (int i = 0; !h && i < HOOKS_PER_IRQ; i++)
        if (!hooks[irq][i].owner || !ep_thread(hooks[irq][i].ep))
            h = &hooks[irq][i];
    if (!h)
        return -EBUSY;
    *h = (struct irq_hook){ .owner = t, .ep = t->ep, .hook = hook, .active = false };
    arch_irq_unmask(irq);
    return 0;
}

int irq_enable(struct thread *t, int irq, bool on)
{
    int r = check_line(t, irq);

    if (r < 0)
        return r;
    struct irq_hook *h = find_hook(t, irq);
    if (!h)
        return -ENOENT;
    h->active = !on;
    if (on && !line_has_active(irq))
        arch_irq_unmask(irq);
    else if (!on)
        arch_irq_mask(irq);
    return 0;
}

int irq_release(struct thread *t, int irq)
{
    int r = check_line(t, irq);

    if (r < 0)
        return r;
    struct irq_hook *h = find_hook(t, irq);
    if (!h)
        return -ENOENT;
    memset(h, 0, sizeof(*h));
    if (!line_has_active(irq))
        arch_irq_unmask(irq);
    return 0;
}

/* A dying thread's hooks go; its lines are unmasked for the others. */
void irq_cleanup(struct thread *t)
{
    for (int irq = 0; irq < NR_IRQS; irq++) {
        bool had = false;
        for (int i = 0; i < HOOKS_PER_IRQ; i++) {
            if (hooks[irq][i].owner == t) {
                memset(&hooks[irq][i], 0, sizeof(hooks[irq][i]));
                had = true;
            }
        }
        if (had) {
            bool others = false;
            for (int i = 0; i < HOOKS_PER_IRQ; i++)
                others |= hooks[irq][i].owner != NULL;
            if (others && !line_has_active(irq))
                arch_irq_unmask(irq);
            else if (!others)
                arch_irq_mask(irq);
        }
    }
}
