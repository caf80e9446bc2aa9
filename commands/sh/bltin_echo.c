/*
 * echo, as XSI describes it: -n as the first argument leaves out the
 * newline, and backslash escapes are interpreted (\c ends the output).
 */
#include <stdio.h>
#include <string.h>

#include "builtin.h"
#include "escape.h"

int bi_echo(int argc, char **argv)
{
    struct strbuf out;
    bool newline = true;
    int i = 1;

    if (argc > 1 && strcmp(argv[1], "-n") == 0) {
        newline = false;
        i++;
    }
    sb_init(&out);
    for (; i < argc; i++) {
        if (escape_expand(argv[i], &out, true) == ESCAPE_STOP) {
            newline = false;
            break;
        }
        if (i + 1 < argc)
            sb_addc(&out, ' ');
    }
    if (newline)
        sb_addc(&out, '\n');
    fwrite(out.buf ? out.buf : "", 1, out.len, stdout);
    sb_free(&out);
    return 0;
}
