/*
 * The device protocols. vfs speaks CDEV_* to character drivers (tty,
 * memory, ...); file systems speak BDEV_* to block drivers (the ramdisk,
 * disks). Data moves through the grant in the request.
 *
 * A character driver answers at once. When a request must wait (a read
 * with no input yet), it answers EDONTREPLY and later sends vfs a
 * VFS_DEV_REPLY with the request's id, asynchronously (IPC_SENDA), so the
 * driver never blocks on vfs. CDEV_CANCEL ends a waiting request (a signal
 * arrived) and is answered at once with the result so far.
 */
#ifndef EMBER_PROTO_DEV_H
#define EMBER_PROTO_DEV_H

#include <ember/proto/common.h>

enum cdev_call {
    CDEV_OPEN = CDEV_BASE + 1, /* minor, access, user -> 0 or a new minor */
    CDEV_CLOSE,                /* minor */
    CDEV_READ,                 /* minor, pos, grant, len, id, flags -> bytes */
    CDEV_WRITE,                /* same */
    CDEV_IOCTL,                /* minor, request, grant (the argument), id, user */
    CDEV_CANCEL,               /* minor, id -> the result so far (or -EINTR) */
    CDEV_SELECT,               /* minor, ops (SEL_*) -> ready ops; SEL_NOTIFY: tell later */
};

#define CDEV_NONBLOCK 0x1
#define CDEV_NOCTTY   0x2  /* open: do not become the controlling terminal */
#define CDEV_R        0x10 /* open: for reading */
#define CDEV_W        0x20 /* open: for writing */

#define SEL_RD     0x1
#define SEL_WR     0x2
#define SEL_ERR    0x4
#define SEL_NOTIFY 0x8

struct cdev_req {
    int32_t minor;
    uint32_t id; /* vfs's id for late replies and cancels */
    uint64_t pos;
    uint64_t len; /* or ioctl request */
    grant_id_t grant;
    endpoint_t user; /* the process on whose behalf */
    int32_t flags;   /* CDEV_NONBLOCK; open: access bits; select: ops */
    int32_t pgrp;    /* the caller's process group (job control) */
    int32_t pid;     /* the caller's pid; open: its session leader flag in flags */
    int32_t sid;
};

enum bdev_call {
    BDEV_OPEN = BDEV_BASE + 1, /* minor */
    BDEV_CLOSE,
    BDEV_READ, /* minor, pos, grant, len -> bytes */
    BDEV_WRITE,
    BDEV_SIZE, /* minor -> size in bytes (in pos of the reply) */
};

struct bdev_req {
    int32_t minor;
    int32_t flags;
    uint64_t pos;
    uint64_t len;
    grant_id_t grant;
    int32_t pad;
};

#define DEV_LAYOUTS                                                                                \
    struct cdev_req cdev_req;                                                                      \
    struct bdev_req bdev_req;

#endif
