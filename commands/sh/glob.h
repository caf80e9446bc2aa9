/* Pathname expansion with the shell's own matcher. */
#ifndef SH_GLOB_H
#define SH_GLOB_H

#include "expand.h"

/*
 * Add the paths that match the pattern (quoted characters escaped by a
 * backslash), sorted; returns how many were added.
 */
int glob_expand(const char *pattern, struct fields *out);

#endif
