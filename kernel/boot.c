/*
 * Boot processes. Each boot module is a static ELF64 executable; the kernel
 * loads it into a fresh address space with frames taken at boot, gives it a
 * premapped heap and stack, and makes it runnable. This loader serves the
 * boot image only: every later program is loaded by vm, vfs and pm.
 *
 * Module arguments are the program's argv, except words of the form
 * @key=value, which are for the kernel:
 *   @heap=SIZE   premapped heap after the program (default 1M; K and M suffixes)
 *   @stack=SIZE  stack (default 64K)
 *   @priv=user   ordinary user privileges instead of full system ones
 *   @prio=N      scheduling priority (default 4 for system, 8 for user)
 *   @io=BASE:N   I/O ports [BASE, BASE+N) (hex BASE; repeatable; default none)
 *   @irq=N       an interrupt line it may claim (repeatable; default none)
 *   @mem=BASE:SIZE physical memory it may map as a device (hex; repeatable)
 *   @data        not a program: a data module (the ramdisk), left alone
 * Boot system processes otherwise get every kernel call and IPC target;
 * rs narrows them from etc/system.conf.
 */
#include "boot.h"
#include "bootinfo.h"
#include "memory.h"
#include "space.h"
#include "priv.h"
#include "sched.h"
#include "elf.h"
#include <ember/startup.h>

#define PAGE      4096ull
#define STACK_TOP 0x00007FFFFFFFE000ull
#define MAX_ARGS  24

endpoint_t boot_module_ep[BOOT_MAX_MODULES];

struct boot_opts {
    uint64_t heap, stack;
    bool user;
    int prio;
    struct io_range io[PRIV_MAX_IO];
    uint32_t nio;
    uint64_t irqs;
    struct mem_range_spec mem[PRIV_MAX_MEM];
    uint32_t nmem;
    int argc;
    char *argv[MAX_ARGS];
    char argbuf[BOOT_MODARGS_MAX];
};

/* Does the command line contain word as a whole word? */
static bool strstr_word(const char *s, const char *word)
{
    size_t n = strlen(word);

    for (const char *p = s; *p; p++)
        if ((p == s || p[-1] == ' ') && strncmp(p, word, n) == 0 && (p[n] == ' ' || !p[n]))
            return true;
    return false;
}

static uint64_t parse_uint(const char **sp)
{
    const char *s = *sp;
    uint64_t v = 0;

    while (*s >= '0' && *s <= '9' && v < (1ull << 40))
        v = v * 10 + (uint64_t)(*s++ - '0');
    *sp = s;
    return v;
}

static uint64_t parse_hex(const char **sp)
{
    const char *s = *sp;
    uint64_t v = 0;

    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2;
    for (;; s++) {
        int d = *s >= '0' && *s <= '9'   ? *s - '0'
                : *s >= 'a' && *s <= 'f' ? *s - 'a' + 10
                : *s >= 'A' && *s <= 'F' ? *s - 'A' + 10
                                         : -1;
        if (d < 0 || v > 0xFFFFFFFF)
            break;
        v = v * 16 + (uint64_t)d;
    }
    *sp = s;
    return v;
}

static void parse_mem(struct boot_opts *o, const char *s)
{
    uint64_t base = parse_hex(&s), size = 0;

    if (*s == ':') {
        s++;
        size = parse_hex(&s);
    }
    if (o->nmem < PRIV_MAX_MEM && size && base + size > base)
        o->mem[o->nmem++] = (struct mem_range_spec){ base, size };
}

static void parse_io(struct boot_opts *o, const char *s)
{
    uint64_t base = parse_hex(&s), count = 0;

    if (*s == ':') {
        s++;
        count = parse_uint(&s);
    }
    if (o->nio < PRIV_MAX_IO && base + count <= 0x10000 && count > 0)
        o->io[o->nio++] = (struct io_range){ (uint16_t)base, (uint16_t)count };
}

static uint64_t parse_size(const char *s)
{
    uint64_t v = parse_uint(&s);

    if (*s == 'K' || *s == 'k')
        v <<= 10;
    else if (*s == 'M' || *s == 'm')
        v <<= 20;
    return ROUND_UP(v, PAGE);
}

