/* Interrupts as notifications to the drivers that claimed the lines. */
#ifndef IRQ_H
#define IRQ_H

#include "thread.h"

#define NR_IRQS       24
#define HOOKS_PER_IRQ 4

void irq_init(void);
void irq_handle(int irq);
int irq_setpolicy(struct thread *t, int irq, int hook);
int irq_enable(struct thread *t, int irq, bool on);
int irq_release(struct thread *t, int irq);
void irq_cleanup(struct thread *t);

#endif
