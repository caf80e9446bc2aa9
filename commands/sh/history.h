/* Command history for the line editor. */
#ifndef SH_HISTORY_H
#define SH_HISTORY_H

/* Load $HISTFILE, if set, at the start of an interactive shell. */
void history_load(void);
/* Append the history to $HISTFILE, if set, at exit. */
void history_save(void);
/* Remember a line (without its newline); blank lines and repeats are skipped. */
void history_add(const char *line);
int history_count(void);
/* Entry i, 0 being the oldest. */
const char *history_get(int i);
void history_print(void);

#endif
