/*
 * Conventions shared by the server protocols. A request's m_type is the
 * call number; the reply's m_type is the result: 0 or more on success, a
 * negative errno value on failure. Call numbers are disjoint across
 * protocols (each protocol has its own base), so a stray message is always
 * recognised as foreign.
 */
#ifndef EMBER_PROTO_COMMON_H
#define EMBER_PROTO_COMMON_H

#include <ember/types.h>

#define PM_BASE   0x0100
#define VFS_BASE  0x0200
#define VM_BASE   0x0300
#define FS_BASE   0x0400
#define CDEV_BASE 0x0500
#define BDEV_BASE 0x0600
#define DS_BASE   0x0700
#define RS_BASE   0x0800
#define SRV_BASE  0x0900 /* asked of every service: heartbeats */
#define NET_BASE  0x0A00
#define PCI_BASE  0x0B00
#define NDEV_BASE 0x0C00 /* network drivers */
#define SOCK_BASE 0x0D00 /* sockets: vfs to the network server (sock.h) */

/* Every service answers SRV_PING (rs's heartbeat) at once with 0, by an
 * asynchronous send: send it the same way and receive the answer (a call
 * would wait for a reply that never comes). */
#define SRV_PING (SRV_BASE + 1)

/* A driver that finds no device of its kind exits with this status
 * (sysexits.h's EX_UNAVAILABLE): rs leaves it down instead of restarting it. */
#define SRV_EXIT_NODEV 69

/* A server's answer meaning "no reply now; the answer comes later". It
 * travels in the same word as results (pids, byte counts) and -errno
 * values, so it must be none of them: a negative number far below every
 * errno. (It was once 299, and a read of 299 bytes or a wait for pid 299
 * then went unanswered.) */
#define EDONTREPLY (-100000)

#endif
