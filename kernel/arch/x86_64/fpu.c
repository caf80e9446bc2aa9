/*
 * FPU and SSE state. The kernel itself never touches them (it is built
 * with -mgeneral-regs-only), so a thread's state only needs saving when
 * another thread gets the CPU: context.c saves and restores it eagerly
 * with FXSAVE/FXRSTOR on every switch between two different threads.
 */
#include "../../kernel.h"
#include "cpu.h"
#include "arch_x86.h"

uint8_t fpu_initial[512] __attribute__((aligned(16)));

void fpu_init(void)
{
    uint64_t cr0;

    __asm__ volatile("mov %%cr0, %0" : "=r"(cr0));
    cr0 &= ~((1ull << 2) | (1ull << 3)); /* EM, TS */
    cr0 |= (1ull << 1) | (1ull << 5);    /* MP, NE */
    __asm__ volatile("mov %0, %%cr0" ::"r"(cr0));
    write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
    uint32_t mxcsr = 0x1F80;
    __asm__ volatile("fninit\n"
                     "ldmxcsr %1\n"
                     "fxsave %0"
                     : "=m"(fpu_initial)
                     : "m"(mxcsr));
}
