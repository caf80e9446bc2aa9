/*
 * Kernel calls: the numbers and the message layout of each. A kernel call
 * is a KERNEL_CALL trap whose message type is the call number; the reply
 * comes back in the same message. Only processes whose privileges name a
 * call may make it (priv.h). libsys has one sys_<name>() stub per call and
 * the kernel one do_<name>() handler (kernel/calls/).
 */
#ifndef EMBER_KCALL_H
#define EMBER_KCALL_H

#include <ember/types.h>

enum kcall {
    KC_GETINFO = 1, /* facts about the kernel, the caller, memory, modules */
    KC_KPRINT,      /* print on the kernel console */
    KC_FORK,        /* new thread, or new process with an empty address space */
    KC_EXEC,        /* reset a thread's registers to start a new program */
    KC_CLEAR,       /* destroy a thread (and its address space with the last one) */
    KC_PRIVCTL,     /* set or get a thread's privileges and supervisor */
    KC_SETGRANT,    /* register the caller's grant table */
    KC_SAFECOPY,    /* copy to or from memory granted to the caller */
    KC_VSAFECOPY,   /* several safe copies in one call */
    KC_VIRCOPY,     /* copy between any two address spaces (pm, vfs, vm) */
    KC_PHYSCOPY,    /* copy or zero physical memory (vm) */
    KC_VMMAP,       /* map physical frames into an address space (vm) */
    KC_VMUNMAP,     /* remove mappings (vm) */
    KC_VMPROTECT,   /* change the rights of mappings (vm) */
    KC_VMCOPY,      /* share one space's mappings with another (vm: fork) */
    KC_VMQUERY,     /* read one mapping (vm) */
    KC_VMCTL,       /* page faults: fetch the next, resume the thread (vm) */
    KC_IRQCTL,      /* claim, enable, disable, release an interrupt line */
    KC_DEVIO,       /* one port read or write, checked against privileges */
    KC_SETALARM,    /* the caller's alarm: a CLOCK notification at a time */
    KC_TIME,        /* uptime, TSC, and the wall-clock time at boot */
    KC_TIMES,       /* a thread's user and system time */
    KC_SCHEDCTL,    /* priority and quantum */
    KC_RUNCTL,      /* stop and resume a thread (signals, tracing) */
    KC_REGS,        /* read or write a thread's user registers */
    KC_GETFAULT,    /* the next fault of a thread the caller supervises */
    KC_FUTEX,       /* wait on or wake a user-space word (threads) */
    KC_SETFSBASE,   /* the calling thread's FS base (TLS) */
    KC_UPDATE,      /* swap two processes' slots (restart in place, live update) */
    KC_MACHINE,     /* halt, reboot, power off */
    NR_KCALLS
};

/* KC_GETINFO what */
enum { INFO_SELF = 1, INFO_KERNEL, INFO_MEMORY, INFO_MODULES, INFO_THREADS };

struct kc_getinfo {
    int32_t what;
    int32_t count;   /* out: entries written (INFO_MEMORY, INFO_MODULES, INFO_THREADS) */
    uint64_t buf;    /* user buffer */
    uint64_t size;   /* its size in bytes */
    endpoint_t self; /* out (INFO_SELF) */
    int32_t priv_id; /* out (INFO_SELF) */
};

struct kinfo_kernel {
    char name[16], version[16];
    uint64_t tsc_hz;    /* TSC ticks per second */
    uint64_t boot_tsc;  /* TSC when the kernel started */
    uint64_t mem_total; /* usable RAM, bytes */
    uint32_t nr_slots;  /* thread slots */
    uint32_t hz;        /* scheduler ticks per second */
    char cmdline[256];  /* the kernel command line */
};

struct kinfo_memrange {
    uint64_t base, size; /* free physical memory for vm */
};

struct kinfo_module {
    char name[32];
    char args[192];
    uint64_t start, size; /* physical */
    endpoint_t ep;        /* the boot process made from it, or NONE */
    int32_t pad;
};

struct kinfo_thread {
    endpoint_t ep;
    int32_t flags;          /* RTS_* blocking flags, 0 = runnable */
    endpoint_t space_owner; /* endpoint of the first thread of the address space */
    endpoint_t blocked_on;  /* send/receive partner, or NONE */
    int32_t priority;
    int32_t priv_id;
    uint64_t user_ns, sys_ns;
    char name[16];
};

struct kc_kprint {
    uint64_t buf;
    uint64_t len;
};

/* KC_FORK flags */
#define FORK_THREAD 1 /* share the parent's address space: a new thread */
#define FORK_SPACE  2 /* a new, empty address space; vm fills it */

