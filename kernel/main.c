/* The kernel's main line: report what we booted with, then start the system. */
#include "kernel.h"
#include "arch.h"
#include "bootinfo.h"
#include "memory.h"
#include "version.h"
#include "thread.h"
#include "sched.h"
#include "priv.h"
#include "irq.h"
#include "clock.h"
#include "boot.h"
#include "syscall.h"
#include "debug.h"

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

/* Called by the arch code once the CPU and the kernel's memory are set up. */
void kmain(void)
{
    print_boot_report();
    kpool_init();
    if (cmdline_flag("testpanic"))
        panic("deliberate panic requested on the command line (testpanic)");
    threads_init();
    sched_init();
    privs_init();
    irq_init();
    clock_init();
    debug_init();
    if (bootinfo.nmodules == 0) {
        kprintf("no boot modules: nothing to run; halting\n");
        arch_halt(0);
    }
    boot_start_processes();
    uint64_t for_vm = 0;
    for (int i = 0; i < nfree_ranges; i++)
        for_vm += free_ranges[i].end - free_ranges[i].base;
    kprintf("kernel: %lu KiB free for vm, %lu frames in the kernel pool\n",
            (unsigned long)(for_vm >> 10), (unsigned long)frames_free_count());
    arch_start(kernel_exit());
}
