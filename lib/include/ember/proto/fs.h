/*
 * The file system protocol, spoken by vfs to every file system server
 * (ext2, ...). Inodes are named by number; names and data move through
 * grants vfs makes (names in vfs's memory, data in the user's, as magic
 * grants). vfs holds references on the inodes it caches and gives them
 * back with FS_PUTNODE; a file system frees an unlinked inode only when
 * its last reference goes. vfs caches names (servers/vfs/namecache.c),
 * which is exact only because every change of a name is a request of
 * this protocol that vfs makes: a new call that removes or replaces names
 * must forget them there.
 */
#ifndef EMBER_PROTO_FS_H
#define EMBER_PROTO_FS_H

#include <ember/proto/common.h>

enum fs_call {
    FS_MOUNT = FS_BASE + 1, /* dev_ep, minor, flags -> attr of the root */
    FS_UNMOUNT,
    FS_LOOKUP,   /* ino (dir), grant: name, len -> attr (a new reference) */
    FS_STAT,     /* ino, grant: struct fs_stat */
    FS_READ,     /* ino, pos, len, grant -> bytes */
    FS_WRITE,    /* ino, pos, len, grant -> bytes */
    FS_TRUNC,    /* ino, size */
    FS_CREATE,   /* ino (dir), grant: name, len, mode, uid, gid -> attr (referenced) */
    FS_MKDIR,    /* same -> 0 */
    FS_MKNOD,    /* same, dev */
    FS_SYMLINK,  /* ino (dir), grant: "name\0target", len, uid, gid */
    FS_READLINK, /* ino, grant, len -> bytes */
    FS_LINK,     /* ino (dir), grant: name, len, target ino */
    FS_UNLINK,   /* ino (dir), grant: name, len */
    FS_RMDIR,    /* ino (dir), grant: name, len */
    FS_RENAME,   /* ino (old dir), ino2 (new dir), grant: "old\0new", len */
    FS_GETDENTS, /* ino, pos (cookie), grant, len -> bytes; pos: next cookie */
    FS_CHMOD,    /* ino, mode */
    FS_CHOWN,    /* ino, uid, gid */
    FS_UTIME,    /* ino, atime, mtime */
    FS_PUTNODE,  /* ino, count */
    FS_SYNC,
    FS_STATFS, /* grant: struct fs_statfs */
};

#define FS_RDONLY 0x1

struct fs_req {
    uint64_t ino;
    uint64_t ino2; /* FS_RENAME: new dir; FS_LINK: target */
    uint64_t pos;  /* FS_READ/WRITE/GETDENTS; FS_TRUNC: size; FS_UTIME: atime */
    uint64_t len;  /* bytes in the grant */
    grant_id_t grant;
    uint32_t mode;     /* or count (FS_PUTNODE), flags (FS_MOUNT) */
    uint32_t uid, gid; /* or dev (FS_MKNOD: in uid); FS_UTIME mtime in pos2 */
};

struct fs_mount_req {
    endpoint_t dev_ep;
    int32_t minor;
    uint32_t flags;
    char label[24]; /* the block driver's ds label, to find it again after a restart */
};

struct fs_utime_req {
    uint64_t ino;
    int64_t atime, mtime;
};

/* Attributes returned by lookups and creations. */
struct fs_attr {
    uint64_t ino;
    uint64_t size;
    uint32_t mode, nlink;
    uint32_t uid, gid;
    uint32_t rdev;
    int32_t pad;
    int64_t mtime;
};

struct fs_io_reply {
    uint64_t bytes; /* also m_type, when it fits */
    uint64_t pos;   /* FS_GETDENTS: the next cookie; FS_WRITE: the new size */
};

struct fs_stat {
    uint64_t ino, size, blocks;
    uint32_t mode, nlink, uid, gid, rdev, blksize;
    int64_t atime, mtime, ctime;
};

struct fs_statfs {
    uint64_t block_size, blocks, blocks_free, blocks_avail, files, files_free;
    uint32_t name_max;
    char fstype[12];
};

/* The directory entries FS_GETDENTS writes; also what libc's readdir reads. */
struct fs_dirent {
    uint64_t d_ino;
    uint16_t d_reclen; /* of this record, 8-aligned */
    uint8_t d_type;    /* DT_* */
    uint8_t d_namlen;
    char d_name[]; /* NUL-terminated */
};

#define FS_LAYOUTS                                                                                 \
    struct fs_req fs_req;                                                                          \
    struct fs_mount_req fs_mount_req;                                                              \
    struct fs_utime_req fs_utime_req;                                                              \
    struct fs_attr fs_attr;                                                                        \
    struct fs_io_reply fs_io_reply;

#endif
