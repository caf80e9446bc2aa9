/* Shared by the kernel-call handlers in calls/. */
#ifndef KCALL_H
#define KCALL_H

#include "thread.h"
#include "space.h"
#include "priv.h"
#include <ember/ipc.h>

#define SUSPEND 1 /* the handler blocked the caller; the reply comes later */

typedef int (*kcall_handler)(struct thread *t, message *m);
extern const kcall_handler kcall_table[NR_KCALLS];

/* The thread a call names: SELF or a live endpoint the caller may control. */
int kcall_target(struct thread *caller, endpoint_t ep, struct thread **out);

/* Report a copy's EVMFAULT to the caller in the reply fields. */
void kcall_fault(const struct copy_fault *f, uint64_t *addr, endpoint_t *ep, int32_t *write);

/* Stop a thread for good: IPC, timers, IRQs, futex, then its slot. */
void thread_kill(struct thread *t);

#define DECLARE_KCALL(name) int do_##name(struct thread *t, message *m)
DECLARE_KCALL(getinfo);
DECLARE_KCALL(kprint);
DECLARE_KCALL(fork);
DECLARE_KCALL(exec);
DECLARE_KCALL(clear);
DECLARE_KCALL(privctl);
DECLARE_KCALL(update);
DECLARE_KCALL(setgrant);
DECLARE_KCALL(safecopy);
DECLARE_KCALL(vsafecopy);
DECLARE_KCALL(vircopy);
DECLARE_KCALL(physcopy);
DECLARE_KCALL(vmmap);
DECLARE_KCALL(vmunmap);
DECLARE_KCALL(vmprotect);
DECLARE_KCALL(vmcopy);
DECLARE_KCALL(vmquery);
DECLARE_KCALL(vmctl);
DECLARE_KCALL(irqctl);
DECLARE_KCALL(devio);
DECLARE_KCALL(setalarm);
DECLARE_KCALL(time);
DECLARE_KCALL(times);
DECLARE_KCALL(schedctl);
DECLARE_KCALL(runctl);
DECLARE_KCALL(regs);
DECLARE_KCALL(getfault);
DECLARE_KCALL(futex);
DECLARE_KCALL(setfsbase);
DECLARE_KCALL(machine);

#endif
