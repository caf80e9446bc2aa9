/* Reading a command line from the user, with editing on a terminal. */
#ifndef SH_EDIT_H
#define SH_EDIT_H

#include "alloc.h"

enum edit_result { EDIT_OK, EDIT_EOF, EDIT_INTERRUPT };

/*
 * Show the prompt and read one line into line (with its newline). On a
 * terminal the line can be edited (arrows, ^A ^E ^U ^W ^K, history) and
 * ^C abandons it; elsewhere the line is read as it comes.
 */
enum edit_result edit_readline(const char *prompt, struct strbuf *line);

#endif
