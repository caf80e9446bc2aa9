/*
 * Internals shared by the files of the ext2 core: the mounted file system,
 * the in-core inode handle, and each file's functions, grouped by file.
 *
 * The layers, bottom up (compare xv6's fs.c):
 *   cache.c     block buffers, LRU, write-back
 *   alloc.c     block and inode bitmaps, free counts, the metadata map
 *   inode.c     inode handles, deletion; iref.c references; attr.c attributes
 *   bmap.c      a file's logical blocks -> disk blocks, allocating
 *   truncate.c  freeing a file's blocks; file.c read and write
 *   dir.c       directory blocks and entries; lookup.c lookup and listing
 *   create.c, symlink.c, link.c, rename.c   the name space operations
 *   mount.c     checking and mounting an image; super.c sync, unmount, errors
 */
#ifndef EXT2_CORE_H
#define EXT2_CORE_H

#include <stdbool.h>
#include <stdint.h>

#include "cache.h"
#include "ext2fs.h"
#include "layout.h"

#define IREF_BUCKETS 256

/* A referenced inode: ext2_get adds one, ext2_put drops one. */
struct iref {
    uint32_t ino;
    uint32_t count;
    struct iref *next;
};

struct ext2_fs {
    struct ext2_dev dev;
    struct block_cache *cache;
    struct ext2_super sb;           /* the primary superblock; free counts kept exact */
    struct ext2_group_desc *groups; /* the primary descriptor table, gdt_blocks long */
    uint8_t *bounce;                /* one block: client data is staged here before a write */
    struct iref *irefs[IREF_BUCKETS];
    uint32_t *orphans; /* unlinked, unreferenced inodes whose deletion failed */
    uint32_t norphans;
    uint32_t orphans_cap;

    /* Geometry, checked at mount. */
    uint32_t block_size;
    uint32_t block_log;      /* log2(block_size) */
    uint32_t addr_per_block; /* block numbers in an indirect block */
    uint32_t addr_log;
    uint32_t blocks_count;
    uint32_t first_data_block;
    uint32_t blocks_per_group;
    uint32_t groups_count;
    uint32_t gdt_blocks;
    uint32_t reserved_gdt_blocks;
    uint32_t inodes_count;
    uint32_t inodes_per_group;
    uint32_t inode_size;
    uint32_t inodes_per_block;
    uint32_t itb_per_group; /* inode table blocks in each group */
    uint32_t first_ino;
    uint64_t map_blocks;    /* logical blocks the block map can address */
    uint64_t max_file_size; /* the largest size a write may reach */
    bool has_filetype;
    bool sparse_super;

    bool mounted_rdonly;  /* nothing is ever written */
    bool rdonly;          /* no change is accepted (mounted so, or after errors) */
    bool errors;          /* corruption was found */
    bool super_dirty;     /* superblock or descriptors changed since the last sync */
    uint16_t mount_state; /* s_state as found at mount */
    uint32_t next_generation;
};

/* An inode being worked on: its table block is held for as long as the
 * handle lives, so changes go straight into the cached block. */
struct inode {
    uint32_t ino;
    struct buf *bp;
    struct ext2_inode *raw;
};

static inline uint32_t inode_type(const struct inode *ip)
{
    return ip->raw->i_mode & EXT2_S_IFMT;
}

static inline bool inode_is_dir(const struct inode *ip)
{
    return inode_type(ip) == EXT2_S_IFDIR;
}

static inline bool inode_is_reg(const struct inode *ip)
{
    return inode_type(ip) == EXT2_S_IFREG;
}

static inline uint64_t inode_size(const struct inode *ip)
{
    uint64_t size = ip->raw->i_size;
    if (inode_is_reg(ip))
        size |= (uint64_t)ip->raw->i_size_high << 32;
    return size;
}

static inline uint32_t sectors_per_block(const struct ext2_fs *fs)
{
    return fs->block_size / EXT2_SECTOR_SIZE;
}

