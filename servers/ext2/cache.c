/*
 * The block cache.
 *
 * A fixed number of block-sized buffers, allocated once at mount. Each
 * buffer is on one LRU list (most recently released at the head) and, while
 * it names a block, on a hash chain keyed by block number. Callers hold a
 * buffer with buf_read or buf_fresh and give it back with buf_release; a
 * held buffer is never evicted, so an operation that holds every buffer it
 * will change cannot fail half way through for want of one. No operation
 * holds more than a couple of dozen buffers, and the cache has at least
 * EXT2_CACHE_MIN.
 *
 * Writes are delayed: buf_dirty marks a buffer, and it reaches the disk when
 * it is evicted (the least recently used unheld buffer is reused) or at
 * cache_flush, which writes file data before metadata.
 *
 * Device errors: a failed read leaves no buffer behind, so the caller gets
 * -EIO and nothing half-read is ever used or written back. A failed write
 * leaves the buffer dirty; eviction then tries the next candidate, and the
 * next flush tries the write again. If every unheld buffer is dirty and
 * unwritable, getting a new block fails with -EIO.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "ext2fs.h"

struct block_cache {
    const struct ext2_dev *dev;
    uint32_t block_size;
    uint32_t nbufs;
    uint32_t hash_mask;
    uint64_t dev_blocks; /* blocks the device holds: a bound on blockno */
    struct buf *bufs;
    struct buf **hash;
    struct buf lru; /* list head: lru.lru_next is the most recently used */
    uint8_t *memory;
};

static uint32_t hash_slot(const struct block_cache *bc, uint32_t blockno)
{
    return (blockno * 2654435761u) & bc->hash_mask;
}

static struct buf *hash_find(const struct block_cache *bc, uint32_t blockno)
{
    struct buf *bp = bc->hash[hash_slot(bc, blockno)];
    while (bp && bp->blockno != blockno)
        bp = bp->hash_next;
    return bp;
}

static void hash_insert(struct block_cache *bc, struct buf *bp, uint32_t blockno)
{
    uint32_t slot = hash_slot(bc, blockno);
    bp->blockno = blockno;
    bp->hash_next = bc->hash[slot];
    bc->hash[slot] = bp;
    bp->hashed = true;
}

static void hash_remove(struct block_cache *bc, struct buf *bp)
{
    struct buf **link = &bc->hash[hash_slot(bc, bp->blockno)];
    while (*link != bp)
        link = &(*link)->hash_next;
    *link = bp->hash_next;
    bp->hashed = false;
    bp->valid = false;
    bp->dirty = false;
}

static void lru_unlink(struct buf *bp)
{
    bp->lru_prev->lru_next = bp->lru_next;
    bp->lru_next->lru_prev = bp->lru_prev;
}

/* Put bp at the head (most recently used) or the tail (reuse first). */
static void lru_insert(struct block_cache *bc, struct buf *bp, bool head)
{
    struct buf *before = head ? &bc->lru : bc->lru.lru_prev;
    bp->lru_prev = before;
    bp->lru_next = before->lru_next;
    before->lru_next->lru_prev = bp;
    before->lru_next = bp;
}

static int device_read(struct block_cache *bc, struct buf *bp, uint32_t blockno)
{
    uint64_t offset = (uint64_t)blockno * bc->block_size;
    if (blockno >= bc->dev_blocks)
        return -EIO;
    if (bc->dev->read(bc->dev->ctx, offset, bp->data, bc->block_size) != 0)
        return -EIO;
    return 0;
}

static int device_write(struct block_cache *bc, struct buf *bp)
{
    uint64_t offset = (uint64_t)bp->blockno * bc->block_size;
    if (bc->dev->write(bc->dev->ctx, offset, bp->data, bc->block_size) != 0)
        return -EIO;
    bp->dirty = false;
    return 0;
}

/* Take the least recently used unheld buffer, writing it back if dirty. */
static struct buf *evict(struct block_cache *bc)
{
    for (struct buf *bp = bc->lru.lru_prev; bp != &bc->lru; bp = bp->lru_prev) {
        if (bp->refs != 0)
            continue;
        if (bp->dirty && device_write(bc, bp) != 0)
            continue;
        if (bp->hashed)
            hash_remove(bc, bp);
        return bp;
    }
    return NULL;
}

static void hold(struct buf *bp)
{
    bp->refs++;
}

