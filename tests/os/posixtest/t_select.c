/* Pipes: select and poll, readiness and timeouts. */
#define FD_SETSIZE 256 /* select_small_and_large_sets passes nfds up to 200 */
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>
#include "posixtest.h"

/* select() with nfds on one read and one write descriptor (-1: none) and
   a timeout in ms (-1: none); the result, and which of the two were left
   set. */
static int select_n(int nfds, int rfd, int wfd, int timeout_ms, bool *r, bool *w)
{
    fd_set rd, wr;
    struct timeval tv = { timeout_ms / 1000, (timeout_ms % 1000) * 1000 };

    FD_ZERO(&rd);
    FD_ZERO(&wr);
    if (rfd >= 0)
        FD_SET(rfd, &rd);
    if (wfd >= 0)
        FD_SET(wfd, &wr);
    int n = select(nfds, &rd, &wr, NULL, timeout_ms < 0 ? NULL : &tv);
    *r = rfd >= 0 && FD_ISSET(rfd, &rd);
    *w = wfd >= 0 && FD_ISSET(wfd, &wr);
    return n;
}

static int select_two(int rfd, int wfd, int timeout_ms, bool *r, bool *w)
{
    return select_n((rfd > wfd ? rfd : wfd) + 1, rfd, wfd, timeout_ms, r, w);
}

/* A child that writes "y" to fd after ms: its pid. */
static pid_t write_later(int fd, int ms)
{
    pid_t pid = fork_child();

    if (pid == 0) {
        sleep_ms(ms);
        write(fd, "y", 1);
        _exit(0);
    }
    return pid;
}

/* Fill a pipe to the brim through a non-blocking write end. */
static int fill_pipe(int fd)
{
    static char block[512];
    int fl = fcntl(fd, F_GETFL);

    EXPECT_OK(fcntl(fd, F_SETFL, fl | O_NONBLOCK));
    for (long total = 0; write(fd, block, sizeof(block)) > 0; total += sizeof(block))
        CHECK(total < (16 << 20), "pipe never filled");
    EXPECT_OK(fcntl(fd, F_SETFL, fl));
    return 0;
}

int select_on_pipes(void)
{
    int p[2];
    bool r, w;
    char c;

    EXPECT_OK(pipe(p));
    EXPECT_EQ(select_two(p[0], p[1], 0, &r, &w), 1);
    CHECK(!r && w, "empty pipe: readable %d, writable %d (expected 0, 1)", r, w);
    EXPECT_EQ(write(p[1], "x", 1), 1);
    EXPECT_EQ(select_two(p[0], p[1], 0, &r, &w), 2);
    CHECK(r && w, "pipe with data: readable %d, writable %d", r, w);
    EXPECT_EQ(read(p[0], &c, 1), 1);

    /* Blocks until a child writes. */
    pid_t pid = write_later(p[1], 300);
    EXPECT_OK(pid);
    long start = now_ms();
    EXPECT_EQ(select_two(p[0], -1, 10000, &r, &w), 1);
    long took = now_ms() - start;
    CHECK(r && took >= 200 && took < 5000, "select woke after %ld ms, readable %d", took, r);
    EXPECT_EQ(read(p[0], &c, 1), 1);
    EXPECT_EXIT(pid, 0);

    TRY(fill_pipe(p[1]));
    EXPECT_EQ(select_two(-1, p[1], 0, &r, &w), 0);
    CHECK(!w, "a full pipe reported writable");
    close(p[0]);
    EXPECT_EQ(select_two(-1, p[1], 0, &r, &w), 1); /* no reader: write would fail at once */
    close(p[1]);

    EXPECT_OK(pipe(p));
    close(p[1]);
    EXPECT_EQ(select_two(p[0], -1, 0, &r, &w), 1); /* end of file is readable */
    CHECK(r, "a pipe at end of file is not readable");
    close(p[0]);
    return 0;
}

static int select_refuses_a_bad_timeout(void *arg)
{
    struct timeval tv = { 0, -1 };

    (void)arg;
    EXPECT_ERR(select(0, NULL, NULL, NULL, &tv), EINVAL);
    tv.tv_sec = -1;
    tv.tv_usec = 0;
    EXPECT_ERR(select(0, NULL, NULL, NULL, &tv), EINVAL);
    return 0;
}

int select_timeout_expires(void)
{
    struct timeval tv = { 0, 200000 };
    int p[2];
    bool r, w;

    long start = now_ms();
    EXPECT_EQ(select(0, NULL, NULL, NULL, &tv), 0);
    long took = now_ms() - start;
    CHECK(took >= 190 && took < 5000, "select(200 ms) with no descriptors took %ld ms", took);

    EXPECT_OK(pipe(p));
    start = now_ms();
    EXPECT_EQ(select_two(p[0], -1, 300, &r, &w), 0);
    took = now_ms() - start;
    CHECK(took >= 290 && took < 5000, "select on an empty pipe (300 ms) took %ld ms", took);
    CHECK(!r, "timed-out select left the descriptor set");
    close(p[0]);
    close(p[1]);
    RUN_BOUNDED(select_refuses_a_bad_timeout, NULL, 3000, "select() with tv_usec -1");
    return 0;
}

