/* User faults: exceptions go to the supervisor, page faults to the pager. */
#ifndef FAULT_H
#define FAULT_H

#include "thread.h"

void fault_exception(struct thread *t, uint32_t vector, uint64_t error, uint64_t addr);
void fault_page(struct thread *t, uint64_t addr, uint64_t error, bool user_addr);
struct thread *fault_next_exception(struct thread *supervisor);
struct thread *fault_next_pagefault(struct thread *pager);

#endif
