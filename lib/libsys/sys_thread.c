/* Stubs: KC_SCHEDCTL, KC_RUNCTL, KC_REGS, KC_GETFAULT, KC_FUTEX, KC_SETFSBASE. */
#include "kc_util.h"

int sys_schedctl(endpoint_t ep, int priority, int64_t quantum_ns)
{
    message m;

    kc_init(&m, KC_SCHEDCTL);
    m.kc_schedctl.ep = ep;
    m.kc_schedctl.priority = priority;
    m.kc_schedctl.quantum_ns = quantum_ns;
    return kernel_call(&m);
}

int sys_runctl(endpoint_t ep, int op)
{
    return sys_runctl_state(ep, op, NULL, NULL);
}

int sys_runctl_state(endpoint_t ep, int op, int *flags, endpoint_t *partner)
{
    message m;

    kc_init(&m, KC_RUNCTL);
    m.kc_runctl.ep = ep;
    m.kc_runctl.op = op;
    int r = kernel_call(&m);
    if (flags)
        *flags = m.kc_runctl.flags;
    if (partner)
        *partner = m.kc_runctl.partner;
    return r;
}

static int regs_call(int op, endpoint_t ep, const struct user_regs *r)
{
    message m;

    kc_init(&m, KC_REGS);
    m.kc_regs.op = op;
    m.kc_regs.ep = ep;
    m.kc_regs.buf = (uint64_t)r;
    return kernel_call(&m);
}

int sys_getregs(endpoint_t ep, struct user_regs *r)
{
    return regs_call(REGS_GET, ep, r);
}
int sys_setregs(endpoint_t ep, const struct user_regs *r)
{
    return regs_call(REGS_SET, ep, r);
}

int sys_getfault(struct kc_getfault *f)
{
    message m;

    kc_init(&m, KC_GETFAULT);
    int r = kernel_call(&m);
    *f = m.kc_getfault;
    return r;
}

int sys_futex_wait(volatile uint32_t *addr, uint32_t value, uint64_t timeout_ns)
{
    message m;

    kc_init(&m, KC_FUTEX);
    m.kc_futex.op = FUTEX_WAIT;
    m.kc_futex.addr = (uint64_t)addr;
    m.kc_futex.value = value;
    m.kc_futex.timeout_ns = timeout_ns;
    return kernel_call(&m);
}

int sys_futex_wake(volatile uint32_t *addr, uint32_t count)
{
    message m;

    kc_init(&m, KC_FUTEX);
    m.kc_futex.op = FUTEX_WAKE;
    m.kc_futex.addr = (uint64_t)addr;
    m.kc_futex.value = count;
    int r = kernel_call(&m);
    return r < 0 ? r : m.kc_futex.woken;
}

int sys_setfsbase(uint64_t base)
{
    message m;

    kc_init(&m, KC_SETFSBASE);
    m.kc_setfsbase.base = base;
    return kernel_call(&m);
}

/* Where a thread made by sys_fork_thread() ends. */
_Noreturn void thread_exit(void *status)
{
    (void)status;
    sys_clear(SELF, 0);
    for (;;)
        ;
}
