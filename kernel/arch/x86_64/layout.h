/*
 * Virtual memory layout of the kernel, shared by C and assembly.
 *
 * The kernel image is linked at KERNEL_VMA (-2 GiB, for -mcmodel=kernel) and
 * loaded by the boot loader at KERNEL_LMA. All physical memory (and the MMIO
 * holes below 4 GiB) is mapped once more at DIRECT_MAP, so the kernel reaches
 * any frame or device register through phys_to_virt(). User space owns the
 * whole lower half.
 */
#ifndef ARCH_LAYOUT_H
#define ARCH_LAYOUT_H

#define KERNEL_VMA 0xFFFFFFFF80000000
#define KERNEL_LMA 0x100000
#define DIRECT_MAP 0xFFFF800000000000
#define USER_TOP   0x00007FFFFFFFF000

#define PAGE_SIZE  4096
#define PAGE_SHIFT 12

/* Segment selectors; the order is what SYSCALL/SYSRET require (see gdt.c). */
#define SEL_KCODE   0x08
#define SEL_KDATA   0x10
#define SEL_UCODE32 0x18
#define SEL_UDATA   0x20
#define SEL_UCODE   0x28
#define SEL_TSS     0x30

#define KSTACK_SIZE 16384

#endif