static void parse_option(struct boot_opts *o, const char *w)
{
    if (strncmp(w, "@heap=", 6) == 0)
        o->heap = parse_size(w + 6);
    else if (strncmp(w, "@stack=", 7) == 0)
        o->stack = MAX(parse_size(w + 7), PAGE);
    else if (strncmp(w, "@io=", 4) == 0)
        parse_io(o, w + 4);
    else if (strncmp(w, "@mem=", 5) == 0)
        parse_mem(o, w + 5);
    else if (strncmp(w, "@irq=", 5) == 0) {
        const char *p = w + 5;
        uint64_t irq = parse_uint(&p);
        if (irq < 64)
            o->irqs |= 1ull << irq;
    } else if (strcmp(w, "@priv=user") == 0)
        o->user = true;
    else if (strncmp(w, "@prio=", 6) == 0) {
        const char *p = w + 6;
        o->prio = (int)MIN(parse_uint(&p), NR_PRIORITIES - 1);
    } else
        kprintf("boot: unknown module option %s\n", w);
}

/* Split the module's command line into argv and kernel options. */
static void parse_args(struct boot_opts *o, const struct boot_module *m)
{
    o->heap = 1 << 20;
    o->stack = 64 << 10;
    o->user = false;
    o->prio = -1;
    o->nio = 0;
    o->nmem = 0;
    o->irqs = 0;
    o->argc = 0;
    strlcpy(o->argbuf, m->args, sizeof(o->argbuf));
    for (char *p = o->argbuf; *p;) {
        while (*p == ' ')
            *p++ = '\0';
        if (!*p)
            break;
        char *w = p;
        while (*p && *p != ' ')
            p++;
        if (*p)
            *p++ = '\0';
        if (w[0] == '@' && strchr(w, '='))
            parse_option(o, w);
        else if (o->argc < MAX_ARGS)
            o->argv[o->argc++] = w;
    }
    if (o->argc == 0)
        o->argv[o->argc++] = (char *)m->name;
}

/* Map [va, va+len) with fresh frames, filled from src (srclen bytes) then zeros. */
static int map_fill(struct space *s, uint64_t va, uint64_t len, const uint8_t *src, uint64_t srclen,
                    uint32_t flags)
{
    for (uint64_t off = 0; off < len; off += PAGE) {
        uint64_t pa = mem_take(1, ~0ull);
        if (!pa)
            return -ENOMEM;
        uint8_t *page = phys_to_virt(pa);
        memset(page, 0, PAGE);
        if (off < srclen)
            memcpy(page, src + off, MIN(PAGE, srclen - off));
        int r = arch_map(s, va + off, pa, flags | VMF_USER);
        if (r < 0)
            return r;
    }
    return 0;
}

static int load_segment(struct space *s, const uint8_t *image, uint64_t size, const Elf64_Phdr *ph,
                        uint64_t *end)
{
    if (ph->p_filesz > ph->p_memsz || ph->p_offset + ph->p_filesz > size ||
        ph->p_vaddr + ph->p_memsz > STACK_TOP - (64ull << 20) || ph->p_vaddr < PAGE)
        return -ENOEXEC;
    uint64_t start = ROUND_DOWN(ph->p_vaddr, PAGE), lead = ph->p_vaddr - start;
    uint64_t len = ROUND_UP(lead + ph->p_memsz, PAGE);
    if (lead > ph->p_offset)
        return -ENOEXEC;
    uint32_t flags = (ph->p_flags & PF_W ? VMF_WRITE : 0) | (ph->p_flags & PF_X ? VMF_EXEC : 0);
    *end = MAX(*end, start + len);
    return map_fill(s, start, len, image + ph->p_offset - lead, lead + ph->p_filesz, flags);
}

static int load_elf(struct space *s, const uint8_t *image, uint64_t size, uint64_t *entry,
                    uint64_t *end)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)image;

    if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, 4) != 0 ||
        eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_X86_64 ||
        eh->e_type != ET_EXEC || eh->e_phentsize != sizeof(Elf64_Phdr) ||
        eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > size)
        return -ENOEXEC;
    const Elf64_Phdr *ph = (const Elf64_Phdr *)(image + eh->e_phoff);
    *end = 0;
    for (int i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
            continue;
        int r = load_segment(s, image, size, &ph[i], end);
        if (r < 0)
            return r;
    }
    *entry = eh->e_entry;
    return *end ? 0 : -ENOEXEC;
}

