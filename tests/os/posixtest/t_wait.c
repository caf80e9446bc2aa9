/* Processes: fork, _exit and exit statuses, wait and waitpid, pids. */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "posixtest.h"

int fork_returns_child_pid_and_zero(void)
{
    pid_t parent = getpid();
    int p[2];

    EXPECT_OK(pipe(p));
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        pid_t ids[2] = { getpid(), getppid() };
        write_all(p[1], ids, sizeof(ids));
        _exit(0);
    }
    pid_t ids[2];
    close(p[1]);
    EXPECT_EQ(read_all(p[0], ids, sizeof(ids)), sizeof(ids));
    close(p[0]);
    CHECK(pid > 0, "fork() returned %d in the parent", (int)pid);
    CHECK(ids[0] == pid, "child's getpid() = %d, fork() returned %d", (int)ids[0], (int)pid);
    CHECK(ids[1] == parent, "child's getppid() = %d, parent is %d", (int)ids[1], (int)parent);
    CHECK(getpid() == parent, "parent's getpid() changed from %d to %d", (int)parent,
          (int)getpid());
    EXPECT_EXIT(pid, 0);
    return 0;
}

static int exit_via(int code, bool stdio)
{
    pid_t pid = fork_child();

    EXPECT_OK(pid);
    if (pid == 0) {
        if (stdio)
            exit(code);
        _exit(code);
    }
    int st;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    CHECK(WIFEXITED(st), "%s(%d): WIFEXITED false (status %#x)", stdio ? "exit" : "_exit", code,
          (unsigned)st);
    CHECK(!WIFSIGNALED(st) && !WIFSTOPPED(st), "%s(%d): status %#x also signalled/stopped",
          stdio ? "exit" : "_exit", code, (unsigned)st);
    CHECK(WEXITSTATUS(st) == (code & 0xff), "%s(%d): WEXITSTATUS %d", stdio ? "exit" : "_exit",
          code, WEXITSTATUS(st));
    return 0;
}

int exit_status_reaches_parent(void)
{
    static const int codes[] = { 0, 1, 42, 255, 256 + 7 };

    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        TRY(exit_via(codes[i], false));
        TRY(exit_via(codes[i], true));
    }
    return 0;
}

static int killed_by(int sig, bool by_parent)
{
    pid_t pid = fork_child();

    EXPECT_OK(pid);
    if (pid == 0) {
        if (!by_parent)
            kill(getpid(), sig);
        sleep_ms(10000);
        _exit(99);
    }
    if (by_parent)
        EXPECT_OK(kill(pid, sig));
    int st;
    EXPECT_EQ(waitpid(pid, &st, 0), pid);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == sig, "child sent %s: status %#x, expected WTERMSIG %d",
          signame(sig), (unsigned)st, sig);
    CHECK(!WIFEXITED(st), "child killed by %s: WIFEXITED true", signame(sig));
    return 0;
}

int exit_status_of_killed_child(void)
{
    TRY(killed_by(SIGTERM, false));
    TRY(killed_by(SIGKILL, true));
    TRY(killed_by(SIGUSR1, true));
    TRY(killed_by(SIGABRT, false));
    return 0;
}

/* A child stopped by SIGSTOP is reported once with WUNTRACED, not without. */
int waitpid_reports_stopped_child(void)
{
    int st;
    pid_t pid = fork_child();

    EXPECT_OK(pid);
    if (pid == 0) {
        sleep_ms(20000);
        _exit(0);
    }
    EXPECT_OK(kill(pid, SIGSTOP));
    sleep_ms(100);
    EXPECT_EQ(waitpid(pid, &st, WNOHANG), 0);
    EXPECT_EQ(waitpid(pid, &st, WUNTRACED), pid);
    CHECK(WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "status %#x, expected stopped by SIGSTOP",
          (unsigned)st);
    CHECK(!WIFEXITED(st) && !WIFSIGNALED(st), "stopped status %#x also exited/signalled",
          (unsigned)st);
    EXPECT_EQ(waitpid(pid, &st, WUNTRACED | WNOHANG), 0);
    EXPECT_OK(kill(pid, SIGCONT));
    EXPECT_OK(kill(pid, SIGTERM));
    EXPECT_SIGNAL(pid, SIGTERM);
    return 0;
}

static pid_t exit_after(int code, int delay_ms)
{
    pid_t pid = fork_child();

    if (pid == 0) {
        sleep_ms(delay_ms);
        _exit(code);
    }
    return pid;
}

