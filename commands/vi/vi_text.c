/*
 * vi: the text as an array of lines, reading and writing files, and
 * undo. Undo keeps a whole copy of the text from before the last change:
 * simple, and plenty for the files a small editor meets. Undoing swaps
 * the copies, so a second 'u' redoes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "vi.h"

static void *grow(void *block, size_t size)
{
    void *grown = realloc(block, size ? size : 1);

    if (!grown) {
        term_stop();
        cmd_diex(1, "out of memory");
    }
    return grown;
}

static void line_reserve(struct vi_line *l, size_t need)
{
    if (need <= l->cap)
        return;
    l->cap = need < 16 ? 16 : need * 2;
    l->text = grow(l->text, l->cap);
}

void line_insert_bytes(struct vi_line *l, size_t at, const char *bytes, size_t n)
{
    line_reserve(l, l->len + n);
    memmove(l->text + at + n, l->text + at, l->len - at);
    memcpy(l->text + at, bytes, n);
    l->len += n;
}

void line_delete_bytes(struct vi_line *l, size_t at, size_t n)
{
    if (at >= l->len)
        return;
    if (n > l->len - at)
        n = l->len - at;
    memmove(l->text + at, l->text + at + n, l->len - at - n);
    l->len -= n;
}

void text_init(struct vi_text *t)
{
    t->lines = NULL;
    t->n = t->cap = 0;
    text_insert_line(t, 0, "", 0);
}

void text_free(struct vi_text *t)
{
    for (long i = 0; i < t->n; i++)
        free(t->lines[i].text);
    free(t->lines);
    t->lines = NULL;
    t->n = t->cap = 0;
}

void text_copy(struct vi_text *to, const struct vi_text *from)
{
    text_free(to);
    to->lines = grow(NULL, from->n * sizeof(*to->lines));
    to->n = to->cap = from->n;
    for (long i = 0; i < from->n; i++) {
        struct vi_line *l = &to->lines[i];

        l->len = l->cap = from->lines[i].len;
        l->text = grow(NULL, l->cap);
        memcpy(l->text, from->lines[i].text, l->len);
    }
}

void text_insert_line(struct vi_text *t, long at, const char *bytes, size_t n)
{
    struct vi_line *l;

    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->lines = grow(t->lines, t->cap * sizeof(*t->lines));
    }
    memmove(&t->lines[at + 1], &t->lines[at], (t->n - at) * sizeof(*t->lines));
    t->n++;
    l = &t->lines[at];
    l->text = NULL;
    l->len = l->cap = 0;
    line_insert_bytes(l, 0, bytes, n);
}

/* Delete lines [first, first + count); the text keeps at least one line. */
void text_delete_lines(struct vi_text *t, long first, long count)
{
    if (first + count > t->n)
        count = t->n - first;
    for (long i = first; i < first + count; i++)
        free(t->lines[i].text);
    memmove(&t->lines[first], &t->lines[first + count], (t->n - first - count) * sizeof(*t->lines));
    t->n -= count;
    if (t->n == 0)
        text_insert_line(t, 0, "", 0);
}

/* Load a file into ed.text; 0, or -1 with a message when it cannot be read. */
int text_load(const char *name)
{
    FILE *f = fopen(name, "r");
    char chunk[8192];
    struct vi_text t;
    size_t got, bytes = 0;
    int ends_in_newline = 1;

    text_init(&t);
    if (!f) {
        if (errno != ENOENT) {
            message("\"%s\": %s", name, strerror(errno));
            text_free(&t);
            return -1;
        }
        message("\"%s\" [New File]", name);
        text_free(&ed.text);
        ed.text = t;
        ed.no_final_newline = 0;
        ed.loaded_empty = 1;
        return 0;
    }
    while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        for (size_t i = 0; i < got; i++) {
            if (chunk[i] == '\n')
                text_insert_line(&t, t.n, "", 0);
            else
                line_insert_bytes(&t.lines[t.n - 1], t.lines[t.n - 1].len, &chunk[i], 1);
        }
        bytes += got;
        ends_in_newline = chunk[got - 1] == '\n';
    }
    if (ferror(f)) {
        message("\"%s\": read error: %s", name, strerror(errno));
        fclose(f);
        text_free(&t);
        return -1;
    }
    fclose(f);
    if (bytes > 0 && ends_in_newline)
        text_delete_lines(&t, t.n - 1, 1); /* the empty line after the last newline */
    text_free(&ed.text);
    ed.text = t;
    ed.no_final_newline = bytes > 0 && !ends_in_newline;
    ed.loaded_empty = bytes == 0;
    message("\"%s\" %ld line%s, %zu byte%s%s", name, ed.text.n, ed.text.n == 1 ? "" : "s", bytes,
            bytes == 1 ? "" : "s", ed.no_final_newline ? " [noeol]" : "");
    return 0;
}

/* Write ed.text to a file; 0, or -1 with a message. */
int text_save(const char *name)
{
    FILE *f = fopen(name, "w");
    size_t bytes = 0;
    int empty = ed.loaded_empty && ed.text.n == 1 && ed.text.lines[0].len == 0;

    if (!f) {
        message("\"%s\": %s", name, strerror(errno));
        return -1;
    }
    for (long i = 0; i < ed.text.n && !empty; i++) {
        int newline = !(i == ed.text.n - 1 && ed.no_final_newline);

        fwrite(ed.text.lines[i].text, 1, ed.text.lines[i].len, f);
        if (newline)
            putc('\n', f);
        bytes += ed.text.lines[i].len + newline;
    }
    if (fclose(f) == EOF) {
        message("\"%s\": write error: %s", name, strerror(errno));
        return -1;
    }
    message("\"%s\" %ldL, %zuB written", name, empty ? 0 : ed.text.n, bytes);
    return 0;
}

/* Remember the text as it is before a change. */
void undo_save(void)
{
    text_copy(&ed.undo_text, &ed.text);
    ed.loaded_empty = 0;
    ed.undo_line = ed.line;
    ed.undo_col = ed.col;
    ed.have_undo = 1;
}

void undo_restore(void)
{
    struct vi_text swap;
    long line = ed.line, col = ed.col;

    if (!ed.have_undo) {
        message("Already at oldest change");
        return;
    }
    swap = ed.text;
    ed.text = ed.undo_text;
    ed.undo_text = swap;
    ed.line = ed.undo_line;
    ed.col = ed.undo_col;
    ed.undo_line = line;
    ed.undo_col = col;
    ed.modified = 1;
}
