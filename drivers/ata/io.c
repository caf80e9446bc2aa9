/*
 * Bus-master DMA (the PIIX's IDE DMA, after SFF-8038i). The controller
 * walks a table of physical region descriptors (PRDs): 32-bit address,
 * byte count (0 means 64 KiB), and an end-of-table flag; a region may not
 * cross a 64 KiB boundary. One PRD per physically contiguous run of the
 * DMA buffer, so nothing assumes that pages are neighbours.
 *
 * A transfer: stop the engine, load the table, clear its status, set the
 * direction, give the drive the command, start the engine, and wait for
 * the interrupt (the engine's status shows it) or the deadline. Then stop
 * the engine and read the drive's status, which also lowers its interrupt
 * request so the next completion is a new edge on the ISA line.
 */
#include <string.h>
#include "ata.h"

#define PRD_ENTRIES     64
#define LBA28_LIMIT     (1ull << 28)
#define LBA28_MAX_COUNT 256
#define DMA_TIMEOUT     (5000 * MS)
#define RESET_TIMEOUT   (5000 * MS)
#define READY_TIMEOUT   (1000 * MS)
#define POLL_INTERVAL   (1 * MS)

struct prd {
    uint32_t addr;
    uint16_t count;
    uint16_t flags;
};

_Static_assert(sizeof(struct prd) == 8, "PRD layout");

static struct dma_buf prd_page; /* the table: one page never crosses 64 KiB */

int ata_io_init(void)
{
    return dma_alloc(&prd_page, BDR_PAGE);
}

static void bm_clear_status(void)
{
    uint8_t st = port_in8(drive.bm + BM_STATUS);
    port_out8(drive.bm + BM_STATUS, (uint8_t)((st & BM_ST_KEEP) | BM_ST_ERROR | BM_ST_IRQ));
}

static void bm_stop(void)
{
    port_out8(drive.bm + BM_COMMAND, 0);
}

/* Describe [off, off + len) of buf in the PRD table. */
static int build_prdt(const struct dma_buf *buf, size_t off, size_t len)
{
    struct dma_seg segs[PRD_ENTRIES];
    struct prd *table = (struct prd *)prd_page.virt;
    int n = dma_segments(buf, off, len, PRD_MAX_BYTES, PRD_MAX_BYTES, segs, PRD_ENTRIES);

    if (n <= 0)
        return -EIO;
    for (int i = 0; i < n; i++) {
        if (segs[i].phys + segs[i].len > (1ull << 32))
            return -EIO; /* the engine addresses 4 GiB only */
        table[i].addr = (uint32_t)segs[i].phys;
        table[i].count = (uint16_t)(segs[i].len & 0xFFFF);
        table[i].flags = i == n - 1 ? PRD_EOT : 0;
    }
    return 0;
}

static bool drive_ready(void *arg)
{
    (void)arg;
    return !(ata_alt_status(&drive) & (ST_BSY | ST_DRQ));
}

/* Load the task file and send the command. */
static void issue(bool write, uint64_t lba, size_t count)
{
    uint16_t c = drive.cmd;
    uint8_t dev = DEV_OBS | DEV_LBA | (drive.slave ? DEV_SLAVE : 0);

    if (drive.lba48) {
        port_out8(c + REG_DEVICE, dev);
        port_out8(c + REG_COUNT, (uint8_t)(count >> 8));
        port_out8(c + REG_LBA0, (uint8_t)(lba >> 24));
        port_out8(c + REG_LBA1, (uint8_t)(lba >> 32));
        port_out8(c + REG_LBA2, (uint8_t)(lba >> 40));
        port_out8(c + REG_COUNT, (uint8_t)count);
        port_out8(c + REG_LBA0, (uint8_t)lba);
        port_out8(c + REG_LBA1, (uint8_t)(lba >> 8));
        port_out8(c + REG_LBA2, (uint8_t)(lba >> 16));
        port_out8(c + REG_COMMAND, write ? CMD_WRITE_DMA_EXT : CMD_READ_DMA_EXT);
    } else {
        port_out8(c + REG_DEVICE, (uint8_t)(dev | ((lba >> 24) & 0x0F)));
        port_out8(c + REG_COUNT, (uint8_t)count); /* 256 is written as 0 */
        port_out8(c + REG_LBA0, (uint8_t)lba);
        port_out8(c + REG_LBA1, (uint8_t)(lba >> 8));
        port_out8(c + REG_LBA2, (uint8_t)(lba >> 16));
        port_out8(c + REG_COMMAND, write ? CMD_WRITE_DMA : CMD_READ_DMA);
    }
}

static bool dma_finished(void *arg)
{
    (void)arg;
    return (port_in8(drive.bm + BM_STATUS) & (BM_ST_IRQ | BM_ST_ERROR)) != 0;
}

int ata_transfer(bool write, uint64_t lba, size_t count, const struct dma_buf *buf, size_t off)
{
    if (count == 0 || (!drive.lba48 && (lba + count > LBA28_LIMIT || count > LBA28_MAX_COUNT)))
        return -EIO;
    int r = build_prdt(buf, off, count * BDR_SECTOR);
    if (r == 0)
        r = bdr_poll(drive_ready, NULL, POLL_INTERVAL, READY_TIMEOUT);
    if (r < 0)
        return r;
    bm_stop();
    port_out32(drive.bm + BM_PRDT, (uint32_t)prd_page.pages[0]);
    bm_clear_status();
    port_out8(drive.bm + BM_COMMAND, write ? 0 : BM_CMD_READ);
    issue(write, lba, count);
    port_out8(drive.bm + BM_COMMAND, (uint8_t)((write ? 0 : BM_CMD_READ) | BM_CMD_START));
    r = bdr_wait(dma_finished, NULL, DMA_TIMEOUT);
    uint8_t bm_status = port_in8(drive.bm + BM_STATUS);
    bm_stop();
    uint8_t status = ata_status(&drive);
    bm_clear_status();
    if (r < 0)
        return r;
    if ((bm_status & BM_ST_ERROR) || (status & (ST_ERR | ST_DF | ST_BSY)))
        return -EIO;
    return 0;
}

static bool reset_done(void *arg)
{
    (void)arg;
    return !(ata_alt_status(&drive) & ST_BSY);
}

/* Software reset of the channel: SRST high, then low, then wait for the
 * drives to finish their diagnostics. The engine is stopped first. */
void ata_reset(void)
{
    bm_stop();
    bm_clear_status();
    port_out8(drive.ctl, CTL_SRST | CTL_NIEN);
    bdr_sleep(1 * MS);
    port_out8(drive.ctl, 0);
    bdr_sleep(2 * MS);
    if (bdr_poll(reset_done, NULL, POLL_INTERVAL, RESET_TIMEOUT) < 0)
        bdr_log("the drive stays busy after a reset");
    port_out8(drive.cmd + REG_DEVICE, DEV_OBS | DEV_LBA | (drive.slave ? DEV_SLAVE : 0));
    (void)ata_status(&drive);
}

/* An interrupt nobody waited for: lower the request, clear the engine. */
void ata_interrupt(uint64_t irqs)
{
    (void)irqs;
    (void)ata_status(&drive);
    bm_clear_status();
}
