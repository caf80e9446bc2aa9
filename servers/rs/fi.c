/*
 * Fault injection into a running service, reproducible from a seed. rs
 * stops the service, changes its registers, its data or its code, and lets
 * it run on: what happens next (a crash, a hang, wrong results, nothing)
 * is what the reliability machinery must cope with.
 *
 * The program's segments are learnt when the service starts; code is
 * written through the kernel's forced copy (read-only to the service).
 */
#include <elf.h>
#include <string.h>
#include "rs.h"

#define KERNEL_ADDR 0xFFFF800000000000ull

static uint64_t next_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* The first loadable segment with (or without) execute rights, from the
 * ELF headers at the start of the program (n bytes of it at hdr). */
static int find_segment(const uint8_t *hdr, size_t n, bool code, struct segment *out)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)hdr;

    if (n < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
        eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phoff > n ||
        (n - eh->e_phoff) / sizeof(Elf64_Phdr) < eh->e_phnum)
        return -ENOEXEC;
    const Elf64_Phdr *ph = (const Elf64_Phdr *)(hdr + eh->e_phoff);
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_LOAD && !(ph[i].p_flags & PF_X) == !code &&
            (code || (ph[i].p_flags & PF_W))) {
            out->start = ph[i].p_vaddr;
            out->len = ph[i].p_memsz;
            return 0;
        }
    return -ENOENT;
}

/* Learn where the service's code and data lie, from its program image
 * (load.c); never from a file while injecting: the target may be the
 * driver under the file system, stopped or hung, and rs must not wait on
 * it. */
void learn_segments(struct service *s)
{
    const uint8_t *p = (const uint8_t *)s->image;
    size_t n = s->image_len < 4096 ? s->image_len : 4096;

    if (!p || (s->code.len && s->data.len))
        return;
    find_segment(p, n, true, &s->code);
    find_segment(p, n, false, &s->data);
}

/* Flip one bit at a random present byte of the code or data segment. */
static int flip_memory(struct service *s, bool code, uint64_t *seed)
{
    const struct segment *seg = code ? &s->code : &s->data;
    uint64_t start = seg->start, len = seg->len;
    uint8_t byte;

    if (len == 0)
        return -ENOENT;
    for (int tries = 0; tries < 32; tries++) {
        uint64_t at = start + next_rand(seed) % len;
        if (sys_vircopy(s->ep, at, SELF, (uint64_t)&byte, 1) < 0)
            continue; /* not present yet */
        byte ^= (uint8_t)(1u << (next_rand(seed) % 8));
        return sys_vircopy_force(SELF, (uint64_t)&byte, s->ep, at, 1);
    }
    return -EFAULT;
}

static void flip_register(struct user_regs *r, uint64_t *seed)
{
    uint64_t *regs = (uint64_t *)r;
    int which = (int)(next_rand(seed) % 17); /* rax .. rip */

    regs[which] ^= 1ull << (next_rand(seed) % 64);
}

static int change_registers(struct service *s, int kind, uint64_t *seed)
{
    struct user_regs r;
    static const uint8_t spin[2] = { 0xEB, 0xFE }; /* jmp . */

    if (sys_getregs(s->ep, &r) < 0)
        return -ESRCH;
    switch (kind) {
    case FI_CRASH:
        r.rip = next_rand(seed) % 2 ? 0 : KERNEL_ADDR;
        break;
    case FI_REG_FLIP:
        flip_register(&r, seed);
        break;
    case FI_LOOP:
        return sys_vircopy_force(SELF, (uint64_t)spin, s->ep, r.rip, sizeof(spin));
    case FI_BAD_POINTER: {
        uint64_t *callee_saved[] = { &r.rbx, &r.rbp, &r.r12, &r.r13, &r.r14, &r.r15 };
        *callee_saved[next_rand(seed) % 6] = KERNEL_ADDR | (next_rand(seed) & 0xFFFFF0);
        break;
    }
    case FI_RETVAL:
        r.rax =
            next_rand(seed) % 2 ? (uint64_t) - (int64_t)(next_rand(seed) % 150) : next_rand(seed);
        break;
    default:
        return -EINVAL;
    }
    if (r.rip >= 0x0000800000000000ull)
        r.rip = 0; /* the kernel refuses non-user addresses; 0 faults the same way */
    return sys_setregs(s->ep, &r);
}

int inject_fault(struct service *s, int kind, uint64_t *seed)
{
    if (*seed == 0)
        *seed = 0x9E3779B97F4A7C15ull;
    if (kind == FI_RANDOM || kind <= 0 || kind > FI_RANDOM)
        kind = FI_CRASH + (int)(next_rand(seed) % (FI_RANDOM - FI_CRASH));
    if (sys_runctl(s->ep, RUNCTL_STOP) < 0)
        return -ESRCH;
    int r;
    if (kind == FI_CODE_FLIP || kind == FI_DATA_FLIP)
        r = flip_memory(s, kind == FI_CODE_FLIP, seed);
    else
        r = change_registers(s, kind, seed);
    sys_runctl(s->ep, RUNCTL_RESUME);
    return r;
}