int buf_read(struct block_cache *bc, uint32_t blockno, struct buf **out)
{
    struct buf *bp = hash_find(bc, blockno);
    if (bp && bp->valid) {
        hold(bp);
        *out = bp;
        return 0;
    }
    if (bp)
        hash_remove(bc, bp); /* a read of it failed before */
    else if ((bp = evict(bc)) == NULL)
        return -EIO;
    if (device_read(bc, bp, blockno) != 0) {
        lru_unlink(bp);
        lru_insert(bc, bp, false);
        return -EIO;
    }
    hash_insert(bc, bp, blockno);
    bp->valid = true;
    bp->file_data = false;
    hold(bp);
    *out = bp;
    return 0;
}

int buf_fresh(struct block_cache *bc, uint32_t blockno, struct buf **out)
{
    struct buf *bp = hash_find(bc, blockno);
    if (blockno >= bc->dev_blocks || (bp && bp->refs != 0))
        return -EIO;
    if (!bp) {
        if ((bp = evict(bc)) == NULL)
            return -EIO;
        hash_insert(bc, bp, blockno);
    }
    memset(bp->data, 0, bc->block_size);
    bp->valid = true;
    bp->dirty = true;
    bp->file_data = false;
    hold(bp);
    *out = bp;
    return 0;
}

void buf_dirty(struct buf *bp)
{
    bp->dirty = true;
}

void buf_release(struct block_cache *bc, struct buf *bp)
{
    if (bp->refs == 0)
        abort(); /* broken invariant: released more often than held */
    if (--bp->refs == 0) {
        lru_unlink(bp);
        lru_insert(bc, bp, true);
    }
}

void cache_forget(struct block_cache *bc, uint32_t blockno)
{
    struct buf *bp = hash_find(bc, blockno);
    if (bp == NULL || bp->refs != 0)
        return;
    hash_remove(bc, bp);
    lru_unlink(bp);
    lru_insert(bc, bp, false);
}

/* Write the dirty buffers of one kind; returns the first error. */
static int flush_kind(struct block_cache *bc, bool file_data)
{
    int err = 0;
    for (uint32_t i = 0; i < bc->nbufs; i++) {
        struct buf *bp = &bc->bufs[i];
        if (!bp->dirty || bp->file_data != file_data)
            continue;
        int r = device_write(bc, bp);
        if (r != 0 && err == 0)
            err = r;
    }
    return err;
}

int cache_flush(struct block_cache *bc)
{
    int err = flush_kind(bc, true);
    int meta_err = flush_kind(bc, false);
    return err != 0 ? err : meta_err;
}

uint32_t cache_held(const struct block_cache *bc)
{
    uint32_t held = 0;
    for (uint32_t i = 0; i < bc->nbufs; i++)
        held += bc->bufs[i].refs != 0;
    return held;
}

static uint32_t hash_size_for(uint32_t nbufs)
{
    uint32_t size = 1;
    while (size < nbufs * 2)
        size <<= 1;
    return size;
}

int cache_create(const struct ext2_dev *dev, uint32_t block_size, uint32_t nbufs,
                 struct block_cache **out)
{
    struct block_cache *bc = calloc(1, sizeof(*bc));
    uint32_t hash_size = hash_size_for(nbufs);
    if (bc == NULL)
        return -ENOMEM;
    bc->bufs = calloc(nbufs, sizeof(*bc->bufs));
    bc->hash = calloc(hash_size, sizeof(*bc->hash));
    bc->memory = malloc((size_t)nbufs * block_size);
    if (bc->bufs == NULL || bc->hash == NULL || bc->memory == NULL) {
        cache_destroy(bc);
        return -ENOMEM;
    }
    bc->dev = dev;
    bc->block_size = block_size;
    bc->nbufs = nbufs;
    bc->hash_mask = hash_size - 1;
    bc->dev_blocks = dev->size / block_size;
    bc->lru.lru_next = bc->lru.lru_prev = &bc->lru;
    for (uint32_t i = 0; i < nbufs; i++) {
        bc->bufs[i].data = bc->memory + (size_t)i * block_size;
        lru_insert(bc, &bc->bufs[i], false);
    }
    *out = bc;
    return 0;
}

void cache_destroy(struct block_cache *bc)
{
    if (bc == NULL)
        return;
    free(bc->memory);
    free(bc->hash);
    free(bc->bufs);
    free(bc);
}
