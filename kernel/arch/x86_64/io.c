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

HOT_DATA static const struct priv *open_priv;

/* Set (value 1: closed) or clear (0: open) the bits of one port range:
 * bit by bit at the ragged ends, a byte at a time in between. */
static void set_range(uint32_t port, uint32_t end, uint8_t value)
{
    for (; port < end && port % 8; port++)
        tss.iomap[port / 8] = value ? tss.iomap[port / 8] | (uint8_t)(1u << (port % 8))
                                    : tss.iomap[port / 8] & (uint8_t) ~(1u << (port % 8));
    if (end - port >= 8) {
        memset(&tss.iomap[port / 8], value ? 0xFF : 0, (end - port) / 8);
        port += (end - port) & ~7u;
    }
    for (; port < end; port++)
        tss.iomap[port / 8] = value ? tss.iomap[port / 8] | (uint8_t)(1u << (port % 8))
                                    : tss.iomap[port / 8] & (uint8_t) ~(1u << (port % 8));
}

static void set_ranges(const struct priv *p, uint8_t value)
{
    for (uint32_t i = 0; i < p->spec.nio; i++)
        set_range(p->spec.io[i].base, (uint32_t)p->spec.io[i].base + p->spec.io[i].count, value);
}

HOT_PATH void io_switch(const struct priv *p)
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
