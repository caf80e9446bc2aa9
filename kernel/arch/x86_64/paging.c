/*
 * User page tables: four levels of 4 KiB pages, tables from the kernel's
 * pool. The upper half of every top-level table is a copy of the kernel's
 * (mmu.c made all its slots exist at boot, so the copies never go stale).
 * With PCID each space has its own TLB tag; a space whose mappings change
 * while it is not loaded is flushed when next loaded.
 */
#include "../../space.h"
#include "../../memory.h"
#include "../../arch.h"
#include "cpu.h"
#include "layout.h"
#include "mmu.h"
#include "arch_x86.h"

#define USER_END    0x0000800000000000ull
#define TABLE_FLAGS (PTE_P | PTE_W | PTE_U)

HOT_DATA bool cpu_has_pcid;
HOT_DATA static struct space *loaded;

void paging_init(void)
{
    uint32_t r[4];

    cpuid(1, 0, r);
    cpu_has_pcid = (r[2] & (1u << 17)) != 0;
    if (cpu_has_pcid)
        write_cr4(read_cr4() | CR4_PCIDE);
}

int arch_space_init(struct space *s)
{
    uint64_t pa = frame_alloc();

    if (!pa)
        return -ENOMEM;
    uint64_t *pml4 = phys_to_virt(pa);
    for (int i = 256; i < 512; i++)
        pml4[i] = kernel_pml4[i];
    s->root = pa;
    memset(s->walk_memo, 0, sizeof(s->walk_memo));
    return 0;
}

static void free_table(uint64_t pa, int level)
{
    uint64_t *t = phys_to_virt(pa);

    if (level > 1)
        for (int i = 0; i < 512; i++)
            if (t[i] & PTE_P)
                free_table(t[i] & PTE_ADDR, level - 1);
    frame_free(pa);
}

void arch_space_free(struct space *s)
{
    uint64_t *pml4 = phys_to_virt(s->root);

    if (loaded == s) {
        write_cr3(kernel_pml4_pa);
        loaded = NULL;
    }
    for (int i = 0; i < 256; i++)
        if (pml4[i] & PTE_P)
            free_table(pml4[i] & PTE_ADDR, 3);
    frame_free(s->root);
    s->root = 0;
}

HOT_PATH void space_load(struct space *s)
{
    if (s == loaded && !s->tlb_stale)
        return;
    uint64_t cr3 = s->root;
    if (cpu_has_pcid) {
        cr3 |= s->asid;
        if (!s->tlb_stale)
            cr3 |= 1ull << 63; /* keep this PCID's TLB entries */
    }
    write_cr3(cr3);
    s->tlb_stale = false;
    loaded = s;
}

void arch_tlb_changed(struct space *s, uint64_t va)
{
    if (s == loaded)
        invlpg(va);
    else
        s->tlb_stale = true;
}

/* The level-1 entry for va, creating tables on the way. */
static uint64_t *walk_create(struct space *s, uint64_t va)
{
    uint64_t *table = phys_to_virt(s->root);
    static const int shifts[] = { 39, 30, 21 };

    for (int l = 0; l < 3; l++) {
        uint64_t *e = &table[(va >> shifts[l]) & 511];
        if (!(*e & PTE_P)) {
            uint64_t pa = frame_alloc();
            if (!pa)
                return NULL;
            *e = pa | TABLE_FLAGS;
        }
        table = phys_to_virt(*e & PTE_ADDR);
    }
    return &table[(va >> 12) & 511];
}

/* The level-1 entry for va if its tables exist. Every copy to or from
 * user memory translates through here, once per page, so the level-1
 * table of each 2 MiB region walked is remembered in the space (4 regions,
 * direct-mapped): tables are freed only with the whole space, so a
 * remembered table stays the right one, and its entries are read afresh. */
static __attribute__((noinline)) uint64_t *walk_tables(struct space *s, uint64_t va,
                                                       struct walk_memo *m)
{
    uint64_t e = ((uint64_t *)phys_to_virt(s->root))[(va >> 39) & 511];

