/* Character sources for the lexer: strings, files, the terminal, aliases. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alias.h"
#include "edit.h"
#include "expand.h"
#include "input.h"
#include "options.h"
#include "trap.h"

#define READ_SIZE 4096

static struct source *source_new(struct input *in, int kind)
{
    struct source *s = xcalloc(1, sizeof *s);

    s->kind = kind;
    s->fd = -1;
    s->prev = in->top;
    in->top = s;
    return s;
}

static void input_clear(struct input *in)
{
    memset(in, 0, sizeof *in);
    sb_init(&in->capture);
    in->line = 1;
}

void input_init_string(struct input *in, const char *s, int line)
{
    struct source *src;

    input_clear(in);
    in->line = line;
    src = source_new(in, SRC_STRING);
    src->buf = (char *)s;
    src->len = strlen(s);
}

void input_init_fd(struct input *in, int fd)
{
    struct source *src;

    input_clear(in);
    src = source_new(in, SRC_FD);
    src->fd = fd;
    src->owned = true;
    if (fd == 0) {
        /* Commands share fd 0: never read past the command being run. */
        src->seekable = lseek(fd, 0, SEEK_CUR) >= 0;
        src->bytewise = !src->seekable;
    }
}

void input_init_terminal(struct input *in)
{
    struct source *src;

    input_clear(in);
    src = source_new(in, SRC_TERMINAL);
    src->fd = 0;
    src->owned = true;
    in->prompt = PROMPT_PS1;
}

static void source_free(struct source *s)
{
    if (s->alias)
        alias_release(s->alias);
    if (s->owned)
        free(s->buf);
    free(s);
}

void input_free(struct input *in)
{
    struct source *s, *prev;

    for (s = in->top; s; s = prev) {
        prev = s->prev;
        source_free(s);
    }
    in->top = NULL;
    sb_free(&in->capture);
}

/*
 * Before a refill, keep the last few characters read at the front of the
 * buffer, so that input_ungetc() can still step back over them.
 */
static size_t keep_tail(struct source *s, size_t extra)
{
    size_t keep = s->pos < INPUT_RECENT ? s->pos : INPUT_RECENT;

    if (keep)
        memmove(s->buf, s->buf + s->pos - keep, keep);
    if (keep + extra + 1 > s->cap) {
        s->cap = keep + extra + 1;
        s->buf = xrealloc(s->buf, s->cap);
    }
    s->pos = s->len = s->echoed = keep;
    return keep;
}

static bool read_more(struct source *s, size_t want)
{
    size_t keep = keep_tail(s, want);
    ssize_t n;

    do {
        n = read(s->fd, s->buf + keep, want);
    } while (n < 0 && errno == EINTR);
    if (n <= 0)
        return false;
    s->len = keep + (size_t)n;
    return true;
}

static const char *prompt_var(enum prompt_kind which)
{
    return which == PROMPT_PS2 ? "PS2" : "PS1";
}

/* One line from the user: through the line editor on a terminal. */
static bool read_terminal_line(struct input *in, struct source *s)
{
    struct strbuf line;
    char *prompt;
    int r;

    trap_run_pending();
    prompt = expand_prompt(prompt_var(in->prompt));
    in->prompt = PROMPT_PS2;
    sb_init(&line);
    r = edit_readline(prompt, &line);
    free(prompt);
    if (r == EDIT_INTERRUPT)
        in->interrupted = true;
    if (r != EDIT_OK) {
        sb_free(&line);
        return false;
    }
    keep_tail(s, line.len);
    memcpy(s->buf + s->len, line.buf, line.len);
    s->len += line.len;
    sb_free(&line);
    return true;
}

static bool refill(struct input *in, struct source *s)
{
    switch (s->kind) {
    case SRC_FD:
        return read_more(s, s->bytewise ? 1 : READ_SIZE);
    case SRC_TERMINAL:
        return read_terminal_line(in, s);
    default:
        return false;
    }
}

