/*
 * Directory entries for readdir() and the DIR stream newlib's <dirent.h>
 * declares functions for. libc reads entries in the file system protocol's
 * format (struct fs_dirent) with VFS_GETDENTS and converts them.
 */
#ifndef _SYS_DIRENT_H
#define _SYS_DIRENT_H

#include <sys/types.h>

#define MAXNAMLEN 255

struct dirent {
    ino_t d_ino;
    off_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[MAXNAMLEN + 1];
};

#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12

#define _DIRENT_HAVE_D_TYPE

typedef struct __dirstream {
    int dd_fd;
    int dd_loc;   /* next entry in dd_buf */
    int dd_size;  /* bytes of entries in dd_buf */
    long dd_pos;  /* the directory offset of dd_buf's first entry */
    long dd_next; /* the offset after dd_buf */
    char *dd_buf;
    struct dirent dd_ent;
} DIR;

#endif
