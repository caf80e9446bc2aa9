/*
 * System information for commands such as ps, free and uptime: thin
 * wrappers over pm's and vm's calls, in libc.
 */
#ifndef EMBER_INFO_H
#define EMBER_INFO_H

#include <stdint.h>
#include <ember/proto/pm.h>

/* Fill buf with up to max processes; returns how many, or -1 with errno. */
int getprocs(struct pm_procinfo *buf, int max);

/* Memory pages (4 KiB) vm manages and how many are free. */
int meminfo(uint64_t *total_pages, uint64_t *free_pages);

/* Nanoseconds since boot. */
uint64_t uptime_ns(void);

#endif
