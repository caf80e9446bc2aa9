/*
 * Allocation for the commands: a command that runs out of memory cannot do
 * anything useful, so these print "name: out of memory" and exit 1 instead
 * of returning NULL.
 */
#ifndef FILE_ALLOC_H
#define FILE_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xrealloc(void *ptr, size_t size);
/* realloc for an array of count elements, checking the multiplication. */
void *xreallocarray(void *ptr, size_t count, size_t size);
char *xstrdup(const char *s);

#endif
