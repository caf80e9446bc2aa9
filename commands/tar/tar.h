/*
 * tar: the parts of tar and what they share.
 *
 *   archive.c  the archive file: 512-byte blocks in 10240-byte records
 *   header.c   members <-> ustar header blocks (with pax extended headers
 *              for what ustar cannot hold; GNU long names are read too)
 *   create.c   -c: walk the operands and write members
 *   read.c     -t and -x: read members, choose them, list them
 *   extract.c  -x: make files from members
 */
#ifndef TAR_H
#define TAR_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#define TAR_BLOCK  512
#define TAR_RECORD (20 * TAR_BLOCK)

/* Type flags of ustar, plus pax and GNU extensions that are read. */
#define TYPE_REGULAR      '0'
#define TYPE_REGULAR_OLD  '\0'
#define TYPE_HARDLINK     '1'
#define TYPE_SYMLINK      '2'
#define TYPE_CHAR         '3'
#define TYPE_BLOCK        '4'
#define TYPE_DIRECTORY    '5'
#define TYPE_FIFO         '6'
#define TYPE_CONTIGUOUS   '7'
#define TYPE_PAX_NEXT     'x'
#define TYPE_PAX_GLOBAL   'g'
#define TYPE_GNU_LONGNAME 'L'
#define TYPE_GNU_LONGLINK 'K'

struct tar_member {
    char *name;
    char *linkname; /* hard and symbolic links; NULL otherwise */
    char type;
    mode_t mode; /* permission bits only */
    uid_t uid;
    gid_t gid;
    char uname[33], gname[33];
    uintmax_t size; /* bytes of data that follow the header */
    struct timespec mtime;
    unsigned long devmajor, devminor;
};

struct tar_archive {
    int fd;
    const char *name; /* for messages */
    bool writing;
    char record[TAR_RECORD];
    size_t pos, len;  /* reading: next byte, bytes in record */
    uintmax_t blocks; /* read or written so far */
};

struct tar_opts {
    char mode; /* 'c', 'x' or 't' */
    bool verbose;
    bool same_permissions; /* -p, or running as root */
    bool is_root;
    const char *archive;
    const char *directory; /* -C */
    char **operands;
    int noperands;
};

/* Set on any error; tar then exits 2. */
extern int tar_status;

/* archive.c */
void archive_open(struct tar_archive *ar, const char *name, bool writing);
/* Next block, or NULL at end of file (a short block is an error). */
const char *archive_read_block(struct tar_archive *ar);
/* Read size bytes of member data (and the padding after); feed them to sink. */
int archive_read_data(struct tar_archive *ar, uintmax_t size,
                      int (*sink)(void *ctx, const char *buf, size_t len), void *ctx);
void archive_write_block(struct tar_archive *ar, const char *block);
/* Two zero blocks, then the record filled up; closes the file. */
void archive_finish(struct tar_archive *ar);

/* header.c */
/* Write the header block(s) of m (a pax header first when needed). */
void header_write(struct tar_archive *ar, const struct tar_member *m);
/*
 * Read the next member's header(s) into m. 1 when a member was read, 0 at
 * the end of the archive, -1 when the archive is damaged (reported).
 */
int header_read(struct tar_archive *ar, struct tar_member *m);
void member_clear(struct tar_member *m);
/* True when a member of this type is followed by size bytes of data. */
bool member_has_data(const struct tar_member *m);
/* "dir/name" without leading "/" or "../": what is stored and extracted. */
char *member_safe_name(const char *path, bool *stripped);

/* create.c */
void tar_create(const struct tar_opts *opts, struct tar_archive *ar);

/* read.c */
void tar_read(const struct tar_opts *opts, struct tar_archive *ar);

/* extract.c: make the file for m; its data is read from ar. */
void extract_member(const struct tar_opts *opts, struct tar_archive *ar,
                    const struct tar_member *m);
/* Make the delayed symbolic links and set the directories' modes and times. */
void extract_finish(const struct tar_opts *opts);

#endif
