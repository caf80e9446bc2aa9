/* The function table. */
#ifndef SH_FUNC_H
#define SH_FUNC_H

#include "ast.h"

/* Define (or redefine) a function from its N_FUNCDEF node. */
void func_define(struct node *def);
/* The N_FUNCDEF node of a function, or NULL. */
struct node *func_find(const char *name);
/* Returns -1 if there was no such function. */
int func_unset(const char *name);
void func_clear_all(void);

#endif
