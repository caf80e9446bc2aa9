/* Messages that name the program, for the commands. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

const char *cmd_name = "?";

void cmd_setname(const char *argv0)
{
    const char *slash;

    if (!argv0 || !*argv0)
        return;
    slash = strrchr(argv0, '/');
    cmd_name = slash ? slash + 1 : argv0;
}

static void vmessage(int errnum, const char *fmt, va_list ap)
{
    fflush(stdout);
    fprintf(stderr, "%s: ", cmd_name);
    vfprintf(stderr, fmt, ap);
    if (errnum)
        fprintf(stderr, ": %s", strerror(errnum));
    fputc('\n', stderr);
}

void cmd_warn(const char *fmt, ...)
{
    int errnum = errno;
    va_list ap;

    va_start(ap, fmt);
    vmessage(errnum, fmt, ap);
    va_end(ap);
}

void cmd_warnx(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmessage(0, fmt, ap);
    va_end(ap);
}

void cmd_die(int status, const char *fmt, ...)
{
    int errnum = errno;
    va_list ap;

    va_start(ap, fmt);
    vmessage(errnum, fmt, ap);
    va_end(ap);
    exit(status);
}

void cmd_diex(int status, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmessage(0, fmt, ap);
    va_end(ap);
    exit(status);
}

void cmd_usage(const char *synopsis)
{
    fflush(stdout);
    fprintf(stderr, "usage: %s %s\n", cmd_name, synopsis);
    exit(2);
}
