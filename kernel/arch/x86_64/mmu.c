/*
 * Kernel page tables. mmu_init() replaces the boot tables with the final
 * kernel half: a direct map of all RAM and of the first 4 GiB (the MMIO
 * holes), and the kernel image at KERNEL_VMA. Both use 2 MiB global pages.
 * Every user address space shares these upper-half entries (see vmspace.c).
 */
#include "../../kernel.h"
#include "../../memory.h"
#include "../../bootinfo.h"
#include "../../arch.h"
#include "layout.h"
#include "cpu.h"
#include "mmu.h"
#include "arch_x86.h"

uint64_t *kernel_pml4;
uint64_t kernel_pml4_pa;
uint64_t pte_nx; /* PTE_NX when the CPU has NX, else 0 */
uint64_t direct_map_end;

uint64_t virt_to_phys(const void *va)
{
    uint64_t v = (uint64_t)va;

    if (v >= KERNEL_VMA)
        return v - KERNEL_VMA;
    assert(v >= DIRECT_MAP && v < DIRECT_MAP + direct_map_end);
    return v - DIRECT_MAP;
}

/* A zeroed frame reachable before the direct map exists (first GiB only). */
static uint64_t *early_table(uint64_t *pa_out)
{
    uint64_t pa = mem_take(1, 1ull << 30);

    if (!pa)
        panic("mmu_init: no memory below 1 GiB for page tables");
    uint64_t *t = (uint64_t *)(KERNEL_VMA + pa);
    memset(t, 0, PAGE_SIZE);
    *pa_out = pa;
    return t;
}

/* Is any byte of [base, base+len) usable RAM? Then it is mapped cacheable. */
static bool overlaps_ram(uint64_t base, uint64_t len)
{

    for (int i = 0; i < bootinfo.nmem; i++) {
        const struct boot_memrange *r = &bootinfo.mem[i];
        if (r->type == MEM_USABLE && r->base < base + len && base < r->base + r->len)
            return true;
    }
    return false;
}

static void map_direct(void)
{
    uint64_t end = ROUND_UP(MAX(mem_top, 4ull << 30), 1ull << 30);
    uint64_t pdpt_pa = 0, *pdpt = NULL;

    for (uint64_t gib = 0; gib < end >> 30; gib++) {
        if (gib % 512 == 0) {
            pdpt = early_table(&pdpt_pa);
            kernel_pml4[PML4_INDEX(DIRECT_MAP) + gib / 512] = pdpt_pa | PTE_P | PTE_W;
        }
        uint64_t pd_pa, *pd = early_table(&pd_pa);
        pdpt[gib % 512] = pd_pa | PTE_P | PTE_W;
        for (int i = 0; i < 512; i++) {
            uint64_t pa = (gib << 30) + ((uint64_t)i << 21);
            uint64_t attr = overlaps_ram(pa, 1 << 21) ? 0 : PTE_PCD | PTE_PWT;
            pd[i] = pa | PTE_P | PTE_W | PTE_PS | PTE_G | pte_nx | attr;
        }
    }
    direct_map_end = end;
}

static void map_kernel_image(void)
{
    uint64_t pdpt_pa, *pdpt = early_table(&pdpt_pa);
    uint64_t pd_pa, *pd = early_table(&pd_pa);

    kernel_pml4[511] = pdpt_pa | PTE_P | PTE_W;
    pdpt[510] = pd_pa | PTE_P | PTE_W;
    for (int i = 0; i < 512; i++)
        pd[i] = ((uint64_t)i << 21) | PTE_P | PTE_W | PTE_PS | PTE_G;
}

void mmu_init(void)
{
    uint32_t r[4];

    cpuid(0x80000001, 0, r);
    pte_nx = (r[3] & (1u << 20)) ? PTE_NX : 0;
    kernel_pml4 = early_table(&kernel_pml4_pa);
    map_direct();
    map_kernel_image();
    /* Every PML4 slot of the upper half exists from now on, so user page
     * tables can share them by copying the slots once (vmspace.c). */
    for (int i = 256; i < 512; i++) {
        if (!kernel_pml4[i]) {
            uint64_t pa;
            early_table(&pa);
            kernel_pml4[i] = pa | PTE_P | PTE_W;
        }
    }
    write_cr4(read_cr4() | CR4_PGE);
    write_cr3(kernel_pml4_pa);
    kernel_pml4 = phys_to_virt(kernel_pml4_pa);
}
