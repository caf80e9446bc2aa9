/*
 * tee: copy standard input to standard output and to each named file.
 * A file that cannot be opened or written is reported and dropped; the
 * others go on.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd.h"

#define TEE_BUFFER_SIZE 65536

struct tee_output {
    int fd;
    const char *name;
};

static int write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -errno;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Open the files; those that fail are left with fd -1. */
static int open_outputs(struct tee_output *outs, int count, char **names, bool append)
{
    int flags = O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), failed = 0;

    outs[0] = (struct tee_output){ STDOUT_FILENO, "standard output" };
    for (int i = 0; i < count; i++) {
        outs[i + 1].name = names[i];
        outs[i + 1].fd = open(names[i], flags, 0666);
        if (outs[i + 1].fd < 0) {
            cmd_warn("%s", names[i]);
            failed = 1;
        }
    }
    return failed;
}

/* Copy stdin to every output still open; 1 if anything failed. */
static int copy_input(struct tee_output *outs, int count)
{
    static char buf[TEE_BUFFER_SIZE];
    int failed = 0;

    for (;;) {
        ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            cmd_warn("error reading standard input");
            return 1;
        }
        if (n == 0)
            return failed;
        for (int i = 0; i < count; i++) {
            if (outs[i].fd < 0)
                continue;
            int err = write_all(outs[i].fd, buf, (size_t)n);
            if (err) {
                errno = -err;
                cmd_warn("%s", outs[i].name);
                outs[i].fd = -1;
                failed = 1;
            }
        }
    }
}

int main(int argc, char **argv)
{
    bool append = false;
    struct tee_output *outs;
    int opt, failed;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "ai")) != -1) {
        if (opt == 'a')
            append = true;
        else if (opt == 'i')
            signal(SIGINT, SIG_IGN);
        else
            cmd_usage("[-ai] [file...]");
    }
    argc -= optind;
    argv += optind;
    outs = malloc((size_t)(argc + 1) * sizeof *outs);
    if (!outs)
        cmd_diex(1, "out of memory");
    failed = open_outputs(outs, argc, argv, append);
    failed |= copy_input(outs, argc + 1);
    for (int i = 1; i <= argc; i++)
        if (outs[i].fd >= 0 && close(outs[i].fd) != 0) {
            cmd_warn("%s", outs[i].name);
            failed = 1;
        }
    return failed;
}
