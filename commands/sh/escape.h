/* Backslash escapes of echo, printf's format and printf %b. */
#ifndef SH_ESCAPE_H
#define SH_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "alloc.h"

#define ESCAPE_STOP 1 /* \c: no more output */

/*
 * Decode the escape at s (s[0] is the backslash) into out; *used is the
 * number of characters taken. Octal escapes are \nnn; with
 * octal_needs_zero (echo, %b) also \0nnn, where the zero is a prefix.
 */
int escape_decode(const char *s, struct strbuf *out, bool octal_needs_zero, size_t *used);
int escape_expand(const char *s, struct strbuf *out, bool octal_needs_zero);

#endif
