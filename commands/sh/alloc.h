/*
 * Memory for the shell: checked malloc wrappers, growable string buffers,
 * and reference-counted arenas that hold parsed syntax trees.
 */
#ifndef SH_ALLOC_H
#define SH_ALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);

/* A growable, always NUL-terminated byte string. */
struct strbuf {
    char *buf;
    size_t len;
    size_t cap;
};

void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
void sb_reset(struct strbuf *sb);
void sb_addc(struct strbuf *sb, char c);
void sb_addn(struct strbuf *sb, const char *s, size_t len);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The buffer's contents (never NULL). */
const char *sb_str(struct strbuf *sb);
/* Hand the heap string to the caller and leave sb empty. */
char *sb_take(struct strbuf *sb);

/*
 * An arena owns the nodes of one parsed command. Function definitions keep
 * the arena of their body alive with arena_ref(); arena_unref() frees it
 * when the last user lets go.
 */
struct arena;

struct arena *arena_new(void);
void arena_ref(struct arena *a);
void arena_unref(struct arena *a);
void *arena_alloc(struct arena *a, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t len);

#endif
