/*
 * libsys: the IPC traps and one stub per kernel call (the kernel's
 * do_<name>() in kernel/calls/ answers sys_<name>()). Every function
 * returns 0 (or a count) on success and a negative error code on failure.
 */
#ifndef EMBER_SYS_H
#define EMBER_SYS_H

#include <stdbool.h>
#include <stddef.h>
#include <ember/ipc.h>
#include <ember/grant.h>
#include <ember/priv.h>
#include <ember/errno.h>

/* IPC */
int ipc_call(endpoint_t dst, message *m);
int ipc_receive(endpoint_t src, message *m);
int ipc_replyrecv(endpoint_t dst, endpoint_t src, message *m);
int ipc_send(endpoint_t dst, const message *m);
int ipc_sendnb(endpoint_t dst, const message *m);
int ipc_notify(endpoint_t dst);
int ipc_senda(async_msg_t *table, size_t count);
int ipc_trap(int op, endpoint_t ep, message *m);
int kernel_call(message *m);

static inline bool is_notify(const message *m)
{
    return m->m_type == NOTIFY_MESSAGE;
}

/* Kernel calls */
endpoint_t sys_self(void);
int sys_getinfo(int what, void *buf, size_t size, int *count);
int sys_kprint(const char *s, size_t n);
int sys_fork_thread(void *(*start)(void *), void *arg, void *stack_top, const char *name,
                    endpoint_t *child);
int sys_fork(endpoint_t parent, int flags, const char *name, endpoint_t *child);
int sys_exec(endpoint_t ep, uint64_t rip, uint64_t rsp, uint64_t arg0, uint64_t arg1, uint64_t arg2,
             const char *name);
int sys_clear(endpoint_t ep, int status);
int sys_privctl(endpoint_t ep, int op, struct priv_spec *spec);
int sys_setgrant(grant_entry_t *table, size_t count);
int sys_safecopyfrom(endpoint_t owner, grant_id_t g, size_t off, void *addr, size_t len);
int sys_safecopyto(endpoint_t owner, grant_id_t g, size_t off, const void *addr, size_t len);
int sys_vsafecopy(struct vsafecopy_elem *vec, size_t count);
int sys_vircopy(endpoint_t src_ep, uint64_t src, endpoint_t dst_ep, uint64_t dst, size_t len);
int sys_vircopy_force(endpoint_t src_ep, uint64_t src, endpoint_t dst_ep, uint64_t dst, size_t len);
int sys_physcopy(uint64_t src, uint64_t dst, size_t len);
int sys_physzero(uint64_t dst, size_t len);
int sys_vmmap(endpoint_t ep, uint64_t vaddr, uint64_t paddr, size_t npages, int flags);
int sys_vmunmap(endpoint_t ep, uint64_t vaddr, size_t npages);
int sys_vmprotect(endpoint_t ep, uint64_t vaddr, size_t npages, int flags);
int sys_vmcopy(endpoint_t src, endpoint_t dst, uint64_t vaddr, size_t npages, int flags);
int sys_vmquery(endpoint_t ep, uint64_t vaddr, uint64_t *paddr, int *flags);
int sys_vmctl(message *m);
int sys_vmctl_setpager(endpoint_t ep, endpoint_t pager);
int sys_irqctl(int op, int irq, int hook);
int sys_inb(unsigned port, uint8_t *v);
int sys_outb(unsigned port, uint8_t v);
int sys_devio(int op, int size, unsigned port, uint32_t *value);
int sys_setalarm(uint64_t ns, int relative, uint64_t *previous);
int sys_time(uint64_t *uptime_ns, uint64_t *tsc, int64_t *boottime);
uint64_t sys_uptime_ns(void); /* the same uptime, read from the TSC without a call */
int sys_setboottime(int64_t boottime);
int sys_times(endpoint_t ep, uint64_t *user_ns, uint64_t *sys_ns, uint64_t *uptime_ns);
int sys_schedctl(endpoint_t ep, int priority, int64_t quantum_ns);
int sys_runctl(endpoint_t ep, int op);
int sys_runctl_state(endpoint_t ep, int op, int *flags, endpoint_t *partner);
int sys_getregs(endpoint_t ep, struct user_regs *r);
int sys_setregs(endpoint_t ep, const struct user_regs *r);
int sys_getfault(struct kc_getfault *f);
int sys_futex_wait(volatile uint32_t *addr, uint32_t value, uint64_t timeout_ns);
int sys_futex_wake(volatile uint32_t *addr, uint32_t count);
int sys_setfsbase(uint64_t base);
int sys_update(endpoint_t ep1, endpoint_t ep2);
int sys_machine(int op, int status);

#endif
