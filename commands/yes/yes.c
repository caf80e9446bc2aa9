/*
 * yes: print a line ("y", or the operands joined by spaces) until killed.
 * The line is repeated into a buffer first so that each write() carries
 * many lines.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

#define YES_BUFFER_SIZE 8192

/* The operands joined by spaces, with a newline, in new memory. */
static char *make_line(int count, char **words, size_t *len)
{
    size_t total = 3;
    char *line;

    for (int i = 0; i < count; i++)
        total += strlen(words[i]) + 1;
    line = malloc(total);
    if (!line)
        cmd_diex(1, "out of memory");
    if (count == 0) {
        strcpy(line, "y\n");
        *len = 2;
        return line;
    }
    *len = 0;
    for (int i = 0; i < count; i++) {
        size_t n = strlen(words[i]);
        memcpy(line + *len, words[i], n);
        *len += n;
        line[(*len)++] = i + 1 < count ? ' ' : '\n';
    }
    return line;
}

static void write_all(const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(STDOUT_FILENO, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            cmd_die(1, "write error");
        buf += n;
        len -= (size_t)n;
    }
}

int main(int argc, char **argv)
{
    static char buf[YES_BUFFER_SIZE];
    int first = 1;
    size_t len, used = 0;
    char *line;

    cmd_setname(argv[0]);
    if (argc > 1 && strcmp(argv[1], "--") == 0)
        first = 2;
    line = make_line(argc - first, argv + first, &len);
    while (used + len <= sizeof buf) {
        memcpy(buf + used, line, len);
        used += len;
    }
    for (;;) {
        if (used)
            write_all(buf, used);
        else
            write_all(line, len); /* a line longer than the buffer */
    }
}
