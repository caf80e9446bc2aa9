/* Syntax trees back to text: job listings and function listings. */
#ifndef SH_SHOW_H
#define SH_SHOW_H

#include "ast.h"

/* The command on one line (here-document bodies left out). */
char *show_command(struct node *n);

#endif
