/*
 * The I/O permission bitmap in the TSS. Only one process's port ranges are
 * open at a time: on a switch to a thread with other privileges, the old
 * ranges are closed and the new opened. Most processes have no ports, so
 * most switches cost a comparison.
 */
#include "../../priv.h"
#include "../../thread.h"
#include "tss.h"
#include "arch_x86.h"

static const struct priv *open_priv;

static void set_ranges(const struct priv *p, uint8_t value)
{
    for (uint32_t i = 0; i < p->spec.nio; i++) {
        const struct io_range *r = &p->spec.io[i];
        for (uint32_t port = r->base; port < (uint32_t)r->base + r->count; port++) {
            if (value)
                tss.iomap[port / 8] |= (uint8_t)(1u << (port % 8));
            else
                tss.iomap[port / 8] &= (uint8_t)~(1u << (port % 8));
        }
    }
}

void io_switch(const struct priv *p)
{
    if (p == open_priv)
        return;
    if ((!p || p->spec.nio == 0) && (!open_priv || open_priv->spec.nio == 0)) {
        open_priv = p;
        return;
    }
    if (open_priv)
        set_ranges(open_priv, 1);
    if (p)
        set_ranges(p, 0);
    open_priv = p;
}

/* Privileges changed: reopen the running thread's ranges from scratch. */
void arch_priv_changed(void)
{
    if (open_priv)
        set_ranges(open_priv, 1);
    open_priv = NULL;
    if (current)
        io_switch(current->priv);
}
