/*
 * Multiboot v1: copy what the loader passed (command line, modules, memory
 * map) into the generic bootinfo. Runs before mmu_init(), so it reaches
 * physical memory through the boot mapping of the first GiB at KERNEL_VMA.
 */
#include "../../kernel.h"
#include "../../bootinfo.h"
#include "layout.h"
#include "arch_x86.h"

#define MB_BOOT_MAGIC 0x2BADB002
#define MBF_MEM       (1u << 0)
#define MBF_CMDLINE   (1u << 2)
#define MBF_MODS      (1u << 3)
#define MBF_MMAP      (1u << 6)
#define MBF_LOADER    (1u << 9)

struct mb_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
    uint32_t drives_length, drives_addr, config_table, boot_loader_name;
} __attribute__((packed));

struct mb_module {
    uint32_t start, end, string, reserved;
} __attribute__((packed));

struct mb_mmap {
    uint32_t size;
    uint64_t base, len;
    uint32_t type;
} __attribute__((packed));

extern char _bss_end_phys[];

struct bootinfo bootinfo;

static const void *early_ptr(uint64_t pa, uint64_t len)
{
    if (pa + len > (1ull << 30))
        panic("multiboot: loader data at %lx lies above the first GiB", (unsigned long)pa);
    return (const void *)(KERNEL_VMA + pa);
}

static void copy_string(char *dst, size_t size, uint32_t pa)
{
    const char *s = early_ptr(pa, 1);

    strlcpy(dst, s, size);
}

static void parse_module(struct boot_module *m, const struct mb_module *mb)
{
    m->start = mb->start;
    m->end = mb->end;
    if (mb->string)
        copy_string(m->args, sizeof(m->args), mb->string);
    /* The name is the basename of the first word (the module's path). */
    const char *first = m->args, *base = m->args;
    for (const char *p = first; *p && *p != ' '; p++)
        if (*p == '/')
            base = p + 1;
    size_t n = 0;
    while (base[n] && base[n] != ' ' && n + 1 < sizeof(m->name))
        n++;
    memcpy(m->name, base, n);
    m->name[n] = '\0';
}

static void parse_mmap(const struct mb_info *mbi)
{
    uint64_t p = mbi->mmap_addr, end = p + mbi->mmap_length;

    while (p < end && bootinfo.nmem < BOOT_MAX_MEMMAP) {
        const struct mb_mmap *e = early_ptr(p, sizeof(*e));
        struct boot_memrange *r = &bootinfo.mem[bootinfo.nmem++];
        r->base = e->base;
        r->len = e->len;
        r->type = e->type >= 1 && e->type <= 5 ? e->type : MEM_RESERVED;
        p += e->size + 4;
    }
}

void multiboot_parse(uint32_t magic, uint32_t info_phys)
{
    if (magic != MB_BOOT_MAGIC)
        panic("not started by a Multiboot loader (magic %x)", magic);
    const struct mb_info *mbi = early_ptr(info_phys, sizeof(*mbi));

    strlcpy(bootinfo.loader, "unknown loader", sizeof(bootinfo.loader));
    if (mbi->flags & MBF_LOADER)
        copy_string(bootinfo.loader, sizeof(bootinfo.loader), mbi->boot_loader_name);
    if (mbi->flags & MBF_CMDLINE)
        copy_string(bootinfo.cmdline, sizeof(bootinfo.cmdline), mbi->cmdline);
    if (mbi->flags & MBF_MMAP) {
        parse_mmap(mbi);
    } else if (mbi->flags & MBF_MEM) {
        bootinfo.mem[0] = (struct boot_memrange){ 0, (uint64_t)mbi->mem_lower << 10, MEM_USABLE };
        bootinfo.mem[1] =
            (struct boot_memrange){ 1 << 20, (uint64_t)mbi->mem_upper << 10, MEM_USABLE };
        bootinfo.nmem = 2;
    } else {
        panic("the boot loader passed no memory map");
    }

    bootinfo.kernel_start = KERNEL_LMA;
    bootinfo.kernel_end = (uint64_t)_bss_end_phys;
    bootinfo.reserved_end = bootinfo.kernel_end;
    if (mbi->flags & MBF_MODS) {
        const struct mb_module *mods =
            early_ptr(mbi->mods_addr, mbi->mods_count * sizeof(struct mb_module));
        for (uint32_t i = 0; i < mbi->mods_count && i < BOOT_MAX_MODULES; i++) {
            parse_module(&bootinfo.modules[bootinfo.nmodules++], &mods[i]);
            bootinfo.reserved_end = MAX(bootinfo.reserved_end, (uint64_t)mods[i].end);
        }
    }
    bootinfo.reserved_end = ROUND_UP(bootinfo.reserved_end, PAGE_SIZE);
}
