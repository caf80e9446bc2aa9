/*
 * The ext2 on-disk format: superblock, group descriptors, inodes and
 * directory entries, as the disk holds them.
 *
 * Ember runs only on little-endian x86-64, so these structures are read and
 * written in place without byte swapping. Every structure's size and the
 * offsets that matter are asserted at compile time. Nothing read through
 * these structures is trusted: mount.c checks the superblock and the group
 * descriptors, and every other file checks the values it uses.
 */
#ifndef EXT2_LAYOUT_H
#define EXT2_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#define EXT2_SUPER_MAGIC     0xEF53
#define EXT2_SUPER_OFFSET    1024 /* byte offset of the primary superblock */
#define EXT2_SUPER_SIZE      1024
#define EXT2_MIN_BLOCK_LOG   10 /* 1 KiB */
#define EXT2_MAX_BLOCK_LOG   12 /* 4 KiB */
#define EXT2_GOOD_OLD_REV    0
#define EXT2_DYNAMIC_REV     1
#define EXT2_OLD_INODE_SIZE  128
#define EXT2_OLD_FIRST_INO   11
#define EXT2_ROOT_INO_NR     2
#define EXT2_LINK_MAX        32000
#define EXT2_NAME_MAX        255
#define EXT2_DIR_ROUND       4
#define EXT2_DIRENT_HEAD     8 /* inode, rec_len, name_len, file_type */
#define EXT2_DIRENT_MIN      12
#define EXT2_N_DIRECT        12
#define EXT2_IND_SLOT        12
#define EXT2_DIND_SLOT       13
#define EXT2_TIND_SLOT       14
#define EXT2_N_BLOCKS        15
#define EXT2_FAST_LINK_MAX   (EXT2_N_BLOCKS * 4) /* bytes a fast symlink can hold */
#define EXT2_SECTOR_SIZE     512
#define EXT2_DESC_SIZE       32
#define EXT2_XATTR_MAGIC     0xEA020000
#define EXT2_DFL_MAX_MNT_CNT 20

/* s_state */
#define EXT2_VALID_FS 0x0001
#define EXT2_ERROR_FS 0x0002

/* s_errors: what to do when corruption is found */
#define EXT2_ERRORS_CONTINUE 1
#define EXT2_ERRORS_RO       2
#define EXT2_ERRORS_PANIC    3

/* Compatible features: any may be set. */
#define EXT2_FEATURE_COMPAT_EXT_ATTR     0x0008
#define EXT2_FEATURE_COMPAT_RESIZE_INODE 0x0010
#define EXT2_FEATURE_COMPAT_DIR_INDEX    0x0020

/* Read-only compatible features: unknown ones force a read-only mount. */
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER 0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE   0x0002
#define EXT2_FEATURE_RO_COMPAT_KNOWN                                                               \
    (EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | EXT2_FEATURE_RO_COMPAT_LARGE_FILE)

/* Incompatible features: unknown ones refuse the mount. */
#define EXT2_FEATURE_INCOMPAT_FILETYPE 0x0002
#define EXT2_FEATURE_INCOMPAT_KNOWN    EXT2_FEATURE_INCOMPAT_FILETYPE

/* i_flags */
#define EXT2_INDEX_FL 0x00001000 /* directory has a hashed index (dir_index) */

/* Mode bits and directory entry file types are in ext2fs.h: they are API too. */

