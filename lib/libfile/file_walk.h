/*
 * Reading directories and walking trees, for the commands that work on
 * whole trees: find, du, chmod -R, chown -R, tar, and (through dir_list)
 * cp -R and rm -r.
 */
#ifndef FILE_WALK_H
#define FILE_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

/* The names in one directory, without "." and "..". */
struct dir_names {
    char **names;
    size_t count;
};

/*
 * Read all names of directory path into out, sorted by strcmp when sorted
 * is true. The directory is closed before returning, so a caller may go on
 * to change it (rm -r) and deep trees do not use up file descriptors.
 * 0, or a negative errno (out is then empty).
 */
int dir_list(const char *path, bool sorted, struct dir_names *out);
void dir_names_free(struct dir_names *names);

enum walk_event {
    WALK_FILE,     /* anything that is not an entered directory */
    WALK_DIR_PRE,  /* a directory, before its entries */
    WALK_DIR_POST, /* the same directory, after its entries */
    WALK_ERROR,    /* a failure; err says which, st is valid if has_stat */
};

enum walk_reply {
    WALK_CONTINUE,
    WALK_SKIP, /* at WALK_DIR_PRE: do not enter (no WALK_DIR_POST follows) */
    WALK_STOP, /* end the whole walk now */
};

struct walk_entry {
    enum walk_event event;
    const char *path; /* the root as given, then "/name" per level */
    const char *name; /* the last component, inside path */
    int depth;        /* 0 for the root */
    bool has_stat;
    struct stat st;
    /*
     * For WALK_ERROR: the errno. ENOENT etc. from stat (has_stat false);
     * from opening the directory (has_stat true, WALK_DIR_PRE came before
     * and WALK_DIR_POST follows); ELOOP for a directory that is its own
     * ancestor (has_stat true, not entered).
     */
    int err;
};

enum walk_flags {
    WALK_FOLLOW = 1 << 0,      /* follow every symbolic link (find -L) */
    WALK_FOLLOW_ROOT = 1 << 1, /* follow a symbolic link given as the root (-H) */
    WALK_SORTED = 1 << 2,      /* visit the entries of a directory in name order */
    WALK_XDEV = 1 << 3,        /* do not enter directories on other devices */
};

typedef enum walk_reply (*walk_visitor)(const struct walk_entry *entry, void *ctx);

/*
 * Walk the tree at root, calling visit for each file. A symbolic link is
 * reported as itself unless the flags say to follow it; a link that
 * cannot be followed is reported as itself. Returns true when the walk
 * was ended by WALK_STOP.
 */
bool walk_tree(const char *root, int flags, walk_visitor visit, void *ctx);

#endif
