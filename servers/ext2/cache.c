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
 * Clusters: every device request costs a round trip through the driver and
 * a device interrupt, whatever its size, so consecutive blocks move
 * together, up to CLUSTER_BYTES at a time, through a staging buffer. A
 * write-back takes the run of dirty blocks that follow the one written
 * (and, at cache_flush, the run around it), and a read that misses right
 * after the previous miss's cluster (a sequential reader) reads ahead the
 * blocks after it that are not cached, in a window that doubles up to a
 * cluster. Blocks read ahead go to the most recently used end, unheld.
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

/* The largest transfer: 448 KiB fits one virtio-blk request under QEMU's
 * seg_max (126 pages); a sequential reader waits once per cluster. */
#define CLUSTER_BYTES (448u * 1024)

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
    uint8_t *staging;     /* cluster_max blocks, for clustered transfers */
    uint32_t cluster_max; /* blocks in a cluster */
    uint32_t next_seq;    /* the block after the last miss's cluster */
    uint32_t window;      /* read-ahead window, blocks (1: none) */
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
    bp->dir_checked = false;
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

/* The dirty buffer of the block after bp's, of the same kind, if there is
 * one that may be written now (held ones only when held_too). */
static struct buf *dirty_next(struct block_cache *bc, const struct buf *bp, bool held_too)
{
    struct buf *next = bp->blockno + 1 < bc->dev_blocks ? hash_find(bc, bp->blockno + 1) : NULL;
    if (next && next->valid && next->dirty && next->file_data == bp->file_data &&
        (held_too || next->refs == 0))
        return next;
    return NULL;
}

/* Write bp and the run of dirty blocks after it in one request when there
 * is such a run; a failed cluster is written block by block, so only the
 * failing blocks stay dirty. Returns bp's result. */
static int write_run(struct block_cache *bc, struct buf *bp, bool held_too)
{
    struct buf *run[bc->cluster_max];
    uint32_t n = 1;

    run[0] = bp;
    while (n < bc->cluster_max && (run[n] = dirty_next(bc, run[n - 1], held_too)) != NULL)
        n++;
    if (n == 1)
        return device_write(bc, bp);
    for (uint32_t i = 0; i < n; i++)
        memcpy(bc->staging + (size_t)i * bc->block_size, run[i]->data, bc->block_size);
    uint64_t offset = (uint64_t)bp->blockno * bc->block_size;
    if (bc->dev->write(bc->dev->ctx, offset, bc->staging, (size_t)n * bc->block_size) == 0) {
        for (uint32_t i = 0; i < n; i++)
            run[i]->dirty = false;
        return 0;
    }
    int err = 0;
    for (uint32_t i = 0; i < n; i++) {
        int r = device_write(bc, run[i]);
        if (i == 0)
            err = r;
    }
    return err;
}

/* Take the least recently used unheld buffer, writing it back if dirty. */
static struct buf *evict(struct block_cache *bc)
{
    for (struct buf *bp = bc->lru.lru_prev; bp != &bc->lru; bp = bp->lru_prev) {
        if (bp->refs != 0)
            continue;
        if (bp->dirty && write_run(bc, bp, false) != 0)
            continue;
        if (bp->hashed)
            hash_remove(bc, bp);
        return bp;
    }
    return NULL;
}

/* How many blocks from blockno to read in one request: 1, or on a
 * sequential miss the window (grown), cut at the first cached block. */
static uint32_t read_ahead_count(struct block_cache *bc, uint32_t blockno)
{
    if (blockno == bc->next_seq && bc->cluster_max > 1)
        bc->window = bc->window * 2 > bc->cluster_max ? bc->cluster_max : bc->window * 2;
    else
        bc->window = 1;
    uint32_t n = 1;
    while (n < bc->window && blockno + n < bc->dev_blocks && !hash_find(bc, blockno + n))
        n++;
    return n;
}

