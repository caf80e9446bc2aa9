/*
 * Builtins: the table, and the helpers they share. Each builtin is
 * int name(int argc, char **argv) and returns its exit status; builtin.c
 * holds the table, the bltin_*.c files the groups of builtins.
 */
#ifndef SH_BUILTIN_H
#define SH_BUILTIN_H

#include <stdbool.h>

typedef int (*builtin_fn)(int argc, char **argv);

enum builtin_flags {
    BI_SPECIAL = 1, /* POSIX special builtin: errors end a script, assignments stay */
    BI_EXEC = 2,    /* exec: its redirections are permanent */
};

struct builtin {
    const char *name;
    builtin_fn fn;
    unsigned flags;
};

const struct builtin *builtin_find(const char *name);
/* The name of builtin number i (in sorted order), or NULL past the end. */
const char *builtin_name(int i);
/* Run a builtin; special: it was not called through `command`. */
int builtin_run(const struct builtin *b, int argc, char **argv, bool special);

/*
 * An error in a builtin's use: for a special builtin POSIX says the shell
 * ends (non-interactive); returns the status to return.
 */
int builtin_error(int status);

/*
 * Option parsing for builtins: letters from `allowed` up to "--" or the
 * first operand; seen[letter] is set for each. Unknown options are
 * reported. Returns the index of the first operand, or -1.
 */
int builtin_options(int argc, char **argv, const char *allowed, bool seen[128]);

/* Called when OPTIND is assigned: getopts starts over. */
void getopts_reset(void);

/* The builtins, by group. */
int bi_colon(int argc, char **argv);
int bi_false(int argc, char **argv);
int bi_break(int argc, char **argv);
int bi_continue(int argc, char **argv);
int bi_return(int argc, char **argv);
int bi_exit(int argc, char **argv);
int bi_eval(int argc, char **argv);
int bi_dot(int argc, char **argv);
int bi_exec(int argc, char **argv);
int bi_export(int argc, char **argv);
int bi_readonly(int argc, char **argv);
int bi_local(int argc, char **argv);
int bi_unset(int argc, char **argv);
int bi_shift(int argc, char **argv);
int bi_set(int argc, char **argv);
int bi_read(int argc, char **argv);
int bi_getopts(int argc, char **argv);
int bi_echo(int argc, char **argv);
int bi_printf(int argc, char **argv);
int bi_test(int argc, char **argv);
int bi_bracket(int argc, char **argv);
int bi_cd(int argc, char **argv);
int bi_pwd(int argc, char **argv);
int bi_umask(int argc, char **argv);
int bi_jobs(int argc, char **argv);
int bi_fg(int argc, char **argv);
int bi_bg(int argc, char **argv);
int bi_wait(int argc, char **argv);
int bi_kill(int argc, char **argv);
int bi_trap(int argc, char **argv);
int bi_command(int argc, char **argv);
int bi_type(int argc, char **argv);
int bi_alias(int argc, char **argv);
int bi_unalias(int argc, char **argv);
int bi_hash(int argc, char **argv);
int bi_times(int argc, char **argv);
int bi_history(int argc, char **argv);

#endif
