/* Command substitution: run the commands in a child, read what they print. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "exec.h"
#include "expand.h"
#include "jobs.h"
#include "redir.h"

int cmdsub_last_status;
bool cmdsub_happened;

static void read_all(int fd, struct strbuf *out)
{
    char buf[4096];

    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i])
                sb_addc(out, buf[i]);
        }
    }
}

char *cmdsub_output(struct node *body)
{
    struct strbuf out;
    struct job *job;
    int fds[2];
    pid_t pid;

    sb_init(&out);
    cmdsub_happened = true;
    cmdsub_last_status = 0;
    if (!body)
        return sb_take(&out);
    if (pipe(fds) < 0) {
        sh_error("cannot make a pipe for command substitution: %s", strerror(errno));
        cmdsub_last_status = 2;
        return sb_take(&out);
    }
    fds[0] = fd_move_high(fds[0]);
    fds[1] = fd_move_high(fds[1]);
    job = job_new(NULL);
    job->controlled = false;
    pid = job_fork(job, true);
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 1);
        close(fds[1]);
        exec_child_exit(exec_node(body, EV_EXIT));
    }
    close(fds[1]);
    if (pid > 0)
        read_all(fds[0], &out);
    close(fds[0]);
    cmdsub_last_status = job_wait_foreground(job);
    while (out.len > 0 && out.buf[out.len - 1] == '\n')
        out.buf[--out.len] = '\0';
    return sb_take(&out);
}
