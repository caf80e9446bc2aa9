/*
 * Signals and traps. A caught signal only sets a flag; the actions run
 * later, between commands (trap_run_pending), never inside the handler.
 */
#ifndef SH_TRAP_H
#define SH_TRAP_H

#include <stdbool.h>

#define SIG_SLOTS 65 /* signal numbers 1..64; slot 0 is the EXIT trap */

/* At start-up: note signals ignored on entry, set up the shell's own. */
void trap_init(void);
/* Recompute dispositions after sh.interactive or job control changed. */
void trap_update_all(void);

/* Set the action for sig (0: EXIT): NULL resets, "" ignores. */
int trap_set(int sig, const char *action);
/* Print the traps as commands (trap with no operands). */
void trap_print(void);
bool trap_any_set(void);

/* Run the actions of signals that arrived since the last call. */
void trap_run_pending(void);
/* A trapped signal that has arrived and not been handled, or 0. */
int trap_pending_signal(void);
/* Run the EXIT trap once. */
void trap_run_exit(void);
/* In a forked child: caught signals go back to their defaults. */
void trap_reset_for_subshell(void);

/* A background job without job control ignores SIGINT and SIGQUIT. */
void trap_ignore_interrupts(void);
/* A child in the interactive shell's process group ignores ^Z and tty stops. */
void trap_ignore_job_signals(void);

/* An interactive ^C (or a foreground job killed by one). */
void trap_note_interrupt(void);
/* Has ^C arrived (SIGINT)? Clears the flag. */
bool trap_take_interrupt(void);
/* If ^C was typed, abandon the command line (interactive shells). */
void trap_check_interrupt(void);

/* Signal names without SIG: -1 if unknown, 0 for EXIT. */
int signal_number(const char *name);
const char *signal_name(int sig);
/* Print the table for kill -l. */
void signal_list(void);

#endif
