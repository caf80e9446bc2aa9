/*
 * Helpers shared by the commands in commands/: every message starts with
 * the program's name, errors name the file and the reason.
 */
#ifndef CMD_H
#define CMD_H

#include <stdarg.h>

extern const char *cmd_name;

/* Set cmd_name from argv[0] (its basename). Call first in main(). */
void cmd_setname(const char *argv0);

/* "name: <message>: <strerror(errno)>" on stderr. */
void cmd_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "name: <message>" on stderr. */
void cmd_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* As cmd_warn/cmd_warnx, then exit with status. */
_Noreturn void cmd_die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void cmd_diex(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "usage: name <synopsis>" on stderr, exit status 2. */
_Noreturn void cmd_usage(const char *synopsis);

#endif
