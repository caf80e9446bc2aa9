/* What crt0 learned from the start-up stack (the auxiliary vector). */
#ifndef LIBC_STARTUP_H
#define LIBC_STARTUP_H

#include <stdbool.h>
#include <stdint.h>

#define AT_NULL           0
#define AT_PAGESZ         6
#define AT_ENTRY          9
#define AT_EMBER_HEAP_END 0x1000
#define AT_EMBER_BOOT     0x1001

struct startup_info {
    uint64_t heap_end; /* end of the premapped heap (boot processes) */
    bool boot;         /* a boot process: console output through the kernel */
};

extern struct startup_info __startup;

#endif
