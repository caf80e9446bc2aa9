/* Error messages that name the shell, the script and the line. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "error.h"
#include "sh.h"

static void report(int line, const char *fmt, va_list ap)
{
    char msg[1024];
    size_t len = 0;
    int n;

    fflush(stdout);
    n = snprintf(msg, sizeof msg, "%s: ", cmd_name);
    len = (size_t)n;
    if (sh.script && len < sizeof msg)
        len += (size_t)snprintf(msg + len, sizeof msg - len, "%s: ", sh.script);
    if (!sh.interactive && line > 0 && len < sizeof msg)
        len += (size_t)snprintf(msg + len, sizeof msg - len, "line %d: ", line);
    if (len < sizeof msg)
        len += (size_t)vsnprintf(msg + len, sizeof msg - len, fmt, ap);
    if (len >= sizeof msg - 1)
        len = sizeof msg - 2;
    msg[len++] = '\n';
    write(2, msg, len);
}

void sh_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report(sh.lineno, fmt, ap);
    va_end(ap);
}

void sh_error_at(int line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    report(line, fmt, ap);
    va_end(ap);
}

int sh_fail(int status)
{
    sh.status = status;
    if (!sh.interactive || sh.subshell)
        sh_exit(status);
    sh.unwind = UNWIND_ABORT;
    return status;
}
