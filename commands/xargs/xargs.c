/*
 * xargs: build command lines from standard input and run them.
 *
 * Input is split into arguments at blanks and newlines; single and double
 * quotes and backslashes keep blanks inside an argument. With -0 the
 * arguments are separated by NUL bytes and taken as they are; with -I
 * each input line is one argument, put in place of every replstr in the
 * command's own arguments. A command line holds at most -n arguments and
 * -s bytes. Exit status: 0; 123 when a command failed; 124 when one exited
 * 255 (xargs stops); 125 when one was killed; 126 or 127 when the command
 * could not be run or was not found.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"
#include "file_alloc.h"

#define XARGS_USAGE  "[-0rt] [-E eofstr] [-I replstr] [-n number] [-s size] [utility [argument...]]"
#define DEFAULT_SIZE (128 * 1024)

struct xargs_opts {
    bool nul_separated;   /* -0 */
    bool trace;           /* -t */
    bool skip_if_empty;   /* -r */
    const char *eof_word; /* -E */
    const char *replace;  /* -I */
    long max_args;        /* -n, 0 for no limit */
    size_t max_bytes;     /* -s */
};

/* A growing string, for the argument being read. */
struct word {
    char *text;
    size_t len, cap;
};

/* The command line being built. */
struct command_line {
    char **argv;
    size_t argc, cap;
    size_t fixed; /* the utility and its own arguments */
    size_t bytes; /* of all arguments, with their terminating NULs */
};

/* Empty w, making sure it has storage. */
static void word_clear(struct word *w)
{
    if (!w->text) {
        w->cap = 64;
        w->text = xmalloc(w->cap);
    }
    w->len = 0;
    w->text[0] = '\0';
}

static void word_add(struct word *w, char c)
{
    if (w->len + 1 >= w->cap) {
        w->cap = w->cap ? w->cap * 2 : 64;
        w->text = xrealloc(w->text, w->cap);
    }
    w->text[w->len++] = c;
    w->text[w->len] = '\0';
}

/* Read the next blank-separated argument into w; false at end of input. */
static bool read_quoted(struct word *w)
{
    int c, quote = 0;
    bool have = false;

    word_clear(w);
    while ((c = getchar()) != EOF) {
        if (quote) {
            if (c == quote)
                quote = 0;
            else if (c == '\n')
                cmd_diex(1, "unmatched %s quote", quote == '\'' ? "single" : "double");
            else
                word_add(w, (char)c);
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n') {
            if (have)
                return true;
            continue;
        }
        have = true;
        if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '\\') {
            c = getchar();
            if (c != EOF)
                word_add(w, (char)c);
        } else {
            word_add(w, (char)c);
        }
    }
    if (quote)
        cmd_diex(1, "unmatched %s quote", quote == '\'' ? "single" : "double");
    return have;
}

/* -0: the next NUL-terminated argument. */
static bool read_nul(struct word *w)
{
    int c;

    word_clear(w);
    while ((c = getchar()) != EOF && c != '\0')
        word_add(w, (char)c);
    return c != EOF || w->len > 0;
}

/* -I: the next non-empty line, without its leading blanks. */
static bool read_line(struct word *w)
{
    int c;

    for (;;) {
        word_clear(w);
        while ((c = getchar()) == ' ' || c == '\t')
            ;
        while (c != EOF && c != '\n') {
            word_add(w, (char)c);
            c = getchar();
        }
        if (w->len > 0)
            return true;
        if (c == EOF)
            return false;
    }
}

static bool next_argument(const struct xargs_opts *opts, struct word *w)
{
    bool got = opts->nul_separated ? read_nul(w) : opts->replace ? read_line(w) : read_quoted(w);

    if (got && opts->eof_word && !opts->nul_separated && strcmp(w->text, opts->eof_word) == 0)
        return false;
    return got;
}

static void line_push(struct command_line *line, char *arg)
{
    if (line->argc + 1 >= line->cap) {
        line->cap = line->cap ? line->cap * 2 : 64;
        line->argv = xreallocarray(line->argv, line->cap, sizeof *line->argv);
    }
    line->argv[line->argc++] = arg;
    line->argv[line->argc] = NULL;
    line->bytes += strlen(arg) + 1;
}

static void trace_command(char **argv)
{
    for (size_t i = 0; argv[i]; i++)
        fprintf(stderr, "%s%s", i ? " " : "", argv[i]);
    fputc('\n', stderr);
}

