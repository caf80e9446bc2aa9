/*
 * Shell pattern matching (case, ${x#...}, pathname expansion): * ? [...]
 * with ranges, negation by ! or ^ and character classes. A backslash
 * makes the next character literal; expansion uses that to mark quoted
 * characters.
 */
#ifndef SH_PATTERN_H
#define SH_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

bool pattern_match(const char *pattern, const char *s);
/* Length of the shortest or longest prefix of s that matches, or -1. */
long pattern_match_prefix(const char *pattern, const char *s, bool longest);
/* Start of the shortest or longest suffix of s that matches, or -1. */
long pattern_match_suffix(const char *pattern, const char *s, bool longest);
/* Does the pattern contain an unescaped * ? or [ ? */
bool pattern_has_magic(const char *pattern);

#endif
