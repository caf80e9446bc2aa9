/* The slow set: the same calls many times over, to find leaks and races. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "posixtest.h"

int fork_exec_wait_300_times(void)
{
    for (int i = 0; i < 300; i++) {
        char code[8];
        snprintf(code, sizeof(code), "%d", i & 0xff);
        pid_t pid = fork_child();
        CHECK(pid >= 0, "fork #%d: %s", i, errname(errno));
        if (pid == 0) {
            char *argv[] = { "posixtest", "--child", "exit", "-1", code, NULL };
            execv(self_path, argv);
            _exit(255);
        }
        int st;
        CHECK(wait_timeout(pid, &st, CHILD_TIMEOUT_MS) == 0, "round %d: wait: %s", i,
              errname(errno));
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) == (i & 0xff), "round %d: status %#x", i,
              (unsigned)st);
    }
    return 0;
}

int open_close_and_create_unlink_many_times(void)
{
    int fd;

    TRY(make_file("f", "x", 0644));
    for (int i = 0; i < 5000; i++) {
        fd = open("f", O_RDONLY);
        CHECK(fd >= 0, "open #%d: %s", i, errname(errno));
        CHECK(close(fd) == 0, "close #%d: %s", i, errname(errno));
    }
    for (int i = 0; i < 1000; i++) {
        char name[32];
        snprintf(name, sizeof(name), "tmp%d", i % 7);
        fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
        CHECK(fd >= 0, "create #%d: %s", i, errname(errno));
        CHECK(write(fd, name, strlen(name)) == (ssize_t)strlen(name), "write #%d", i);
        close(fd);
        CHECK(unlink(name) == 0, "unlink #%d: %s", i, errname(errno));
    }
    int p[2];
    for (int i = 0; i < 1000; i++) {
        CHECK(pipe(p) == 0, "pipe #%d: %s", i, errname(errno));
        close(p[0]);
        close(p[1]);
    }
    return 0;
}

int pipe_16_mib_between_processes(void)
{
    enum { TOTAL = 16 << 20, CHUNK = 65536 };
    static unsigned char buf[CHUNK];
    int p[2];
    long got = 0;
    unsigned long sum = 0, want = 0;

    for (long i = 0; i < TOTAL; i++)
        want += (unsigned char)(i ^ (i >> 11));
    EXPECT_OK(pipe(p));
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        close(p[0]);
        for (long off = 0; off < TOTAL; off += CHUNK) {
            for (long i = 0; i < CHUNK; i++)
                buf[i] = (unsigned char)((off + i) ^ ((off + i) >> 11));
            if (write_all(p[1], buf, CHUNK) != CHUNK)
                _exit(1);
        }
        _exit(0);
    }
    close(p[1]);
    ssize_t n;
    while ((n = read(p[0], buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
        for (ssize_t i = 0; i < n; i++, got++)
            sum += buf[i];
    CHECK(n == 0, "read after %ld bytes: %s", got, errname(errno));
    EXPECT_EQ(got, TOTAL);
    CHECK(sum == want, "checksum %lu, expected %lu", sum, want);
    close(p[0]);
    EXPECT_EXIT(pid, 0);
    return 0;
}

static volatile sig_atomic_t pings, alarmed;

static void on_ping(int sig)
{
    (void)sig;
    pings++;
}

static void on_alarm(int sig)
{
    (void)sig;
    alarmed = 1;
}

/* Parent and child hand SIGUSR1 back and forth, each waiting in sigsuspend. */
int signals_ping_pong_1000_times(void)
{
    enum { ROUNDS = 1000 };
    sigset_t usr1, none;

    signal(SIGUSR1, on_ping);
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigemptyset(&none);
    EXPECT_OK(sigprocmask(SIG_BLOCK, &usr1, NULL));
    pid_t parent = getpid(), pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        for (int i = 0; i < ROUNDS; i++) {
            while (pings <= i)
                sigsuspend(&none);
            kill(parent, SIGUSR1);
        }
        _exit(0);
    }
    signal(SIGALRM, on_alarm); /* bounds each wait for an answer */
    for (int i = 0; i < ROUNDS; i++) {
        EXPECT_OK(kill(pid, SIGUSR1));
        alarm(5);
        while (pings <= i && !alarmed)
            sigsuspend(&none);
        alarm(0);
        CHECK(pings > i, "no answer in round %d within 5 s", i);
    }
    EXPECT_EXIT(pid, 0);
    return 0;
}
