/* Copying files and trees, for cp, and for mv across file systems. */
#ifndef FILE_COPY_H
#define FILE_COPY_H

#include <stdbool.h>

struct copy_opts {
    bool recursive;   /* copy directories; copy symbolic links as links */
    bool preserve;    /* keep mode, owner and times */
    bool force;       /* remove a destination that cannot be opened, then retry */
    bool interactive; /* ask before overwriting an existing destination */
};

/*
 * Copy src to dst (the full destination name, not a directory to copy
 * into). Problems are reported on stderr, naming the file; a tree copy
 * goes on past a file it cannot copy. 0, or a negative errno when
 * anything failed.
 */
int copy_path(const struct copy_opts *opts, const char *src, const char *dst);

#endif
