/*
 * Memory: the break and mappings come from vm. Boot processes (which run
 * before vm manages anything of theirs) grow inside the heap the kernel
 * premapped for them. File mappings are emulated for MAP_PRIVATE: fresh
 * anonymous memory filled from the file.
 */
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#include "call.h"

extern char _end[];

static void *boot_sbrk(ptrdiff_t incr)
{
    static uintptr_t brk;

    if (!brk)
        brk = (uintptr_t)_end;
    if ((incr > 0 && brk + (uintptr_t)incr > __startup.heap_end) ||
        (incr < 0 && (uintptr_t)-incr > brk - (uintptr_t)_end))
        return errno = ENOMEM, (void *)-1;
    uintptr_t old = brk;
    brk += incr;
    return (void *)old;
}

static long vm_brk(uintptr_t addr, uintptr_t *now)
{
    message m;

    __msg(&m, VM_BRK);
    m.vm_mem.addr = addr;
    long r = __server_call(VM_EP, &m);
    *now = m.vm_mem.addr;
    return r;
}

void *sbrk(ptrdiff_t incr)
{
    static uintptr_t brk;
    uintptr_t now;

    if (__startup.boot)
        return boot_sbrk(incr);
    if (!brk) {
        if (vm_brk(0, &now) < 0)
            return errno = ENOMEM, (void *)-1;
        brk = now;
    }
    uintptr_t old = brk, want = brk + (uintptr_t)incr;
    if (incr == 0)
        return (void *)old;
    if ((incr > 0 && want < old) || (incr < 0 && want > old) || vm_brk(want, &now) < 0)
        return errno = ENOMEM, (void *)-1;
    brk = want;
    return (void *)old;
}

int brk(void *addr)
{
    void *cur = sbrk(0);

    return sbrk((char *)addr - (char *)cur) == (void *)-1 ? -1 : 0;
}

static void *anon_map(void *addr, size_t len, int prot, int flags)
{
    message m;

    __msg(&m, VM_MMAP);
    m.vm_mem.addr = (uint64_t)addr;
    m.vm_mem.len = len;
    m.vm_mem.prot = prot;
    m.vm_mem.flags = ((flags & MAP_FIXED) ? VM_MAP_FIXED : 0) |
                     ((flags & MAP_CONTIG) ? VM_MAP_CONTIG : 0) |
                     ((flags & MAP_POPULATE) ? VM_MAP_POPULATE : 0);
    long r = __server_call(VM_EP, &m);
    return r < 0 ? (errno = (int)-r, MAP_FAILED) : (void *)m.vm_mem.addr;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    if (len == 0 || (off & 4095))
        return errno = EINVAL, MAP_FAILED;
    if (flags & MAP_ANONYMOUS)
        return anon_map(addr, len, prot, flags);
    if (flags & MAP_SHARED)
        return errno = ENODEV, MAP_FAILED;
    void *p = anon_map(addr, len, prot | PROT_WRITE, flags);
    if (p == MAP_FAILED)
        return p;
    ssize_t n = pread(fd, p, len, off);
    if (n < 0) {
        int e = errno;
        munmap(p, len);
        return errno = e, MAP_FAILED;
    }
    if (!(prot & PROT_WRITE))
        mprotect(p, len, prot);
    return p;
}

static int range_call(int call, void *addr, size_t len, int prot)
{
    message m;

    __msg(&m, call);
    m.vm_mem.addr = (uint64_t)addr;
    m.vm_mem.len = len;
    m.vm_mem.prot = prot;
    return (int)__ret(__server_call(VM_EP, &m));
}

int munmap(void *addr, size_t len)
{
    return range_call(VM_MUNMAP, addr, len, 0);
}
int mprotect(void *addr, size_t len, int prot)
{
    return range_call(VM_MPROTECT, addr, len, prot);
}

int msync(void *addr, size_t len, int flags)
{
    (void)addr, (void)len, (void)flags;
    return 0;
}

int getpagesize(void)
{
    return 4096;
}
