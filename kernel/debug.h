/* Diagnostics that a command-line option turns on. */
#ifndef DEBUG_H
#define DEBUG_H

#include "thread.h"

void debug_init(void);
void debug_tick(void);

#endif
