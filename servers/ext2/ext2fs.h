/*
 * The ext2 file system core: the API the ext2 server's message loop calls.
 *
 * The core is a library with no OS interface of its own. The server gives
 * it a block device as two callbacks (struct ext2_dev), moves file data to
 * and from its clients through a copy callback (struct ext2_copy), and
 * serialises all calls: the core is not thread-safe. The same sources build
 * for Ember and for the Linux host, where the unit tests run them on image
 * files.
 *
 * Inodes are named by number. The server holds a reference (ext2_get /
 * ext2_put) on every inode vfs has open or cached; an inode whose last link
 * is removed stays on disk until its last reference is put.
 *
 * Every function returns 0 (or a count) on success and a negative errno
 * value on failure. Besides the usual POSIX meanings:
 *   -EIO      the device failed, or the file system is corrupt (a value on
 *             disk failed a check; EXT2_ECORRUPT names that case, which is
 *             also logged and shown by ext2_statfs as EXT2_STATFS_ERRORS).
 *             The call changed nothing or left the file system consistent
 *             as far as ext2 allows; the core never crashes on a bad image.
 *   -EROFS    the file system is mounted read-only.
 *   -ESTALE   the inode number names no live inode.
 *   -EINVAL   a bad argument: an inode number outside the inode tables or
 *             reserved, a mode of the wrong type; at mount, an invalid
 *             superblock or group descriptor.
 *   -ENOTSUP  (mount) the image uses an incompatible feature.
 */
#ifndef EXT2FS_H
#define EXT2FS_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define EXT2_ROOT_INO 2
#define EXT2_ECORRUPT EIO /* what a failed on-disk check returns */

/* i_mode: the file type bits and permission bits (traditional Unix values, as on disk). */
#define EXT2_S_IFMT   0170000
#define EXT2_S_IFSOCK 0140000
#define EXT2_S_IFLNK  0120000
#define EXT2_S_IFREG  0100000
#define EXT2_S_IFBLK  0060000
#define EXT2_S_IFDIR  0040000
#define EXT2_S_IFCHR  0020000
#define EXT2_S_IFIFO  0010000
#define EXT2_S_ISUID  0004000
#define EXT2_S_ISGID  0002000
#define EXT2_S_PERM   0007777

/* Directory entry file types (the filetype feature). */
#define EXT2_FT_UNKNOWN  0
#define EXT2_FT_REG_FILE 1
#define EXT2_FT_DIR      2
#define EXT2_FT_CHRDEV   3
#define EXT2_FT_BLKDEV   4
#define EXT2_FT_FIFO     5
#define EXT2_FT_SOCK     6
#define EXT2_FT_SYMLINK  7
#define EXT2_FT_MAX      8

/* The block device and the environment the server provides. */
struct ext2_dev {
    void *ctx;
    /* Move len bytes at byte offset; return 0, or a negative errno value. */
    int (*read)(void *ctx, uint64_t offset, void *buf, size_t len);
    int (*write)(void *ctx, uint64_t offset, const void *buf, size_t len);
    uint64_t size;                           /* device size in bytes */
    int64_t (*now)(void *ctx);               /* seconds since 1970; NULL: all times are 0 */
    void (*log)(void *ctx, const char *msg); /* why a mount failed, corruption; may be NULL */
    uint32_t cache_blocks;                   /* block cache size in blocks; 0: EXT2_CACHE_DEFAULT */
    uint64_t cache_bytes;                    /* or in bytes (when cache_blocks is 0) */
};

#define EXT2_CACHE_DEFAULT 512
#define EXT2_CACHE_MIN     32

/* Moves n bytes between a file system buffer and the client's request at
 * byte req_off of the request. Returns 0 or a negative errno value. */
struct ext2_copy {
    void *ctx;
    int (*copy)(void *ctx, size_t req_off, void *fsbuf, size_t n);
};

struct ext2_fs;

/* ext2_mount flags */
#define EXT2_MOUNT_RDONLY 0x1

int ext2_mount(const struct ext2_dev *dev, unsigned flags, struct ext2_fs **out);
/* Retry deletions that failed on a device error, then write every dirty
 * block (file data first), the group descriptors and the superblock. */
int ext2_sync(struct ext2_fs *fs);
/* Delete unlinked inodes still referenced, sync, and free everything.
 * The fs is gone even when an error is returned. */
int ext2_unmount(struct ext2_fs *fs);

#define EXT2_STATFS_RDONLY 0x1 /* mounted or forced read-only */
#define EXT2_STATFS_ERRORS 0x2 /* corruption was found */

