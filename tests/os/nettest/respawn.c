/*
 * Restarting the driver the way rs will, without rs: nettest ends the
 * driver and starts a new process from the same boot module, as the
 * kernel started the first one (kernel/boot.c): the ELF's segments, a
 * premapped heap after them (@heap=, default 1M), a stack with argv and
 * the auxiliary vector, and system privileges. There is no vm in this
 * boot, so the new process's memory is pages of nettest's own heap,
 * handed over and never touched by nettest again (the kernel does not
 * free user frames when a process ends; vm would).
 */
#include <elf.h>
#include <malloc.h>
#include <stdlib.h>
#include <ember/startup.h>
#include "nettest.h"

#define PAGE            4096ull
#define STACK_TOP       0x00007FFFFFFFE000ull
#define STACK_SIZE      (64 * 1024ull)
#define IMAGE_VA        0x0000500000000000ull /* where nettest looks at the module */
#define DEFAULT_HEAP    (1024 * 1024ull)
#define MAX_ARGS        16
#define RESPAWN_PRIV_ID 20

struct image {
    const uint8_t *data;
    uint64_t size;
};

/* Map [va, va + len) of the child with fresh pages, filled from src
 * (srclen bytes) and then zeros. */
static int fill(endpoint_t child, uint64_t va, uint64_t len, const uint8_t *src, uint64_t srclen,
                int flags)
{
    uint8_t *mem = memalign(PAGE, len);

    if (!mem)
        return -ENOMEM;
    memset(mem, 0, len);
    if (srclen)
        memcpy(mem, src, srclen < len ? srclen : len);
    for (uint64_t off = 0; off < len; off += PAGE) {
        uint64_t pa;
        if (sys_vmquery(SELF, (uint64_t)(mem + off), &pa, NULL) < 0)
            return -EFAULT;
        int r = sys_vmmap(child, va + off, pa & ~(PAGE - 1), 1, flags);
        if (r < 0)
            return r;
    }
    return 0;
}

static int load_segment(endpoint_t child, const struct image *im, const Elf64_Phdr *ph,
                        uint64_t *end)
{
    if (ph->p_filesz > ph->p_memsz || ph->p_offset + ph->p_filesz > im->size ||
        ph->p_vaddr < PAGE || ph->p_vaddr + ph->p_memsz > STACK_TOP - STACK_SIZE)
        return -ENOEXEC;
    uint64_t start = ph->p_vaddr & ~(PAGE - 1), lead = ph->p_vaddr - start;
    uint64_t len = (lead + ph->p_memsz + PAGE - 1) & ~(PAGE - 1);
    if (lead > ph->p_offset)
        return -ENOEXEC;
    int flags = (ph->p_flags & PF_W ? VMF_WRITE : 0) | (ph->p_flags & PF_X ? VMF_EXEC : 0);
    if (start + len > *end)
        *end = start + len;
    return fill(child, start, len, im->data + ph->p_offset - lead, lead + ph->p_filesz, flags);
}

static int load_elf(endpoint_t child, const struct image *im, uint64_t *entry, uint64_t *end)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)im->data;

    if (im->size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
        eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_type != ET_EXEC ||
        eh->e_phentsize != sizeof(Elf64_Phdr) ||
        eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > im->size)
        return -ENOEXEC;
    const Elf64_Phdr *ph = (const Elf64_Phdr *)(im->data + eh->e_phoff);
    *end = 0;
    for (int i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type != PT_LOAD || ph[i].p_memsz == 0)
            continue;
        int r = load_segment(child, im, &ph[i], end);
        if (r < 0)
            return r;
    }
    *entry = eh->e_entry;
    return *end ? 0 : -ENOEXEC;
}

/* The module's words: argv, and the @heap= option. */
static int split_args(char *args, char **argv, uint64_t *heap)
{
    int argc = 0;

    *heap = DEFAULT_HEAP;
    for (char *w = strtok(args, " "); w; w = strtok(NULL, " ")) {
        if (strncmp(w, "@heap=", 6) == 0) {
            char *unit;
            *heap = strtoull(w + 6, &unit, 10) << (*unit == 'M' ? 20 : *unit == 'K' ? 10 : 0);
            *heap = (*heap + PAGE - 1) & ~(PAGE - 1);
        } else if (w[0] != '@' && argc < MAX_ARGS) {
            argv[argc++] = w;
        }
    }
    return argc;
}

