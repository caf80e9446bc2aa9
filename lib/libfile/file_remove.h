/* Removing files and trees, for rm, and for mv across file systems. */
#ifndef FILE_REMOVE_H
#define FILE_REMOVE_H

#include <stdbool.h>

struct remove_opts {
    bool recursive;        /* remove directories and their contents */
    bool force;            /* no questions; a missing file is not an error */
    bool interactive;      /* ask before each removal */
    bool ask_if_protected; /* ask before removing a file one cannot write */
};

/*
 * Remove path. Problems are reported on stderr naming the file; in a tree,
 * the removal goes on past what it cannot remove. 0 (also when the user
 * said no), or a negative errno when anything failed.
 */
int remove_path(const struct remove_opts *opts, const char *path);

#endif
