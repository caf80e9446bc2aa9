/*
 * cat: concatenate files to standard output. Data moves with read() and
 * write(), so output is never held back (-u is the only behaviour). With
 * -n, lines are numbered across all files; the numbered text of each block
 * read is gathered and written before the next read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

#define CAT_BUFFER_SIZE 65536
/* Room for the widest line number prefix ("%6lu\t" of a 64-bit value). */
#define NUMBER_PREFIX_MAX 24

struct cat_state {
    bool number;
    bool at_line_start;
    unsigned long line;
    struct stat out_st;
    bool out_st_valid;
};

static int write_all(const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(STDOUT_FILENO, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -errno;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static void write_or_die(const char *buf, size_t len)
{
    int err = write_all(buf, len);

    if (err) {
        errno = -err;
        cmd_die(1, "write error");
    }
}

/* Write in[0..len) with each line preceded by its number. */
static void write_numbered(struct cat_state *cs, const char *in, size_t len)
{
    static char out[CAT_BUFFER_SIZE];
    size_t used = 0;

    for (size_t i = 0; i < len; i++) {
        if (used + NUMBER_PREFIX_MAX + 1 > sizeof out) {
            write_or_die(out, used);
            used = 0;
        }
        if (cs->at_line_start) {
            used += (size_t)snprintf(out + used, NUMBER_PREFIX_MAX, "%6lu\t", ++cs->line);
            cs->at_line_start = false;
        }
        out[used++] = in[i];
        if (in[i] == '\n')
            cs->at_line_start = true;
    }
    write_or_die(out, used);
}

/* Copy fd to stdout; 0, or 1 after reporting a problem. */
static int cat_fd(struct cat_state *cs, int fd, const char *name)
{
    static char in[CAT_BUFFER_SIZE];

    for (;;) {
        ssize_t n = read(fd, in, sizeof in);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            cmd_warn("%s", name);
            return 1;
        }
        if (n == 0)
            return 0;
        if (cs->number)
            write_numbered(cs, in, (size_t)n);
        else
            write_or_die(in, (size_t)n);
    }
}

/* True when fd is the regular file standard output writes to. */
static bool is_output_file(const struct cat_state *cs, int fd)
{
    struct stat st;

    return cs->out_st_valid && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
           st.st_dev == cs->out_st.st_dev && st.st_ino == cs->out_st.st_ino;
}

static int cat_operand(struct cat_state *cs, const char *name)
{
    bool is_stdin = strcmp(name, "-") == 0;
    int fd = is_stdin ? STDIN_FILENO : open(name, O_RDONLY);
    int status;

    if (fd < 0) {
        cmd_warn("%s", name);
        return 1;
    }
    if (is_output_file(cs, fd)) {
        cmd_warnx("%s: input file is output file", is_stdin ? "standard input" : name);
        status = 1;
    } else {
        status = cat_fd(cs, fd, is_stdin ? "standard input" : name);
    }
    if (!is_stdin)
        close(fd);
    return status;
}

int main(int argc, char **argv)
{
    static char *const only_stdin[] = { "-", NULL };
    struct cat_state cs = { .at_line_start = true };
    char *const *names;
    int opt, status = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "nu")) != -1) {
        if (opt == 'n')
            cs.number = true;
        else if (opt != 'u')
            cmd_usage("[-nu] [file...]");
    }
    cs.out_st_valid = fstat(STDOUT_FILENO, &cs.out_st) == 0;
    names = optind < argc ? argv + optind : only_stdin;
    for (; *names; names++)
        status |= cat_operand(&cs, *names);
    return status;
}
