/*
 * The campaign's workload: files in a directory on the disk under test,
 * written with data derived from a round number, synced, and read back
 * later, after enough other files that the file system's cache has
 * probably let them go. Every read is checked: an error is an error, but
 * data that differs without one is the failure the campaign is after.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "campaign.h"

static void fill(uint8_t *buf, size_t len, uint64_t round)
{
    uint64_t x = round * 0x9E3779B97F4A7C15ull + 1;

    for (size_t i = 0; i < len; i += 8) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        memcpy(buf + i, &x, len - i < 8 ? len - i : 8);
    }
}

static void note_error(struct tally *t, const char *what, const char *path)
{
    if (!t->first_error[0])
        snprintf(t->first_error, sizeof(t->first_error), "%s %.40s: %.30s", what, path,
                 strerror(errno));
    t->io_errors++;
}

static int write_slot(const char *path, const uint8_t *buf, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

    if (fd < 0)
        return -1;
    ssize_t n = write(fd, buf, len);
    int r = n == (ssize_t)len && fsync(fd) == 0 ? 0 : -1;
    if (n >= 0 && n != (ssize_t)len)
        errno = EIO;
    int e = errno;
    close(fd);
    errno = e;
    return r;
}

/* 1: same data, 0: different data, -1: an error. */
static int check_slot(const char *path, uint8_t *got, const uint8_t *want, size_t len)
{
    int fd = open(path, O_RDONLY);

    if (fd < 0)
        return -1;
    size_t have = 0;
    ssize_t n = 1;
    while (have < len && (n = read(fd, got + have, len - have)) > 0)
        have += (size_t)n;
    int e = errno;
    close(fd);
    errno = e;
    if (n < 0)
        return -1;
    return have == len && memcmp(got, want, len) == 0;
}

void workload_run(const char *dir, uint32_t file_kib, int slots, struct tally *t)
{
    size_t len = (size_t)file_kib << 10;
    uint8_t *want = malloc(len), *got = malloc(len);
    uint64_t *written = calloc((size_t)slots, sizeof(uint64_t)); /* round+1 per slot; 0: none */
    char path[256];

    if (!want || !got || !written) {
        snprintf(t->first_error, sizeof(t->first_error), "workload: out of memory");
        return;
    }
    for (uint64_t round = 1; !t->stop; round++) {
        int slot = (int)(round % (uint64_t)slots);
        snprintf(path, sizeof(path), "%s/slot%d", dir, slot);
        fill(want, len, round);
        if (write_slot(path, want, len) < 0) {
            note_error(t, "write", path);
            written[slot] = 0;
        } else {
            written[slot] = round + 1;
        }
        int old = (int)((round + (uint64_t)slots / 2) % (uint64_t)slots);
        if (written[old]) {
            snprintf(path, sizeof(path), "%s/slot%d", dir, old);
            fill(want, len, written[old] - 1);
            int r = check_slot(path, got, want, len);
            if (r < 0)
                note_error(t, "read", path);
            else if (r == 0) {
                if (!t->first_error[0])
                    snprintf(t->first_error, sizeof(t->first_error), "wrong data in %.60s", path);
                t->wrong_data++;
            } else
                t->correct++;
        }
        t->rounds++;
    }
    free(want);
    free(got);
    free(written);
}