/* set -v: copy input to stderr a line at a time, as it is consumed. */
static void echo_verbose(struct source *s)
{
    size_t end = s->pos;

    if (s->kind == SRC_PUSHED || s->echoed > s->pos)
        return;
    while (end < s->len && s->buf[end] != '\n')
        end++;
    if (end < s->len)
        end++;
    write(2, s->buf + s->pos, end - s->pos);
    s->echoed = end;
}

static void remember(struct input *in, struct source *s)
{
    if (in->nrecent == INPUT_RECENT) {
        memmove(in->recent, in->recent + 1, sizeof in->recent[0] * (INPUT_RECENT - 1));
        in->nrecent--;
    }
    in->recent[in->nrecent++] = s;
}

/* The source the next character comes from, refilled; NULL at the end. */
static struct source *next_source(struct input *in)
{
    struct source *s = in->top;

    while (s && s->pos >= s->len) {
        if (s->kind == SRC_PUSHED || !refill(in, s))
            s = s->kind == SRC_PUSHED ? s->prev : NULL;
    }
    return s;
}

int input_getc(struct input *in)
{
    struct source *s;
    int c;

    do {
        if (!(s = next_source(in)))
            return -1;
        if (opt.verbose && s->pos >= s->echoed)
            echo_verbose(s);
        c = (unsigned char)s->buf[s->pos++];
    } while (c == '\0'); /* NUL bytes cannot be in shell text: dropped */
    remember(in, s);
    if (c == '\n')
        in->line++;
    if (in->capture_depth)
        sb_addc(&in->capture, (char)c);
    return c;
}

void input_ungetc(struct input *in, int c)
{
    struct source *s;

    if (c < 0 || in->nrecent == 0)
        return;
    s = in->recent[--in->nrecent];
    if (s->pos == 0)
        return;
    s->pos--;
    if (c == '\n')
        in->line--;
    if (in->capture_depth && in->capture.len)
        in->capture.buf[--in->capture.len] = '\0';
}

void input_push(struct input *in, const char *s, size_t len, struct alias *alias)
{
    struct source *src = source_new(in, SRC_PUSHED);

    src->buf = xstrndup(s, len);
    src->len = len;
    src->owned = true;
    src->alias = alias;
    if (alias)
        alias->in_use = true;
}

void input_pop_done(struct input *in)
{
    while (in->top && in->top->kind == SRC_PUSHED && in->top->pos >= in->top->len) {
        struct source *s = in->top;

        in->top = s->prev;
        source_free(s);
    }
    in->nrecent = 0;
}

void input_sync(struct input *in)
{
    struct source *s = in->top;

    while (s && s->kind == SRC_PUSHED)
        s = s->prev;
    if (!s || s->kind != SRC_FD || !s->seekable || s->pos >= s->len)
        return;
    lseek(s->fd, -(off_t)(s->len - s->pos), SEEK_CUR);
    s->pos = s->len = s->echoed = 0;
    in->nrecent = 0;
}

void input_discard_line(struct input *in)
{
    struct source *s;

    input_pop_done(in);
    for (s = in->top; s && s->kind == SRC_PUSHED; s = in->top) {
        in->top = s->prev;
        source_free(s);
    }
    if (!s || s->kind != SRC_TERMINAL)
        return;
    s->pos = s->len;
}

void input_set_prompt(struct input *in, enum prompt_kind which)
{
    if (in->top && in->prompt != PROMPT_NONE)
        in->prompt = which;
}

size_t input_capture_begin(struct input *in)
{
    in->capture_depth++;
    return in->capture.len;
}

char *input_capture_end(struct input *in, size_t start, struct arena *arena)
{
    char *text = arena_strndup(arena, sb_str(&in->capture) + start, in->capture.len - start);

    if (--in->capture_depth == 0)
        sb_reset(&in->capture);
    return text;
}
