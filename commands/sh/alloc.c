/* Checked allocation, string buffers and syntax-tree arenas. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"

static _Noreturn void out_of_memory(void)
{
    static const char msg[] = "sh: out of memory\n";

    write(2, msg, sizeof msg - 1);
    _exit(2);
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);

    if (!p)
        out_of_memory();
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);

    if (!p)
        out_of_memory();
    return p;
}

void *xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);

    if (!p)
        out_of_memory();
    return p;
}

char *xstrndup(const char *s, size_t len)
{
    char *p = xmalloc(len + 1);

    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

void sb_init(struct strbuf *sb)
{
    sb->buf = NULL;
    sb->len = 0;
    sb->cap = 0;
}

void sb_free(struct strbuf *sb)
{
    free(sb->buf);
    sb_init(sb);
}

void sb_reset(struct strbuf *sb)
{
    sb->len = 0;
    if (sb->buf)
        sb->buf[0] = '\0';
}

static void sb_grow(struct strbuf *sb, size_t extra)
{
    size_t need = sb->len + extra + 1;

    if (need <= sb->cap)
        return;
    if (sb->cap < 32)
        sb->cap = 32;
    while (sb->cap < need)
        sb->cap *= 2;
    sb->buf = xrealloc(sb->buf, sb->cap);
}

void sb_addc(struct strbuf *sb, char c)
{
    sb_grow(sb, 1);
    sb->buf[sb->len++] = c;
    sb->buf[sb->len] = '\0';
}

void sb_addn(struct strbuf *sb, const char *s, size_t len)
{
    sb_grow(sb, len);
    memcpy(sb->buf + sb->len, s, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
}

void sb_adds(struct strbuf *sb, const char *s)
{
    sb_addn(sb, s, strlen(s));
}

void sb_addf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    sb_grow(sb, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

const char *sb_str(struct strbuf *sb)
{
    return sb->buf ? sb->buf : "";
}

char *sb_take(struct strbuf *sb)
{
    char *s = sb->buf ? sb->buf : xstrdup("");

    sb_init(sb);
    return s;
}

/* Arenas: a list of chunks, each carved from the front. */
#define CHUNK_SIZE 4000

struct chunk {
    struct chunk *next;
    size_t used;
    size_t size;
    _Alignas(16) char mem[];
};

struct arena {
    struct chunk *chunks;
    int refs;
};

struct arena *arena_new(void)
{
    struct arena *a = xcalloc(1, sizeof *a);

    a->refs = 1;
    return a;
}

void arena_ref(struct arena *a)
{
    a->refs++;
}

void arena_unref(struct arena *a)
{
    struct chunk *c, *next;

    if (!a || --a->refs > 0)
        return;
    for (c = a->chunks; c; c = next) {
        next = c->next;
        free(c);
    }
    free(a);
}

void *arena_alloc(struct arena *a, size_t size)
{
    struct chunk *c = a->chunks;
    void *p;

    size = (size + 15) & ~(size_t)15;
    if (!c || c->size - c->used < size) {
        size_t want = size > CHUNK_SIZE ? size : CHUNK_SIZE;

        c = xmalloc(sizeof *c + want);
        c->size = want;
        c->used = 0;
        c->next = a->chunks;
        a->chunks = c;
    }
    p = c->mem + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, len + 1);

    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}
