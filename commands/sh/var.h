/*
 * Shell variables and positional parameters.
 *
 * All variables live in one table. `local` and the assignments in front of
 * a function or builtin (x=1 f) are dynamic scopes: making a name local
 * saves its old state in the innermost scope, and popping the scope puts
 * every saved state back.
 */
#ifndef SH_VAR_H
#define SH_VAR_H

#include <stdbool.h>

#define V_EXPORT   1u
#define V_READONLY 2u

struct var {
    struct var *next;
    char *name;
    char *value; /* NULL: unset (but maybe exported or readonly) */
    unsigned flags;
};

struct var *var_find(const char *name);
/* The value, or NULL if unset. */
const char *var_get(const char *name);
/*
 * Assign (value NULL leaves the value as it is) and add flags. Reports
 * "x: is read only" and returns -1 for a readonly variable.
 */
int var_set(const char *name, const char *value, unsigned flags);
int var_set_int(const char *name, long value);
/* Remove a variable; -1 (reported) if it is readonly. */
int var_unset(const char *name);

void var_import_environ(char **envp);
/* "name=value" for every exported variable; free with var_free_environ. */
char **var_environ(void);
void var_free_environ(char **env);

/* set, export -p, readonly -p: sorted listings in a form sh can read. */
void var_print_all(void);
void var_print_flagged(unsigned flag, const char *prefix);

/* Scopes for local variables and temporary assignments. */
void var_push_scope(void);
void var_pop_scope(void);
bool var_in_scope(void);
/* Save name's state in the innermost scope (once per scope). */
void var_make_local(const char *name);

/* Forget unexported variables (a script run without #! by exec). */
void var_clear_unexported(void);

/* The positional parameters $1... */
struct posparams {
    int count;
    char **values;
};

extern struct posparams posparams;

/* Replace the positional parameters by copies of argv[0..argc-1]. */
void params_set(int argc, char *const *argv);
/* Take the current parameters out (for a function call) and back. */
struct posparams params_save(void);
void params_restore(struct posparams saved);

#endif
