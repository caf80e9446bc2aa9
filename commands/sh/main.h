/* Start-up and the top level of the shell. */
#ifndef SH_MAIN_H
#define SH_MAIN_H

/*
 * Run a file that execve() could not start (no #!) as a new shell would:
 * this process forgets functions, aliases and unexported variables first.
 */
_Noreturn void sh_run_script(const char *path, char **argv);

#endif
