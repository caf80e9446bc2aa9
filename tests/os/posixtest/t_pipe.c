/* Pipes: data between processes, end of file, EPIPE, size, atomicity. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "posixtest.h"

static volatile sig_atomic_t pipes_caught;

static void on_pipe(int sig)
{
    (void)sig;
    pipes_caught++;
}

int pipe_carries_data_between_processes(void)
{
    static const char msg[] = "hello through the pipe";
    int down[2], up[2];
    char buf[64] = "";

    EXPECT_OK(pipe(down));
    EXPECT_OK(pipe(up));
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        char got[64];
        close(down[1]);
        close(up[0]);
        ssize_t n = read_all(down[0], got, sizeof(got));
        write_all(up[1], got, n > 0 ? (size_t)n : 0); /* echo it back */
        _exit(n == sizeof(msg) ? 0 : 1);
    }
    close(down[0]);
    close(up[1]);
    EXPECT_EQ(write(down[1], msg, sizeof(msg)), sizeof(msg));
    close(down[1]);
    EXPECT_EQ(read_all(up[0], buf, sizeof(buf)), sizeof(msg));
    CHECK(memcmp(buf, msg, sizeof(msg)) == 0, "echoed \"%s\"", buf);
    close(up[0]);
    EXPECT_EXIT(pid, 0);
    return 0;
}

static pid_t writer(int p[2], const char *text, int delay_ms)
{
    pid_t pid = fork_child();

    if (pid == 0) {
        close(p[0]);
        sleep_ms(delay_ms);
        write_all(p[1], text, strlen(text));
        _exit(0);
    }
    return pid;
}

/* End of file only once every writer has closed. */
int pipe_eof_when_writers_close(void)
{
    int p[2];
    char buf[16] = "";

    EXPECT_OK(pipe(p));
    pid_t a = writer(p, "abc", 0), b = writer(p, "de", 300);
    EXPECT_OK(a);
    EXPECT_OK(b);
    close(p[1]);
    long start = now_ms();
    EXPECT_EQ(read_all(p[0], buf, sizeof(buf)), 5);
    CHECK(now_ms() - start >= 250, "end of file after %ld ms, before the second writer closed",
          now_ms() - start);
    CHECK(strcmp(buf, "abcde") == 0, "read \"%s\", expected \"abcde\"", buf);
    EXPECT_EQ(read(p[0], buf, sizeof(buf)), 0);
    close(p[0]);
    EXPECT_EXIT(a, 0);
    EXPECT_EXIT(b, 0);
    return 0;
}

int pipe_without_reader_gives_epipe_and_sigpipe(void)
{
    int p[2];

    EXPECT_OK(pipe(p));
    close(p[0]);
    signal(SIGPIPE, SIG_IGN);
    EXPECT_ERR(write(p[1], "x", 1), EPIPE);
    signal(SIGPIPE, on_pipe);
    EXPECT_ERR(write(p[1], "x", 1), EPIPE);
    CHECK(pipes_caught == 1, "SIGPIPE handler ran %d times", (int)pipes_caught);
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        signal(SIGPIPE, SIG_DFL);
        write(p[1], "x", 1);
        _exit(0);
    }
    EXPECT_SIGNAL(pid, SIGPIPE);
    close(p[1]);

    /* The reader goes away while the writer is blocked on a full pipe. */
    EXPECT_OK(pipe(p));
    pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        close(p[1]);
        sleep_ms(300);
        _exit(0);
    }
    close(p[0]);
    signal(SIGPIPE, SIG_IGN);
    static char block[4096];
    ssize_t n;
    long total = 0;
    while ((n = write(p[1], block, sizeof(block))) > 0 && total < (64 << 20))
        total += n;
    int err = errno;
    CHECK(n == -1 && err == EPIPE,
          "blocked writer: write = %zd (%s) when the reader left, "
          "expected -1 EPIPE",
          n, errname(err));
    close(p[1]);
    EXPECT_EXIT(pid, 0);
    return 0;
}

static unsigned char stream_byte(size_t i)
{
    return (unsigned char)(i * 251 + (i >> 9));
}

/* Several hundred KiB between two processes, in odd-sized pieces. */
int pipe_larger_than_its_buffer(void)
{
    enum { TOTAL = 700 * 1024, WCHUNK = 7001, RCHUNK = 3000 };
    int p[2];
    unsigned char buf[WCHUNK];
    size_t got = 0;

    EXPECT_OK(pipe(p));
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        close(p[0]);
        for (size_t off = 0; off < TOTAL; off += WCHUNK) {
            size_t n = TOTAL - off < WCHUNK ? TOTAL - off : WCHUNK;
            for (size_t i = 0; i < n; i++)
                buf[i] = stream_byte(off + i);
            if (write_all(p[1], buf, n) != (ssize_t)n)
                _exit(1);
        }
        _exit(0);
    }
    close(p[1]);
    for (;;) {
        ssize_t n = read(p[0], buf, RCHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        CHECK(n >= 0, "read after %zu bytes: %s", got, errname(errno));
        if (n == 0)
            break;
        for (ssize_t i = 0; i < n; i++)
            CHECK(buf[i] == stream_byte(got + (size_t)i), "byte %zu wrong", got + (size_t)i);
        got += (size_t)n;
    }
    EXPECT_EQ(got, TOTAL);
    close(p[0]);
    EXPECT_EXIT(pid, 0);
    return 0;
}

/* Writes of at most PIPE_BUF bytes are not interleaved with others. */
int pipe_small_writes_are_atomic(void)
{
    enum { RECORD = 512, RECORDS = 200 };
    int p[2];
    pid_t pids[2];
    char rec[RECORD];
    int counts[2] = { 0, 0 };

    EXPECT_OK(pipe(p));
    for (int w = 0; w < 2; w++) {
        pids[w] = fork_child();
        EXPECT_OK(pids[w]);
        if (pids[w] == 0) {
            close(p[0]);
            memset(rec, 'A' + w, RECORD);
            for (int i = 0; i < RECORDS; i++)
                if (write(p[1], rec, RECORD) != RECORD)
                    _exit(1);
            _exit(0);
        }
    }
    close(p[1]);
    for (int n = 0; n < 2 * RECORDS; n++) {
        CHECK(read_all(p[0], rec, RECORD) == RECORD, "record %d short", n);
        int w = rec[0] - 'A';
        CHECK(w == 0 || w == 1, "record %d starts with %#x", n, (unsigned char)rec[0]);
        for (int i = 1; i < RECORD; i++)
            CHECK(rec[i] == rec[0], "record %d mixes writers at byte %d", n, i);
        counts[w]++;
    }
    CHECK(counts[0] == RECORDS && counts[1] == RECORDS, "records %d and %d", counts[0], counts[1]);
    EXPECT_EQ(read(p[0], rec, 1), 0);
    close(p[0]);
    EXPECT_EXIT(pids[0], 0);
    EXPECT_EXIT(pids[1], 0);
    return 0;
}
