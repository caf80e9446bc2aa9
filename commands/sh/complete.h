/* Tab completion of command and file names for the line editor. */
#ifndef SH_COMPLETE_H
#define SH_COMPLETE_H

#include <stdbool.h>
#include <stddef.h>

#include "alloc.h"

/*
 * Complete the word before the cursor: a command name in command
 * position, a file name elsewhere. Several candidates: complete their
 * common prefix, or list them on out_fd when there is nothing to add.
 * True if a list was written (the cursor is then at the start of a row).
 */
bool complete_word(int out_fd, struct strbuf *text, size_t *cursor, const char *prompt);

#endif
