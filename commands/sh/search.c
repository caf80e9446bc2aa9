/*
 * Command search and execution. execve() does the work; when it refuses a
 * file with ENOEXEC, the file is a script: with a #! line its interpreter
 * is started here (in case the system does not), otherwise this shell
 * runs it, in this same process, as sh would.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "error.h"
#include "main.h"
#include "search.h"
#include "var.h"

static bool is_executable_file(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* dir/name, with an empty dir meaning the current directory. */
static char *join_path(const char *dir, size_t dirlen, const char *name)
{
    struct strbuf sb;

    sb_init(&sb);
    if (dirlen == 0)
        sb_adds(&sb, ".");
    else
        sb_addn(&sb, dir, dirlen);
    sb_addc(&sb, '/');
    sb_adds(&sb, name);
    return sb_take(&sb);
}

char *search_path(const char *name, const char *path_var)
{
    const char *dir = path_var ? path_var : DEFAULT_PATH;

    if (strchr(name, '/'))
        return is_executable_file(name) ? xstrdup(name) : NULL;
    for (;;) {
        size_t len = strcspn(dir, ":");
        char *full = join_path(dir, len, name);

        if (is_executable_file(full))
            return full;
        free(full);
        if (!dir[len])
            return NULL;
        dir += len + 1;
    }
}

/* "#!interp [arg]": run the interpreter ourselves. */
static void exec_interpreter(const char *path, const char *line, char **argv, char **env)
{
    char interp[256], arg[256] = "";
    char **args;
    int n = 0, argc = 0;

    if (sscanf(line + 2, " %255s %255[^\n]", interp, arg) < 1)
        return;
    while (argv[argc])
        argc++;
    args = xmalloc(sizeof *args * (size_t)(argc + 3));
    args[n++] = interp;
    if (arg[0])
        args[n++] = arg;
    args[n++] = (char *)path;
    for (int i = 1; i <= argc; i++)
        args[n++] = argv[i];
    execve(interp, args, env);
    free(args);
}

/* ENOEXEC: a script without #!, or with an interpreter line we start. */
static void run_script_file(const char *path, char **argv, char **env)
{
    char head[256];
    ssize_t n = 0;
    int fd = open(path, O_RDONLY);

    if (fd >= 0) {
        n = read(fd, head, sizeof head - 1);
        close(fd);
    }
    if (n < 0)
        n = 0;
    head[n] = '\0';
    if (n >= 2 && head[0] == '#' && head[1] == '!')
        exec_interpreter(path, head, argv, env);
    if (memchr(head, '\0', (size_t)n)) {
        sh_error("%s: cannot execute binary file", path);
        _exit(126);
    }
    sh_run_script(path, argv);
}

static _Noreturn void exec_failed(const char *name, const char *path, int err)
{
    struct stat st;

    if (err == ENOENT || err == ENOTDIR) {
        sh_error("%s: not found", name);
        _exit(127);
    }
    if (err == EACCES && path && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        sh_error("%s: is a directory", name);
    else
        sh_error("%s: %s", name, strerror(err));
    _exit(126);
}

void exec_program(char **argv, char **env, const char *path_var)
{
    const char *name = argv[0], *dir = path_var ? path_var : DEFAULT_PATH;
    char *denied = NULL;
    int denied_err = 0;

    if (strchr(name, '/')) {
        execve(name, argv, env);
        if (errno == ENOEXEC)
            run_script_file(name, argv, env);
        exec_failed(name, name, errno);
    }
    for (;;) {
        size_t len = strcspn(dir, ":");
        char *full = join_path(dir, len, name);

        execve(full, argv, env);
        if (errno == ENOEXEC)
            run_script_file(full, argv, env);
        if (errno != ENOENT && errno != ENOTDIR && !denied) {
            denied = full;
            denied_err = errno;
        } else {
            free(full);
        }
        if (!dir[len])
            break;
        dir += len + 1;
    }
    exec_failed(name, denied, denied ? denied_err : ENOENT);
}
