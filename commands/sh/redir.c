/*
 * Redirections. Each one opens (or duplicates) its source, saves the old
 * target fd if it has to be restored later, then moves the source into
 * place. Here-document bodies reach the command through a pipe; a body
 * larger than PIPE_BUF is written by a child, so a reader that stops
 * early cannot block the shell.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "expand.h"
#include "options.h"
#include "redir.h"

struct redir_undo {
    struct redir_undo *next;
    int fd;
    int saved; /* -1: fd was closed before */
};

int fd_move_high(int fd)
{
    int high = fcntl(fd, F_DUPFD_CLOEXEC, 50);

    if (high < 0)
        high = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    if (high < 0)
        return fd;
    close(fd);
    return high;
}

static void write_all(int fd, const char *s, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, s, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        s += n;
        len -= (size_t)n;
    }
}

/* A pipe whose read end delivers text; -1 on failure. */
static int heredoc_pipe(const char *text)
{
    size_t len = strlen(text);
    int fds[2];
    pid_t pid;

    if (pipe(fds) < 0) {
        sh_error("cannot make a pipe for a here-document: %s", strerror(errno));
        return -1;
    }
    if (len <= PIPE_BUF) {
        write_all(fds[1], text, len);
        close(fds[1]);
        return fds[0];
    }
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        /* The writer is a grandchild, so nobody has to wait for it. */
        if (fork() == 0) {
            close(fds[0]);
            signal(SIGPIPE, SIG_DFL);
            write_all(fds[1], text, len);
        }
        _exit(0);
    }
    close(fds[1]);
    if (pid > 0)
        waitpid(pid, NULL, 0);
    return fds[0];
}

static int open_heredoc(struct redir *r)
{
    char *text;
    int fd;

    if (!r->body)
        return heredoc_pipe("");
    if (r->quoted_delim)
        return heredoc_pipe(r->body->parts->lit.text);
    text = expand_string(r->body, 0);
    if (!text)
        return -1;
    fd = heredoc_pipe(text);
    free(text);
    return fd;
}

/* > with noclobber: refuse to truncate an existing regular file. */
static int open_noclobber(const char *path)
{
    struct stat st;
    int fd;

    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        errno = EEXIST;
        return -1;
    }
    fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0 && errno == EEXIST)
        fd = open(path, O_WRONLY, 0666);
    return fd;
}

static int open_file(struct redir *r, const char *path)
{
    int fd;

    switch (r->kind) {
    case R_IN:
        fd = open(path, O_RDONLY);
        break;
    case R_OUT:
        fd = opt.noclobber ? open_noclobber(path) : open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        break;
    case R_CLOBBER:
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0666);
        break;
    case R_APPEND:
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0666);
        break;
    default:
        fd = open(path, O_RDWR | O_CREAT, 0666);
        break;
    }
    if (fd < 0) {
        const char *why = errno == EEXIST ? "cannot overwrite existing file" : strerror(errno);

        sh_error_at(r->line, "cannot %s %s: %s", r->kind == R_IN ? "open" : "create", path, why);
    }
    return fd;
}

enum { SOURCE_CLOSE = -2 };

/* <&n or >&n: the fd to duplicate, SOURCE_CLOSE for '-', -1 on error. */
static int dup_source(struct redir *r, const char *target)
{
    char *end;
    long n;

    if (strcmp(target, "-") == 0)
        return SOURCE_CLOSE;
    n = strtol(target, &end, 10);
    if (!*target || *end || n < 0 || n > INT_MAX) {
        sh_error_at(r->line, "%s: bad file descriptor number", target);
        return -1;
    }
    if (fcntl((int)n, F_GETFD) < 0) {
        sh_error_at(r->line, "%ld: bad file descriptor", n);
        return -1;
    }
    return (int)n;
}

/* The fd that will become r->fd, opened from the expanded target. */
static int redir_source(struct redir *r, bool *dup_only)
{
    char *target;
    int fd;

    *dup_only = false;
    if (r->kind == R_HEREDOC)
        return open_heredoc(r);
    target = expand_string(r->target, EXP_TILDE);
    if (!target)
        return -1;
    if (r->kind == R_DUPIN || r->kind == R_DUPOUT) {
        *dup_only = true;
        fd = dup_source(r, target);
    } else {
        fd = open_file(r, target);
    }
    free(target);
    return fd;
}

static void save_fd(int fd, struct redir_undo **undo)
{
    struct redir_undo *u = xmalloc(sizeof *u);

    u->fd = fd;
    u->saved = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    u->next = *undo;
    *undo = u;
}

static int apply_one(struct redir *r, struct redir_undo **undo)
{
    bool dup_only;
    int src = redir_source(r, &dup_only);

    if (src == -1)
        return -1;
    if (undo)
        save_fd(r->fd, undo);
    if (src == SOURCE_CLOSE) {
        close(r->fd);
        return 0;
    }
    if (src != r->fd) {
        if (dup2(src, r->fd) < 0) {
            sh_error_at(r->line, "cannot redirect fd %d: %s", r->fd, strerror(errno));
            if (!dup_only)
                close(src);
            return -1;
        }
        if (!dup_only)
            close(src);
    }
    return 0;
}

int redir_apply(struct redir *list, struct redir_undo **undo)
{
    fflush(stdout);
    for (struct redir *r = list; r; r = r->next) {
        if (apply_one(r, undo) < 0) {
            if (undo) {
                redir_restore(*undo);
                *undo = NULL;
            }
            return -1;
        }
    }
    return 0;
}

void redir_restore(struct redir_undo *undo)
{
    fflush(stdout);
    while (undo) {
        struct redir_undo *u = undo;

        undo = u->next;
        if (u->saved >= 0) {
            dup2(u->saved, u->fd);
            close(u->saved);
        } else {
            close(u->fd);
        }
        free(u);
    }
}
