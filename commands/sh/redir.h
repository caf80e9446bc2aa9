/* Redirections: opening files, duplicating fds, here-documents. */
#ifndef SH_REDIR_H
#define SH_REDIR_H

#include "ast.h"

struct redir_undo;

/*
 * Perform the redirections in order. With undo, the old fds are saved so
 * that redir_restore() can put them back (builtins, functions, compound
 * commands); with undo NULL they are permanent (a child, exec). Returns
 * -1 after reporting the file and the reason; what was done is undone.
 */
int redir_apply(struct redir *list, struct redir_undo **undo);
void redir_restore(struct redir_undo *undo);

/* Move an fd the shell keeps for itself out of the range 0-9, close-on-exec. */
int fd_move_high(int fd);

#endif
