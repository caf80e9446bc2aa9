/* Helpers shared by the kernel-call stubs. */
#ifndef KC_UTIL_H
#define KC_UTIL_H

#include <string.h>
#include <ember/sys.h>

static inline void kc_init(message *m, int call)
{
    memset(m, 0, sizeof(*m));
    m->m_type = call;
}

static inline void kc_name(char *dst, size_t size, const char *name)
{
    if (name)
        strncpy(dst, name, size - 1);
}

/* A copy met a page vm must make present: ask vm (when there is one) and
 * tell the caller whether to retry. */
int kc_vm_faultin(endpoint_t ep, uint64_t addr, int write);

#endif
