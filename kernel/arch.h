/*
 * The interface between the generic kernel and the machine-dependent code
 * under arch/. Generic code includes this and never a register name: the
 * inline helpers in arch/<arch>/arch_inline.h move message words and trap
 * arguments in and out of a thread's saved registers.
 */
#ifndef ARCH_H
#define ARCH_H

#include "kernel.h"
#include <ember/ipc.h>

struct thread;
struct space;
struct regs;
struct user_regs;

/* Console output: the serial port and the screen. */
void arch_console_write(const char *s, size_t n);
void arch_console_panic(void);

/* Stop the machine. With the "qemuexit" option, QEMU exits with a status. */
_Noreturn void arch_halt(int status);
_Noreturn void arch_reboot(void);

/* Kernel virtual -> physical (phys_to_virt is inline, arch_inline.h). */
uint64_t virt_to_phys(const void *va);

/* Threads: set up registers for a new user thread, run the chosen thread. */
void arch_thread_init(struct thread *t, uint64_t rip, uint64_t rsp, uint64_t arg);
void arch_thread_copy(struct thread *child, const struct thread *parent);
void arch_switch_to(struct thread *prev, struct thread *next);
_Noreturn void arch_idle(void);
_Noreturn void arch_start(struct regs *first);
void arch_priv_changed(void);

/* Address spaces (page tables). Flags are VMF_* from ember/kcall.h. */
int arch_space_init(struct space *s);
void arch_space_free(struct space *s);
int arch_map(struct space *s, uint64_t va, uint64_t pa, uint32_t flags);
int arch_unmap(struct space *s, uint64_t va);
int arch_protect(struct space *s, uint64_t va, uint32_t flags);
int arch_lookup(struct space *s, uint64_t va, uint64_t *pa, uint32_t *flags);
/* For copies: the frame behind user address va when it is present, user
 * accessible and, if write, writable (0); -ENOENT when not present or not
 * writable (a pager may make it so); -EFAULT for a kernel page. */
int arch_user_phys(struct space *s, uint64_t va, bool write, uint64_t *pa);
void arch_tlb_changed(struct space *s, uint64_t va);

/* Interrupt lines and the timer. */
void arch_irq_mask(int irq);
void arch_irq_unmask(int irq);
int arch_irq_count(void);
uint64_t arch_tsc(void);
uint64_t arch_tsc_hz(void);
uint64_t arch_tsc_to_ns(uint64_t ticks);
uint64_t arch_tsc_scale(void); /* ns = ticks * scale >> 32 */
void arch_timer_periodic(uint32_t hz);
void arch_timer_oneshot(uint64_t ns);

/* User registers for KC_REGS, and the FS base. */
void arch_get_user_regs(const struct thread *t, struct user_regs *u);
int arch_set_user_regs(struct thread *t, const struct user_regs *u);
int arch_set_fsbase(struct thread *t, uint64_t base);

/* Port I/O for KC_DEVIO, and the per-thread I/O permission. */
uint32_t arch_port_in(uint32_t port, int size);
void arch_port_out(uint32_t port, int size, uint32_t value);

#include "arch/x86_64/arch_inline.h"

#endif
