/*
 * Kernel entry and exit.
 *
 * There is one kernel stack per CPU; a thread's user state lives in its
 * struct regs (regs.h), never on a kernel stack. An interrupt or exception
 * from user mode lands in the current thread's struct regs (TSS.rsp0 points
 * at its end); SYSCALL saves into the same place by hand. The C handler
 * then runs on the CPU's kernel stack and returns the struct regs of the
 * thread to resume, which may be another one: that is a context switch.
 *
 * Entries from kernel mode (only interrupts while idle, or a kernel bug)
 * push a struct regs on the kernel stack and return in place.
 */
#include "layout.h"
#include "regs.h"
#include "percpu.h"

.macro SAVE_GPRS
    push %rax
    push %rbx
    push %rcx
    push %rdx
    push %rsi
    push %rdi
    push %rbp
    push %r8
    push %r9
    push %r10
    push %r11
    push %r12
    push %r13
    push %r14
    push %r15
.endm

.macro RESTORE_GPRS
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %r11
    pop %r10
    pop %r9
    pop %r8
    pop %rbp
    pop %rdi
    pop %rsi
    pop %rdx
    pop %rcx
    pop %rbx
    pop %rax
.endm

.macro VECTOR n
    .align 16
vector_\n:
    .if (\n == 8) || (\n == 10) || (\n == 11) || (\n == 12) || (\n == 13) || (\n == 14) || (\n == 17) || (\n == 21) || (\n == 29) || (\n == 30)
    .else
    push $0
    .endif
    push $\n
    jmp trap_common
.endm

    .text
    .altmacro
.macro VECTORS from, to
    VECTOR %from
    .if \to-\from
    VECTORS %(\from+1), \to
    .endif
.endm
    VECTORS 0, 47
    VECTOR 240
    VECTOR 255

trap_common:
    SAVE_GPRS
    testb $3, R_CS(%rsp)
    jz 1f
    swapgs
    mov %rsp, %rdi
    mov %gs:CPU_KSTACK_TOP, %rsp
    call trap_user
    mov %rax, %rdi
    jmp resume_user
1:  mov %rsp, %rdi
    call trap_kernel
    RESTORE_GPRS
    add $16, %rsp
    iretq

/* SYSCALL: rcx = user rip, r11 = user rflags, interrupts off (SFMASK).
 * It and resume_user go with the rest of the call path (HOT_PATH). */
    .section .text.hot, "ax", @progbits
    .global syscall_entry
    .align 16
syscall_entry:
    swapgs
    mov %rsp, %gs:CPU_SCRATCH
    mov %gs:CPU_REGS_END, %rsp
    push $(SEL_UDATA | 3)
    push %gs:CPU_SCRATCH
    push %r11
    push $(SEL_UCODE | 3)
    push %rcx
    push $0
    push $VEC_SYSCALL
    SAVE_GPRS
    mov %rsp, %rdi
    mov %gs:CPU_KSTACK_TOP, %rsp
    call syscall_dispatch
    mov %rax, %rdi
    /* fall through */

/* Resume the thread whose struct regs is at %rdi. SYSRET when it entered by
 * SYSCALL and returns to a canonical user address, IRETQ otherwise. */
    .global resume_user
resume_user:
    mov %rdi, %rsp
    cmpq $VEC_SYSCALL, R_VECTOR(%rsp)
    jne 2f
    mov R_RIP(%rsp), %rcx
    movabs $USER_TOP, %r11
    cmp %r11, %rcx
    jae 2f
    mov R_RFLAGS(%rsp), %r11
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    add $8, %rsp
    pop %r10
    pop %r9
    pop %r8
    pop %rbp
    pop %rdi
    pop %rsi
    pop %rdx
    add $8, %rsp
    pop %rbx
    pop %rax
    mov (R_RSP - R_VECTOR)(%rsp), %rsp
    swapgs
    sysretq
2:  RESTORE_GPRS
    add $16, %rsp
    swapgs
    iretq

    .text

    .section .rodata
    .global vector_table
    .align 8
.macro VECADDR n
    .quad vector_\n
.endm
.macro VECADDRS from, to
    VECADDR %from
    .if \to-\from
    VECADDRS %(\from+1), \to
    .endif
.endm
vector_table:
    VECADDRS 0, 47
    VECADDR 240
    VECADDR 255

    .section .note.GNU-stack, "", @progbits
