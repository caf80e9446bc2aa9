/*
 * Messages: 64 bytes, moved in registers (syscall.h). The kernel fills in
 * m_source. Each protocol declares its layouts in its own header; the union
 * here lists them, so a message is one type everywhere, and each layout's
 * size is checked when it is declared.
 */
#ifndef EMBER_IPC_H
#define EMBER_IPC_H

#include <ember/types.h>
#include <ember/kcall.h>
#include <ember/proto/pm.h>
#include <ember/proto/vfs.h>
#include <ember/proto/vm.h>
#include <ember/proto/fs.h>
#include <ember/proto/dev.h>
#include <ember/proto/ds.h>
#include <ember/proto/pci.h>
#include <ember/proto/rs.h>
#include <ember/proto/ndev.h>
#include <ember/proto/sock.h>

#define MSG_WORDS   8
#define MSG_PAYLOAD 56

/* A notification, as received: the type, and what the kernel fills in. */
#define NOTIFY_MESSAGE 0x1000

struct notify_body {
    uint64_t irqs;      /* from HARDWARE: the hooks that fired */
    uint64_t timestamp; /* uptime in ns when delivered */
};

#define CHECK_LAYOUT(type) _Static_assert(sizeof(type) <= MSG_PAYLOAD, #type " too large")

typedef struct {
    endpoint_t m_source;
    int32_t m_type;
    union {
        uint64_t w[7];
        uint8_t raw[MSG_PAYLOAD];
        struct notify_body notify;
        struct kc_getinfo kc_getinfo;
        struct kc_kprint kc_kprint;
        struct kc_fork kc_fork;
        struct kc_exec kc_exec;
        struct kc_clear kc_clear;
        struct kc_privctl kc_privctl;
        struct kc_setgrant kc_setgrant;
        struct kc_safecopy kc_safecopy;
        struct kc_vsafecopy kc_vsafecopy;
        struct kc_vircopy kc_vircopy;
        struct kc_physcopy kc_physcopy;
        struct kc_vmmap kc_vmmap;
        struct kc_vmcopy kc_vmcopy;
        struct kc_vmquery kc_vmquery;
        struct kc_vmctl kc_vmctl;
        struct kc_irqctl kc_irqctl;
        struct kc_devio kc_devio;
        struct kc_setalarm kc_setalarm;
        struct kc_time kc_time;
        struct kc_times kc_times;
        struct kc_schedctl kc_schedctl;
        struct kc_runctl kc_runctl;
        struct kc_regs kc_regs;
        struct kc_getfault kc_getfault;
        struct kc_futex kc_futex;
        struct kc_setfsbase kc_setfsbase;
        struct kc_update kc_update;
        struct kc_machine kc_machine;
        PM_LAYOUTS
        VFS_LAYOUTS
        VM_LAYOUTS
        FS_LAYOUTS
        DEV_LAYOUTS
        DS_LAYOUTS
        PCI_LAYOUTS
        RS_LAYOUTS
        NDEV_LAYOUTS
        SOCK_LAYOUTS
    };
} message;

_Static_assert(sizeof(message) == 64, "a message is 64 bytes");

CHECK_LAYOUT(struct kc_getinfo);
CHECK_LAYOUT(struct kc_fork);
CHECK_LAYOUT(struct kc_exec);
CHECK_LAYOUT(struct kc_safecopy);
CHECK_LAYOUT(struct kc_vsafecopy);
CHECK_LAYOUT(struct kc_vircopy);
CHECK_LAYOUT(struct kc_vmmap);
CHECK_LAYOUT(struct kc_vmctl);
CHECK_LAYOUT(struct kc_getfault);
CHECK_LAYOUT(struct kc_futex);

/* An entry of the asynchronous send table (IPC_SENDA). */
#define ASYNC_VALID 0x1 /* to be sent */
#define ASYNC_DONE  0x2 /* set by the kernel when delivered or failed */

typedef struct {
    uint32_t flags;
    endpoint_t dst;
    int32_t result; /* set with ASYNC_DONE: 0 or a negative error */
    int32_t pad;
    message msg;
} async_msg_t;

_Static_assert(sizeof(async_msg_t) == 80, "async entry layout");

#endif