struct ext2_super {
    uint32_t s_inodes_count;
    uint32_t s_blocks_count;
    uint32_t s_r_blocks_count;
    uint32_t s_free_blocks_count;
    uint32_t s_free_inodes_count;
    uint32_t s_first_data_block;
    uint32_t s_log_block_size; /* block size is 1024 << this */
    uint32_t s_log_frag_size;
    uint32_t s_blocks_per_group;
    uint32_t s_frags_per_group;
    uint32_t s_inodes_per_group;
    uint32_t s_mtime; /* last mount */
    uint32_t s_wtime; /* last write of the superblock */
    uint16_t s_mnt_count;
    int16_t s_max_mnt_count;
    uint16_t s_magic;
    uint16_t s_state;
    uint16_t s_errors;
    uint16_t s_minor_rev_level;
    uint32_t s_lastcheck;
    uint32_t s_checkinterval;
    uint32_t s_creator_os;
    uint32_t s_rev_level;
    uint16_t s_def_resuid;
    uint16_t s_def_resgid;
    /* EXT2_DYNAMIC_REV only from here on. */
    uint32_t s_first_ino;
    uint16_t s_inode_size;
    uint16_t s_block_group_nr;
    uint32_t s_feature_compat;
    uint32_t s_feature_incompat;
    uint32_t s_feature_ro_compat;
    uint8_t s_uuid[16];
    char s_volume_name[16];
    char s_last_mounted[64];
    uint32_t s_algorithm_usage_bitmap;
    uint8_t s_prealloc_blocks;
    uint8_t s_prealloc_dir_blocks;
    uint16_t s_reserved_gdt_blocks; /* resize_inode: blocks kept after each GDT copy */
    uint8_t s_rest[EXT2_SUPER_SIZE - 208];
};
_Static_assert(sizeof(struct ext2_super) == EXT2_SUPER_SIZE, "superblock size");
_Static_assert(offsetof(struct ext2_super, s_magic) == 56, "s_magic offset");
_Static_assert(offsetof(struct ext2_super, s_first_ino) == 84, "s_first_ino offset");
_Static_assert(offsetof(struct ext2_super, s_feature_ro_compat) == 100, "ro_compat offset");
_Static_assert(offsetof(struct ext2_super, s_reserved_gdt_blocks) == 206, "reserved_gdt offset");

struct ext2_group_desc {
    uint32_t bg_block_bitmap;
    uint32_t bg_inode_bitmap;
    uint32_t bg_inode_table;
    uint16_t bg_free_blocks_count;
    uint16_t bg_free_inodes_count;
    uint16_t bg_used_dirs_count;
    uint16_t bg_flags;
    uint8_t bg_reserved[12];
};
_Static_assert(sizeof(struct ext2_group_desc) == EXT2_DESC_SIZE, "group descriptor size");

struct ext2_inode {
    uint16_t i_mode;
    uint16_t i_uid;  /* low 16 bits */
    uint32_t i_size; /* low 32 bits */
    uint32_t i_atime;
    uint32_t i_ctime;
    uint32_t i_mtime;
    uint32_t i_dtime;
    uint16_t i_gid; /* low 16 bits */
    uint16_t i_links_count;
    uint32_t i_blocks; /* in 512-byte sectors, indirect and xattr blocks included */
    uint32_t i_flags;
    uint32_t i_osd1;
    uint32_t i_block[EXT2_N_BLOCKS];
    uint32_t i_generation;
    uint32_t i_file_acl;  /* extended attribute block */
    uint32_t i_size_high; /* regular files: high 32 bits of the size */
    uint32_t i_faddr;
    uint8_t i_frag;
    uint8_t i_fsize;
    uint16_t i_blocks_high; /* huge_file only; kept zero */
    uint16_t i_uid_high;
    uint16_t i_gid_high;
    uint32_t i_reserved2;
};
_Static_assert(sizeof(struct ext2_inode) == EXT2_OLD_INODE_SIZE, "inode size");
_Static_assert(offsetof(struct ext2_inode, i_block) == 40, "i_block offset");
_Static_assert(offsetof(struct ext2_inode, i_file_acl) == 104, "i_file_acl offset");
_Static_assert(offsetof(struct ext2_inode, i_uid_high) == 120, "i_uid_high offset");

/* A directory entry; the name follows, not NUL-terminated. */
struct ext2_dirent {
    uint32_t inode;   /* 0: unused entry */
    uint16_t rec_len; /* distance to the next entry */
    uint8_t name_len;
    uint8_t file_type; /* filetype feature; otherwise the high byte of name_len */
    char name[];
};
_Static_assert(sizeof(struct ext2_dirent) == EXT2_DIRENT_HEAD, "dirent header size");

/* Header of an extended attribute block (only its reference count is used). */
struct ext2_xattr_header {
    uint32_t h_magic;
    uint32_t h_refcount;
    uint32_t h_blocks;
    uint32_t h_hash;
};

/* The space a directory entry with a name of name_len bytes needs. */
static inline uint32_t ext2_dirent_size(uint32_t name_len)
{
    return (EXT2_DIRENT_HEAD + name_len + EXT2_DIR_ROUND - 1) & ~(uint32_t)(EXT2_DIR_ROUND - 1);
}

#endif
