/* Futexes: threads wait on a word of user memory and are woken by address. */
#ifndef FUTEX_H
#define FUTEX_H

#include "thread.h"

int futex_wait(struct thread *t, uint64_t addr, uint32_t value, uint64_t timeout_ns);
int futex_wake(struct thread *t, uint64_t addr, int count);
void futex_cleanup(struct thread *t);

#endif
