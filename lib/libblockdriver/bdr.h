/* The block driver library's internals, shared by its files. */
#ifndef BDR_H
#define BDR_H

#include "blockdriver.h"

/* A minor: a byte range of the disk. Minor 0 is the whole disk. */
struct bdr_minor {
    uint64_t start, size; /* bytes */
    bool present;
    int opens;
};

extern struct blockdriver *bdr_drv; /* set once by bdr_run() */
extern struct dma_buf bdr_buf;      /* the driver's DMA buffer */

/* partition.c */
struct bdr_minor *bdr_minor(int minor);
int bdr_read_partitions(void);
bool bdr_any_open(void);

/* request.c */
int bdr_do_read(message *m);
int bdr_do_write(message *m);
int bdr_device_io(bool write, uint64_t lba, size_t count, size_t off);

/* wait.c: requests kept while the driver waited, and notifications that
 * arrive in the main loop. */
bool bdr_queue_pop(message *m);
void bdr_notification(const message *m);

#endif
