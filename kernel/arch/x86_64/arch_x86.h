/* Declarations shared among the x86-64 files (not visible to generic code). */
#ifndef ARCH_X86_H
#define ARCH_X86_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

void serial_init(void);
void serial_write(const char *s, size_t n);
void vga_init(void);
void vga_write(const char *s, size_t n);
extern bool vga_enabled;

void multiboot_parse(uint32_t magic, uint32_t info_phys);
void mmu_init(void);
void gdt_init(void);
void idt_init(void);

extern bool early_boot; /* before mmu_init(): only the boot mappings exist */

#endif

struct regs;
const char *exception_name(uint64_t vec);
void dump_regs(const struct regs *r);
void arch_interrupt(uint64_t vector);
void trap_kernel(struct regs *r);

struct priv;
struct space;
struct thread;

#define VEC_IRQ0     32
#define VEC_TIMER    240
#define VEC_SPURIOUS 255

void timer_init(void);
void lapic_eoi(void);
void pic_init(void);
bool pic_spurious(int irq);
void pic_eoi(int irq);
void fpu_init(void);
void io_switch(const struct priv *p);
void space_load(struct space *s);
extern bool cpu_has_pcid;
