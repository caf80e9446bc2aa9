/* Yes/no questions on stderr, answered on stdin; see file_ask.h. */
#include <stdarg.h>
#include <stdio.h>

#include "cmd.h"
#include "file_ask.h"

bool ask_yes(const char *fmt, ...)
{
    va_list ap;
    int first, c;

    fflush(stdout);
    fprintf(stderr, "%s: ", cmd_name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc(' ', stderr);
    fflush(stderr);

    first = getchar();
    c = first;
    while (c != EOF && c != '\n')
        c = getchar();
    return first == 'y' || first == 'Y';
}
