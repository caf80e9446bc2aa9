/*
 * The 8259 interrupt controllers, remapped to vectors 32-47. Lines start
 * masked; a line is unmasked when a driver claims it (irq.c) and masked
 * again each time it fires until the driver re-enables it.
 */
#include "../../kernel.h"
#include "../../arch.h"
#include "cpu.h"
#include "arch_x86.h"

#define PIC1 0x20
#define PIC2 0xA0

static uint16_t mask = 0xFFFF & ~(1u << 2); /* all masked but the cascade */

static void write_mask(void)
{
    outb(PIC1 + 1, mask & 0xFF);
    outb(PIC2 + 1, mask >> 8);
}

void pic_init(void)
{
    outb(PIC1, 0x11);
    outb(PIC2, 0x11);
    outb(PIC1 + 1, VEC_IRQ0);
    outb(PIC2 + 1, VEC_IRQ0 + 8);
    outb(PIC1 + 1, 4);
    outb(PIC2 + 1, 2);
    outb(PIC1 + 1, 1);
    outb(PIC2 + 1, 1);
    write_mask();
}

int arch_irq_count(void)
{
    return 16;
}

void arch_irq_mask(int irq)
{
    if (irq >= 0 && irq < 16 && irq != 2) {
        mask |= 1u << irq;
        write_mask();
    }
}

void arch_irq_unmask(int irq)
{
    if (irq >= 0 && irq < 16) {
        mask &= ~(1u << irq);
        write_mask();
    }
}

/* Is this a spurious interrupt (IRQ 7 or 15 with no bit in service)? */
bool pic_spurious(int irq)
{
    if (irq != 7 && irq != 15)
        return false;
    uint16_t port = irq == 7 ? PIC1 : PIC2;
    outb(port, 0x0B);
    if (inb(port) & 0x80)
        return false;
    if (irq == 15)
        outb(PIC1, 0x20); /* the master saw a real cascade interrupt */
    return true;
}

void pic_eoi(int irq)
{
    if (irq >= 8)
        outb(PIC2, 0x20);
    outb(PIC1, 0x20);
}

uint32_t arch_port_in(uint32_t port, int size)
{
    return size == 1 ? inb((uint16_t)port) : size == 2 ? inw((uint16_t)port) : inl((uint16_t)port);
}

void arch_port_out(uint32_t port, int size, uint32_t value)
{
    if (size == 1)
        outb((uint16_t)port, (uint8_t)value);
    else if (size == 2)
        outw((uint16_t)port, (uint16_t)value);
    else
        outl((uint16_t)port, value);
}