/* Run argv and wait; return xargs's verdict on it (0, 123..127). */
static int run(const struct xargs_opts *opts, char **argv)
{
    int wstatus;
    pid_t pid;

    if (opts->trace)
        trace_command(argv);
    fflush(stdout);
    pid = fork();
    if (pid < 0)
        cmd_die(1, "cannot run '%s'", argv[0]);
    if (pid == 0) {
        execvp(argv[0], argv);
        int err = errno;
        cmd_warn("%s", argv[0]);
        _exit(err == ENOENT ? 127 : 126);
    }
    while (waitpid(pid, &wstatus, 0) < 0)
        if (errno != EINTR)
            cmd_die(1, "cannot wait for '%s'", argv[0]);
    if (WIFSIGNALED(wstatus)) {
        cmd_warnx("%s: terminated by signal %d", argv[0], WTERMSIG(wstatus));
        return 125;
    }
    int code = WEXITSTATUS(wstatus);
    if (code == 255) {
        cmd_warnx("%s: exited with status 255; aborting", argv[0]);
        return 124;
    }
    if (code == 126 || code == 127)
        return code;
    return code ? 123 : 0;
}

/* The fatal verdicts end xargs at once. */
static void note_result(int *status, int result)
{
    if (result == 124 || result == 125 || result == 126 || result == 127)
        exit(result);
    if (result)
        *status = result;
}

/* word with every replace replaced by arg, in new memory. */
static char *replace_all(const char *word, const char *replace, const char *arg)
{
    size_t rlen = strlen(replace), alen = strlen(arg), count = 0;
    char *out, *o;

    for (const char *p = strstr(word, replace); p && rlen; p = strstr(p + rlen, replace))
        count++;
    out = o = xmalloc(strlen(word) + count * alen + 1);
    for (const char *p = word; *p;) {
        if (rlen && strncmp(p, replace, rlen) == 0) {
            memcpy(o, arg, alen);
            o += alen;
            p += rlen;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    return out;
}

/* -I: one command per input line. */
static int run_replacing(const struct xargs_opts *opts, char **command, int count)
{
    struct word w = { 0 };
    int status = 0;

    while (next_argument(opts, &w)) {
        char **argv = xreallocarray(NULL, (size_t)count + 1, sizeof *argv);
        for (int i = 0; i < count; i++)
            argv[i] = i == 0 ? command[0] : replace_all(command[i], opts->replace, w.text);
        argv[count] = NULL;
        note_result(&status, run(opts, argv));
        for (int i = 1; i < count; i++)
            free(argv[i]);
        free(argv);
    }
    free(w.text);
    return status;
}

/* Run the line and drop its input arguments. */
static void flush_line(const struct xargs_opts *opts, struct command_line *line, int *status)
{
    note_result(status, run(opts, line->argv));
    for (size_t i = line->fixed; i < line->argc; i++) {
        line->bytes -= strlen(line->argv[i]) + 1;
        free(line->argv[i]);
    }
    line->argc = line->fixed;
    line->argv[line->argc] = NULL;
}

static int run_batches(const struct xargs_opts *opts, char **command, int count)
{
    struct command_line line = { 0 };
    struct word w = { 0 };
    bool ran = false;
    int status = 0;

    for (int i = 0; i < count; i++)
        line_push(&line, command[i]);
    line.fixed = line.argc;
    if (line.bytes > opts->max_bytes)
        cmd_diex(1, "the command is longer than the size limit");
    while (next_argument(opts, &w)) {
        size_t len = w.len + 1;
        if (line.bytes + len > opts->max_bytes && line.argc > line.fixed) {
            flush_line(opts, &line, &status);
            ran = true;
        }
        if (line.bytes + len > opts->max_bytes)
            cmd_diex(1, "argument too long for the size limit: '%.40s...'", w.text);
        line_push(&line, xstrdup(w.text));
        if (opts->max_args && (long)(line.argc - line.fixed) >= opts->max_args) {
            flush_line(opts, &line, &status);
            ran = true;
        }
    }
    if (line.argc > line.fixed || (!ran && !opts->skip_if_empty))
        flush_line(opts, &line, &status);
    free(w.text);
    free(line.argv);
    return status;
}

static long parse_count(const char *text, const char *what)
{
    char *end;
    long value;

    errno = 0;
    value = strtol(text, &end, 10);
    if (errno || *end || value < 1)
        cmd_diex(2, "invalid %s '%s'", what, text);
    return value;
}

int main(int argc, char **argv)
{
    static char *default_command[] = { "echo", NULL };
    struct xargs_opts opts = { .max_bytes = DEFAULT_SIZE };
    int opt;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "+0rtE:I:n:s:")) != -1) {
        switch (opt) {
        case '0':
            opts.nul_separated = true;
            break;
        case 'r':
            opts.skip_if_empty = true;
            break;
        case 't':
            opts.trace = true;
            break;
        case 'E':
            opts.eof_word = *optarg ? optarg : NULL;
            break;
        case 'I':
            opts.replace = optarg;
            break;
        case 'n':
            opts.max_args = parse_count(optarg, "number of arguments");
            break;
        case 's':
            opts.max_bytes = (size_t)parse_count(optarg, "size");
            break;
        default:
            cmd_usage(XARGS_USAGE);
        }
    }
    char **command = optind < argc ? argv + optind : default_command;
    int count = optind < argc ? argc - optind : 1;
    if (opts.replace)
        return run_replacing(&opts, command, count);
    return run_batches(&opts, command, count);
}