/* The System V start-up stack: argc, argv, NULL, envp NULL, auxv. */
static int build_stack(struct space *s, const struct boot_opts *o, uint64_t entry,
                       uint64_t heap_end, uint64_t *sp_out)
{
    uint64_t sp = STACK_TOP, argv_va[MAX_ARGS];

    for (int i = o->argc - 1; i >= 0; i--) {
        size_t n = strlen(o->argv[i]) + 1;
        sp -= n;
        if (copy_to_space(s, sp, o->argv[i], n, NULL) < 0)
            return -EFAULT;
        argv_va[i] = sp;
    }
    uint64_t words[MAX_ARGS + 16];
    int n = 0;
    words[n++] = (uint64_t)o->argc;
    for (int i = 0; i < o->argc; i++)
        words[n++] = argv_va[i];
    words[n++] = 0; /* end of argv */
    words[n++] = 0; /* empty environment */
    uint64_t aux[] = { AT_PAGESZ, PAGE,          AT_ENTRY, entry,   AT_EMBER_HEAP_END,
                       heap_end,  AT_EMBER_BOOT, 1,        AT_NULL, 0 };
    for (unsigned i = 0; i < ARRAY_SIZE(aux); i++)
        words[n++] = aux[i];
    sp = ROUND_DOWN(sp - n * sizeof(uint64_t), 16);
    if (copy_to_space(s, sp, words, n * sizeof(uint64_t), NULL) < 0)
        return -EFAULT;
    *sp_out = sp;
    return 0;
}

static void give_privileges(struct thread *t, const struct boot_opts *o, int index)
{
    struct priv_spec spec;

    if (o->user) {
        t->priv = &privs[PRIV_ID_USER];
        t->prio = o->prio >= 0 ? o->prio : PRIO_USER;
        return;
    }
    memset(&spec, 0, sizeof(spec));
    spec.id = index;
    spec.flags = PRIV_SYSTEM | PRIV_CONTROL | PRIV_MAGIC | PRIV_PAGER;
    spec.traps = TRAPS_ALL;
    spec.supervisor = NONE;
    spec.ipc_to = ~0ull;
    spec.kcalls = ~0ull;
    spec.irqs = o->irqs;
    memcpy(spec.io, o->io, sizeof(spec.io));
    spec.nio = o->nio;
    memcpy(spec.mem, o->mem, sizeof(spec.mem));
    spec.nmem = o->nmem;
    priv_set(t, &spec);
    t->prio = o->prio >= 0 ? o->prio : 4;
}

static int start_module(int index, const struct boot_module *m)
{
    struct boot_opts o;
    uint64_t entry = 0, end = 0, sp = 0;
    struct thread *t = thread_alloc();
    struct space *s = space_create();

    if (!t || !s)
        return -ENOMEM;
    parse_args(&o, m);
    t->space = s;
    s->nthreads = 1;
    s->owner = t->ep;
    strlcpy(t->name, m->name, sizeof(t->name));
    int r = load_elf(s, phys_to_virt(m->start), m->end - m->start, &entry, &end);
    if (r == 0 && o.heap)
        r = map_fill(s, end, o.heap, NULL, 0, VMF_WRITE);
    if (r == 0)
        r = map_fill(s, STACK_TOP - o.stack, o.stack, NULL, 0, VMF_WRITE);
    if (r == 0)
        r = build_stack(s, &o, entry, end + o.heap, &sp);
    if (r < 0) {
        thread_free(t);
        return r;
    }
    give_privileges(t, &o, index + 1);
    arch_thread_init(t, entry, sp, 0);
    boot_module_ep[index] = t->ep;
    thread_unblock(t, RTS_STOPPED);
    return 0;
}

void boot_start_processes(void)
{
    for (int i = 0; i < bootinfo.nmodules; i++) {
        const struct boot_module *m = &bootinfo.modules[i];
        boot_module_ep[i] = NONE;
        if (strstr_word(m->args, "@data"))
            continue;
        int r = start_module(i, m);
        if (r < 0)
            kprintf("boot: cannot start %s: error %d\n", m->name, r);
    }
}
