/* Questions to the user, for the -i options of cp, mv and rm. */
#ifndef FILE_ASK_H
#define FILE_ASK_H

#include <stdbool.h>

/*
 * Print "name: <question> " on stderr and read one line from stdin. True
 * when the answer starts with 'y' or 'Y'; end of input counts as no.
 */
bool ask_yes(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
