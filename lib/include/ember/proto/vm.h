/*
 * The virtual memory manager's protocol. User processes ask for heap and
 * mappings; pm and vfs set up and tear down address spaces; servers ask vm
 * to make a page present when a copy into a client's memory needs it.
 */
#ifndef EMBER_PROTO_VM_H
#define EMBER_PROTO_VM_H

#include <ember/proto/common.h>

enum vm_call {
    VM_BRK = VM_BASE + 1, /* addr (0: query) -> the break */
    VM_MMAP,              /* addr hint, len, prot, flags -> addr */
    VM_MUNMAP,            /* addr, len */
    VM_MPROTECT,          /* addr, len, prot */
    VM_FAULTIN,           /* ep, addr, write: make a page present (servers) */
    VM_FORK,              /* pm: parent -> child endpoint */
    VM_EXIT,              /* pm: ep */
    VM_EXEC_NEWMEM,       /* vfs: ep, struct vm_exec_layout -> stack top, present */
    VM_EXEC_DONE,         /* vfs: ep: loading over, apply the final protections */
    VM_MAP_MODULE,        /* rs: boot module number (in len) -> addr, len; mapped read-only */
    VM_INFO,              /* -> total, free (pages) */
    VM_SRV_INIT,          /* pm: adopt a boot process's memory: ep */
    VM_CHECK,             /* addr, len, write: 0 if the caller has the range, or -EFAULT */
};

/* prot and flags, as in libc's sys/mman.h */
#define VM_PROT_READ    0x1
#define VM_PROT_WRITE   0x2
#define VM_PROT_EXEC    0x4
#define VM_MAP_FIXED    0x10
#define VM_MAP_CONTIG   0x20 /* present at once, in physically consecutive frames (DMA) */
#define VM_MAP_POPULATE 0x40 /* present at once */
#define VM_CONTIG_MAX   (4ull << 20)

/* VM_FORK flags */
#define VM_FORK_EMPTY 0x1 /* a child with no memory yet (exec fills it) */

struct vm_mem {
    uint64_t addr; /* in; reply: the result address */
    uint64_t len;
    int32_t prot;
    int32_t flags;
    endpoint_t ep;   /* VM_FAULTIN, VM_FORK, VM_EXIT, VM_EXEC_NEWMEM */
    int32_t write;   /* VM_FAULTIN */
    uint64_t layout; /* VM_EXEC_NEWMEM: struct vm_exec_layout in the caller */
};

#define VM_MAX_SEGMENTS 8

struct vm_exec_segment {
    uint64_t vaddr, memsz;
    uint64_t offset, filesz; /* the bytes of the program file loaded at vaddr */
    int32_t prot;
    int32_t pad;
};

/*
 * image names the program file's contents: a number vfs never gives two
 * different contents (0: none, rs's boot modules). vm keeps the frames of
 * a read-only segment it has seen loaded under that name and maps them
 * into the next process that execs the same segment; the reply's present
 * (segment i in bit i) says which segments are there already, and the
 * loader skips them.
 */
struct vm_exec_layout {
    uint32_t nsegments;
    uint32_t stack_size; /* bytes reserved for the stack */
    uint64_t image;
    uint32_t present; /* reply */
    uint32_t pad;
    struct vm_exec_segment seg[VM_MAX_SEGMENTS];
};

struct vm_info {
    uint64_t total_pages, free_pages; /* reply */
};

#define VM_LAYOUTS                                                                                 \
    struct vm_mem vm_mem;                                                                          \
    struct vm_info vm_info;

#endif