/* The System V start-up stack (argc, argv, envp, auxv) in the child's top
 * pages, built in buf (the image of [STACK_TOP - STACK_SIZE, STACK_TOP)). */
static uint64_t build_stack(uint8_t *buf, int argc, char **argv, uint64_t entry, uint64_t heap_end)
{
    uint64_t sp = STACK_TOP, argv_va[MAX_ARGS];
    uint64_t base = STACK_TOP - STACK_SIZE;

    for (int i = argc - 1; i >= 0; i--) {
        size_t n = strlen(argv[i]) + 1;
        sp -= n;
        memcpy(buf + (sp - base), argv[i], n);
        argv_va[i] = sp;
    }
    uint64_t words[MAX_ARGS + 16];
    int n = 0;
    words[n++] = (uint64_t)argc;
    for (int i = 0; i < argc; i++)
        words[n++] = argv_va[i];
    words[n++] = 0; /* end of argv */
    words[n++] = 0; /* an empty environment */
    uint64_t aux[] = { AT_PAGESZ, PAGE,          AT_ENTRY, entry,   AT_EMBER_HEAP_END,
                       heap_end,  AT_EMBER_BOOT, 1,        AT_NULL, 0 };
    for (unsigned i = 0; i < sizeof(aux) / sizeof(aux[0]); i++)
        words[n++] = aux[i];
    sp = (sp - (uint64_t)n * 8) & ~15ull;
    memcpy(buf + (sp - base), words, (size_t)n * 8);
    return sp;
}

static void system_privileges(struct priv_spec *spec)
{
    memset(spec, 0, sizeof(*spec));
    spec->id = RESPAWN_PRIV_ID;
    spec->flags = PRIV_SYSTEM;
    spec->traps = TRAPS_ALL;
    spec->supervisor = NONE;
    spec->ipc_to = ~0ull;
    spec->kcalls = ~0ull;
}

/* Fill the child's memory and start it. */
static int populate(endpoint_t child, const struct kinfo_module *mod, const struct image *im)
{
    static char args[sizeof(mod->args)];
    char *argv[MAX_ARGS];
    uint64_t entry = 0, end = 0, heap;
    struct priv_spec spec;

    memcpy(args, mod->args, sizeof(args));
    args[sizeof(args) - 1] = '\0';
    int argc = split_args(args, argv, &heap);
    if (argc == 0)
        argv[argc++] = (char *)mod->name;
    uint8_t *stack = calloc(1, STACK_SIZE);
    if (!stack)
        return -ENOMEM;
    int r = load_elf(child, im, &entry, &end);
    if (r == 0)
        r = fill(child, end, heap, NULL, 0, VMF_WRITE);
    uint64_t sp = build_stack(stack, argc, argv, entry, end + heap);
    if (r == 0)
        r = fill(child, STACK_TOP - STACK_SIZE, STACK_SIZE, stack, STACK_SIZE, VMF_WRITE);
    free(stack);
    system_privileges(&spec);
    if (r == 0)
        r = sys_exec(child, entry, sp, 0, 0, 0, mod->name);
    if (r == 0)
        r = sys_privctl(child, PRIVCTL_SET, &spec);
    if (r == 0)
        r = sys_runctl(child, RUNCTL_RESUME);
    return r;
}

endpoint_t respawn_module(const struct kinfo_module *mod)
{
    uint64_t first = mod->start & ~(PAGE - 1);
    uint64_t npages = (mod->start + mod->size - first + PAGE - 1) / PAGE;
    struct image im = { (const uint8_t *)IMAGE_VA + (mod->start - first), mod->size };
    endpoint_t child;

    int r = sys_vmmap(SELF, IMAGE_VA, first, npages, 0);
    if (r < 0)
        return r;
    r = sys_fork(SELF, FORK_SPACE, mod->name, &child);
    if (r == 0) {
        r = populate(child, mod, &im);
        if (r < 0)
            sys_clear(child, 0);
    }
    sys_vmunmap(SELF, IMAGE_VA, npages);
    return r < 0 ? r : child;
}
