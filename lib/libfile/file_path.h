/* Path names as strings: joining, last components, nesting. */
#ifndef FILE_PATH_H
#define FILE_PATH_H

#include <stdbool.h>
#include <sys/stat.h>

/* "dir/name" in new memory, without doubling a slash that dir ends with. */
char *path_join(const char *dir, const char *name);

/*
 * The last component of path in new memory, trailing slashes dropped:
 * "a/b/" -> "b", "/" -> "/", "" -> "".
 */
char *path_last(const char *path);

/*
 * Everything but the last component, as dirname does it: "a/b/" -> "a",
 * "a" -> ".", "/a" -> "/", "" -> ".". In new memory.
 */
char *path_parent(const char *path);

/* True when the last component of path is "." or "..". */
bool path_is_dot_or_dotdot(const char *path);

/*
 * True when the file path would name is dir itself or lies somewhere below
 * it. path need not exist: its nearest existing ancestor is checked, going
 * up with "..". For refusing to copy or move a directory into itself.
 */
bool path_within(const char *path, const struct stat *dir);

#endif
