/*
 * Per-CPU state, reached through %gs in the kernel. The first fields are
 * read by entry.S at fixed offsets.
 */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H

#define CPU_REGS_END   0  /* end of the current thread's struct regs */
#define CPU_KSTACK_TOP 8  /* this CPU's kernel stack */
#define CPU_SCRATCH    16 /* user rsp during syscall entry */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct percpu {
    uint64_t regs_end;
    uint64_t kstack_top;
    uint64_t scratch;
    uint64_t fs_base; /* the FS base now loaded */
};

extern struct percpu cpu0;
#endif

#endif
