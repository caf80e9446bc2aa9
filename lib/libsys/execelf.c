/* Checking a static ELF64 program and laying out its address space. */
#include <string.h>
#include <ember/execelf.h>
#include <ember/sys.h>
#include <ember/endpoints.h>

int exec_elf_check(const void *hdr, size_t hdr_len, uint64_t file_size, struct exec_elf *e)
{
    const Elf64_Ehdr *eh = hdr;

    if (hdr_len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
        eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_X86_64 ||
        eh->e_type != ET_EXEC || eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
        eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > (uint64_t)hdr_len)
        return -ENOEXEC;
    e->eh = eh;
    e->ph = (const Elf64_Phdr *)((const uint8_t *)hdr + eh->e_phoff);
    e->size = file_size;
    return 0;
}

int exec_elf_layout(const struct exec_elf *e, struct vm_exec_layout *l)
{
    memset(l, 0, sizeof(*l));
    l->stack_size = EXEC_STACK_RESERVE;
    for (int i = 0; i < e->eh->e_phnum; i++) {
        const Elf64_Phdr *p = &e->ph[i];
        if (p->p_type == PT_INTERP || p->p_type == PT_DYNAMIC)
            return -ENOEXEC; /* static programs only */
        if (p->p_type != PT_LOAD || p->p_memsz == 0)
            continue;
        if (l->nsegments == VM_MAX_SEGMENTS || p->p_filesz > p->p_memsz ||
            p->p_offset + p->p_filesz > e->size || p->p_offset + p->p_filesz < p->p_offset)
            return -ENOEXEC;
        struct vm_exec_segment *s = &l->seg[l->nsegments++];
        s->vaddr = p->p_vaddr;
        s->memsz = p->p_memsz;
        s->offset = p->p_offset;
        s->filesz = p->p_filesz;
        s->prot = VM_PROT_READ | (p->p_flags & PF_W ? VM_PROT_WRITE : 0) |
                  (p->p_flags & PF_X ? VM_PROT_EXEC : 0);
    }
    return l->nsegments ? 0 : -ENOEXEC;
}

int exec_vm(int call, endpoint_t ep, struct vm_exec_layout *l, uint64_t *top)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = call;
    m.vm_mem.ep = ep;
    m.vm_mem.layout = (uint64_t)l;
    int r = ipc_call(VM_EP, &m);
    if (r < 0)
        return r;
    if (top)
        *top = m.vm_mem.addr;
    if (l)
        l->present = (uint32_t)m.vm_mem.len;
    return m.m_type;
}
