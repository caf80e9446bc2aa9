/*
 * The saved user state of a thread. The layout is what entry.S pushes: the
 * general registers, the vector and error code, then the frame the CPU
 * pushes on an interrupt. TSS.rsp0 points just past the current thread's
 * struct regs, so an interrupt from user mode saves straight into it.
 */
#ifndef ARCH_REGS_H
#define ARCH_REGS_H

#ifndef __ASSEMBLER__
#include <stdint.h>

struct regs {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error;
    uint64_t rip, cs, rflags, rsp, ss;
};

#define REGS_SIZE 176
_Static_assert(sizeof(struct regs) == REGS_SIZE, "struct regs layout is fixed by entry.S");
#endif

/* Vector numbers in regs->vector for entries that are not interrupts. */
#define VEC_SYSCALL 0x100

/* Offsets used by entry.S. */
#define R_RAX    112
#define R_VECTOR 120
#define R_RIP    136
#define R_CS     144
#define R_RFLAGS 152
#define R_RSP    160

#endif
