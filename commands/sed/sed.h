/*
 * sed: the compiled script, shared by the parser (sed_parse.c), the
 * executor (sed_exec.c) and main (sed.c).
 *
 * A script is an array of commands. '{' holds the index of its '}', and
 * b and t hold the index of their label's ':' (or the array's length for
 * "end of script"), so running the script is a loop over an index.
 */
#ifndef SED_H
#define SED_H

#include <regex.h>
#include <stdio.h>

enum sed_addr_kind { ADDR_NONE, ADDR_LINE, ADDR_LAST, ADDR_REGEX };

struct sed_addr {
    enum sed_addr_kind kind;
    long line;
    regex_t *re; /* ADDR_REGEX: NULL means "the last regex used" */
};

struct sed_subst {
    regex_t *re; /* NULL: the last regex used */
    char *replacement;
    int global;
    long nth; /* replace the nth match (and, with global, those after) */
    int print;
    FILE *wfile;
};

struct sed_cmd {
    struct sed_addr a1, a2;
    int negate;
    char name;
    char *text;  /* a i c: the text; b t T ':': the label; r w: the file name */
    long jump;   /* '{': index of its '}'; b t T: index of the target */
    int status;  /* q Q: exit status */
    FILE *wfile; /* w */
    struct sed_subst *subst;
    unsigned char *ymap; /* y: 256-byte translation */
    int in_range;        /* run time: inside an a1,a2 range */
};

struct sed_script {
    struct sed_cmd *cmds;
    long ncmds, cap;
};

struct sed_options {
    int quiet;    /* -n */
    int extended; /* -E */
    int in_place; /* -i */
};

extern struct sed_options sed_opts;

/* Compile text (every -e and -f joined by newlines) into script; exits on error. */
void sed_compile(const char *text, struct sed_script *script);

/*
 * Run script over the named files (standard input if nfiles is 0),
 * writing to out. Returns the exit status; q's status ends everything.
 */
int sed_run(struct sed_script *script, char **files, int nfiles, FILE *out, int *quit);

#endif
