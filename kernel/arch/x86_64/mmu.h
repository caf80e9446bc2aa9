/* x86-64 page-table entries and indices. */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include <stdint.h>

#define PTE_P    (1ull << 0)
#define PTE_W    (1ull << 1)
#define PTE_U    (1ull << 2)
#define PTE_PWT  (1ull << 3)
#define PTE_PCD  (1ull << 4)
#define PTE_A    (1ull << 5)
#define PTE_D    (1ull << 6)
#define PTE_PS   (1ull << 7)
#define PTE_G    (1ull << 8)
#define PTE_NX   (1ull << 63)
#define PTE_ADDR 0x000FFFFFFFFFF000ull

#define PML4_INDEX(va) (((uint64_t)(va) >> 39) & 511)
#define PDPT_INDEX(va) (((uint64_t)(va) >> 30) & 511)
#define PD_INDEX(va)   (((uint64_t)(va) >> 21) & 511)
#define PT_INDEX(va)   (((uint64_t)(va) >> 12) & 511)

extern uint64_t *kernel_pml4;
extern uint64_t kernel_pml4_pa;
extern uint64_t pte_nx;
extern uint64_t direct_map_end;

#endif
