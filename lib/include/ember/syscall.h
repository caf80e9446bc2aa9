/*
 * The trap interface: SYSCALL with the operation in %rax.
 *
 * A message moves in eight registers: %rdx %r8 %r9 %r10 %r12 %r13 %r14 %r15
 * hold message words 0..7 on entry and on return (word 0 is source and
 * type). %rdi is the endpoint argument, %rsi a second argument. %rax
 * returns 0 or a negative error. SYSCALL itself clobbers %rcx and %r11.
 *
 *   IPC_SEND       rdi = destination; message
 *   IPC_RECEIVE    rdi = source or ANY; returns the message received
 *   IPC_CALL       rdi = destination; message; returns the reply
 *   IPC_SENDNB     as IPC_SEND, fails with ENOTREADY instead of blocking
 *   IPC_NOTIFY     rdi = destination
 *   IPC_SENDA      rdi = address of the asynchronous send table, rsi = entries
 *   IPC_REPLYRECV  rdi = reply destination, rsi = source or ANY; message is
 *                  the reply, non-blocking; returns the next message
 *   KERNEL_CALL    message (type = kernel call number); returns the reply
 */
#ifndef EMBER_SYSCALL_H
#define EMBER_SYSCALL_H

#define IPC_SEND      1
#define IPC_RECEIVE   2
#define IPC_CALL      3
#define IPC_SENDNB    4
#define IPC_NOTIFY    5
#define IPC_SENDA     6
#define IPC_REPLYRECV 7
#define KERNEL_CALL   8
#define NR_TRAPS      9

#endif
