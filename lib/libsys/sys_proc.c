/* Stubs: KC_FORK, KC_EXEC, KC_CLEAR, KC_PRIVCTL, KC_UPDATE, KC_MACHINE. */
#include "kc_util.h"

void thread_trampoline(void);

int sys_fork(endpoint_t parent, int flags, const char *name, endpoint_t *child)
{
    message m;

    kc_init(&m, KC_FORK);
    m.kc_fork.parent = parent;
    m.kc_fork.flags = flags;
    kc_name(m.kc_fork.name, sizeof(m.kc_fork.name), name);
    int r = kernel_call(&m);
    if (r == 0 && child)
        *child = m.kc_fork.child;
    return r;
}

/* A new thread in this process runs start(arg) on the given stack; when
 * start returns, the thread ends (thread_trampoline, in thread.S). */
int sys_fork_thread(void *(*start)(void *), void *arg, void *stack_top, const char *name,
                    endpoint_t *child)
{
    message m;
    uint64_t *sp = (uint64_t *)((uint64_t)stack_top & ~15ull);

    *--sp = 0;
    *--sp = (uint64_t)start;
    kc_init(&m, KC_FORK);
    m.kc_fork.parent = SELF;
    m.kc_fork.flags = FORK_THREAD;
    m.kc_fork.rip = (uint64_t)thread_trampoline;
    m.kc_fork.rsp = (uint64_t)sp;
    m.kc_fork.arg = (uint64_t)arg;
    kc_name(m.kc_fork.name, sizeof(m.kc_fork.name), name);
    int r = kernel_call(&m);
    if (r == 0 && child)
        *child = m.kc_fork.child;
    return r;
}

int sys_exec(endpoint_t ep, uint64_t rip, uint64_t rsp, uint64_t arg0, uint64_t arg1, uint64_t arg2,
             const char *name)
{
    message m;

    kc_init(&m, KC_EXEC);
    m.kc_exec.ep = ep;
    m.kc_exec.rip = rip;
    m.kc_exec.rsp = rsp;
    m.kc_exec.arg0 = arg0;
    m.kc_exec.arg1 = arg1;
    m.kc_exec.arg2 = arg2;
    kc_name(m.kc_exec.name, sizeof(m.kc_exec.name), name);
    return kernel_call(&m);
}

int sys_clear(endpoint_t ep, int status)
{
    message m;

    kc_init(&m, KC_CLEAR);
    m.kc_clear.ep = ep;
    m.kc_clear.status = status;
    return kernel_call(&m);
}

int sys_privctl(endpoint_t ep, int op, struct priv_spec *spec)
{
    message m;

    kc_init(&m, KC_PRIVCTL);
    m.kc_privctl.ep = ep;
    m.kc_privctl.op = op;
    m.kc_privctl.spec = (uint64_t)spec;
    return kernel_call(&m);
}

int sys_update(endpoint_t ep1, endpoint_t ep2)
{
    message m;

    kc_init(&m, KC_UPDATE);
    m.kc_update.ep1 = ep1;
    m.kc_update.ep2 = ep2;
    return kernel_call(&m);
}

int sys_machine(int op, int status)
{
    message m;

    kc_init(&m, KC_MACHINE);
    m.kc_machine.op = op;
    m.kc_machine.status = status;
    return kernel_call(&m);
}
