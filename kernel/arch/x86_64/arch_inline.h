/*
 * Inline helpers through which the generic kernel reads and writes a
 * thread's saved registers: the trap's operation and arguments, its result,
 * and the eight message words (ember/syscall.h gives the registers).
 */
#ifndef ARCH_INLINE_H
#define ARCH_INLINE_H

#include "layout.h"
#include "regs.h"

/* Physical -> kernel virtual through the direct map: on every copy's path. */
static inline void *phys_to_virt(uint64_t pa)
{
    return (void *)(DIRECT_MAP + pa);
}

static inline uint64_t trap_op(const struct regs *r)
{
    return r->rax;
}
static inline endpoint_t trap_ep(const struct regs *r)
{
    return (endpoint_t)r->rdi;
}
static inline uint64_t trap_arg(const struct regs *r)
{
    return r->rsi;
}
static inline void trap_result(struct regs *r, int64_t v)
{
    r->rax = (uint64_t)v;
}

/* Message word 0 holds m_source (low half) and m_type (high half). */
static inline void msg_copy(struct regs *dst, const struct regs *src, endpoint_t source)
{
    dst->rdx = (src->rdx & 0xFFFFFFFF00000000ull) | (uint32_t)source;
    dst->r8 = src->r8;
    dst->r9 = src->r9;
    dst->r10 = src->r10;
    dst->r12 = src->r12;
    dst->r13 = src->r13;
    dst->r14 = src->r14;
    dst->r15 = src->r15;
}

static inline void msg_get(const struct regs *r, message *m)
{
    uint64_t *w = (uint64_t *)m;
    w[0] = r->rdx;
    w[1] = r->r8;
    w[2] = r->r9;
    w[3] = r->r10;
    w[4] = r->r12;
    w[5] = r->r13;
    w[6] = r->r14;
    w[7] = r->r15;
}

static inline void msg_put(struct regs *r, const message *m)
{
    const uint64_t *w = (const uint64_t *)m;
    r->rdx = w[0];
    r->r8 = w[1];
    r->r9 = w[2];
    r->r10 = w[3];
    r->r12 = w[4];
    r->r13 = w[5];
    r->r14 = w[6];
    r->r15 = w[7];
}

#endif
