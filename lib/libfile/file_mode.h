/*
 * File modes as people write them: chmod's octal and symbolic modes (also
 * mkdir -m and find -perm), and the "drwxr-xr-x" strings of ls -l.
 */
#ifndef FILE_MODE_H
#define FILE_MODE_H

#include <stdbool.h>
#include <sys/types.h>

struct mode_change;

/*
 * Compile a mode: octal ("755", at most 07777) or symbolic clauses
 * ("u+x,go-w", "a=r", "g=u", "+X"). NULL when spec is not a valid mode.
 */
struct mode_change *mode_compile(const char *spec);
void mode_free(struct mode_change *change);

/*
 * The permission bits (07777) that change gives a file whose mode is old.
 * is_dir decides what X means; umask_bits masks clauses that name no one
 * ("+w" sets only the w bits the umask allows, as POSIX chmod asks).
 */
mode_t mode_apply(const struct mode_change *change, mode_t old, bool is_dir, mode_t umask_bits);

/* The process's file creation mask, read without changing it. */
mode_t mode_umask(void);

#define MODE_STRING_LEN 11

/* "drwxr-xr-x" with s/S and t/T for the special bits; out gets 10 + NUL. */
void mode_string(mode_t mode, char out[MODE_STRING_LEN]);

/* "regular file", "directory", ... as stat %F prints; size tells "empty". */
const char *mode_type_name(mode_t mode, off_t size);

#endif