    if (!(e & PTE_P))
        return NULL;
    e = ((uint64_t *)phys_to_virt(e & PTE_ADDR))[(va >> 30) & 511];
    if (!(e & PTE_P))
        return NULL;
    e = ((uint64_t *)phys_to_virt(e & PTE_ADDR))[(va >> 21) & 511];
    if (!(e & PTE_P))
        return NULL;
    m->key = (va >> 21) + 1;
    m->table = phys_to_virt(e & PTE_ADDR);
    return &m->table[(va >> 12) & 511];
}

static inline uint64_t *walk(struct space *s, uint64_t va)
{
    uint64_t key = (va >> 21) + 1;
    struct walk_memo *m = &s->walk_memo[key % NR_WALK_MEMO];

    if (m->key == key)
        return &m->table[(va >> 12) & 511];
    return walk_tables(s, va, m);
}

static uint64_t pte_bits(uint32_t flags)
{
    uint64_t bits = PTE_P;

    if (flags & VMF_USER)
        bits |= PTE_U;
    if (flags & VMF_WRITE)
        bits |= PTE_W;
    if (!(flags & VMF_EXEC))
        bits |= pte_nx;
    if (flags & VMF_DEVICE)
        bits |= PTE_PCD | PTE_PWT;
    return bits;
}

int arch_map(struct space *s, uint64_t va, uint64_t pa, uint32_t flags)
{
    if (va >= USER_END || (va & 0xFFF) || (pa & 0xFFF) || (pa & ~PTE_ADDR))
        return -EINVAL;
    uint64_t *pte = walk_create(s, va);
    if (!pte)
        return -ENOMEM;
    bool was = *pte & PTE_P;
    *pte = pa | pte_bits(flags);
    if (was)
        arch_tlb_changed(s, va);
    return 0;
}

int arch_unmap(struct space *s, uint64_t va)
{
    if (va >= USER_END)
        return -EINVAL;
    uint64_t *pte = walk(s, va);
    if (!pte || !(*pte & PTE_P))
        return -ENOENT;
    *pte = 0;
    arch_tlb_changed(s, va);
    return 0;
}

int arch_protect(struct space *s, uint64_t va, uint32_t flags)
{
    if (va >= USER_END)
        return -EINVAL;
    uint64_t *pte = walk(s, va);
    if (!pte || !(*pte & PTE_P))
        return -ENOENT;
    uint64_t keep = *pte & (PTE_ADDR | PTE_PCD | PTE_PWT);
    *pte = keep | pte_bits(flags & ~VMF_DEVICE);
    arch_tlb_changed(s, va);
    return 0;
}

int arch_lookup(struct space *s, uint64_t va, uint64_t *pa, uint32_t *flags)
{
    if (va >= USER_END)
        return -EFAULT;
    uint64_t *pte = walk(s, va);
    if (!pte || !(*pte & PTE_P))
        return -ENOENT;
    *pa = (*pte & PTE_ADDR) | (va & 0xFFF);
    *flags = (*pte & PTE_U ? VMF_USER : 0) | (*pte & PTE_W ? VMF_WRITE : 0) |
             (*pte & pte_nx ? 0 : VMF_EXEC) | (*pte & PTE_PCD ? VMF_DEVICE : 0);
    return 0;
}

int arch_user_phys(struct space *s, uint64_t va, bool write, uint64_t *pa)
{
    if (va >= USER_END)
        return -EFAULT;
    uint64_t *pte = walk(s, va);
    if (!pte)
        return -ENOENT;
    uint64_t e = *pte, need = PTE_P | PTE_U | (write ? PTE_W : 0);
    if ((e & need) == need) {
        *pa = (e & PTE_ADDR) | (va & 0xFFF);
        return 0;
    }
    return (e & (PTE_P | PTE_U)) == PTE_P ? -EFAULT : -ENOENT;
}