int poll_on_pipes(void)
{
    int p[2];
    struct pollfd f[2];

    EXPECT_OK(pipe(p));
    f[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
    f[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
    EXPECT_EQ(poll(f, 2, 0), 1);
    CHECK(f[0].revents == 0 && f[1].revents == POLLOUT, "empty pipe: revents %#x, %#x",
          (unsigned)f[0].revents, (unsigned)f[1].revents);
    EXPECT_EQ(write(p[1], "x", 1), 1);
    EXPECT_EQ(poll(f, 2, 0), 2);
    CHECK(f[0].revents == POLLIN, "pipe with data: read end revents %#x", (unsigned)f[0].revents);

    char c;
    EXPECT_EQ(read(p[0], &c, 1), 1);
    long start = now_ms();
    EXPECT_EQ(poll(f, 1, 300), 0);
    long took = now_ms() - start;
    CHECK(took >= 290 && took < 5000, "poll(300 ms) on an empty pipe took %ld ms", took);
    CHECK(f[0].revents == 0, "timed-out poll: revents %#x", (unsigned)f[0].revents);

    pid_t pid = write_later(p[1], 300);
    EXPECT_OK(pid);
    start = now_ms();
    EXPECT_EQ(poll(f, 1, 10000), 1);
    took = now_ms() - start;
    CHECK((f[0].revents & POLLIN) && took >= 200 && took < 5000, "poll woke after %ld ms, %#x",
          took, (unsigned)f[0].revents);
    EXPECT_EQ(read(p[0], &c, 1), 1);
    EXPECT_EXIT(pid, 0);

    close(p[1]);
    EXPECT_EQ(poll(f, 1, 0), 1);
    CHECK(f[0].revents & POLLHUP, "read end after the writer closed: revents %#x, no POLLHUP",
          (unsigned)f[0].revents);
    close(p[0]);
    EXPECT_EQ(poll(f, 1, 0), 1);
    CHECK(f[0].revents == POLLNVAL, "closed descriptor: revents %#x, expected POLLNVAL",
          (unsigned)f[0].revents);
    f[0].fd = -1;
    EXPECT_EQ(poll(f, 1, 0), 0);
    CHECK(f[0].revents == 0, "negative fd: revents %#x", (unsigned)f[0].revents);
    return 0;
}

/* Sets of up to 64 descriptors travel in the message, larger ones in the
 * caller's memory (a program built with a bigger FD_SETSIZE; this file is):
 * the same answers either way, also for a select that waits. */
int select_small_and_large_sets(void)
{
    int p[2];
    bool r, w;
    char c;

    EXPECT_OK(pipe(p));
    EXPECT_EQ(dup2(p[0], 62), 62);
    EXPECT_EQ(dup2(p[1], 63), 63);
    for (int nfds = 64; nfds <= 200; nfds += 136) {
        EXPECT_EQ(select_n(nfds, 62, 63, 0, &r, &w), 1);
        CHECK(!r && w, "nfds %d, empty pipe: readable %d, writable %d", nfds, r, w);
        EXPECT_EQ(write(63, "x", 1), 1);
        EXPECT_EQ(select_n(nfds, 62, 63, 0, &r, &w), 2);
        CHECK(r && w, "nfds %d, with data: readable %d, writable %d", nfds, r, w);
        EXPECT_EQ(read(62, &c, 1), 1);
        pid_t pid = write_later(p[1], 200);
        EXPECT_OK(pid);
        long before = now_ms();
        EXPECT_EQ(select_n(nfds, 62, -1, 5000, &r, &w), 1); /* waits for the child */
        CHECK(r && now_ms() - before >= 100, "nfds %d: readable %d after %ld ms", nfds, r,
              now_ms() - before);
        EXPECT_EQ(read(62, &c, 1), 1);
        EXPECT_EXIT(pid, 0);
    }
    close(62);
    close(63);
    close(p[0]);
    close(p[1]);
    return 0;
}

/* poll's entries travel in the message up to five, else in the caller's
 * array: revents the same either way, also after a wait. */
static int poll_n(int n, int rfd, int wfd, int timeout_ms, short *rev, short *wev)
{
    struct pollfd fds[8];

    for (int i = 0; i < n; i++)
        fds[i] = (struct pollfd){ .fd = -1, .events = POLLIN, .revents = 0x7 };
    fds[0] = (struct pollfd){ .fd = rfd, .events = POLLIN };
    fds[n - 1] = (struct pollfd){ .fd = wfd, .events = POLLOUT };
    int r = poll(fds, (nfds_t)n, timeout_ms);
    for (int i = 1; i < n - 1; i++)
        if (fds[i].revents != 0)
            return -100 - i; /* a negative fd's revents must read 0 */
    *rev = fds[0].revents;
    *wev = fds[n - 1].revents;
    return r;
}

int poll_small_and_large_arrays(void)
{
    int p[2];
    short rev, wev;
    char c;

    EXPECT_OK(pipe(p));
    for (int n = 2; n <= 8; n += 6) {
        EXPECT_EQ(poll_n(n, p[0], p[1], 0, &rev, &wev), 1);
        CHECK(rev == 0 && wev == POLLOUT, "%d entries, empty pipe: revents %#x %#x", n, rev, wev);
        EXPECT_EQ(write(p[1], "x", 1), 1);
        EXPECT_EQ(poll_n(n, p[0], p[1], 0, &rev, &wev), 2);
        CHECK(rev == POLLIN && wev == POLLOUT, "%d entries, data: revents %#x %#x", n, rev, wev);
        EXPECT_EQ(read(p[0], &c, 1), 1);
        pid_t pid = write_later(p[1], 200);
        EXPECT_OK(pid);
        long before = now_ms();
        int r = poll_n(n, p[0], -1, 5000, &rev, &wev);
        CHECK(r == 1 && rev == POLLIN && now_ms() - before >= 100,
              "%d entries, waiting: poll %d revents %#x after %ld ms", n, r, rev,
              now_ms() - before);
        EXPECT_EQ(read(p[0], &c, 1), 1);
        EXPECT_EXIT(pid, 0);
    }
    close(p[0]);
    close(p[1]);
    return 0;
}
