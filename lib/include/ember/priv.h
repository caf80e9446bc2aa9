/*
 * Privileges, as KC_PRIVCTL sets them. Every thread has a privilege
 * structure; threads of one process share it. System processes each have
 * their own priv id (0..PRIV_ID_USER-1); all ordinary user processes share
 * PRIV_ID_USER. IPC is allowed from A to B when bit B.id of A.ipc_to is
 * set; ordinary processes' ipc_to names only servers.
 */
#ifndef EMBER_PRIV_H
#define EMBER_PRIV_H

#include <ember/types.h>

#define NR_PRIV_IDS  64
#define PRIV_ID_USER 63

/* flags */
#define PRIV_SYSTEM  0x01 /* a system process: may receive, notify, use grants */
#define PRIV_CONTROL 0x02 /* may control any thread (pm, rs, vm), not only its own */
#define PRIV_MAGIC   0x04 /* may make magic grants over other processes' memory */
#define PRIV_PAGER   0x08 /* may map physical memory and handle page faults (vm) */

/* Which traps a process may use (bit = IPC_* / KERNEL_CALL number). */
#define TRAPS_USER (1u << 3) /* IPC_CALL only */
#define TRAPS_ALL  0x1FEu

#define PRIV_MAX_IO  8
#define PRIV_MAX_MEM 8

struct io_range {
    uint16_t base, count; /* ports [base, base + count) */
};

struct mem_range_spec {
    uint64_t base, size; /* physical */
};

struct priv_spec {
    int32_t id; /* 0..NR_PRIV_IDS-1 */
    uint32_t flags;
    uint32_t traps;        /* allowed trap numbers (bit mask) */
    endpoint_t supervisor; /* told of faults and exits */
    uint64_t ipc_to;       /* allowed destinations, by priv id */
    uint64_t kcalls;       /* allowed kernel calls, bit = KC_* number */
    uint64_t irqs;         /* allowed IRQ lines */
    struct io_range io[PRIV_MAX_IO];
    struct mem_range_spec mem[PRIV_MAX_MEM];
    uint32_t nio, nmem;
};

#endif
