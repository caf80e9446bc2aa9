/*
 * find -exec. "-exec cmd {} ;" runs cmd once per file, with every "{}"
 * inside its words replaced by the path, and is true when cmd exits 0.
 * "-exec cmd {} +" gathers paths and runs cmd with as many at a time as
 * fit in EXEC_BATCH_BYTES; it is always true, but a failing command makes
 * find's exit status 1. Batches left over are run when the walk ends.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"
#include "file_alloc.h"
#include "find.h"

/* Well below any system's argument limit, environment included. */
#define EXEC_BATCH_BYTES 65536
#define EXEC_BATCH_MAX   4096

/* Run argv and wait for it: its exit status, or -1 if it did not run or died. */
static int run_command(char **argv)
{
    int wstatus;
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid < 0) {
        cmd_warn("cannot run '%s'", argv[0]);
        return -1;
    }
    if (pid == 0) {
        execvp(argv[0], argv);
        cmd_warn("'%s'", argv[0]);
        _exit(errno == ENOENT ? 127 : 126);
    }
    while (waitpid(pid, &wstatus, 0) < 0) {
        if (errno != EINTR) {
            cmd_warn("cannot wait for '%s'", argv[0]);
            return -1;
        }
    }
    return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
}

/* word with each "{}" replaced by path, in new memory. */
static char *substitute(const char *word, const char *path)
{
    size_t count = 0, plen = strlen(path), len;
    const char *p;
    char *out, *o;

    for (p = strstr(word, "{}"); p; p = strstr(p + 2, "{}"))
        count++;
    len = strlen(word) + count * plen - count * 2;
    out = o = xmalloc(len + 1);
    for (p = word; *p;) {
        if (p[0] == '{' && p[1] == '}') {
            memcpy(o, path, plen);
            o += plen;
            p += 2;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    return out;
}

bool exec_now(struct find_exec *exec, const char *path)
{
    char **argv = xreallocarray(NULL, (size_t)exec->argc + 1, sizeof *argv);
    int rc;

    for (int i = 0; i < exec->argc; i++)
        argv[i] = substitute(exec->argv[i], path);
    argv[exec->argc] = NULL;
    rc = run_command(argv);
    for (int i = 0; i < exec->argc; i++)
        free(argv[i]);
    free(argv);
    return rc == 0;
}

/* Run exec's command on the paths gathered so far. */
static void exec_flush(struct find_ctx *ctx, struct find_exec *exec)
{
    size_t argc = (size_t)exec->argc + exec->count;
    char **argv;

    if (exec->count == 0)
        return;
    argv = xreallocarray(NULL, argc + 1, sizeof *argv);
    memcpy(argv, exec->argv, (size_t)exec->argc * sizeof *argv);
    memcpy(argv + exec->argc, exec->paths, exec->count * sizeof *argv);
    argv[argc] = NULL;
    if (run_command(argv) != 0)
        ctx->status = 1;
    free(argv);
    for (size_t i = 0; i < exec->count; i++)
        free(exec->paths[i]);
    exec->count = 0;
    exec->bytes = 0;
}

void exec_add(struct find_ctx *ctx, struct find_exec *exec, const char *path)
{
    size_t len = strlen(path) + 1 + sizeof(char *);

    if (exec->count > 0 && (exec->bytes + len > EXEC_BATCH_BYTES || exec->count >= EXEC_BATCH_MAX))
        exec_flush(ctx, exec);
    if (exec->count == exec->cap) {
        exec->cap = exec->cap ? exec->cap * 2 : 64;
        exec->paths = xreallocarray(exec->paths, exec->cap, sizeof *exec->paths);
    }
    exec->paths[exec->count++] = xstrdup(path);
    exec->bytes += len;
}

void exec_flush_all(struct find_ctx *ctx)
{
    for (struct find_exec *exec = ctx->execs; exec; exec = exec->next)
        exec_flush(ctx, exec);
}
