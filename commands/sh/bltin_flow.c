/* Builtins that steer the shell: : false break continue return exit eval . exec */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "error.h"
#include "exec.h"
#include "input.h"
#include "redir.h"
#include "search.h"
#include "sh.h"
#include "var.h"

int bi_colon(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int bi_false(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return 1;
}

/* A non-negative number operand; -1 (reported) if it is not one. */
static long number_arg(const char *who, const char *arg)
{
    char *end;
    long n;

    errno = 0;
    n = strtol(arg, &end, 10);
    if (!*arg || *end || n < 0 || errno) {
        sh_error("%s: %s: bad number", who, arg);
        return -1;
    }
    return n;
}

static int loop_control(int argc, char **argv, enum unwind how)
{
    long n = argc > 1 ? number_arg(argv[0], argv[1]) : 1;

    if (n < 0 || (argc > 1 && n == 0)) {
        if (n == 0)
            sh_error("%s: 0: loop count must be positive", argv[0]);
        return builtin_error(1);
    }
    if (sh.loop_depth == 0)
        return 0;
    sh.unwind = how;
    sh.unwind_count = n > sh.loop_depth ? sh.loop_depth : (int)n;
    return 0;
}

int bi_break(int argc, char **argv)
{
    return loop_control(argc, argv, UNWIND_BREAK);
}

int bi_continue(int argc, char **argv)
{
    return loop_control(argc, argv, UNWIND_CONTINUE);
}

int bi_return(int argc, char **argv)
{
    long n = sh.status;

    if (argc > 1 && (n = number_arg("return", argv[1])) < 0)
        return builtin_error(2);
    if (sh.func_depth == 0 && sh.dot_depth == 0) {
        sh_error("return: not in a function or dot script");
        return 1;
    }
    sh.status = (int)(n & 255);
    sh.unwind = UNWIND_RETURN;
    return sh.status;
}

int bi_exit(int argc, char **argv)
{
    long n = sh.status;

    if (argc > 1 && (n = number_arg("exit", argv[1])) < 0)
        n = 2;
    sh_exit((int)(n & 255));
}

int bi_eval(int argc, char **argv)
{
    struct strbuf text;
    int status;

    sb_init(&text);
    for (int i = 1; i < argc; i++) {
        if (i > 1)
            sb_addc(&text, ' ');
        sb_adds(&text, argv[i]);
    }
    status = exec_string(sb_str(&text), sh.lineno);
    sb_free(&text);
    return status;
}

/* The file for `. name`: through PATH when name has no '/'. */
static char *find_dot_file(const char *name)
{
    const char *dir = var_get("PATH");

    if (strchr(name, '/'))
        return xstrdup(name);
    while (dir) {
        size_t len = strcspn(dir, ":");
        struct strbuf path;

        sb_init(&path);
        sb_addn(&path, len ? dir : ".", len ? len : 1);
        sb_addc(&path, '/');
        sb_adds(&path, name);
        if (access(path.buf, R_OK) == 0)
            return sb_take(&path);
        sb_free(&path);
        dir = dir[len] ? dir + len + 1 : NULL;
    }
    return access(name, R_OK) == 0 ? xstrdup(name) : NULL;
}

static int run_dot_file(int fd, int argc, char **argv)
{
    struct posparams saved = { 0 };
    struct input in;
    int status;

    if (argc > 2) {
        saved = params_save();
        params_set(argc - 2, argv + 2);
    }
    sh.dot_depth++;
    fd = fd_move_high(fd);
    input_init_fd(&in, fd);
    in.prompt = PROMPT_NONE;
    status = exec_input(&in);
    input_free(&in);
    close(fd);
    sh.dot_depth--;
    if (sh.unwind == UNWIND_RETURN) {
        sh.unwind = UNWIND_NONE;
        status = sh.status;
    }
    if (argc > 2)
        params_restore(saved);
    return status;
}

int bi_dot(int argc, char **argv)
{
    char *path;
    int fd;

    if (argc < 2) {
        sh_error(".: usage: . file [argument...]");
        return builtin_error(2);
    }
    if (sh.eval_depth >= MAX_EVAL_DEPTH) {
        sh_error(".: %s: nesting too deep", argv[1]);
        return builtin_error(2);
    }
    path = find_dot_file(argv[1]);
    fd = path ? open(path, O_RDONLY) : -1;
    if (fd < 0) {
        sh_error(".: %s: %s", argv[1], path ? strerror(errno) : "not found");
        free(path);
        return builtin_error(2);
    }
    free(path);
    sh.eval_depth++;
    fd = run_dot_file(fd, argc, argv);
    sh.eval_depth--;
    return fd;
}

int bi_exec(int argc, char **argv)
{
    char **env;

    if (argc < 2)
        return 0;
    if (!strchr(argv[1], '/')) {
        char *path = search_path(argv[1], var_get("PATH"));

        if (!path) {
            sh_error("exec: %s: not found", argv[1]);
            return builtin_error(127);
        }
        free(path);
    }
    fflush(stdout);
    env = var_environ();
    exec_program(argv + 1, env, var_get("PATH"));
}
