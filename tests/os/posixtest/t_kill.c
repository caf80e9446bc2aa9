/* Signals: kill to a child, a group, signal 0, errors; stop and continue. */
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "posixtest.h"

static volatile sig_atomic_t hits, conts, chlds;

static void count(int sig)
{
    (void)sig;
    hits++;
}

static void count_cont(int sig)
{
    (void)sig;
    conts++;
}

static void count_chld(int sig)
{
    (void)sig;
    chlds++;
}

/* The child catches SIGUSR1, says "r" when ready and "h" once caught. */
int kill_reaches_a_child(void)
{
    int up[2];
    char c = 0;

    EXPECT_OK(pipe(up));
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        sigset_t none;
        sigemptyset(&none);
        signal(SIGUSR1, count);
        write(up[1], "r", 1);
        long end = now_ms() + 8000;
        while (!hits && now_ms() < end)
            sleep_ms(10);
        write(up[1], hits ? "h" : "-", 1);
        _exit(0);
    }
    EXPECT_EQ(read_within(up[0], &c, 1, 10000), 1);
    EXPECT_OK(kill(pid, SIGUSR1));
    EXPECT_EQ(read_within(up[0], &c, 1, 8000), 1);
    CHECK(c == 'h', "the child's SIGUSR1 handler did not run");
    EXPECT_EXIT(pid, 0);
    return 0;
}

static pid_t member_of(pid_t group)
{
    pid_t pid = fork_child();

    if (pid == 0) {
        setpgid(0, group);
        sleep_ms(20000);
        _exit(0);
    }
    if (pid > 0)
        setpgid(pid, group ? group : pid);
    return pid;
}

static int kill_zero_reaches_own_group(void *arg)
{
    (void)arg;
    EXPECT_OK(setpgid(0, 0));
    pid_t a = member_of(getpid()), b = member_of(getpid());
    EXPECT_OK(a);
    EXPECT_OK(b);
    signal(SIGUSR2, SIG_IGN);
    EXPECT_OK(kill(0, SIGUSR2));
    EXPECT_SIGNAL(a, SIGUSR2);
    EXPECT_SIGNAL(b, SIGUSR2);
    return 0;
}

int kill_reaches_a_process_group(void)
{
    pid_t first = member_of(0);
    EXPECT_OK(first);
    pid_t second = member_of(first), third = member_of(first);
    EXPECT_OK(second);
    EXPECT_OK(third);
    EXPECT_EQ(getpgid(third), first);
    EXPECT_OK(kill(-first, SIGTERM));
    EXPECT_SIGNAL(first, SIGTERM);
    EXPECT_SIGNAL(second, SIGTERM);
    EXPECT_SIGNAL(third, SIGTERM);
    EXPECT_ERR(kill(-first, SIGTERM), ESRCH);

    pid_t lone = member_of(0);
    EXPECT_OK(lone);
    EXPECT_OK(killpg(lone, SIGHUP));
    EXPECT_SIGNAL(lone, SIGHUP);
    RUN_CHILD(kill_zero_reaches_own_group, NULL);
    return 0;
}

int kill_with_signal_zero_probes(void)
{
    int gate[2];

    EXPECT_OK(kill(getpid(), 0));
    EXPECT_OK(pipe(gate));
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        char c;
        close(gate[1]);
        read(gate[0], &c, 1);
        _exit(0);
    }
    EXPECT_OK(kill(pid, 0));
    close(gate[1]);
    sleep_ms(200); /* a zombie now: it still exists */
    EXPECT_OK(kill(pid, 0));
    EXPECT_EXIT(pid, 0);
    EXPECT_ERR(kill(pid, 0), ESRCH);
    return 0;
}

static int kill_as_ordinary_user(void *arg)
{
    pid_t root_parent = *(pid_t *)arg;

    TRY(drop_privileges());
    EXPECT_ERR(kill(root_parent, 0), EPERM);
    EXPECT_ERR(kill(root_parent, SIGUSR1), EPERM);
    EXPECT_OK(kill(getpid(), 0));
    return 0;
}

int kill_errors(void)
{
    pid_t gone = dead_pid(), me = getpid();

    EXPECT_ERR(kill(gone, SIGTERM), ESRCH);
    EXPECT_ERR(kill(gone, 0), ESRCH);
    EXPECT_ERR(kill(-gone, SIGTERM), ESRCH);
    EXPECT_ERR(kill(me, -1), EINVAL);
    EXPECT_ERR(kill(me, 1000), EINVAL);
    if (geteuid() == 0)
        RUN_CHILD(kill_as_ordinary_user, &me);
    return 0;
}

/* A stopped child makes no progress until SIGCONT, which its handler sees;
   the parent gets SIGCHLD for the stop. */
int sigstop_and_sigcont_a_child(void)
{
    int down[2], up[2], st;
    char c;

    signal(SIGCHLD, count_chld);
    EXPECT_OK(pipe(down));
    EXPECT_OK(pipe(up));
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        signal(SIGCONT, count_cont);
        close(down[1]);
        close(up[0]);
        while (read(down[0], &c, 1) == 1)
            write(up[1], conts ? "C" : "c", 1);
        _exit(0);
    }
    close(down[0]);
    close(up[1]);
    EXPECT_EQ(write(down[1], "x", 1), 1);
    EXPECT_EQ(read_within(up[0], &c, 1, 10000), 1);
    EXPECT_OK(kill(pid, SIGSTOP));
    EXPECT_EQ(waitpid(pid, &st, WUNTRACED), pid);
    CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "status %#x, expected stopped by SIGSTOP",
          (unsigned)st);
    long end = now_ms() + 2000;
    while (!chlds && now_ms() < end)
        sleep_ms(10);
    CHECK(chlds >= 1, "no SIGCHLD when the child stopped");
    EXPECT_EQ(write(down[1], "y", 1), 1);
    EXPECT_EQ(read_within(up[0], &c, 1, 500), -2); /* stopped: no answer */
    EXPECT_OK(kill(pid, SIGCONT));
    EXPECT_EQ(read_within(up[0], &c, 1, 10000), 1);
    CHECK(c == 'C', "the continued child answered '%c': its SIGCONT handler did not run", c);
    close(down[1]);
    EXPECT_EXIT(pid, 0);

    /* SIGTSTP's default action stops too; SIGKILL ends a stopped child. */
    pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        kill(getpid(), SIGTSTP);
        _exit(0);
    }
    EXPECT_EQ(waitpid(pid, &st, WUNTRACED), pid);
    CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGTSTP, "status %#x, expected stopped by SIGTSTP",
          (unsigned)st);
    EXPECT_OK(kill(pid, SIGKILL));
    EXPECT_SIGNAL(pid, SIGKILL);
    return 0;
}
