/*
 * glob(): the path names that match a shell pattern (POSIX.1-2008).
 * Implemented in lib/libc/port/glob.c; this header takes the place of
 * newlib's.
 */
#ifndef EMBER_GLOB_H
#define EMBER_GLOB_H

#include <stddef.h>

typedef struct {
    size_t gl_pathc; /* paths matched so far */
    char **gl_pathv; /* gl_offs NULLs, the paths, then NULL */
    size_t gl_offs;  /* NULL slots at the start (with GLOB_DOOFFS) */
} glob_t;

#define GLOB_ERR      0x01 /* stop at the first directory that cannot be read */
#define GLOB_MARK     0x02 /* append '/' to each directory */
#define GLOB_NOSORT   0x04 /* leave the paths in the order found */
#define GLOB_DOOFFS   0x08 /* leave gl_offs NULL slots at the start */
#define GLOB_NOCHECK  0x10 /* no match: return the pattern itself */
#define GLOB_APPEND   0x20 /* add to the paths of an earlier call */
#define GLOB_NOESCAPE 0x40 /* backslash is an ordinary character */

#define GLOB_NOSPACE 1 /* out of memory */
#define GLOB_ABORTED 2 /* a directory could not be read (GLOB_ERR or errfunc) */
#define GLOB_NOMATCH 3 /* nothing matched (and no GLOB_NOCHECK) */

#ifdef __cplusplus
extern "C" {
#endif

int glob(const char *pattern, int flags, int (*errfunc)(const char *epath, int eerrno),
         glob_t *pglob);
void globfree(glob_t *pglob);

#ifdef __cplusplus
}
#endif

#endif
