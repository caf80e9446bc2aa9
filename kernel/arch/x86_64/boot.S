/*
 * Boot entry: Multiboot v1 hands us 32-bit protected mode with paging off,
 * EAX = magic and EBX = the physical address of the information structure.
 *
 * This file does the least needed to reach C in long mode: check that the CPU
 * has long mode, build page tables that map the first GiB twice (identity, so
 * the next instruction after enabling paging still exists, and at KERNEL_VMA,
 * where the kernel is linked), enable PAE + LME + paging, load a 64-bit GDT,
 * and jump to the higher half. mmu.c replaces these tables with the real ones.
 */
#include "layout.h"

#define MB_MAGIC 0x1BADB002
#define MB_FLAGS ((1 << 0) | (1 << 1) | (1 << 16))

    .section .multiboot, "a"
    .align 4
mb_header:
    .long MB_MAGIC
    .long MB_FLAGS
    .long -(MB_MAGIC + MB_FLAGS)
    .long mb_header             /* header_addr */
    .long _load_start           /* load_addr */
    .long _load_end_phys        /* load_end_addr */
    .long _bss_end_phys         /* bss_end_addr */
    .long _start                /* entry_addr */

    .section .boot.text, "ax"
    .code32
    .global _start
_start:
    cli
    cld
    mov $boot_stack_top, %esp
    mov %eax, boot_mb_magic
    mov %ebx, boot_mb_info

    /* Long mode present? */
    mov $0x80000000, %eax
    cpuid
    cmp $0x80000001, %eax
    jb no_long_mode
    mov $0x80000001, %eax
    cpuid
    test $(1 << 29), %edx
    jz no_long_mode
    mov %edx, %esi              /* keep extended features: NX is bit 20 */

    /* One page directory of 2 MiB pages covering the first GiB. */
    mov $boot_pd, %edi
    mov $0x83, %eax             /* present | writable | 2 MiB page */
    mov $512, %ecx
1:  mov %eax, (%edi)
    movl $0, 4(%edi)
    add $0x200000, %eax
    add $8, %edi
    loop 1b

    mov $boot_pd, %eax
    or $3, %eax
    mov %eax, boot_pdpt_low                 /* 0 .. 1 GiB */
    mov %eax, boot_pdpt_high + 510 * 8      /* KERNEL_VMA .. +1 GiB */
    mov $boot_pdpt_low, %eax
    or $3, %eax
    mov %eax, boot_pml4
    mov $boot_pdpt_high, %eax
    or $3, %eax
    mov %eax, boot_pml4 + 511 * 8

    mov %cr4, %eax
    or $(1 << 5), %eax          /* PAE */
    mov %eax, %cr4
    mov $boot_pml4, %eax
    mov %eax, %cr3

    mov $0xC0000080, %ecx       /* EFER */
    rdmsr
    or $(1 << 8), %eax          /* LME */
    test $(1 << 20), %esi
    jz 2f
    or $(1 << 11), %eax         /* NXE, when the CPU has NX */
2:  wrmsr

    mov %cr0, %eax
    or $0x80010001, %eax        /* PG | WP | PE */
    mov %eax, %cr0

    lgdt boot_gdt_ptr
    ljmp $SEL_KCODE, $long_entry

no_long_mode:
    /* Say so on the VGA screen and on COM1, then stop. */
    mov $msg_no_lm, %esi
    mov $0xB8000, %edi
3:  lodsb
    test %al, %al
    jz 5f
    mov $0x4F, %ah
    stosw
    mov %al, %bl
    mov $0x3FD, %dx
4:  inb %dx, %al
    test $0x20, %al
    jz 4b
    mov $0x3F8, %dx
    mov %bl, %al
    outb %al, %dx
    jmp 3b
5:  hlt
    jmp 5b

    .code64
long_entry:
    mov $SEL_KDATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    xor %ax, %ax
    mov %ax, %fs
    mov %ax, %gs
    movabs $high_entry, %rax
    jmp *%rax

    .section .boot.data, "aw"
    .align 8
boot_gdt:
    .quad 0
    .quad 0x00AF9A000000FFFF    /* 64-bit kernel code */
    .quad 0x00CF92000000FFFF    /* kernel data */
boot_gdt_ptr:
    .word boot_gdt_ptr - boot_gdt - 1
    .long boot_gdt
    .global boot_mb_magic, boot_mb_info
boot_mb_magic:
    .long 0
boot_mb_info:
    .long 0
msg_no_lm:
    .asciz "Ember: this CPU has no long mode (x86-64); cannot boot."

    .section .boot.bss, "aw"
    .align 4096
boot_pml4:      .skip 4096
boot_pdpt_low:  .skip 4096
boot_pdpt_high: .skip 4096
boot_pd:        .skip 4096
boot_stack:     .skip 4096
boot_stack_top:

    .text
high_entry:
    lea boot_kstack_top(%rip), %rsp
    xor %ebp, %ebp
    mov boot_mb_magic, %edi
    mov boot_mb_info, %esi
    call arch_boot
1:  cli
    hlt
    jmp 1b

    .bss
    .align 16
    .global boot_kstack
boot_kstack:
    .skip KSTACK_SIZE
boot_kstack_top:

    .section .note.GNU-stack, "", @progbits
