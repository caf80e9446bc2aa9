/* Basic types of Ember's kernel interface, shared by the kernel and user space. */
#ifndef EMBER_TYPES_H
#define EMBER_TYPES_H

#include <stdint.h>

/*
 * An endpoint names a thread slot and a generation: slot in the low
 * EP_SLOT_BITS, generation above. A restarted or re-created process gets a
 * new generation, so a message to the dead instance fails with EDEADSRCDST
 * instead of reaching a stranger. Negative values are special.
 */
typedef int32_t endpoint_t;

#define EP_SLOT_BITS       10
#define NR_SLOTS           (1 << EP_SLOT_BITS)
#define EP_SLOT(ep)        ((int)((ep) & (NR_SLOTS - 1)))
#define EP_GEN(ep)         ((int)((uint32_t)(ep) >> EP_SLOT_BITS))
#define MAKE_EP(gen, slot) ((endpoint_t)(((uint32_t)(gen) << EP_SLOT_BITS) | (uint32_t)(slot)))
#define EP_MAX_GEN         ((1 << (31 - EP_SLOT_BITS)) - 1)

#define ANY      ((endpoint_t)-1) /* receive from anyone */
#define NONE     ((endpoint_t)-2) /* no endpoint */
#define SELF     ((endpoint_t)-3) /* the caller, in kernel calls */
#define HARDWARE ((endpoint_t)-4) /* source of interrupt notifications */
#define CLOCK    ((endpoint_t)-5) /* source of alarm notifications */
#define SYSTEM   ((endpoint_t)-6) /* source of kernel event notifications */

/* A grant id: entry index in the low 16 bits, the entry's sequence above. */
typedef int32_t grant_id_t;
#define GRANT_INVALID ((grant_id_t)-1)

#endif
