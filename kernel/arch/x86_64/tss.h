/* The 64-bit task-state segment, followed by the I/O permission bitmap. */
#ifndef ARCH_TSS_H
#define ARCH_TSS_H

#include <stdint.h>

struct tss {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
    uint8_t iomap[8192]; /* one bit per port; 0 = allowed */
    uint8_t iomap_end;   /* the CPU reads one byte past the map */
} __attribute__((packed));

extern struct tss tss;

#endif