/* Read blockno into bp (held, unhashed) and, in the same request, up to
 * count - 1 following blocks into fresh unheld buffers. Read-ahead is
 * best effort: on any trouble only blockno is read, by itself. */
static int read_cluster(struct block_cache *bc, struct buf *bp, uint32_t blockno, uint32_t count)
{
    struct buf *extra[bc->cluster_max];
    uint32_t n = 1;

    bc->next_seq = blockno + 1;
    for (; n < count; n++) {
        if ((extra[n] = evict(bc)) == NULL)
            break;
        extra[n]->refs++; /* keeps evict from handing it out again */
    }
    uint64_t offset = (uint64_t)blockno * bc->block_size;
    int r =
        n > 1 ? bc->dev->read(bc->dev->ctx, offset, bc->staging, (size_t)n * bc->block_size) : -1;
    if (r == 0) {
        memcpy(bp->data, bc->staging, bc->block_size);
        bc->next_seq = blockno + n;
    }
    for (uint32_t i = 1; i < n; i++) {
        struct buf *ra = extra[i];
        ra->refs--;
        if (r == 0) {
            memcpy(ra->data, bc->staging + (size_t)i * bc->block_size, bc->block_size);
            hash_insert(bc, ra, blockno + i);
            ra->valid = true;
            ra->dirty = false;
            ra->file_data = false;
            ra->dir_checked = false;
            lru_unlink(ra);
            lru_insert(bc, ra, true);
        }
    }
    return r == 0 ? 0 : device_read(bc, bp, blockno);
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
    uint32_t count = blockno < bc->dev_blocks ? read_ahead_count(bc, blockno) : 1;
    hold(bp);
    int r = read_cluster(bc, bp, blockno, count);
    bp->refs--;
    if (r != 0) {
        lru_unlink(bp);
        lru_insert(bc, bp, false);
        return -EIO;
    }
    hash_insert(bc, bp, blockno);
    bp->valid = true;
    bp->file_data = false;
    bp->dir_checked = false;
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
    bp->dir_checked = false;
    hold(bp);
    *out = bp;
    return 0;
}

void buf_dirty(struct buf *bp)
{
    bp->dirty = true;
    bp->dir_checked = false; /* whoever changed it, the directory check starts over */
}

void buf_dirty_keep_check(struct buf *bp)
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

/* Write the dirty buffers of one kind, a run of consecutive blocks at a
 * time; a run starts at most cluster_max - 1 blocks before the buffer that
 * begins it, so the buffer is always in it. Returns the first error. */
static int flush_kind(struct block_cache *bc, bool file_data)
{
    int err = 0;
    for (uint32_t i = 0; i < bc->nbufs; i++) {
        struct buf *bp = &bc->bufs[i];
        if (!bp->dirty || bp->file_data != file_data)
            continue;
        for (uint32_t back = 1; back < bc->cluster_max && bp->blockno > 0; back++) {
            struct buf *prev = hash_find(bc, bp->blockno - 1);
            if (!prev || !prev->valid || !prev->dirty || prev->file_data != file_data)
                break;
            bp = prev;
        }
        int r = write_run(bc, bp, true);
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
    bc->cluster_max = block_size < CLUSTER_BYTES ? CLUSTER_BYTES / block_size : 1;
    if (bc->cluster_max > nbufs / 4)
        bc->cluster_max = nbufs / 4 ? nbufs / 4 : 1; /* a small cache keeps most of itself */
    bc->staging = malloc((size_t)bc->cluster_max * block_size);
    bc->window = 1;
    bc->next_seq = UINT32_MAX;
    if (bc->bufs == NULL || bc->hash == NULL || bc->memory == NULL || bc->staging == NULL) {
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
        lru_insert(bc, &bc->bufs[i], true); /* bufs[0] is taken first */
    }
    *out = bc;
    return 0;
}

void cache_destroy(struct block_cache *bc)
{
    if (bc == NULL)
        return;
    free(bc->staging);
    free(bc->memory);
    free(bc->hash);
    free(bc->bufs);
    free(bc);
}
