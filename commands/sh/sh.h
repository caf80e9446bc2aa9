/*
 * The shell's evaluation state, shared by every stage.
 *
 * The shell never uses longjmp. An evaluation that must stop the commands
 * around it (break, continue, return, or an error in an interactive shell)
 * records that in sh.unwind and returns; every list and loop checks it
 * after each command and passes it up until the construct that handles it
 * clears it. Fatal errors in a non-interactive shell call sh_exit().
 */
#ifndef SH_H
#define SH_H

#include <stdbool.h>
#include <sys/types.h>

enum unwind {
    UNWIND_NONE,
    UNWIND_BREAK,    /* break n: leave sh.unwind_count loops */
    UNWIND_CONTINUE, /* continue n */
    UNWIND_RETURN,   /* return from the innermost function or dot script */
    UNWIND_ABORT,    /* an error or ^C: drop the rest of the command line */
};

/* Limits on nesting, so that hostile input ends with an error, not a crash. */
#define MAX_FUNC_DEPTH  1000
#define MAX_EVAL_DEPTH  200
#define MAX_PARSE_DEPTH 400

struct shell {
    int status;         /* $? */
    pid_t rootpid;      /* $$: the pid of the top-level shell */
    pid_t lastbg;       /* $!: 0 until a background job starts */
    bool interactive;   /* reading commands from a user */
    bool login;         /* started as a login shell (argv[0] begins with '-') */
    int subshell;       /* > 0 in a forked child that runs shell code */
    enum unwind unwind; /* what callers must do after a command returns */
    int unwind_count;   /* loops still to leave for break/continue */
    int loop_depth;     /* loops around the current command */
    int func_depth;     /* functions being run */
    int dot_depth;      /* dot scripts being run */
    int eval_depth;     /* eval, dot and trap actions being run */
    int lineno;         /* line of the command being run, for messages */
    const char *arg0;   /* $0 */
    const char *script; /* script file being read, for messages, or NULL */
    bool exiting;       /* sh_exit() has started */
};

extern struct shell sh;

/* Leave the shell: run the EXIT trap, save history, restore the terminal. */
_Noreturn void sh_exit(int status);

#endif
