/*
 * echo: write the operands separated by spaces, and a newline. As in XSI
 * (and dash), backslash escapes are interpreted; -n as the first operand
 * drops the newline, and \c ends the output there.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

/* Write s with its escapes replaced; false when \c asks to stop. */
static bool echo_word(const char *s)
{
    for (; *s; s++) {
        if (*s != '\\' || s[1] == '\0') {
            putchar(*s);
            continue;
        }
        switch (*++s) {
        case 'a':
            putchar('\a');
            break;
        case 'b':
            putchar('\b');
            break;
        case 'c':
            return false;
        case 'f':
            putchar('\f');
            break;
        case 'n':
            putchar('\n');
            break;
        case 'r':
            putchar('\r');
            break;
        case 't':
            putchar('\t');
            break;
        case 'v':
            putchar('\v');
            break;
        case '\\':
            putchar('\\');
            break;
        case '0': {
            /* \0num: up to three octal digits after the zero. */
            int value = 0;
            for (int i = 0; i < 3 && s[1] >= '0' && s[1] <= '7'; i++)
                value = value * 8 + (*++s - '0');
            putchar(value);
            break;
        }
        default:
            putchar('\\');
            putchar(*s);
        }
    }
    return true;
}

int main(int argc, char **argv)
{
    bool newline = true;
    int i = 1;

    cmd_setname(argv[0]);
    if (argc > 1 && strcmp(argv[1], "-n") == 0) {
        newline = false;
        i = 2;
    }
    for (; i < argc; i++) {
        if (!echo_word(argv[i])) {
            newline = false;
            break;
        }
        if (i + 1 < argc)
            putchar(' ');
    }
    if (newline)
        putchar('\n');
    if (fflush(stdout) != 0 || ferror(stdout))
        cmd_die(1, "write error");
    return 0;
}
