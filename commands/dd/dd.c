/*
 * dd: copy a file in blocks, converting as asked.
 *
 *   dd [if=file] [of=file] [bs=n|ibs=n obs=n] [count=n] [skip=n] [seek=n]
 *      [conv=notrunc,sync,noerror] [status=none]
 *
 * Input is read ibs bytes at a time; with bs= each block read is written
 * as it is, otherwise the input is gathered into obs-byte output blocks.
 * Numbers take the suffixes c (1), w (2), b (512), k (1024), M, G and
 * products such as 2x512. At the end the counts of whole+partial blocks
 * and the bytes written go to standard error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "file_alloc.h"

#define DD_USAGE                                                                                   \
    "[if=file] [of=file] [bs=n] [ibs=n] [obs=n] [count=n] [skip=n] [seek=n]\n"                     \
    "          [conv=notrunc,sync,noerror] [status=none]"
#define DD_MAX_BLOCK (1UL << 30)

struct dd_opts {
    const char *in_name, *out_name;
    uintmax_t ibs, obs, count, skip, seek;
    bool block_copy; /* bs= given: one output block per input block */
    bool has_count;
    bool notrunc, sync, noerror, quiet;
};

struct dd_stats {
    uintmax_t full_in, partial_in, full_out, partial_out, bytes;
};

/* One number with suffixes and x-products; exits on bad text. */
static uintmax_t parse_number(const char *text)
{
    uintmax_t value = 0, factor = 1;
    const char *p = text;

    if (*p < '0' || *p > '9')
        cmd_diex(1, "invalid number '%s'", text);
    for (; *p >= '0' && *p <= '9'; p++) {
        if (value > (UINTMAX_MAX - 9) / 10)
            cmd_diex(1, "number too large '%s'", text);
        value = value * 10 + (uintmax_t)(*p - '0');
    }
    switch (*p) {
    case 'c':
        factor = 1, p++;
        break;
    case 'w':
        factor = 2, p++;
        break;
    case 'b':
        factor = 512, p++;
        break;
    case 'k':
    case 'K':
        factor = 1024, p++;
        break;
    case 'M':
        factor = 1024 * 1024, p++;
        break;
    case 'G':
        factor = 1024 * 1024 * 1024, p++;
        break;
    }
    if (value && factor > UINTMAX_MAX / value)
        cmd_diex(1, "number too large '%s'", text);
    value *= factor;
    if (*p == 'x') {
        uintmax_t rest = parse_number(p + 1);
        if (value && rest > UINTMAX_MAX / value)
            cmd_diex(1, "number too large '%s'", text);
        return value * rest;
    }
    if (*p)
        cmd_diex(1, "invalid number '%s'", text);
    return value;
}

static uintmax_t parse_block_size(const char *text)
{
    uintmax_t size = parse_number(text);

    if (size == 0 || size > DD_MAX_BLOCK)
        cmd_diex(1, "invalid block size '%s'", text);
    return size;
}

static void parse_conv(struct dd_opts *opts, const char *list)
{
    char *copy = xstrdup(list);

    for (char *word = strtok(copy, ","); word; word = strtok(NULL, ",")) {
        if (strcmp(word, "notrunc") == 0)
            opts->notrunc = true;
        else if (strcmp(word, "sync") == 0)
            opts->sync = true;
        else if (strcmp(word, "noerror") == 0)
            opts->noerror = true;
        else
            cmd_diex(2, "unknown conversion '%s'", word);
    }
    free(copy);
}

static void parse_operand(struct dd_opts *opts, const char *arg)
{
    const char *eq = strchr(arg, '=');
    size_t klen = eq ? (size_t)(eq - arg) : 0;
    const char *value = eq ? eq + 1 : NULL;

#define KEY(name) (klen == strlen(name) && strncmp(arg, name, klen) == 0)
    if (!eq)
        cmd_usage(DD_USAGE);
    else if (KEY("if"))
        opts->in_name = value;
    else if (KEY("of"))
        opts->out_name = value;
    else if (KEY("bs")) {
        opts->ibs = opts->obs = parse_block_size(value);
        opts->block_copy = true;
    } else if (KEY("ibs"))
        opts->ibs = parse_block_size(value);
    else if (KEY("obs"))
        opts->obs = parse_block_size(value);
    else if (KEY("count")) {
        opts->count = parse_number(value);
        opts->has_count = true;
    } else if (KEY("skip"))
        opts->skip = parse_number(value);
    else if (KEY("seek"))
        opts->seek = parse_number(value);
    else if (KEY("conv"))
        parse_conv(opts, value);
    else if (KEY("status") && strcmp(value, "none") == 0)
        opts->quiet = true;
    else
        cmd_diex(2, "unknown operand '%s'", arg);
#undef KEY
}

static ssize_t read_block(int fd, char *buf, size_t size)
{
    ssize_t n;

    do
        n = read(fd, buf, size);
    while (n < 0 && errno == EINTR);
    return n;
}

static void write_all(const struct dd_opts *opts, int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            cmd_die(1, "error writing '%s'", opts->out_name ? opts->out_name : "standard output");
        buf += n;
        len -= (size_t)n;
    }
}

