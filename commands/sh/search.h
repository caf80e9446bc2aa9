/* Finding and starting external programs. */
#ifndef SH_SEARCH_H
#define SH_SEARCH_H

#define DEFAULT_PATH "/bin:/usr/bin:/usr/local/bin"

/* The path of an executable file found through path_var, or NULL. */
char *search_path(const char *name, const char *path_var);

/*
 * Replace this process with the program (searched in PATH). A file that
 * is not a binary runs as a shell script. On failure: reports the name
 * and reason and exits 127 (not found) or 126 (cannot run).
 */
_Noreturn void exec_program(char **argv, char **env, const char *path_var);

#endif