/* mount.c and super.c */
void fs_destroy(struct ext2_fs *fs);
void fs_log(struct ext2_fs *fs, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int fs_fail(struct ext2_fs *fs, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int fs_corrupt(struct ext2_fs *fs, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
uint32_t fs_now(const struct ext2_fs *fs);
int fs_write_super(struct ext2_fs *fs);
int fs_check_writable(const struct ext2_fs *fs);

/* alloc.c */
uint32_t group_first_block(const struct ext2_fs *fs, uint32_t group);
uint32_t group_block_count(const struct ext2_fs *fs, uint32_t group);
uint32_t group_meta_blocks(const struct ext2_fs *fs, uint32_t group);
bool block_is_fixed_meta(const struct ext2_fs *fs, uint32_t blk);
int block_check(struct ext2_fs *fs, uint32_t blk);
int block_alloc(struct ext2_fs *fs, uint32_t goal, uint32_t *out);
int block_free(struct ext2_fs *fs, uint32_t blk);
int inode_alloc(struct ext2_fs *fs, uint32_t dir_ino, bool is_dir, uint32_t *out);
int inode_free_bit(struct ext2_fs *fs, uint32_t ino, bool is_dir);

/* inode.c */
bool ino_valid(const struct ext2_fs *fs, uint32_t ino);
int inode_load(struct ext2_fs *fs, uint32_t ino, struct inode *ip);
int inode_get_live(struct ext2_fs *fs, uint32_t ino, struct inode *ip);
int inode_get_entry(struct ext2_fs *fs, uint32_t ino, struct inode *ip);
void inode_release(struct ext2_fs *fs, struct inode *ip);
void inode_dirty(struct inode *ip);
void inode_set_size(struct inode *ip, uint64_t size);
uint32_t inode_uid(const struct inode *ip);
uint32_t inode_gid(const struct inode *ip);
void inode_set_owner(struct inode *ip, uint32_t uid, uint32_t gid);
bool inode_is_fast_symlink(const struct ext2_fs *fs, const struct inode *ip);
bool inode_has_block_map(const struct ext2_fs *fs, const struct inode *ip);
void inode_add_blocks(struct ext2_fs *fs, struct inode *ip, int32_t blocks);
void inode_touch(struct ext2_fs *fs, struct inode *ip, bool modified);
void inode_drop_link(struct ext2_fs *fs, struct inode *ip);
void inode_init(struct ext2_fs *fs, struct inode *ip, uint32_t mode, uint32_t uid, uint32_t gid);
int inode_reap(struct ext2_fs *fs, uint32_t ino);

/* iref.c */
uint32_t iref_count(const struct ext2_fs *fs, uint32_t ino);
int iref_reap_all(struct ext2_fs *fs);
void orphan_note(struct ext2_fs *fs, uint32_t ino);
int orphans_retry(struct ext2_fs *fs);

/* bmap.c */
int bmap_path(const struct ext2_fs *fs, uint64_t lblk, uint32_t path[4]);
int bmap_lookup(struct ext2_fs *fs, struct inode *ip, uint64_t lblk, uint32_t *pblk);
int bmap_alloc(struct ext2_fs *fs, struct inode *ip, uint64_t lblk, uint32_t *pblk,
               struct buf **fresh);

/* truncate.c */
int truncate_blocks(struct ext2_fs *fs, struct inode *ip, uint64_t first_lblk);
int zero_tail(struct ext2_fs *fs, struct inode *ip, uint64_t from);
void fs_note_size(struct ext2_fs *fs, uint64_t size);
int file_resize(struct ext2_fs *fs, struct inode *ip, uint64_t size);

/* dir.c */
/* Where an entry is, or where a new one goes, with its block held. */
struct dir_slot {
    struct buf *bp; /* NULL: none yet (the directory must grow: dir_extend) */
    uint32_t off;   /* entry offset in the block */
    uint64_t lblk;  /* logical block in the directory */
};

int name_check(const char *name, size_t *len);
bool name_is_dots(const char *name, size_t len);
unsigned dir_file_type(const struct ext2_fs *fs, uint32_t mode);
int dir_check_block(struct ext2_fs *fs, uint32_t dir_ino, uint8_t *block);
int dir_block_get(struct ext2_fs *fs, struct inode *dir, uint64_t lblk, struct buf **out);
int dir_find(struct ext2_fs *fs, struct inode *dir, const char *name, size_t len,
             struct dir_slot *slot, uint32_t *ino);
int dir_find_space(struct ext2_fs *fs, struct inode *dir, const char *name, size_t len,
                   struct dir_slot *slot);
int dir_extend(struct ext2_fs *fs, struct inode *dir, struct dir_slot *slot);
void dir_slot_release(struct ext2_fs *fs, struct dir_slot *slot);
void dir_modified(struct ext2_fs *fs, struct inode *dir);
void dir_add(struct ext2_fs *fs, struct inode *dir, struct dir_slot *slot, const char *name,
             size_t len, uint32_t ino, uint32_t mode);
void dir_set(struct ext2_fs *fs, struct inode *dir, struct dir_slot *slot, uint32_t ino,
             uint32_t mode);
void dir_remove(struct ext2_fs *fs, struct inode *dir, struct dir_slot *slot);
int dir_is_empty(struct ext2_fs *fs, struct inode *dir);
void dir_init_block(struct ext2_fs *fs, uint8_t *block, uint32_t self, uint32_t parent);

/* create.c */
/* What node_create makes. */
struct node_spec {
    uint32_t mode; /* type and permission bits */
    const struct ext2_cred *cred;
    uint32_t major, minor; /* device nodes */
    const char *target;    /* symlinks */
    size_t target_len;
};

int parent_get(struct ext2_fs *fs, uint32_t ino, bool adds_subdir, struct inode *dir);
int node_create(struct ext2_fs *fs, uint32_t dir_ino, const char *name,
                const struct node_spec *spec, uint32_t *out);

#endif
