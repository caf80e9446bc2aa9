/*
 * The IDT: exceptions 0-31, legacy PIC lines 32-47, the local APIC timer at
 * 240 and the spurious vector 255. All are interrupt gates (IF cleared on
 * entry): the kernel is never interrupted while it works.
 */
#include "../../kernel.h"
#include "layout.h"
#include "cpu.h"
#include "arch_x86.h"

struct gate {
    uint16_t off_lo, sel;
    uint8_t ist, type;
    uint16_t off_mid;
    uint32_t off_hi, reserved;
} __attribute__((packed));

static struct gate idt[256] __attribute__((aligned(16)));
extern const uint64_t vector_table[];

static void set_gate(int vec, uint64_t handler, int ist)
{
    idt[vec] = (struct gate){
        .off_lo = handler & 0xFFFF,
        .sel = SEL_KCODE,
        .ist = ist,
        .type = 0x8E,
        .off_mid = (handler >> 16) & 0xFFFF,
        .off_hi = handler >> 32,
    };
}

void idt_init(void)
{
    for (int v = 0; v < 48; v++)
        set_gate(v, vector_table[v], v == 8 ? 1 : 0);
    set_gate(240, vector_table[48], 0);
    set_gate(255, vector_table[49], 0);
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) p = { sizeof(idt) - 1, (uint64_t)idt };
    __asm__ volatile("lidt %0" ::"m"(p));
}
