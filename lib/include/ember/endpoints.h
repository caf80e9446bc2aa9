/*
 * Well-known endpoints. The kernel creates the boot processes in the order
 * of release/bootlist, slot 0 first, all of generation 1; the servers below
 * are never restarted, so their endpoints are fixed. Each checks at start-up
 * that it got the endpoint named here. Everything else is found through ds.
 */
#ifndef EMBER_ENDPOINTS_H
#define EMBER_ENDPOINTS_H

#include <ember/types.h>

#define DS_EP  MAKE_EP(1, 0)
#define RS_EP  MAKE_EP(1, 1)
#define PM_EP  MAKE_EP(1, 2)
#define VM_EP  MAKE_EP(1, 3)
#define VFS_EP MAKE_EP(1, 4)

/* Priv ids of the boot servers (the kernel gives boot module i id i + 1). */
#define DS_PRIV_ID  1
#define RS_PRIV_ID  2
#define PM_PRIV_ID  3
#define VM_PRIV_ID  4
#define VFS_PRIV_ID 5

#endif
