/* A new thread starts here: [rsp] = its start function, %rdi = its argument. */
    .text
    .global thread_trampoline
thread_trampoline:
    pop %rax
    and $-16, %rsp
    call *%rax
    mov %rax, %rdi
    call thread_exit
    ud2

    .section .note.GNU-stack, "", @progbits