/* Skip blocks of input: by seeking when possible, else by reading. */
static void skip_input(const struct dd_opts *opts, int fd, char *buf)
{
    const char *name = opts->in_name ? opts->in_name : "standard input";

    if (opts->skip == 0)
        return;
    if (opts->skip <= (uintmax_t)INT64_MAX / opts->ibs &&
        lseek(fd, (off_t)(opts->skip * opts->ibs), SEEK_CUR) >= 0)
        return;
    for (uintmax_t i = 0; i < opts->skip; i++) {
        ssize_t n = read_block(fd, buf, opts->ibs);
        if (n < 0)
            cmd_die(1, "error reading '%s'", name);
        if (n == 0) {
            cmd_warnx("'%s': cannot skip past the end of input", name);
            return;
        }
    }
}

static int open_output(const struct dd_opts *opts)
{
    struct stat st;
    int fd;

    if (!opts->out_name)
        return STDOUT_FILENO;
    fd = open(opts->out_name, O_WRONLY | O_CREAT, 0666);
    if (fd < 0)
        cmd_die(1, "cannot open '%s'", opts->out_name);
    if (opts->seek && lseek(fd, (off_t)(opts->seek * opts->obs), SEEK_SET) < 0)
        cmd_die(1, "cannot seek in '%s'", opts->out_name);
    /* Without notrunc, what lies beyond the seek point goes. */
    if (!opts->notrunc && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        ftruncate(fd, (off_t)(opts->seek * opts->obs)) != 0)
        cmd_die(1, "cannot truncate '%s'", opts->out_name);
    return fd;
}

/*
 * Read one input block: its length, 0 at the end of input, or -1 to stop
 * after an error. With noerror a block that cannot be read is skipped;
 * with sync as well, *bad is set and it becomes a block of zeros.
 */
static ssize_t next_block(const struct dd_opts *opts, int in, char *buf, bool *bad, int *status)
{
    for (;;) {
        ssize_t n = read_block(in, buf, opts->ibs);
        *bad = false;
        if (n >= 0)
            return n;
        cmd_warn("error reading '%s'", opts->in_name ? opts->in_name : "standard input");
        *status = 1;
        if (!opts->noerror)
            return -1;
        lseek(in, (off_t)opts->ibs, SEEK_CUR);
        if (opts->sync) {
            *bad = true;
            return 0;
        }
    }
}

/* Output being gathered into obs-byte blocks (when not bs=). */
struct dd_output {
    int fd;
    char *buf;
    size_t held;
};

static void put_bytes(const struct dd_opts *opts, struct dd_output *o, const char *data, size_t len,
                      struct dd_stats *stats)
{
    while (len > 0) {
        size_t take = opts->obs - o->held < len ? opts->obs - o->held : len;
        memcpy(o->buf + o->held, data, take);
        o->held += take;
        data += take;
        len -= take;
        if (o->held == opts->obs) {
            write_all(opts, o->fd, o->buf, o->held);
            stats->full_out++;
            stats->bytes += o->held;
            o->held = 0;
        }
    }
}

static int copy(const struct dd_opts *opts, int in, int out, struct dd_stats *stats)
{
    char *ibuf = xmalloc(opts->ibs);
    struct dd_output o = { .fd = out, .buf = opts->block_copy ? NULL : xmalloc(opts->obs) };
    int status = 0;
    bool bad;

    skip_input(opts, in, ibuf);
    for (uintmax_t blocks = 0; !opts->has_count || blocks < opts->count; blocks++) {
        ssize_t got = next_block(opts, in, ibuf, &bad, &status);
        if (got < 0 || (got == 0 && !bad))
            break;
        size_t n = (size_t)got;
        *(n == opts->ibs ? &stats->full_in : &stats->partial_in) += 1;
        if (opts->sync && n < opts->ibs) {
            memset(ibuf + n, 0, opts->ibs - n);
            n = opts->ibs;
        }
        if (!opts->block_copy) {
            put_bytes(opts, &o, ibuf, n, stats);
            continue;
        }
        write_all(opts, out, ibuf, n);
        *(n == opts->obs ? &stats->full_out : &stats->partial_out) += 1;
        stats->bytes += n;
    }
    if (o.held) {
        write_all(opts, out, o.buf, o.held);
        stats->partial_out++;
        stats->bytes += o.held;
    }
    free(ibuf);
    free(o.buf);
    return status;
}

int main(int argc, char **argv)
{
    struct dd_opts opts = { .ibs = 512, .obs = 512 };
    struct dd_stats stats = { 0 };
    int in = STDIN_FILENO, out, status;

    cmd_setname(argv[0]);
    for (int i = 1; i < argc; i++) {
        if (i == 1 && strcmp(argv[i], "--") == 0)
            continue;
        parse_operand(&opts, argv[i]);
    }
    if (opts.in_name && (in = open(opts.in_name, O_RDONLY)) < 0)
        cmd_die(1, "cannot open '%s'", opts.in_name);
    out = open_output(&opts);
    status = copy(&opts, in, out, &stats);
    if (out != STDOUT_FILENO && close(out) != 0)
        cmd_die(1, "error writing '%s'", opts.out_name);
    if (!opts.quiet)
        fprintf(stderr, "%ju+%ju records in\n%ju+%ju records out\n%ju bytes copied\n",
                stats.full_in, stats.partial_in, stats.full_out, stats.partial_out, stats.bytes);
    return status;
}
