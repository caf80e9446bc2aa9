/*
 * Program entry. The stack holds argc, argv[], NULL, envp[], NULL (the
 * System V layout, built by the kernel for boot processes and by exec).
 */
    .text
    .global _start
_start:
    xor %ebp, %ebp
    mov (%rsp), %rdi
    lea 8(%rsp), %rsi
    lea 8(%rsi,%rdi,8), %rdx
    and $-16, %rsp
    call __libc_start
    ud2

    .section .note.GNU-stack, "", @progbits