struct ext2_statfs {
    uint32_t block_size;
    uint64_t blocks;
    uint64_t free_blocks;
    uint64_t avail_blocks; /* free minus the blocks reserved for root */
    uint64_t inodes;
    uint64_t free_inodes;
    uint32_t name_max;
    uint32_t flags;
};

int ext2_statfs(struct ext2_fs *fs, struct ext2_statfs *st);

/* References: the inode stays on disk while referenced, even unlinked.
 * The put of the last reference to an inode without links deletes it and
 * returns that deletion's error (a failed one is retried at each sync). */
int ext2_get(struct ext2_fs *fs, uint32_t ino);
int ext2_put(struct ext2_fs *fs, uint32_t ino);

struct ext2_attr {
    uint32_t ino;
    uint32_t mode; /* EXT2_S_IF* type and permission bits */
    uint32_t nlink;
    uint32_t uid;
    uint32_t gid;
    uint64_t size;
    uint64_t blocks; /* 512-byte units */
    uint32_t block_size;
    int64_t atime;
    int64_t mtime;
    int64_t ctime;
    uint32_t rdev_major; /* device nodes */
    uint32_t rdev_minor;
};

/* struct ext2_attr_change.mask */
#define EXT2_SET_MODE  0x01 /* permission bits only; the type never changes */
#define EXT2_SET_UID   0x02
#define EXT2_SET_GID   0x04
#define EXT2_SET_SIZE  0x08 /* regular files: truncate or extend with a hole */
#define EXT2_SET_ATIME 0x10
#define EXT2_SET_MTIME 0x20

struct ext2_attr_change {
    uint32_t mask;
    uint32_t mode;
    uint32_t uid;
    uint32_t gid;
    uint64_t size;
    int64_t atime;
    int64_t mtime;
};

int ext2_getattr(struct ext2_fs *fs, uint32_t ino, struct ext2_attr *attr);
int ext2_setattr(struct ext2_fs *fs, uint32_t ino, const struct ext2_attr_change *change);

/* Regular files only. Return the bytes moved (short at end of file, or when
 * the disk fills or a copy fails after some bytes), or a negative errno. */
ssize_t ext2_read(struct ext2_fs *fs, uint32_t ino, uint64_t off, size_t len,
                  const struct ext2_copy *to);
ssize_t ext2_write(struct ext2_fs *fs, uint32_t ino, uint64_t off, size_t len,
                   const struct ext2_copy *from);

/* Owner of a new inode. A set-group-ID directory passes its group on. */
struct ext2_cred {
    uint32_t uid;
    uint32_t gid;
};

/* Names are NUL-terminated single components of at most 255 bytes.
 * ext2_lookup stores the inode the name leads to in *ino, the creating
 * calls the new inode's number; none of them takes a reference. */
int ext2_lookup(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t *ino);
int ext2_create(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t mode,
                const struct ext2_cred *cred, uint32_t *ino);
int ext2_mkdir(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t mode,
               const struct ext2_cred *cred, uint32_t *ino);
/* Character and block devices (with their numbers), FIFOs and sockets. */
int ext2_mknod(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t mode, uint32_t major,
               uint32_t minor, const struct ext2_cred *cred, uint32_t *ino);
int ext2_symlink(struct ext2_fs *fs, uint32_t dir, const char *name, const char *target,
                 const struct ext2_cred *cred, uint32_t *ino);
/* Copies the target (not NUL-terminated) into buf, cut to size bytes as
 * readlink(2) does; returns the bytes copied. */
ssize_t ext2_readlink(struct ext2_fs *fs, uint32_t ino, char *buf, size_t size);
int ext2_link(struct ext2_fs *fs, uint32_t dir, const char *name, uint32_t ino);
int ext2_unlink(struct ext2_fs *fs, uint32_t dir, const char *name);
int ext2_rmdir(struct ext2_fs *fs, uint32_t dir, const char *name);
int ext2_rename(struct ext2_fs *fs, uint32_t from_dir, const char *from_name, uint32_t to_dir,
                const char *to_name);

/* Called once per directory entry, "." and ".." included; name is
 * NUL-terminated, type an EXT2_FT_* value (EXT2_FT_UNKNOWN without the
 * filetype feature). Return 0 for more, 1 to stop before consuming this
 * entry (it comes again on the next call), or a negative errno to fail. */
typedef int (*ext2_dirent_fn)(void *ctx, const char *name, size_t name_len, uint32_t ino,
                              unsigned type);

/* Lists dir from *cookie (0 at the start), advancing it past each entry
 * delivered. Returns 1 when fn stopped, 0 at the end of the directory. */
int ext2_readdir(struct ext2_fs *fs, uint32_t dir, uint64_t *cookie, ext2_dirent_fn fn, void *ctx);

#endif
