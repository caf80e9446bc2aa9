/* ls: what ls.c (gathering, sorting) and format.c (output) share. */
#ifndef LS_H
#define LS_H

#include <stdbool.h>
#include <sys/stat.h>
#include <time.h>

enum ls_format {
    FORMAT_ONE_PER_LINE,
    FORMAT_COLUMNS,
    FORMAT_LONG,
};

enum ls_sort {
    SORT_NAME,
    SORT_TIME,
    SORT_SIZE,
};

struct ls_opts {
    enum ls_format format;
    enum ls_sort sort;
    bool reverse;
    bool all;         /* -a: also ".", ".." and dot files */
    bool almost_all;  /* -A: dot files, but not "." and ".." */
    bool dir_itself;  /* -d */
    bool recursive;   /* -R */
    bool classify;    /* -F */
    bool human;       /* -h */
    bool inode;       /* -i */
    bool numeric_ids; /* -n */
    bool kibibytes;   /* -k: "total" in 1024-byte units */
    bool tty;         /* standard output is a terminal */
    int width;        /* of the terminal, for columns */
    time_t now;
};

struct ls_entry {
    char *name; /* as shown: an operand as given, or a name in a directory */
    char *path; /* where to find it */
    struct stat st;
    char *link_target; /* -l: where a symbolic link points, or NULL */
};

/* Print a group of entries (already sorted) in the chosen format. */
void print_entries(const struct ls_opts *opts, struct ls_entry *entries, size_t count);

/* Print the "total" line of a directory listed with -l. */
void print_total(const struct ls_opts *opts, const struct ls_entry *entries, size_t count);

#endif
