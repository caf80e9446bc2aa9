/* The trap layer's entry points, called by the arch code. */
#ifndef SYSCALL_H
#define SYSCALL_H

#include "thread.h"

struct regs *syscall_dispatch(struct regs *r);
struct regs *kernel_exit(void);

#endif
