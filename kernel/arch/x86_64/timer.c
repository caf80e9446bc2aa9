/*
 * Timekeeping hardware: the TSC as the clock, the local APIC timer for
 * ticks (periodic) or a single deadline (one-shot). Both are calibrated at
 * boot against PIT channel 2, counting 10 ms. Under QEMU's -icount the PIT
 * runs on instruction time too, so the TSC then counts instructions at a
 * nominal 1 GHz.
 */
#include "../../kernel.h"
#include "../../arch.h"
#include "cpu.h"
#include "arch_x86.h"

#define LAPIC_ID         0x020
#define LAPIC_TPR        0x080
#define LAPIC_EOI        0x0B0
#define LAPIC_SVR        0x0F0
#define LAPIC_LVT_TIMER  0x320
#define LAPIC_LVT_LINT0  0x350
#define LAPIC_LVT_LINT1  0x360
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR  0x390
#define LAPIC_TIMER_DIV  0x3E0
#define TIMER_PERIODIC   (1u << 17)
#define LVT_MASKED       (1u << 16)

#define PIT_HZ       1193182u
#define CALIBRATE_MS 10

static volatile uint32_t *lapic;
static uint64_t tsc_hz;
static uint64_t lapic_hz;    /* timer counts per second at divide-by-16 */
static uint64_t ns_per_tsc;  /* 32.32 fixed point: ns = ticks * ns_per_tsc >> 32 */
static uint64_t apic_per_ns; /* 32.32 fixed point: counts = ns * apic_per_ns >> 32 */

static inline uint32_t lapic_read(uint32_t reg)
{
    return lapic[reg / 4];
}
static inline void lapic_write(uint32_t reg, uint32_t v)
{
    lapic[reg / 4] = v;
}

void lapic_eoi(void)
{
    lapic_write(LAPIC_EOI, 0);
}

/* Count TSC ticks and APIC timer counts over CALIBRATE_MS of PIT time. */
static void calibrate(void)
{
    uint32_t count = PIT_HZ * CALIBRATE_MS / 1000;

    outb(0x61, (inb(0x61) & ~0x02) | 0x01); /* gate on, speaker off */
    outb(0x43, 0xB0);                       /* channel 2, mode 0, lo/hi */
    outb(0x42, count & 0xFF);
    outb(0x42, count >> 8);
    uint8_t gate = inb(0x61) & ~0x01;
    outb(0x61, gate);
    outb(0x61, gate | 0x01);
    lapic_write(LAPIC_TIMER_DIV, 0x3);
    lapic_write(LAPIC_LVT_TIMER, LVT_MASKED);
    lapic_write(LAPIC_TIMER_INIT, 0xFFFFFFFF);
    uint64_t t0 = rdtsc();
    while (!(inb(0x61) & 0x20))
        ;
    uint64_t t1 = rdtsc();
    uint32_t left = lapic_read(LAPIC_TIMER_CUR);
    tsc_hz = (t1 - t0) * (1000 / CALIBRATE_MS);
    lapic_hz = (uint64_t)(0xFFFFFFFFu - left) * (1000 / CALIBRATE_MS);
    if (tsc_hz == 0 || lapic_hz == 0)
        panic("timer calibration failed (tsc %lu Hz, apic %lu Hz)", tsc_hz, lapic_hz);
    ns_per_tsc = (1000000000ull << 32) / tsc_hz;
    apic_per_ns = (lapic_hz << 32) / 1000000000ull;
}

void timer_init(void)
{
    uint32_t r[4];

    cpuid(1, 0, r);
    if (!(r[3] & (1u << 9)))
        panic("this CPU has no local APIC");
    lapic = phys_to_virt(rdmsr(MSR_APIC_BASE) & 0xFFFFF000u);
    wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | (1u << 11));
    lapic_write(LAPIC_TPR, 0);
    lapic_write(LAPIC_SVR, 0x100 | 0xFF); /* enabled, spurious vector 255 */
    lapic_write(LAPIC_LVT_LINT0, 0x700);  /* ExtINT: the 8259 comes through here */
    lapic_write(LAPIC_LVT_LINT1, 0x400);  /* NMI */
    calibrate();
}

uint64_t arch_tsc(void)
{
    return rdtsc();
}
uint64_t arch_tsc_hz(void)
{
    return tsc_hz;
}

uint64_t arch_tsc_scale(void)
{
    return ns_per_tsc;
}

uint64_t arch_tsc_to_ns(uint64_t ticks)
{
    return (uint64_t)(((__uint128_t)ticks * ns_per_tsc) >> 32);
}

void arch_timer_periodic(uint32_t hz)
{
    lapic_write(LAPIC_TIMER_DIV, 0x3);
    lapic_write(LAPIC_LVT_TIMER, VEC_TIMER | TIMER_PERIODIC);
    lapic_write(LAPIC_TIMER_INIT, (uint32_t)MAX(1, lapic_hz / hz));
}

void arch_timer_oneshot(uint64_t ns)
{
    uint64_t counts = (uint64_t)(((__uint128_t)ns * apic_per_ns) >> 32);

    lapic_write(LAPIC_TIMER_DIV, 0x3);
    lapic_write(LAPIC_LVT_TIMER, VEC_TIMER);
    lapic_write(LAPIC_TIMER_INIT, (uint32_t)MIN(MAX(counts, 1), 0xFFFFFFFFu));
}
