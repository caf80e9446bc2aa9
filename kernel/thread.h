/*
 * Threads: the kernel's only active object and the unit that IPC names.
 *
 * The thread table has NR_SLOTS entries. A thread is runnable when its
 * blocking flags (rts) are all clear; each flag records one reason it
 * cannot run, so several may hold at once (a call in progress is SENDING
 * and RECEIVING). Threads of one process share an address space (struct
 * space) and a privilege structure (struct priv).
 */
#ifndef THREAD_H
#define THREAD_H

#include "kernel.h"
#include "arch.h"
#include <ember/types.h>
#include <ember/ipc.h>

/* Blocking flags. */
#define RTS_FREE      0x001 /* the slot is not in use */
#define RTS_SENDING   0x002 /* blocked sending to sendto (THREAD_SENDING) */
#define RTS_RECEIVING 0x004 /* blocked receiving from getfrom */
#define RTS_STOPPED   0x008 /* stopped by KC_RUNCTL or not yet started */
#define RTS_FAULTED   0x010 /* took an exception; its supervisor decides */
#define RTS_PAGEFAULT 0x020 /* waiting for its pager to resolve a page fault */
#define RTS_FUTEX     0x040 /* waiting on a futex word */

#define NOTIFY_WORDS (NR_SLOTS / 64)

/* A timer: fire(k) runs at uptime deadline (clock.c). */
struct ktimer {
    uint64_t deadline;
    struct ktimer *next;
    struct thread *owner;
    void (*fire)(struct ktimer *k);
    bool armed;
};

/* Pending notifications from the kernel's own sources. */
#define PEND_HARDWARE 0x1
#define PEND_CLOCK    0x2
#define PEND_SYSTEM   0x4

struct thread {
    struct regs regs; /* first: entry.S saves user state here */
    uint8_t fpu[512] __attribute__((aligned(16)));
    uint32_t rts;
    endpoint_t ep;
    int gen; /* generation of this slot's current (or last) occupant */
    struct space *space;
    struct priv *priv;
    char name[16];

    /* scheduling */
    struct thread *rq_next, *rq_prev;
    bool on_rq;
    uint8_t prio;
    uint32_t quantum; /* ticks per time slice */
    uint32_t ticks_left;

    /* IPC */
    endpoint_t sendto;      /* with RTS_SENDING */
    endpoint_t getfrom;     /* with RTS_RECEIVING */
    bool in_call;           /* receiving the reply to a call: only a real reply from getfrom
                               ends it, never a notification or an asynchronous message */
    struct thread *senders; /* threads blocked sending to this one */
    struct thread *next_sender;
    uint64_t notify_bits[NOTIFY_WORDS]; /* pending notifications, by sender slot */
    uint64_t async_bits[NOTIFY_WORDS];  /* pending asynchronous messages, by sender slot */
    uint32_t pending;                   /* PEND_* and "some bit set" summary below */
    bool notify_any, async_any;
    uint64_t irq_pending; /* hooks that fired, for the HARDWARE notification */
    uint64_t async_table; /* this thread's IPC_SENDA table */
    uint32_t async_count;
    uint32_t async_hint; /* entries before it are all delivered or unused */

    /* faults: set with RTS_FAULTED or RTS_PAGEFAULT; reported once */
    bool fault_reported;
    uint32_t fault_vector;
    uint64_t fault_error, fault_addr, fault_rip;

    /* alarm and futex */
    struct ktimer alarm; /* KC_SETALARM */
    uint64_t alarm_deadline;
    struct ktimer futex_timeout;
    uint64_t futex_addr; /* with RTS_FUTEX: physical address of the word */
    struct thread *futex_next;

    /* accounting: TSC ticks on the CPU (arch_tsc_to_ns converts) */
    uint64_t cpu_tsc;
    uint64_t fs_base;
};

extern struct thread threads[NR_SLOTS];

/* The thread running on this CPU. */
extern struct thread *current;

static inline bool thread_runnable(const struct thread *t)
{
    return t->rts == 0;
}
static inline int thread_slot(const struct thread *t)
{
    return (int)(t - threads);
}

/* The live thread an endpoint names, or NULL (free slot or stale generation). */
static inline struct thread *ep_thread(endpoint_t ep)
{
    if (ep < 0)
        return NULL;
    struct thread *t = &threads[EP_SLOT(ep)];
    if (t->ep != ep || (t->rts & RTS_FREE))
        return NULL;
    return t;
}

void threads_init(void);
struct thread *thread_alloc(void);
void thread_free(struct thread *t);
void thread_block(struct thread *t, uint32_t flag);
void thread_unblock(struct thread *t, uint32_t flag);

#endif
