/*
 * read: one line from standard input, split into variables by IFS.
 * Input is read a byte at a time so that nothing after the line is
 * consumed (the rest belongs to whoever reads next). Without -r a
 * backslash protects the next character from splitting, and a backslash
 * before the newline continues the line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "ast.h"
#include "builtin.h"
#include "error.h"
#include "sh.h"
#include "trap.h"
#include "var.h"

/* The line, and which of its characters were escaped by a backslash. */
struct line {
    struct strbuf text;
    struct strbuf escaped; /* one byte per character: 1 if escaped */
};

static void line_add(struct line *l, char c, bool escaped)
{
    sb_addc(&l->text, c);
    sb_addc(&l->escaped, escaped ? 1 : 0);
}

/* One byte; 0 at end of input, -1 on error, -2 when a trap interrupts. */
static int read_byte(char *c)
{
    for (;;) {
        ssize_t n = read(0, c, 1);

        if (n == 1)
            return 1;
        if (n == 0)
            return 0;
        if (errno != EINTR)
            return -1;
        if (trap_pending_signal())
            return -2;
    }
}

/* Fill the line; returns 0 at a newline, 1 at end of input, or 128+n / 2. */
static int read_line(struct line *l, bool raw)
{
    bool escape = false;
    char c;
    int r;

    while ((r = read_byte(&c)) == 1) {
        if (c == '\0')
            continue;
        if (escape) {
            escape = false;
            if (c != '\n')
                line_add(l, c, true);
            continue;
        }
        if (c == '\\' && !raw) {
            escape = true;
            continue;
        }
        if (c == '\n')
            return 0;
        line_add(l, c, false);
    }
    if (r == -2)
        return 128 + trap_pending_signal();
    if (r < 0) {
        sh_error("read: %s", strerror(errno));
        return 2;
    }
    return 1;
}

struct splitter {
    struct line *line;
    size_t pos;
    const char *ifs;
};

static bool is_ifs(struct splitter *s, size_t i)
{
    char c = s->line->text.buf[i];

    return !s->line->escaped.buf[i] && c && strchr(s->ifs, c);
}

static bool is_ifs_white(struct splitter *s, size_t i)
{
    char c = s->line->text.buf[i];

    return is_ifs(s, i) && (c == ' ' || c == '\t' || c == '\n');
}

static void skip_white(struct splitter *s)
{
    while (s->pos < s->line->text.len && is_ifs_white(s, s->pos))
        s->pos++;
}

/* The next field, and the delimiter after it. */
static char *next_field(struct splitter *s)
{
    size_t start = s->pos;
    char *field;

    while (s->pos < s->line->text.len && !is_ifs(s, s->pos))
        s->pos++;
    field = xstrndup(s->line->text.buf + start, s->pos - start);
    skip_white(s);
    if (s->pos < s->line->text.len && is_ifs(s, s->pos)) {
        s->pos++;
        skip_white(s);
    }
    return field;
}

/* What is left for the last variable, without trailing IFS white space. */
static char *rest_of_line(struct splitter *s)
{
    size_t end = s->line->text.len;

    while (end > s->pos && is_ifs_white(s, end - 1))
        end--;
    return xstrndup(s->line->text.len ? s->line->text.buf + s->pos : "", end - s->pos);
}

static int assign_fields(struct line *l, char **names, int count)
{
    char *ifs = xstrdup(var_get("IFS") ? var_get("IFS") : " \t\n"); /* read IFS may replace it */
    struct splitter s = { l, 0, ifs };
    int status = 0;

    sb_addc(&l->text, '\0');
    l->text.len--;
    sb_addc(&l->escaped, '\0');
    skip_white(&s);
    for (int i = 0; i < count; i++) {
        char *value = i + 1 < count ? next_field(&s) : rest_of_line(&s);

        if (var_set(names[i], value, 0) < 0)
            status = 2;
        free(value);
    }
    free(ifs);
    return status;
}

int bi_read(int argc, char **argv)
{
    static char *reply[] = { "REPLY", NULL };
    struct line l;
    bool raw = false;
    int i, r, status;

    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else if (strcmp(argv[i], "-r") == 0) {
            raw = true;
        } else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc) {
            fputs(argv[++i], stderr);
        } else {
            sh_error("read: %s: invalid option", argv[i]);
            return 2;
        }
    }
    for (int k = i; k < argc; k++) {
        if (!is_name(argv[k], strlen(argv[k]))) {
            sh_error("read: '%s': bad variable name", argv[k]);
            return 2;
        }
    }
    sb_init(&l.text);
    sb_init(&l.escaped);
    r = read_line(&l, raw);
    status = assign_fields(&l, i < argc ? argv + i : reply, i < argc ? argc - i : 1);
    sb_free(&l.text);
    sb_free(&l.escaped);
    return r ? r : status;
}
