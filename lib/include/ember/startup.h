/*
 * The start-up stack's auxiliary vector: the System V entries and Ember's
 * own, written by the kernel for boot processes and by exec for the rest,
 * read by the C library at start-up into __startup.
 */
#ifndef EMBER_STARTUP_H
#define EMBER_STARTUP_H

#include <stdbool.h>
#include <stdint.h>

#define AT_NULL           0
#define AT_PAGESZ         6
#define AT_ENTRY          9
#define AT_EMBER_HEAP_END 0x1000 /* end of the premapped heap */
#define AT_EMBER_BOOT     0x1001 /* 1: a boot process (no vfs yet: use the kernel console) */

struct startup_info {
    uint64_t heap_end; /* end of the premapped heap (boot processes) */
    bool boot;         /* a boot process: console output through the kernel */
    bool kconsole;     /* stdout and stderr go to the kernel console (boot and rs's services) */
};

extern struct startup_info __startup;

#endif
