/*
 * Evaluation of syntax trees. exec_node() runs one node and returns its
 * status (also left in sh.status). The flags say how the result is used:
 * EV_TESTED when the status is tested (if, while, &&, !), so set -e does
 * not apply; EV_EXIT when the shell process ends right after this command,
 * so an external command may replace the shell without a fork.
 */
#ifndef SH_EXEC_H
#define SH_EXEC_H

#include <stdbool.h>

#include "ast.h"
#include "input.h"

enum eval_flags {
    EV_EXIT = 1,
    EV_TESTED = 2,
};

int exec_node(struct node *n, int flags);
/* Run an external program or builtin by name (the `command` builtin). */
int exec_command_argv(int argc, char **argv, bool use_functions);
/* A function call with its arguments (argv[0] is the function name). */
int exec_function(struct node *func, int argc, char **argv, int flags);

/*
 * Read, parse and run commands until the end of the input: the main loop
 * of a script, the terminal, a dot script or eval. Returns the status.
 */
int exec_input(struct input *in);
/* Parse and run a string (eval, trap actions, sh -c). */
int exec_string(const char *text, int line);

/* In a forked child that runs shell code: leave with the right status. */
_Noreturn void exec_child_exit(int status);

/* Can the current process be replaced by the command (EV_EXIT, no traps)? */
bool exec_can_replace(int flags);

/* --- between exec.c, simple.c and pipeline.c --- */
int exec_simple(struct node *n, int flags);
int exec_pipeline(struct node *n, int flags);
int exec_background(struct node *n);
int exec_subshell(struct node *n, int flags);
/* Print a command trace line for set -x. */
void exec_xtrace(struct assign *assigns, char **values, char **argv);

#endif
