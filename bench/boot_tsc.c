/*
 * boot-tsc: print the TSC as "BOOT-TSC <ticks>". The Linux baseline's init
 * runs it first, so the figure is the time from the machine's reset (QEMU
 * starts the TSC at zero) to init: instructions under -icount shift=0.
 */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
    uint32_t lo, hi;

    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    printf("BOOT-TSC %llu\n", (unsigned long long)hi << 32 | lo);
    return 0;
}
