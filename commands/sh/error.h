/* Error messages and the shell's reaction to errors. */
#ifndef SH_ERROR_H
#define SH_ERROR_H

/*
 * "sh: [script: ]line N: message" on stderr. The line is omitted when the
 * shell is interactive; sh_error uses the line of the running command.
 */
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sh_error_at(int line, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * An error that POSIX says ends a non-interactive shell (syntax, expansion,
 * special builtin, readonly assignment): exit with status there; in an
 * interactive shell abandon the command line instead. Returns status.
 */
int sh_fail(int status);

#endif
