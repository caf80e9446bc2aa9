/*
 * Minors and the MBR partition table. Minor 0 is the whole disk; minors
 * 1-4 are the four primary entries of the table in sector 0, when it has
 * the 0x55AA signature. An entry of type 0 or with no sectors is absent;
 * an entry that runs past the end of the disk is cut at the end (one that
 * starts past it is absent). Extended partitions are not followed: their
 * container is a minor like any other.
 *
 * The table is read at start-up and again when minor 0 is opened while no
 * minor is open, so a partitioning tool's changes are seen without
 * disturbing a mounted file system.
 */
#include <string.h>
#include "bdr.h"

#define MBR_TABLE     0x1BE
#define MBR_ENTRY     16
#define MBR_SIGNATURE 0x1FE
#define ENTRY_TYPE    4
#define ENTRY_START   8
#define ENTRY_COUNT   12

static struct bdr_minor minors[BDR_MINORS];

struct bdr_minor *bdr_minor(int minor)
{
    if (minor < 0 || minor >= BDR_MINORS || !minors[minor].present)
        return NULL;
    return &minors[minor];
}

bool bdr_any_open(void)
{
    for (int i = 0; i < BDR_MINORS; i++)
        if (minors[i].opens > 0)
            return true;
    return false;
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void set_entry(int minor, const uint8_t *e, uint64_t disk_sectors)
{
    uint64_t start = le32(e + ENTRY_START), count = le32(e + ENTRY_COUNT);
    struct bdr_minor *m = &minors[minor];

    m->present = false;
    if (e[ENTRY_TYPE] == 0 || count == 0 || start == 0 || start >= disk_sectors)
        return;
    if (count > disk_sectors - start)
        count = disk_sectors - start;
    m->start = start * BDR_SECTOR;
    m->size = count * BDR_SECTOR;
    m->present = true;
}

/* Read sector 0 into the DMA buffer and set the minors from it. */
int bdr_read_partitions(void)
{
    uint64_t sectors = bdr_drv->sectors;

    minors[0] = (struct bdr_minor){ 0, sectors * BDR_SECTOR, true, minors[0].opens };
    for (int i = 1; i < BDR_MINORS; i++)
        minors[i].present = false;
    if (sectors == 0)
        return 0;
    int r = bdr_device_io(false, 0, 1, 0);
    if (r < 0)
        return r;
    const uint8_t *mbr = bdr_buf.virt;
    if (mbr[MBR_SIGNATURE] != 0x55 || mbr[MBR_SIGNATURE + 1] != 0xAA)
        return 0;
    for (int i = 1; i < BDR_MINORS; i++)
        set_entry(i, mbr + MBR_TABLE + (i - 1) * MBR_ENTRY, sectors);
    return 0;
}