struct kc_fork {
    endpoint_t parent; /* thread to copy registers and privileges from */
    int32_t flags;
    endpoint_t child; /* out */
    int32_t pad;
    uint64_t rip, rsp; /* FORK_THREAD: where the new thread starts */
    uint64_t arg;      /* FORK_THREAD: its first argument (%rdi) */
    char name[16];
};

struct kc_exec {
    endpoint_t ep;
    int32_t pad;
    uint64_t rip, rsp;
    uint64_t arg0, arg1, arg2; /* %rdi %rsi %rdx at start */
    char name[8];
};

struct kc_clear {
    endpoint_t ep;
    int32_t status; /* reported to the supervisor in the exit record */
};

struct kc_privctl {
    endpoint_t ep;
    int32_t op;    /* PRIVCTL_SET, PRIVCTL_GET */
    uint64_t spec; /* user address of a struct priv_spec */
};
#define PRIVCTL_SET 1
#define PRIVCTL_GET 2

struct kc_setgrant {
    uint64_t table;
    uint64_t count;
};

/* KC_SAFECOPY direction */
#define COPY_FROM 1 /* from the granted memory into the caller */
#define COPY_TO   2 /* from the caller into the granted memory */

struct kc_safecopy {
    int32_t dir;
    endpoint_t owner; /* who made the grant */
    grant_id_t grant;
    int32_t pad;
    uint64_t offset; /* into the granted range */
    uint64_t addr;   /* the caller's buffer */
    uint64_t len;
    uint64_t fault_addr; /* out, with EVMFAULT: where vm must make a page present */
    endpoint_t fault_ep; /* out, with EVMFAULT: in whose address space */
    int32_t fault_write; /* out, with EVMFAULT */
};

struct vsafecopy_elem {
    int32_t dir;
    endpoint_t owner;
    grant_id_t grant;
    int32_t pad;
    uint64_t offset, addr, len;
};

struct kc_vsafecopy {
    uint64_t vec; /* user address of struct vsafecopy_elem[count] */
    uint64_t count;
    uint64_t done; /* out: elements completed */
    uint64_t fault_addr;
    endpoint_t fault_ep;
    int32_t fault_write;
};

struct kc_vircopy {
    endpoint_t src_ep, dst_ep; /* SELF allowed */
    uint64_t src, dst, len;
    uint64_t fault_addr;
    endpoint_t fault_ep;
    int32_t fault_write;
    int32_t flags; /* VIRCOPY_FORCE */
    int32_t pad;
};

/* Write even to read-only pages (present ones): debugging and fault
 * injection, for PRIV_CONTROL holders only. */
#define VIRCOPY_FORCE 0x1

struct kc_physcopy {
    uint64_t src; /* physical; PHYS_ZERO to zero the destination */
    uint64_t dst;
    uint64_t len;
};
#define PHYS_ZERO (~(uint64_t)0)

/* KC_VMMAP / KC_VMPROTECT / KC_VMCOPY flags */
#define VMF_WRITE  0x01
#define VMF_EXEC   0x02
#define VMF_USER   0x04 /* always set for user mappings */
#define VMF_DEVICE 0x08 /* uncached device memory; checked against the target's privileges */
#define VMF_COW    0x10 /* KC_VMCOPY: clear write access in both spaces */

struct kc_vmmap {
    endpoint_t ep;
    int32_t flags;
    uint64_t vaddr;
    uint64_t paddr;
    uint64_t npages;
};

struct kc_vmcopy {
    endpoint_t src_ep, dst_ep;
    int32_t flags;
    int32_t pad;
    uint64_t vaddr;
    uint64_t npages;
};

struct kc_vmquery {
    endpoint_t ep;
    int32_t flags; /* out: VMF_* of the mapping */
    uint64_t vaddr;
    uint64_t paddr; /* out */
};

/* KC_VMCTL ops */
#define VMCTL_GET_FAULT 1 /* out: ep, owner, addr, error: the next unhandled page fault */
#define VMCTL_RESUME    2 /* ep: let the faulting thread run again */
#define VMCTL_SETPAGER  3 /* ep, pager: who handles the page faults of ep's space */
#define VMCTL_FAIL      4 /* ep: the fault is an error: stop it as an exception */

struct kc_vmctl {
    int32_t op;
    endpoint_t ep;
    endpoint_t pager;
    int32_t write;    /* out: the fault was a write */
    uint64_t addr;    /* out */
    uint64_t error;   /* out: the CPU's page-fault error code */
    uint64_t rip;     /* out */
    endpoint_t owner; /* out (GET_FAULT): the process, its space's first thread */
};

