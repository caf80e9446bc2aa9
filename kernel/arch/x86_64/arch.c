/* x86-64 start-up: from the boot entry to kmain(), and machine halt. */
#include "../../kernel.h"
#include "../../arch.h"
#include "../../bootinfo.h"
#include "../../memory.h"
#include "cpu.h"
#include "layout.h"
#include "percpu.h"
#include "arch_x86.h"

#define DEBUG_EXIT_PORT 0xF4

struct percpu cpu0;
extern char boot_kstack[];
void kmain(void);

void arch_console_write(const char *s, size_t n)
{
    serial_write(s, n);
    vga_write(s, n);
}

_Noreturn void arch_halt(int status)
{
    irq_disable();
    if (cmdline_flag("qemuexit"))
        outl(DEBUG_EXIT_PORT, (uint32_t)status);
    for (;;)
        cpu_halt();
}

void arch_interrupt(uint64_t vector)
{
    UNUSED(vector);
}

static void percpu_init(void)
{
    cpu0.kstack_top = (uint64_t)boot_kstack + KSTACK_SIZE;
    wrmsr(MSR_GS_BASE, (uint64_t)&cpu0);
    wrmsr(MSR_KERNEL_GS, 0);
}

/* Called from boot.S on the boot stack, in long mode at KERNEL_VMA. */
void arch_boot(uint32_t mb_magic, uint32_t mb_info)
{
    serial_init();
    multiboot_parse(mb_magic, mb_info);
    mem_init();
    mmu_init();
    vga_init();
    gdt_init();
    idt_init();
    percpu_init();
    kmain();
    arch_halt(0);
}
