/*
 * fnmatch(): match a file name against a shell pattern (POSIX.1-2008),
 * plus FNM_CASEFOLD. Implemented in lib/libc/port/fnmatch.c; this header
 * takes the place of newlib's.
 */
#ifndef EMBER_FNMATCH_H
#define EMBER_FNMATCH_H

#define FNM_NOMATCH 1 /* the only failure fnmatch() returns */

#define FNM_NOESCAPE   0x01 /* backslash is an ordinary character */
#define FNM_PATHNAME   0x02 /* '/' is matched only by a '/' in the pattern */
#define FNM_PERIOD     0x04 /* a leading '.' is matched only by a '.' */
#define FNM_CASEFOLD   0x10 /* letters match regardless of case */
#define FNM_IGNORECASE FNM_CASEFOLD

#ifdef __cplusplus
extern "C" {
#endif

/* 0 when string matches pattern, FNM_NOMATCH when it does not. */
int fnmatch(const char *pattern, const char *string, int flags);

#ifdef __cplusplus
}
#endif

#endif
