/*
 * The hardware toolbox: device memory, DMA memory, ports, the interrupt
 * line, time.
 *
 * Device memory is mapped uncached (VMF_DEVICE) into a window of the
 * driver's address space far above the heap and below the stack; the
 * kernel checks the range against the privileges the PCI claim gave us.
 *
 * DMA memory comes from the heap, page-aligned and touched, so every page
 * is present; a device is given each page's physical address as the kernel
 * reports it (KC_VMQUERY on our own space). Pages that look adjacent are
 * not assumed to be: structures a device reads from one base address and
 * that span pages come from nd_dma_alloc_contig(): vm's MAP_CONTIG memory
 * in a process rs started, a run of physically consecutive pages found in
 * the heap in a boot process.
 */
#include <malloc.h>
#include <string.h>
#include <sys/mman.h>
#include <ember/startup.h>
#include "nd.h"

#define MMIO_WINDOW     0x0000600000000000ull
#define MMIO_WINDOW_END 0x0000680000000000ull
#define CONTIG_TRIES    4
#define IRQ_HOOK        0

static uint64_t mmio_next = MMIO_WINDOW;
static int irq_line = -1;

volatile void *nd_map_mmio(uint64_t base, size_t len)
{
    uint64_t first = base & ~(ND_PAGE - 1);

    if (len == 0 || base + len < base || len > MMIO_WINDOW_END - MMIO_WINDOW)
        return NULL;
    uint64_t npages = (base + len - first + ND_PAGE - 1) / ND_PAGE;
    if (mmio_next + npages * ND_PAGE > MMIO_WINDOW_END)
        return NULL;
    if (sys_vmmap(SELF, mmio_next, first, npages, VMF_DEVICE | VMF_WRITE) < 0)
        return NULL;
    volatile uint8_t *va = (volatile uint8_t *)mmio_next + (base - first);
    mmio_next += (npages + 1) * ND_PAGE; /* a guard page between mappings */
    return va;
}

uint64_t nd_dma_phys(const volatile void *addr)
{
    uint64_t va = (uint64_t)addr, pa;

    if (sys_vmquery(SELF, va & ~(ND_PAGE - 1), &pa, NULL) < 0)
        return 0;
    return (pa & ~(ND_PAGE - 1)) + (va & (ND_PAGE - 1));
}

void *nd_dma_alloc(size_t len)
{
    size_t size = (len + ND_PAGE - 1) & ~(ND_PAGE - 1);
    uint8_t *p = memalign(ND_PAGE, size);

    if (!p)
        return NULL;
    memset(p, 0, size);
    for (size_t off = 0; off < size; off += ND_PAGE)
        if (!nd_dma_phys(p + off))
            return NULL; /* not backed: unusable for DMA (kept, not reused) */
    return p;
}

/* The first run of n physically consecutive pages in [p, p + total). */
static uint8_t *find_run(uint8_t *p, size_t total, size_t n)
{
    size_t run = 0;
    uint64_t prev = 0;

    for (size_t i = 0; i < total; i++) {
        uint64_t pa = nd_dma_phys(p + i * ND_PAGE);
        run = pa && run && pa == prev + ND_PAGE ? run + 1 : (pa ? 1 : 0);
        prev = pa;
        if (run == n)
            return p + (i + 1 - n) * ND_PAGE;
    }
    return NULL;
}

void *nd_dma_alloc_contig(size_t len, uint64_t *phys)
{
    size_t n = (len + ND_PAGE - 1) / ND_PAGE;

    if (!__startup.boot) { /* a process rs started: vm has such memory (as libblockdriver) */
        void *p = mmap(NULL, n * ND_PAGE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_CONTIG, -1, 0);
        if (p != MAP_FAILED && (*phys = nd_dma_phys(p)) != 0)
            return p;
        if (p != MAP_FAILED)
            munmap(p, n * ND_PAGE);
    }
    for (int t = 0; t < CONTIG_TRIES; t++) {
        size_t total = n << t; /* a bigger pool each time */
        uint8_t *pool = nd_dma_alloc(total * ND_PAGE);
        if (!pool)
            return NULL;
        uint8_t *run = find_run(pool, total, n);
        if (run) {
            *phys = nd_dma_phys(run);
            return run; /* the rest of the pool stays allocated */
        }
        free(pool);
    }
    return NULL;
}

uint32_t nd_in(unsigned port, int size)
{
    uint32_t v = 0;

    if (sys_devio(DEVIO_IN, size, port, &v) < 0)
        return 0xFFFFFFFFu;
    return v;
}

void nd_out(unsigned port, int size, uint32_t value)
{
    sys_devio(DEVIO_OUT, size, port, &value);
}

int nd_irq_attach(int irq)
{
    int r = sys_irqctl(IRQ_SETPOLICY, irq, IRQ_HOOK);

    if (r == 0)
        irq_line = irq;
    return r;
}

void nd_irq_enable(void)
{
    if (irq_line >= 0)
        sys_irqctl(IRQ_ENABLE, irq_line, IRQ_HOOK);
}

uint64_t nd_now_ns(void)
{
    return sys_uptime_ns();
}

uint64_t nd_deadline(uint64_t us)
{
    return nd_now_ns() + us * 1000;
}

bool nd_passed(uint64_t deadline)
{
    return nd_now_ns() >= deadline;
}

void nd_delay_us(uint64_t us)
{
    uint64_t end = nd_deadline(us);

    while (!nd_passed(end))
        ;
}

/* Sleep on the alarm; only for start-up and shut-down, outside the loop
 * (other messages wait meanwhile). */
void nd_sleep_ms(unsigned ms)
{
    message m;

    if (sys_setalarm((uint64_t)ms * 1000000ull, 1, NULL) < 0)
        return;
    ipc_receive(CLOCK, &m);
}
