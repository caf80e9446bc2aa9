/*
 * Loading a static ELF64 program into a process: the checks and the
 * address-space layout vm builds from it. vfs loads programs from files
 * (exec); rs loads services from the program images it keeps in memory,
 * so a driver can be restarted while the file system waits for it.
 */
#ifndef EMBER_EXECELF_H
#define EMBER_EXECELF_H

#include <elf.h>
#include <stddef.h>
#include <stdint.h>
#include <ember/ipc.h>

#define EXEC_STACK_RESERVE (8u << 20)

struct exec_elf {
    const Elf64_Ehdr *eh;
    const Elf64_Phdr *ph; /* inside the header bytes given to exec_elf_check */
    uint64_t size;        /* the whole program file's size */
};

/* Check the first hdr_len bytes of a program of file_size bytes: a static
 * x86-64 executable whose program headers lie within them. 0 or -ENOEXEC. */
int exec_elf_check(const void *hdr, size_t hdr_len, uint64_t file_size, struct exec_elf *e);

/* vm's layout for it (its loadable segments and the stack reserve). */
int exec_elf_layout(const struct exec_elf *e, struct vm_exec_layout *l);

/* VM_EXEC_NEWMEM (replace ep's memory by the layout; *top: the stack top)
 * or VM_EXEC_DONE (loading over: final protections). */
int exec_vm(int call, endpoint_t ep, struct vm_exec_layout *l, uint64_t *top);

#endif
