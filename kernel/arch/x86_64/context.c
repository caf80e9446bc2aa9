/*
 * Threads on the CPU: their initial registers, the switch from one to
 * another (register save area, address space, FPU, FS base, I/O bitmap),
 * the idle loop, and the user-visible register set for KC_REGS.
 */
#include "../../thread.h"
#include "../../space.h"
#include "../../priv.h"
#include "../../syscall.h"
#include "../../sched.h"
#include "cpu.h"
#include "layout.h"
#include "percpu.h"
#include "tss.h"
#include "arch_x86.h"

#define RFLAGS_IF   0x200ull
#define RFLAGS_USER 0x40CD5ull /* CF PF AF ZF SF TF DF OF AC: what user code may set */

extern uint8_t fpu_initial[512];
_Noreturn void resume_user(struct regs *r);

HOT_DATA static uint64_t last_switch_tsc;

void arch_thread_init(struct thread *t, uint64_t rip, uint64_t rsp, uint64_t arg)
{
    memset(&t->regs, 0, sizeof(t->regs));
    t->regs.rip = rip;
    t->regs.rsp = rsp;
    t->regs.rdi = arg;
    t->regs.cs = SEL_UCODE | 3;
    t->regs.ss = SEL_UDATA | 3;
    t->regs.rflags = RFLAGS_IF;
    memcpy(t->fpu, fpu_initial, sizeof(t->fpu));
    t->fs_base = 0;
}

void arch_thread_copy(struct thread *child, const struct thread *parent)
{
    child->regs = parent->regs;
    memcpy(child->fpu, parent->fpu, sizeof(child->fpu));
    child->fs_base = parent->fs_base;
}

HOT_PATH void arch_switch_to(struct thread *prev, struct thread *next)
{
    uint64_t now = rdtsc();

    if (prev && !(prev->rts & RTS_FREE)) {
        prev->cpu_tsc += now - last_switch_tsc;
        __asm__ volatile("fxsave %0" : "=m"(prev->fpu));
    }
    last_switch_tsc = now;
    __asm__ volatile("fxrstor %0" ::"m"(next->fpu));
    cpu0.regs_end = (uint64_t)(&next->regs + 1);
    tss.rsp[0] = cpu0.regs_end;
    space_load(next->space);
    if (next->fs_base != cpu0.fs_base) {
        wrmsr(MSR_FS_BASE, next->fs_base);
        cpu0.fs_base = next->fs_base;
    }
    io_switch(next->priv);
}

_Noreturn void arch_start(struct regs *r)
{
    resume_user(r);
}

/* Nothing to run: wait for an interrupt to make something runnable. */
_Noreturn void arch_idle(void)
{
    for (;;) {
        __asm__ volatile("sti\n\thlt\n\tcli" ::: "memory");
        if (sched_pick())
            resume_user(kernel_exit());
    }
}

void arch_get_user_regs(const struct thread *t, struct user_regs *u)
{
    const struct regs *r = &t->regs;

    *u = (struct user_regs){ r->rax, r->rbx, r->rcx, r->rdx,    r->rsi,    r->rdi, r->rbp,
                             r->rsp, r->r8,  r->r9,  r->r10,    r->r11,    r->r12, r->r13,
                             r->r14, r->r15, r->rip, r->rflags, t->fs_base };
}

int arch_set_user_regs(struct thread *t, const struct user_regs *u)
{
    struct regs *r = &t->regs;

    if (u->rip >= USER_TOP || u->rsp >= USER_TOP || u->fs_base >= USER_TOP)
        return -EINVAL;
    r->rax = u->rax, r->rbx = u->rbx, r->rcx = u->rcx, r->rdx = u->rdx;
    r->rsi = u->rsi, r->rdi = u->rdi, r->rbp = u->rbp, r->rsp = u->rsp;
    r->r8 = u->r8, r->r9 = u->r9, r->r10 = u->r10, r->r11 = u->r11;
    r->r12 = u->r12, r->r13 = u->r13, r->r14 = u->r14, r->r15 = u->r15;
    r->rip = u->rip;
    r->rflags = (u->rflags & RFLAGS_USER) | RFLAGS_IF;
    r->vector = 0; /* every register matters now: leave by IRETQ */
    t->fs_base = u->fs_base;
    return 0;
}

int arch_set_fsbase(struct thread *t, uint64_t base)
{
    if (base >= USER_TOP)
        return -EINVAL;
    t->fs_base = base;
    if (t == current) {
        wrmsr(MSR_FS_BASE, base);
        cpu0.fs_base = base;
    }
    return 0;
}
