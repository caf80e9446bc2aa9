/*
 * The block cache: a fixed set of block-sized buffers with write-back.
 * See cache.c for the design.
 */
#ifndef EXT2_CACHE_H
#define EXT2_CACHE_H

#include <stdbool.h>
#include <stdint.h>

struct ext2_dev;

struct buf {
    uint32_t blockno;
    uint32_t refs;    /* holders; a held buffer is never evicted */
    bool hashed;      /* blockno is valid and the buffer is in the hash */
    bool valid;       /* data holds the block's contents */
    bool dirty;       /* data is newer than the disk */
    bool file_data;   /* a file's data block: written before metadata */
    bool dir_checked; /* data passed the directory check since it was read or last changed */
    struct buf *hash_next;
    struct buf *lru_prev; /* all buffers; the list head is the most recently used */
    struct buf *lru_next;
    uint8_t *data;
};

struct block_cache;

int cache_create(const struct ext2_dev *dev, uint32_t block_size, uint32_t nbufs,
                 struct block_cache **out);
void cache_destroy(struct block_cache *bc);

/* Hold block blockno with its contents read from the device. */
int buf_read(struct block_cache *bc, uint32_t blockno, struct buf **out);
/* Hold block blockno zero-filled and dirty, without reading it: for a block
 * just allocated. Fails if someone holds the block (it is not free). */
int buf_fresh(struct block_cache *bc, uint32_t blockno, struct buf **out);
void buf_dirty(struct buf *bp);
/* The same, for directory code whose change keeps a checked block valid. */
void buf_dirty_keep_check(struct buf *bp);
void buf_release(struct block_cache *bc, struct buf *bp);
/* The block was freed: drop its cached copy, dirty or not, if unheld. */
void cache_forget(struct block_cache *bc, uint32_t blockno);
/* Write every dirty buffer, file data first; returns the first error. */
int cache_flush(struct block_cache *bc);
/* How many buffers are held (0 between calls into the core). */
uint32_t cache_held(const struct block_cache *bc);

#endif
