/*
 * The archive file as a sequence of 512-byte blocks. Writes go out in
 * whole 10240-byte records, as tape-era readers expect and GNU tar does;
 * reads take whatever read() gives, so pipes and short records work.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "tar.h"

void archive_open(struct tar_archive *ar, const char *name, bool writing)
{
    bool is_std = !name || strcmp(name, "-") == 0;

    memset(ar, 0, sizeof *ar);
    ar->writing = writing;
    ar->name = is_std ? (writing ? "standard output" : "standard input") : name;
    if (is_std) {
        ar->fd = writing ? STDOUT_FILENO : STDIN_FILENO;
        if (writing && isatty(ar->fd))
            cmd_diex(2, "refusing to write an archive to a terminal");
        return;
    }
    ar->fd = writing ? open(name, O_WRONLY | O_CREAT | O_TRUNC, 0666) : open(name, O_RDONLY);
    if (ar->fd < 0)
        cmd_die(2, "cannot open '%s'", name);
}

/* Refill the record buffer; false at end of file. */
static bool fill(struct tar_archive *ar)
{
    ssize_t n;

    /* Keep a partial block (a pipe may deliver a block in pieces). */
    size_t left = ar->len - ar->pos;
    memmove(ar->record, ar->record + ar->pos, left);
    ar->len = left;
    ar->pos = 0;
    while (ar->len < TAR_BLOCK) {
        n = read(ar->fd, ar->record + ar->len, sizeof ar->record - ar->len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            cmd_die(2, "error reading '%s'", ar->name);
        if (n == 0)
            break;
        ar->len += (size_t)n;
    }
    if (ar->len == 0)
        return false;
    if (ar->len < TAR_BLOCK)
        cmd_diex(2, "'%s': unexpected end of archive", ar->name);
    return true;
}

const char *archive_read_block(struct tar_archive *ar)
{
    const char *block;

    if (ar->len - ar->pos < TAR_BLOCK && !fill(ar))
        return NULL;
    block = ar->record + ar->pos;
    ar->pos += TAR_BLOCK;
    ar->blocks++;
    return block;
}

int archive_read_data(struct tar_archive *ar, uintmax_t size,
                      int (*sink)(void *ctx, const char *buf, size_t len), void *ctx)
{
    int err = 0;

    while (size > 0) {
        const char *block = archive_read_block(ar);
        size_t len = size < TAR_BLOCK ? (size_t)size : TAR_BLOCK;
        if (!block)
            cmd_diex(2, "'%s': unexpected end of archive", ar->name);
        if (sink && !err)
            err = sink(ctx, block, len);
        size -= len;
    }
    return err;
}

static void write_record(struct tar_archive *ar)
{
    size_t done = 0;

    while (done < ar->pos) {
        ssize_t n = write(ar->fd, ar->record + done, ar->pos - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            cmd_die(2, "error writing '%s'", ar->name);
        done += (size_t)n;
    }
    ar->pos = 0;
}

void archive_write_block(struct tar_archive *ar, const char *block)
{
    memcpy(ar->record + ar->pos, block, TAR_BLOCK);
    ar->pos += TAR_BLOCK;
    ar->blocks++;
    if (ar->pos == TAR_RECORD)
        write_record(ar);
}

void archive_finish(struct tar_archive *ar)
{
    static const char zero[TAR_BLOCK];

    if (ar->writing) {
        archive_write_block(ar, zero);
        archive_write_block(ar, zero);
        while (ar->pos != 0)
            archive_write_block(ar, zero);
    }
    if (ar->fd > STDERR_FILENO && close(ar->fd) != 0)
        cmd_die(2, "error closing '%s'", ar->name);
}
