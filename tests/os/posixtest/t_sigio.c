/* Signals that meet blocking calls, and SIGCHLD. */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "posixtest.h"

static volatile sig_atomic_t hits, chld_code, chld_status;
static volatile int chld_pid;

static void count(int sig)
{
    (void)sig;
    hits++;
}

static void on_chld(int sig, siginfo_t *info, void *ctx)
{
    (void)sig, (void)ctx;
    hits++;
    chld_pid = (int)info->si_pid;
    chld_code = info->si_code;
    chld_status = info->si_status;
}

static int install(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    EXPECT_OK(sigaction(sig, &sa, NULL));
    hits = 0;
    return 0;
}

/* A child that signals the parent after delay_ms, writes text to fd after
   as long again, then waits for its gate to close. */
static pid_t nudger(int fd, const char *text, int delay_ms, int gate[2])
{
    pid_t parent = getpid(), pid = fork_child();

    if (pid == 0) {
        char c;
        close(gate[1]);
        sleep_ms(delay_ms);
        kill(parent, SIGUSR1);
        sleep_ms(delay_ms);
        if (text)
            write(fd, text, strlen(text));
        read(gate[0], &c, 1);
        _exit(0);
    }
    return pid;
}

int read_interrupted_without_sa_restart(void)
{
    int p[2], gate[2];
    char buf[16];

    TRY(install(SIGUSR1, count, 0));
    EXPECT_OK(pipe(p));
    EXPECT_OK(pipe(gate));
    pid_t pid = nudger(p[1], NULL, 200, gate);
    EXPECT_OK(pid);
    close(gate[0]);
    long start = now_ms();
    EXPECT_ERR(read(p[0], buf, sizeof(buf)), EINTR);
    CHECK(hits == 1, "handler ran %d times", (int)hits);
    CHECK(now_ms() - start >= 100, "read returned after %ld ms, before the signal",
          now_ms() - start);
    close(gate[1]);
    EXPECT_EXIT(pid, 0);
    return 0;
}

int read_restarted_with_sa_restart(void)
{
    int p[2], gate[2];
    char buf[16] = "";

    TRY(install(SIGUSR1, count, SA_RESTART));
    EXPECT_OK(pipe(p));
    EXPECT_OK(pipe(gate));
    pid_t pid = nudger(p[1], "data", 200, gate);
    EXPECT_OK(pid);
    close(gate[0]);
    EXPECT_EQ(read(p[0], buf, sizeof(buf)), 4);
    CHECK(memcmp(buf, "data", 4) == 0, "read \"%.4s\", expected \"data\"", buf);
    CHECK(hits == 1, "handler ran %d times", (int)hits);
    close(gate[1]);
    EXPECT_EXIT(pid, 0);

    /* waitpid restarts too. */
    EXPECT_OK(pipe(gate));
    pid = nudger(-1, NULL, 200, gate);
    EXPECT_OK(pid);
    close(gate[0]);
    pid_t closer = fork_child();
    if (closer == 0) {
        sleep_ms(600);
        _exit(0);
    }
    EXPECT_OK(closer);
    EXPECT_EQ(waitpid(closer, NULL, 0), closer);
    CHECK(hits == 2, "handler ran %d times in all", (int)hits);
    close(gate[1]);
    EXPECT_EXIT(pid, 0);
    return 0;
}

/* Fork a child that exits with 9 and wait for its SIGCHLD. */
static int await_sigchld(pid_t *child)
{
    sigset_t chld, none;

    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigemptyset(&none);
    EXPECT_OK(sigprocmask(SIG_BLOCK, &chld, NULL));
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        sleep_ms(100);
        _exit(9);
    }
    long end = now_ms() + 10000;
    while (!hits && now_ms() < end)
        sigsuspend(&none);
    CHECK(hits == 1, "SIGCHLD handler ran %d times", (int)hits);
    EXPECT_EXIT(pid, 9);
    *child = pid;
    return 0;
}

int sigchld_on_child_exit(void)
{
    pid_t pid;

    TRY(install(SIGCHLD, count, 0));
    TRY(await_sigchld(&pid));
    return 0;
}

int sigchld_siginfo_describes_the_child(void)
{
    struct sigaction sa;
    pid_t pid;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    EXPECT_OK(sigaction(SIGCHLD, &sa, NULL));
    hits = 0;
    TRY(await_sigchld(&pid));
    CHECK(chld_pid == (int)pid, "SIGCHLD si_pid %d, expected the child %d", chld_pid, (int)pid);
    CHECK(chld_status == 9, "SIGCHLD si_status %d, expected 9", (int)chld_status);
#ifdef CLD_EXITED
    CHECK(chld_code == CLD_EXITED, "SIGCHLD si_code %d, expected CLD_EXITED (%d)", (int)chld_code,
          CLD_EXITED);
    return 0;
#else
    FAIL("<signal.h> does not define CLD_EXITED (si_code was %d)", (int)chld_code);
#endif
}
