/* The boot processes: one per boot module, loaded by a minimal ELF loader. */
#ifndef BOOT_H
#define BOOT_H

#include "thread.h"

void boot_start_processes(void);

/* The endpoint made from boot module i, or NONE. */
extern endpoint_t boot_module_ep[];

#endif
