/* The kernel's main line: report what we booted with, then start the system. */
#include "kernel.h"
#include "arch.h"
#include "bootinfo.h"
#include "memory.h"
#include "version.h"

static const char *mem_type_name(uint32_t type)
{
    static const char *const names[] = {
        "?", "usable", "reserved", "ACPI data", "ACPI NVS", "bad"
    };
    return type < ARRAY_SIZE(names) ? names[type] : "?";
}

static void print_boot_report(void)
{
    kprintf("%s %s (x86_64 microkernel) booted by %s\n", OS_NAME, OS_VERSION, bootinfo.loader);
    kprintf("command line: %s\n", bootinfo.cmdline);
    kprintf("memory map:\n");
    for (int i = 0; i < bootinfo.nmem; i++) {
        const struct boot_memrange *r = &bootinfo.mem[i];
        kprintf("  %016lx-%016lx %s\n", r->base, r->base + r->len - 1, mem_type_name(r->type));
    }
    kprintf("memory: %lu MiB usable\n", mem_total >> 20);
    kprintf("modules: %d\n", bootinfo.nmodules);
    for (int i = 0; i < bootinfo.nmodules; i++) {
        const struct boot_module *m = &bootinfo.modules[i];
        kprintf("  %-10s %08lx-%08lx %6lu KiB  %s\n", m->name, m->start, m->end,
                (m->end - m->start) >> 10, m->args);
    }
}

void kmain(void)
{
    print_boot_report();
    kpool_init();
    if (cmdline_flag("testpanic"))
        panic("deliberate panic requested on the command line (testpanic)");
    if (bootinfo.nmodules == 0) {
        kprintf("no boot modules: nothing to run; halting\n");
        arch_halt(0);
    }
    kprintf("system halted\n");
    arch_halt(0);
}