int waitpid_waits_for_the_named_child(void)
{
    int st;
    pid_t a = exit_after(3, 0), b = exit_after(4, 200);

    EXPECT_OK(a);
    EXPECT_OK(b);
    sleep_ms(50); /* a is a zombie by now */
    EXPECT_EQ(waitpid(b, &st, 0), b);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 4, "waitpid(b): status %#x, expected exit 4",
          (unsigned)st);
    EXPECT_EQ(waitpid(a, &st, 0), a);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3, "waitpid(a): status %#x, expected exit 3",
          (unsigned)st);
    return 0;
}

int wait_any_child_then_echild(void)
{
    pid_t pids[3];
    bool seen[3] = { false };

    for (int i = 0; i < 3; i++)
        EXPECT_OK(pids[i] = exit_after(10 + i, 30 * i));
    for (int n = 0; n < 3; n++) {
        int st;
        pid_t r = wait(&st);
        EXPECT_OK(r);
        int i = 0;
        while (i < 3 && pids[i] != r)
            i++;
        CHECK(i < 3 && !seen[i], "wait() returned %d, not an unreaped child", (int)r);
        seen[i] = true;
        CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 10 + i, "child %d: status %#x, expected exit %d",
              (int)r, (unsigned)st, 10 + i);
    }
    EXPECT_ERR(wait(NULL), ECHILD);
    EXPECT_ERR(waitpid(-1, NULL, 0), ECHILD);
    EXPECT_ERR(waitpid(-1, NULL, WNOHANG), ECHILD);
    EXPECT_ERR(waitpid(getppid(), NULL, 0), ECHILD);
    EXPECT_ERR(waitpid(dead_pid(), NULL, 0), ECHILD);
    return 0;
}

static int waitpid_refuses_bad_options(void *arg)
{
    int gate[2], st;

    (void)arg;
    EXPECT_OK(pipe(gate));
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        char c;
        close(gate[1]);
        read(gate[0], &c, 1);
        _exit(0);
    }
    EXPECT_ERR(waitpid(pid, &st, 0x1000), EINVAL);
    close(gate[1]);
    EXPECT_EXIT(pid, 0);
    return 0;
}

int waitpid_wnohang_returns_zero_while_running(void)
{
    int gate[2], st;

    EXPECT_OK(pipe(gate));
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        char c;
        close(gate[1]);
        read(gate[0], &c, 1);
        _exit(5);
    }
    close(gate[0]);
    EXPECT_EQ(waitpid(pid, &st, WNOHANG), 0);
    EXPECT_EQ(waitpid(-1, &st, WNOHANG), 0);
    close(gate[1]);
    EXPECT_EXIT(pid, 5);
    RUN_BOUNDED(waitpid_refuses_bad_options, NULL, 3000, "waitpid(pid, &st, 0x1000)");
    return 0;
}

/* waitpid(0) waits for the caller's group, waitpid(-pgid) for another. */
int waitpid_by_process_group(void)
{
    int st;
    pid_t other = fork_child();

    EXPECT_OK(other);
    if (other == 0) {
        setpgid(0, 0);
        sleep_ms(200);
        _exit(7);
    }
    setpgid(other, other);
    pid_t same = exit_after(8, 400);
    EXPECT_OK(same);
    EXPECT_EQ(waitpid(0, &st, 0), same);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 8, "waitpid(0): status %#x", (unsigned)st);
    EXPECT_EQ(waitpid(-other, &st, 0), other);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 7, "waitpid(-pgid): status %#x", (unsigned)st);
    EXPECT_ERR(waitpid(-other, &st, 0), ECHILD);
    return 0;
}

/* Fork a grandchild, wait until it has noted its parent, then exit. */
static int orphan_is_adopted(void *arg)
{
    int *p = arg, started[2];
    char c;

    EXPECT_OK(pipe(started));
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        pid_t old = getppid(), now = old;
        write(started[1], "s", 1);
        long deadline = now_ms() + 5000;
        while (now == old && now_ms() < deadline) {
            sleep_ms(10);
            now = getppid();
        }
        pid_t report[2] = { old, now };
        write_all(p[1], report, sizeof(report));
        _exit(0);
    }
    EXPECT_EQ(read(started[0], &c, 1), 1);
    return 0;
}

/* getppid() of an orphan changes from its dead parent to the adopter. */
int getppid_changes_when_orphaned(void)
{
    int p[2];
    pid_t seen[2];
    struct child c;

    EXPECT_OK(pipe(p));
    TRY(start_child(&c, orphan_is_adopted, p));
    close(p[1]);
    TRY(expect_child_ok(&c, __FILE__, __LINE__));
    EXPECT_EQ(read_all(p[0], seen, sizeof(seen)), sizeof(seen));
    CHECK(seen[0] == c.pid, "grandchild's getppid() = %d, its parent is %d", (int)seen[0],
          (int)c.pid);
    CHECK(seen[1] != c.pid && seen[1] > 0, "orphan's getppid() still %d after its parent exited",
          (int)seen[1]);
    return 0;
}
