/*
 * tail: copy the end of each file: the last N lines or bytes (-n N, -c N)
 * or everything from line or byte N on (-n +N, -c +N). A file is read
 * whole into memory and the starting point found from its end; -f then
 * keeps reading the last file as it grows.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

struct tail_options {
    long count;
    int from_start; /* +N: count from the beginning */
    int bytes;      /* -c rather than -n */
    int follow;
};

struct tail_text {
    char *bytes;
    size_t len, cap;
};

static int read_all(FILE *f, struct tail_text *t)
{
    size_t got;

    t->len = 0;
    do {
        if (t->cap - t->len < 4096) {
            size_t cap = t->cap ? t->cap * 2 : 65536;
            char *grown = realloc(t->bytes, cap);

            if (!grown) {
                errno = ENOMEM;
                return -1;
            }
            t->bytes = grown;
            t->cap = cap;
        }
        got = fread(t->bytes + t->len, 1, t->cap - t->len, f);
        t->len += got;
    } while (got > 0);
    return ferror(f) ? -1 : 0;
}

/* Offset in t where the output starts. */
static size_t start_offset(const struct tail_text *t, const struct tail_options *o)
{
    size_t pos;
    long seen;

    if (o->bytes && o->from_start)
        return o->count > 0 && (size_t)(o->count - 1) < t->len ? (size_t)o->count - 1 : t->len;
    if (o->bytes)
        return (size_t)o->count < t->len ? t->len - o->count : 0;
    if (o->from_start) {
        for (pos = 0, seen = 1; pos < t->len && seen < o->count; pos++)
            if (t->bytes[pos] == '\n')
                seen++;
        return pos;
    }
    /* The last count lines: a final line without a newline counts too. */
    pos = t->len;
    if (pos > 0 && t->bytes[pos - 1] == '\n')
        pos--;
    for (seen = 0; pos > 0; pos--) {
        if (t->bytes[pos - 1] == '\n' && ++seen == o->count)
            break;
    }
    return o->count == 0 ? t->len : pos;
}

/* Copy whatever the file gained since the last read, for ever. */
static _Noreturn void follow_file(FILE *f, const char *name)
{
    char chunk[4096];
    struct stat st;
    size_t got;

    for (;;) {
        while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
            fwrite(chunk, 1, got, stdout);
        fflush(stdout);
        clearerr(f);
        sleep(1);
        if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size < ftell(f)) {
            cmd_warnx("%s: file truncated", name);
            fseek(f, 0, SEEK_SET);
        }
    }
}

static int tail_file(const char *name, const struct tail_options *o, int header, int last)
{
    static struct tail_text text;
    int use_stdin = strcmp(name, "-") == 0;
    FILE *f = use_stdin ? stdin : fopen(name, "r");
    size_t start;

    if (!f) {
        cmd_warn("%s", name);
        return -1;
    }
    if (read_all(f, &text) < 0) {
        cmd_warn("%s", name);
        if (!use_stdin)
            fclose(f);
        return -1;
    }
    if (header)
        printf("==> %s <==\n", use_stdin ? "standard input" : name);
    start = start_offset(&text, o);
    fwrite(text.bytes + start, 1, text.len - start, stdout);
    if (o->follow && last && !use_stdin)
        follow_file(f, name);
    if (!use_stdin)
        fclose(f);
    return 0;
}

static void parse_count(const char *text, struct tail_options *o)
{
    char *end;

    o->from_start = *text == '+';
    if (*text == '+' || *text == '-')
        text++;
    errno = 0;
    o->count = strtol(text, &end, 10);
    if (errno || end == text || *end || o->count < 0)
        cmd_diex(2, "invalid count: '%s'", text);
}

/* Rewrite the obsolescent "-N" and "+N" as "-nN" and "-n+N". */
static void rewrite_obsolete_count(int argc, char **argv)
{
    static char option[32];
    const char *arg = argc > 1 ? argv[1] : "";

    if ((arg[0] == '-' || arg[0] == '+') && arg[1] >= '0' && arg[1] <= '9' &&
        strlen(arg) < sizeof(option) - 4) {
        snprintf(option, sizeof(option), "-n%s%s", arg[0] == '+' ? "+" : "", arg + 1);
        argv[1] = option;
    }
}

int main(int argc, char **argv)
{
    struct tail_options o = { 10, 0, 0, 0 };
    int opt, status = 0;

    cmd_setname(argv[0]);
    rewrite_obsolete_count(argc, argv);
    while ((opt = getopt(argc, argv, "n:c:f")) != -1) {
        if (opt == 'n' || opt == 'c') {
            parse_count(optarg, &o);
            o.bytes = opt == 'c';
        } else if (opt == 'f') {
            o.follow = 1;
        } else {
            cmd_usage("[-f] [-n [+]lines | -c [+]bytes] [file ...]");
        }
    }
    if (optind == argc)
        status = tail_file("-", &o, 0, 1) ? 1 : 0;
    for (int i = optind; i < argc; i++) {
        if (i > optind && argc - optind > 1)
            putchar('\n');
        if (tail_file(argv[i], &o, argc - optind > 1, i == argc - 1))
            status = 1;
    }
    if (fflush(stdout) == EOF)
        cmd_die(1, "standard output");
    return status;
}
