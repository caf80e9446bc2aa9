/*
 * The interface between the generic kernel and the machine-dependent code
 * under arch/. Generic code includes this, never a file under arch/ directly
 * (except arch/<arch>/arch_types.h through it).
 */
#ifndef ARCH_H
#define ARCH_H

#include "kernel.h"

/* Console output: the serial port and the screen. */
void arch_console_write(const char *s, size_t n);

/* Stop the machine. With the "qemuexit" option, QEMU exits with a status. */
_Noreturn void arch_halt(int status);

/* Physical <-> kernel virtual through the direct map. */
void *phys_to_virt(uint64_t pa);
uint64_t virt_to_phys(const void *va);

#endif
