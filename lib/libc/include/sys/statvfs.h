/* File system statistics (POSIX statvfs). */
#ifndef _SYS_STATVFS_H
#define _SYS_STATVFS_H

#include <sys/types.h>

struct statvfs {
    unsigned long f_bsize;  /* block size */
    unsigned long f_frsize; /* fundamental block size */
    fsblkcnt_t f_blocks;    /* blocks, in f_frsize units */
    fsblkcnt_t f_bfree;
    fsblkcnt_t f_bavail; /* free for unprivileged users */
    fsfilcnt_t f_files;
    fsfilcnt_t f_ffree;
    fsfilcnt_t f_favail;
    unsigned long f_fsid;
    unsigned long f_flag;
    unsigned long f_namemax;
};

#define ST_RDONLY 0x1
#define ST_NOSUID 0x2

int statvfs(const char *path, struct statvfs *buf);
int fstatvfs(int fd, struct statvfs *buf);

#endif
