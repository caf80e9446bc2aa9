/*
 * GDT and TSS. The descriptor order is fixed by SYSCALL/SYSRET: STAR names
 * the kernel code selector (data follows it) and a user base from which
 * SYSRET takes user data at +8 and 64-bit user code at +16.
 *
 * The TSS gives the CPU the stack for entries from user mode (rsp0, moved to
 * the current thread's register save area on every switch), a separate stack
 * for double faults (IST1), and the I/O permission bitmap (io.c).
 */
#include "../../kernel.h"
#include "layout.h"
#include "tss.h"
#include "arch_x86.h"

/* Right after the HOT_DATA variables: every switch writes rsp[0]. */
struct tss tss __attribute__((section(".data.hot.tss"), aligned(16)));

static uint64_t gdt[8] __attribute__((aligned(16)));
static uint8_t df_stack[4096] __attribute__((aligned(16)));

struct desc_ptr {
    uint16_t limit;
    uint64_t base;
} __attribute__((packed));

static void set_tss_desc(int idx, uint64_t base, uint32_t limit)
{
    gdt[idx] = (limit & 0xFFFF) | ((base & 0xFFFFFF) << 16) | (0x89ull << 40) |
               ((uint64_t)((limit >> 16) & 0xF) << 48) | (((base >> 24) & 0xFF) << 56);
    gdt[idx + 1] = base >> 32;
}

void gdt_init(void)
{
    gdt[0] = 0;
    gdt[SEL_KCODE / 8] = 0x00AF9A000000FFFF;   /* ring 0, 64-bit code */
    gdt[SEL_KDATA / 8] = 0x00CF92000000FFFF;   /* ring 0 data */
    gdt[SEL_UCODE32 / 8] = 0x00CFFA000000FFFF; /* ring 3, 32-bit code (unused) */
    gdt[SEL_UDATA / 8] = 0x00CFF2000000FFFF;   /* ring 3 data */
    gdt[SEL_UCODE / 8] = 0x00AFFA000000FFFF;   /* ring 3, 64-bit code */

    memset(&tss, 0, sizeof(tss));
    tss.ist[0] = (uint64_t)df_stack + sizeof(df_stack);
    tss.iomap_base = offsetof(struct tss, iomap);
    memset(tss.iomap, 0xFF, sizeof(tss.iomap));
    tss.iomap_end = 0xFF;
    set_tss_desc(SEL_TSS / 8, (uint64_t)&tss, sizeof(tss) - 1);

    struct desc_ptr p = { sizeof(gdt) - 1, (uint64_t)gdt };
    __asm__ volatile("lgdt %0\n"
                     "mov %1, %%ds\n"
                     "mov %1, %%es\n"
                     "mov %1, %%ss\n"
                     "pushq %2\n"
                     "lea 1f(%%rip), %%rax\n"
                     "pushq %%rax\n"
                     "lretq\n"
                     "1:\n"
                     "ltr %w3\n" ::"m"(p),
                     "r"(SEL_KDATA), "i"(SEL_KCODE), "r"(SEL_TSS)
                     : "rax", "memory");
}
