/*
 * IPC traps. The message travels in %rdx %r8 %r9 %r10 %r12 %r13 %r14 %r15
 * (ember/syscall.h); %rbx holds the message pointer across the trap. The
 * stubs save the callee-saved registers they borrow.
 */
#include <ember/syscall.h>

.macro LOAD_MSG
    mov 0(%rbx), %rdx
    mov 8(%rbx), %r8
    mov 16(%rbx), %r9
    mov 24(%rbx), %r10
    mov 32(%rbx), %r12
    mov 40(%rbx), %r13
    mov 48(%rbx), %r14
    mov 56(%rbx), %r15
.endm

.macro STORE_MSG
    mov %rdx, 0(%rbx)
    mov %r8, 8(%rbx)
    mov %r9, 16(%rbx)
    mov %r10, 24(%rbx)
    mov %r12, 32(%rbx)
    mov %r13, 40(%rbx)
    mov %r14, 48(%rbx)
    mov %r15, 56(%rbx)
.endm

.macro SAVE
    push %rbx
    push %r12
    push %r13
    push %r14
    push %r15
.endm

.macro RESTORE
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbx
.endm

/* int ipc_call(endpoint_t dst, message *m) */
    .text
    .global ipc_call
ipc_call:
    SAVE
    mov %rsi, %rbx
    LOAD_MSG
    mov $IPC_CALL, %eax
    syscall
    STORE_MSG
    RESTORE
    ret

/* int ipc_receive(endpoint_t src, message *m) */
    .global ipc_receive
ipc_receive:
    SAVE
    mov %rsi, %rbx
    mov $IPC_RECEIVE, %eax
    syscall
    STORE_MSG
    RESTORE
    ret

/* int ipc_replyrecv(endpoint_t dst, endpoint_t src, message *m) */
    .global ipc_replyrecv
ipc_replyrecv:
    SAVE
    mov %rdx, %rbx
    LOAD_MSG
    mov $IPC_REPLYRECV, %eax
    syscall
    STORE_MSG
    RESTORE
    ret

/* int ipc_send(endpoint_t dst, const message *m) */
    .global ipc_send
ipc_send:
    SAVE
    mov %rsi, %rbx
    LOAD_MSG
    mov $IPC_SEND, %eax
    syscall
    RESTORE
    ret

/* int ipc_sendnb(endpoint_t dst, const message *m) */
    .global ipc_sendnb
ipc_sendnb:
    SAVE
    mov %rsi, %rbx
    LOAD_MSG
    mov $IPC_SENDNB, %eax
    syscall
    RESTORE
    ret

/* int ipc_notify(endpoint_t dst) */
    .global ipc_notify
ipc_notify:
    mov $IPC_NOTIFY, %eax
    syscall
    ret

/* int ipc_senda(async_msg_t *table, size_t count) */
    .global ipc_senda
ipc_senda:
    mov $IPC_SENDA, %eax
    syscall
    ret

/* int ipc_trap(int op, endpoint_t ep, message *m): any trap, for tests */
    .global ipc_trap
ipc_trap:
    SAVE
    mov %rdx, %rbx
    mov %edi, %eax
    mov %esi, %edi
    LOAD_MSG
    syscall
    STORE_MSG
    RESTORE
    ret

/* int kernel_call(message *m) */
    .global kernel_call
kernel_call:
    SAVE
    mov %rdi, %rbx
    LOAD_MSG
    mov $KERNEL_CALL, %eax
    syscall
    STORE_MSG
    RESTORE
    ret

    .section .note.GNU-stack, "", @progbits
