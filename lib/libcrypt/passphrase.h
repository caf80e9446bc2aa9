/* Asking the user for a line: a name, or a password with the echo off. */
#ifndef PASSPHRASE_H
#define PASSPHRASE_H

#include <stdbool.h>
#include <stddef.h>

/* Write prompt to out_fd, then read one line from standard input into
 * buf (size bytes; the newline is dropped and a longer line cut short).
 * With hidden, the terminal's echo is off while the line is typed (a
 * signal that ends the program puts it back). Returns the length, or -1
 * at the end of the input or on an error. */
int ask_line(const char *prompt, int out_fd, bool hidden, char *buf, size_t size);

#endif
