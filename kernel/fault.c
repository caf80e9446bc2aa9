/*
 * Faults of user threads. The kernel never decides a user fault's outcome:
 * a page fault in a space with a pager stops the thread and notifies the
 * pager (vm), which makes the page present and resumes it, or declares it
 * an exception. An exception stops the thread and notifies its supervisor
 * (pm for processes, whoever set the privileges otherwise), which turns it
 * into a signal, restarts a service, or clears the thread. The faulting
 * thread alone stops; everything else runs on.
 */
#include "fault.h"
#include "ipc.h"
#include "space.h"
#include "priv.h"
#include "arch.h"

static const char *const vector_names[32] = {
    [0] = "divide error",       [1] = "debug",
    [3] = "breakpoint",         [4] = "overflow",
    [5] = "bound range",        [6] = "invalid opcode",
    [7] = "device unavailable", [13] = "general protection",
    [14] = "page fault",        [16] = "x87 error",
    [17] = "alignment check",   [19] = "SIMD error",
};

static const char *vector_name(uint32_t v)
{
    return v < 32 && vector_names[v] ? vector_names[v] : "exception";
}

void fault_exception(struct thread *t, uint32_t vector, uint64_t error, uint64_t addr)
{
    t->fault_vector = vector;
    t->fault_error = error;
    t->fault_addr = addr;
    t->fault_rip = t->regs.rip;
    t->fault_reported = false;
    thread_block(t, RTS_FAULTED);
    struct thread *sup = ep_thread(t->priv->spec.supervisor);
    kprintf("kernel: %s (ep %d): %s at rip %lx addr %lx; %s\n", t->name, t->ep, vector_name(vector),
            t->fault_rip, addr, sup ? "stopped, supervisor notified" : "stopped, no supervisor");
    if (sup)
        notify_kernel(sup, PEND_SYSTEM);
}

void fault_page(struct thread *t, uint64_t addr, uint64_t error, bool user_addr)
{
    struct thread *pager = user_addr ? ep_thread(t->space->pager) : NULL;

    if (!pager || pager->space == t->space) {
        fault_exception(t, 14, error, addr);
        return;
    }
    t->fault_vector = 14;
    t->fault_error = error;
    t->fault_addr = addr;
    t->fault_rip = t->regs.rip;
    t->fault_reported = false;
    thread_block(t, RTS_PAGEFAULT);
    notify_kernel(pager, PEND_SYSTEM);
}

struct thread *fault_next_exception(struct thread *sup)
{
    for (int i = 0; i < NR_SLOTS; i++) {
        struct thread *t = &threads[i];
        if ((t->rts & (RTS_FREE | RTS_FAULTED)) == RTS_FAULTED && !t->fault_reported &&
            t->priv->spec.supervisor == sup->ep) {
            t->fault_reported = true;
            return t;
        }
    }
    return NULL;
}

struct thread *fault_next_pagefault(struct thread *pager)
{
    for (int i = 0; i < NR_SLOTS; i++) {
        struct thread *t = &threads[i];
        if ((t->rts & (RTS_FREE | RTS_PAGEFAULT)) == RTS_PAGEFAULT && !t->fault_reported &&
            t->space->pager == pager->ep) {
            t->fault_reported = true;
            return t;
        }
    }
    return NULL;
}
