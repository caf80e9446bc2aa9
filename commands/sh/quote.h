/* Quoting values so that the shell can read them back. */
#ifndef SH_QUOTE_H
#define SH_QUOTE_H

/* s as one shell word: bare if safe, else in single quotes. */
char *shell_quote(const char *s);

#endif