/* KC_IRQCTL ops */
#define IRQ_SETPOLICY 1 /* claim irq; notifications come from HARDWARE with bit 'hook' set */
#define IRQ_ENABLE    2
#define IRQ_DISABLE   3
#define IRQ_RELEASE   4

struct kc_irqctl {
    int32_t op;
    int32_t irq;
    int32_t hook; /* bit number (0..63) in the notification's irq set */
    int32_t pad;
};

/* KC_DEVIO */
#define DEVIO_IN  1
#define DEVIO_OUT 2

struct kc_devio {
    int32_t op;
    int32_t size; /* 1, 2 or 4 */
    uint32_t port;
    uint32_t value; /* in: for DEVIO_OUT, out: for DEVIO_IN */
};

struct kc_setalarm {
    uint64_t deadline; /* uptime in ns; 0 cancels */
    uint64_t previous; /* out: the previous deadline, 0 if none */
    int32_t relative;  /* deadline is relative to now */
    int32_t pad;
};

struct kc_time {
    int32_t op; /* TIME_GET, TIME_SET_BOOTTIME */
    int32_t pad;
    uint64_t uptime_ns; /* out */
    uint64_t tsc;       /* out */
    int64_t boottime;   /* in for TIME_SET_BOOTTIME, else out: seconds since the epoch at boot */
    /* out: how uptime follows from the TSC, so that a process can read
     * it without a call (sys_uptime_ns): uptime_ns is the 128-bit product
     * (tsc - tsc_boot) * ns_per_tsc shifted right by 32 */
    uint64_t tsc_boot;
    uint64_t ns_per_tsc; /* 32.32 fixed point */
};
#define TIME_GET          1
#define TIME_SET_BOOTTIME 2

struct kc_times {
    endpoint_t ep;
    int32_t pad;
    uint64_t user_ns, sys_ns; /* out */
    uint64_t uptime_ns;       /* out */
};

struct kc_schedctl {
    endpoint_t ep;
    int32_t priority;   /* 0 (highest) .. NR_PRIORITIES-1; -1 keeps it */
    int64_t quantum_ns; /* 0 keeps it */
};
#define NR_PRIORITIES 16
#define PRIO_USER     8

/* KC_RUNCTL ops */
#define RUNCTL_STOP   1
#define RUNCTL_RESUME 2

struct kc_runctl {
    int32_t op;
    endpoint_t ep;
    int32_t flags;      /* out: the thread's blocking flags after the call */
    endpoint_t partner; /* out: whom it sends to or receives from, if blocked in IPC */
};

/* Blocking flags as KC_RUNCTL and INFO_THREADS report them. */
#define THREAD_SENDING   0x002
#define THREAD_RECEIVING 0x004
#define THREAD_STOPPED   0x008

/* User registers as KC_REGS reads and writes them. */
struct user_regs {
    uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp;
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rip, rflags, fs_base;
};

struct kc_regs {
    int32_t op; /* REGS_GET, REGS_SET */
    endpoint_t ep;
    uint64_t buf; /* user address of a struct user_regs */
};
#define REGS_GET 1
#define REGS_SET 2

/* KC_GETFAULT: the next stopped thread the caller supervises. */
#define FAULT_EXCEPTION 1 /* a CPU exception in user mode */
#define FAULT_EXIT      2 /* the thread was cleared (record kept for the supervisor) */

struct kc_getfault {
    endpoint_t ep;  /* out, NONE when there is none */
    int32_t kind;   /* out: FAULT_* */
    int32_t vector; /* out: the exception */
    int32_t status; /* out: FAULT_EXIT status */
    uint64_t error; /* out: error code */
    uint64_t addr;  /* out: faulting address (page faults) */
    uint64_t rip;   /* out */
};

/* KC_FUTEX ops */
#define FUTEX_WAIT 1 /* block while *addr == value, up to timeout_ns (0: forever) */
#define FUTEX_WAKE 2 /* wake up to 'value' waiters on addr; out: how many */

struct kc_futex {
    int32_t op;
    uint32_t value;
    uint64_t addr;
    uint64_t timeout_ns;
    int32_t woken; /* out */
    int32_t pad;
};

struct kc_setfsbase {
    uint64_t base;
};

struct kc_update {
    endpoint_t ep1, ep2;
};

#define MACHINE_HALT     1
#define MACHINE_REBOOT   2
#define MACHINE_POWEROFF 3

struct kc_machine {
    int32_t op;
    int32_t status; /* HALT: the exit status QEMU reports with "qemuexit" */
};

#endif
