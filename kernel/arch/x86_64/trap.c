/* Exceptions and interrupts as they arrive from entry.S. */
#include "../../kernel.h"
#include "../../thread.h"
#include "../../fault.h"
#include "../../irq.h"
#include "../../clock.h"
#include "../../syscall.h"
#include "../../ipc.h"
#include "layout.h"
#include "cpu.h"
#include "regs.h"
#include "arch_x86.h"

static const char *const exception_names[32] = {
    "divide error",
    "debug",
    "NMI",
    "breakpoint",
    "overflow",
    "bound range",
    "invalid opcode",
    "device not available",
    "double fault",
    "coprocessor overrun",
    "invalid TSS",
    "segment not present",
    "stack fault",
    "general protection",
    "page fault",
    "reserved",
    "x87 floating point",
    "alignment check",
    "machine check",
    "SIMD floating point",
    "virtualization",
    "control protection",
};

const char *exception_name(uint64_t vec)
{
    if (vec < 32 && exception_names[vec])
        return exception_names[vec];
    return "unknown exception";
}

void dump_regs(const struct regs *r)
{
    kprintf("  rip %016lx  cs %lx  rflags %016lx  rsp %016lx  ss %lx\n", r->rip, r->cs, r->rflags,
            r->rsp, r->ss);
    kprintf("  rax %016lx  rbx %016lx  rcx %016lx  rdx %016lx\n", r->rax, r->rbx, r->rcx, r->rdx);
    kprintf("  rsi %016lx  rdi %016lx  rbp %016lx  r8  %016lx\n", r->rsi, r->rdi, r->rbp, r->r8);
    kprintf("  r9  %016lx  r10 %016lx  r11 %016lx  r12 %016lx\n", r->r9, r->r10, r->r11, r->r12);
    kprintf("  r13 %016lx  r14 %016lx  r15 %016lx  cr2 %016lx\n", r->r13, r->r14, r->r15,
            read_cr2());
}

/* A fault in the kernel itself is a bug: show everything and stop. */
static _Noreturn void kernel_fault(const struct regs *r)
{
    kprintf("\nkernel fault: %s (vector %lu, error %lx)\n", exception_name(r->vector), r->vector,
            r->error);
    dump_regs(r);
    panic("%s in kernel mode at %lx", exception_name(r->vector), r->rip);
}

void trap_kernel(struct regs *r)
{
    if (r->vector < 32)
        kernel_fault(r);
    arch_interrupt(r->vector);
}

/* An interrupt, from user mode or while idle. */
void arch_interrupt(uint64_t vector)
{
    if (vector == VEC_TIMER) {
        lapic_eoi();
        clock_tick();
    } else if (vector >= VEC_IRQ0 && vector < VEC_IRQ0 + 16) {
        int irq = (int)(vector - VEC_IRQ0);
        if (pic_spurious(irq))
            return;
        irq_handle(irq);
        pic_eoi(irq);
    }
}

/* Every entry from user mode other than SYSCALL. */
struct regs *trap_user(struct regs *r)
{
    struct thread *t = current;

    next_thread = NULL;
    if (r->vector == 14) {
        uint64_t addr = read_cr2();
        fault_page(t, addr, r->error, addr < USER_TOP);
    } else if (r->vector < 32) {
        fault_exception(t, (uint32_t)r->vector, r->error, 0);
    } else {
        arch_interrupt(r->vector);
    }
    return kernel_exit();
}
