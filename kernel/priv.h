/*
 * Privileges. One structure per priv id (ember/priv.h); every thread
 * points at the one of its process, and all ordinary user processes share
 * PRIV_ID_USER. The checks here are on the IPC and kernel-call paths.
 */
#ifndef PRIV_H
#define PRIV_H

#include "kernel.h"
#include <ember/priv.h>

struct thread;

struct priv {
    struct priv_spec spec;
    bool in_use;
};

extern struct priv privs[NR_PRIV_IDS];

void privs_init(void);
int priv_set(struct thread *t, const struct priv_spec *spec);
bool priv_may_control(const struct thread *caller, const struct thread *target);
bool priv_has_mem(const struct priv *p, uint64_t base, uint64_t size);
bool priv_has_port(const struct priv *p, uint32_t port, int size);

static inline bool priv_may_trap(const struct priv *p, uint64_t op)
{
    return op < 32 && (p->spec.traps & (1u << op));
}

static inline bool priv_may_kcall(const struct priv *p, int32_t call)
{
    return call > 0 && call < 64 && (p->spec.kcalls & (1ull << call));
}

static inline bool priv_may_send(const struct priv *from, const struct priv *to)
{
    return (from->spec.ipc_to >> to->spec.id) & 1;
}

#endif
