/* IPC: rendezvous message passing, notifications, asynchronous sends. */
#ifndef IPC_H
#define IPC_H

#include "thread.h"

int ipc_send(struct thread *t, endpoint_t dst, bool nonblock);
int ipc_receive(struct thread *t, endpoint_t src);
int ipc_call(struct thread *t, endpoint_t dst);
int ipc_replyrecv(struct thread *t, endpoint_t dst, endpoint_t src);
int ipc_notify(struct thread *t, endpoint_t dst);
int ipc_senda(struct thread *t, uint64_t table, uint64_t count);

/* Notifications from the kernel itself (HARDWARE, CLOCK, SYSTEM). */
void notify_kernel(struct thread *dst, uint32_t pend);

/* A thread leaves: take it out of every IPC queue, fail its partners. */
void ipc_cleanup(struct thread *t);

/* The fast path for call and reply-receive; NULL: take the general path. */
struct regs *ipc_fastpath(struct thread *t, uint64_t op);

/* The thread to run when the trap returns; set by whatever switched. */
extern struct thread *next_thread;

#endif
