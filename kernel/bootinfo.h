/*
 * What the boot loader told us, in a loader-independent form. The arch code
 * fills it (from Multiboot on x86-64) before kmain() runs; everything in it
 * is a copy, so the loader's own structures may be overwritten afterwards.
 */
#ifndef BOOTINFO_H
#define BOOTINFO_H

#include <stdint.h>

#define BOOT_MAX_MODULES 32
#define BOOT_MAX_MEMMAP  64
#define BOOT_CMDLINE_MAX 256
#define BOOT_MODNAME_MAX 32
#define BOOT_MODARGS_MAX 192

enum mem_type { MEM_USABLE = 1, MEM_RESERVED = 2, MEM_ACPI = 3, MEM_NVS = 4, MEM_BAD = 5 };

struct boot_module {
    uint64_t start;              /* physical, page aligned */
    uint64_t end;                /* physical, exclusive */
    char name[BOOT_MODNAME_MAX]; /* basename of the module's path */
    char args[BOOT_MODARGS_MAX]; /* the whole module command line */
};

struct boot_memrange {
    uint64_t base;
    uint64_t len;
    uint32_t type;
};

struct bootinfo {
    char loader[32];
    char cmdline[BOOT_CMDLINE_MAX];
    int nmodules;
    struct boot_module modules[BOOT_MAX_MODULES];
    int nmem;
    struct boot_memrange mem[BOOT_MAX_MEMMAP];
    uint64_t kernel_start, kernel_end; /* physical */
    uint64_t reserved_end;             /* physical end of kernel, modules and loader data */
};

extern struct bootinfo bootinfo;

/* Kernel command line: "flag" or "name=value" words. */
bool cmdline_flag(const char *name);
const char *cmdline_value(const char *name, char *buf, size_t size);

#endif
