/* x86-64 start-up: from the boot entry to kmain(), and machine halt. */
#include "../../kernel.h"
#include "../../arch.h"
#include "../../bootinfo.h"
#include "../../memory.h"
#include "cpu.h"
#include "layout.h"
#include "percpu.h"
#include "arch_x86.h"

void paging_init(void);

#define DEBUG_EXIT_PORT 0xF4

HOT_DATA struct percpu cpu0;
extern char boot_kstack[];
void kmain(void);

void arch_console_write(const char *s, size_t n)
{
    serial_write(s, n);
    vga_write(s, n);
}

/* A panic is shown on the screen too, whoever owns it by then. */
void arch_console_panic(void)
{
    vga_enabled = true;
}

_Noreturn void arch_halt(int status)
{
    intr_disable();
    if (cmdline_flag("qemuexit"))
        outl(DEBUG_EXIT_PORT, (uint32_t)status);
    for (;;)
        cpu_halt();
}

_Noreturn void arch_reboot(void)
{
    intr_disable();
    for (int i = 0; i < 100000 && (inb(0x64) & 0x02); i++)
        ;
    outb(0x64, 0xFE); /* the keyboard controller pulses the reset line */
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) none = { 0, 0 };
    __asm__ volatile("lidt %0\n\tint3" ::"m"(none)); /* else: triple fault */
    for (;;)
        cpu_halt();
}

void syscall_entry(void);

/* SYSCALL enters at syscall_entry with interrupts, traps and DF cleared;
 * SYSRET returns to the user selectors that follow SEL_UCODE32. */
static void syscall_init(void)
{
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
    wrmsr(MSR_STAR, ((uint64_t)(SEL_UCODE32 | 3) << 48) | ((uint64_t)SEL_KCODE << 32));
    wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
    wrmsr(MSR_SFMASK, 0x47700);
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
    fpu_init();
    paging_init();
    syscall_init();
    pic_init();
    timer_init();
    kmain();
    arch_halt(0);
}
