/* Helpers for the cases: time, whole reads and writes, files, privileges. */
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "posixtest.h"

const char *self_path;

long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sleep the whole time, through interruptions by handled signals. */
void sleep_ms(long ms)
{
    struct timespec req = { ms / 1000, (ms % 1000) * 1000000 }, rem;

    while (nanosleep(&req, &rem) < 0 && errno == EINTR)
        req = rem;
}

ssize_t write_all(int fd, const void *buf, size_t len)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n = write(fd, (const char *)buf + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return done ? (ssize_t)done : n;
        done += (size_t)n;
    }
    return (ssize_t)done;
}

/* Read until len bytes or end of file; the count, or -1. */
ssize_t read_all(int fd, void *buf, size_t len)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n = read(fd, (char *)buf + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return done ? (ssize_t)done : -1;
        if (n == 0)
            break;
        done += (size_t)n;
    }
    return (ssize_t)done;
}

/* One read once fd is readable: its result, or -2 after timeout_ms. */
int read_within(int fd, void *buf, size_t len, int timeout_ms)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };
    long deadline = now_ms() + timeout_ms;

    for (;;) {
        long left = deadline - now_ms();
        int r = poll(&p, 1, left > 0 ? (int)left : 0);
        if (r > 0)
            return (int)read(fd, buf, len);
        if (r == 0)
            return -2;
        if (errno != EINTR)
            return -1;
    }
}

int make_file(const char *path, const char *text, int mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

    if (fd < 0)
        FAIL("open(\"%s\", O_CREAT): %s", path, errname(errno));
    ssize_t n = write_all(fd, text, strlen(text));
    close(fd);
    CHECK(n == (ssize_t)strlen(text), "write to %s: %zd of %zu bytes (%s)", path, n, strlen(text),
          errname(errno));
    return 0;
}

int file_equals(const char *path, const char *text)
{
    char buf[512];
    int fd = open(path, O_RDONLY);

    if (fd < 0)
        FAIL("open(\"%s\"): %s", path, errname(errno));
    ssize_t n = read_all(fd, buf, sizeof(buf) - 1);
    close(fd);
    CHECK(n >= 0, "read %s: %s", path, errname(errno));
    buf[n] = '\0';
    CHECK(strcmp(buf, text) == 0, "%s holds \"%.60s\", expected \"%.60s\"", path, buf, text);
    return 0;
}

/* Remove a file or a whole tree; best effort, 0 if it is gone. */
int rm_tree(const char *path)
{
    struct stat st;

    if (lstat(path, &st) < 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    chmod(path, 0700);
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        char sub[1024];
        while ((e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
            rm_tree(sub);
        }
        closedir(d);
    }
    return rmdir(path);
}

/* Become an ordinary user (TEST_UID, TEST_GID); a non-root run already is. */
int drop_privileges(void)
{
    if (geteuid() != 0)
        return 0;
    EXPECT_OK(setgid(TEST_GID));
    EXPECT_OK(setuid(TEST_UID));
    CHECK(geteuid() == TEST_UID, "geteuid() = %d after setuid(%d)", (int)geteuid(), TEST_UID);
    return 0;
}

/* Write one byte in every page of [p, p + len). */
void touch_pages(volatile char *p, size_t len, char value)
{
    for (size_t off = 0; off < len; off += 4096)
        p[off] = value;
    if (len)
        p[len - 1] = value;
}
