/* Signals: sigaction and its flags, SIG_IGN, SIG_DFL, masks, sigsuspend. */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "posixtest.h"

static volatile sig_atomic_t hits, depth, max_depth, other_blocked, self_blocked;
static volatile int info_signo, info_code, info_pid, info_uid;

static void count(int sig)
{
    (void)sig;
    hits++;
}

/* Raises its own signal once from inside, and notes how deep it nests. */
static void reenter(int sig)
{
    sigset_t now;

    depth++;
    if (depth > max_depth)
        max_depth = depth;
    sigprocmask(SIG_BLOCK, NULL, &now);
    self_blocked = sigismember(&now, sig);
    other_blocked = sigismember(&now, SIGUSR2);
    if (hits++ == 0)
        kill(getpid(), sig);
    depth--;
}

static void take_info(int sig, siginfo_t *info, void *ctx)
{
    (void)sig, (void)ctx;
    hits++;
    info_signo = info->si_signo;
    info_code = info->si_code;
    info_pid = (int)info->si_pid;
    info_uid = (int)info->si_uid;
}

static int install(int sig, void (*fn)(int), int flags, int also_block)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    if (also_block)
        sigaddset(&sa.sa_mask, also_block);
    EXPECT_OK(sigaction(sig, &sa, NULL));
    hits = depth = max_depth = 0;
    return 0;
}

int sigaction_installs_a_handler(void)
{
    struct sigaction sa, old;

    EXPECT_OK(sigaction(SIGUSR1, NULL, &old));
    CHECK(old.sa_handler == SIG_DFL, "SIGUSR1 starts with a handler other than SIG_DFL");
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = count;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    EXPECT_OK(sigaction(SIGUSR1, &sa, &old));
    CHECK(old.sa_handler == SIG_DFL, "old action not SIG_DFL");
    EXPECT_OK(sigaction(SIGUSR1, NULL, &old));
    CHECK(old.sa_handler == count, "sigaction does not report the installed handler");
    CHECK(sigismember(&old.sa_mask, SIGUSR2) == 1, "sa_mask not kept");
    hits = 0;
    EXPECT_OK(kill(getpid(), SIGUSR1));
    CHECK(hits == 1, "handler ran %d times by the time kill() returned", (int)hits);
    EXPECT_OK(raise(SIGUSR1));
    CHECK(hits == 2, "handler ran %d times after raise()", (int)hits);
    return 0;
}

int sigaction_flags_resethand_nodefer_mask(void)
{
    struct sigaction old;

    TRY(install(SIGUSR1, count, SA_RESETHAND, 0));
    EXPECT_OK(kill(getpid(), SIGUSR1));
    CHECK(hits == 1, "SA_RESETHAND handler ran %d times", (int)hits);
    EXPECT_OK(sigaction(SIGUSR1, NULL, &old));
    CHECK(old.sa_handler == SIG_DFL, "SA_RESETHAND: handler not reset to SIG_DFL after delivery");

    /* Without SA_NODEFER the signal is blocked in its handler: the second
       one waits until the first handler returns. */
    TRY(install(SIGUSR1, reenter, 0, SIGUSR2));
    EXPECT_OK(kill(getpid(), SIGUSR1));
    CHECK(hits == 2 && max_depth == 1, "deferred: %d deliveries, nested %d deep (expected 2, 1)",
          (int)hits, (int)max_depth);
    CHECK(self_blocked == 1, "SIGUSR1 not blocked inside its own handler");
    CHECK(other_blocked == 1, "sa_mask's SIGUSR2 not blocked inside the handler");
    sigset_t now;
    EXPECT_OK(sigprocmask(SIG_BLOCK, NULL, &now));
    CHECK(!sigismember(&now, SIGUSR1) && !sigismember(&now, SIGUSR2),
          "the handler's mask stayed in force after it returned");

    TRY(install(SIGUSR1, reenter, SA_NODEFER, 0));
    EXPECT_OK(kill(getpid(), SIGUSR1));
    CHECK(hits == 2 && max_depth == 2, "SA_NODEFER: %d deliveries, nested %d deep (expected 2, 2)",
          (int)hits, (int)max_depth);
    return 0;
}

int sigaction_siginfo_names_the_sender(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = take_info;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    EXPECT_OK(sigaction(SIGUSR1, &sa, NULL));
    hits = 0;
    EXPECT_OK(kill(getpid(), SIGUSR1));
    CHECK(hits == 1, "SA_SIGINFO handler ran %d times", (int)hits);
    CHECK(info_signo == SIGUSR1, "si_signo %d, expected %d", info_signo, SIGUSR1);
    CHECK(info_code == SI_USER, "si_code %d, expected SI_USER (%d)", info_code, SI_USER);
    CHECK(info_pid == (int)getpid(), "si_pid %d, expected the sender %d", info_pid, (int)getpid());
    CHECK(info_uid == (int)getuid(), "si_uid %d, expected %d", info_uid, (int)getuid());

    pid_t parent = getpid(), pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0)
        _exit(kill(parent, SIGUSR1) == 0 ? 0 : 1);
    EXPECT_EXIT(pid, 0);
    CHECK(hits == 2, "SIGUSR1 from a child: handler ran %d times in all", (int)hits);
    CHECK(info_pid == (int)pid, "si_pid %d, expected the child %d", info_pid, (int)pid);
    return 0;
}

int sigaction_errors(void)
{
    struct sigaction sa, old;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = count;
    EXPECT_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL);
    EXPECT_ERR(sigaction(SIGSTOP, &sa, NULL), EINVAL);
    sa.sa_handler = SIG_IGN;
    EXPECT_ERR(sigaction(SIGKILL, &sa, NULL), EINVAL);
    EXPECT_ERR(sigaction(0, &sa, NULL), EINVAL);
    EXPECT_ERR(sigaction(-1, &sa, NULL), EINVAL);
    EXPECT_ERR(sigaction(1000, &sa, NULL), EINVAL);
    EXPECT_OK(sigaction(SIGKILL, NULL, &old));
    CHECK(old.sa_handler == SIG_DFL, "SIGKILL's action is not SIG_DFL");
    return 0;
}

int sig_ign_discards_the_signal(void)
{
    sigset_t pending;

    CHECK(signal(SIGUSR1, SIG_IGN) != SIG_ERR, "signal(SIG_IGN): %s", errname(errno));
    EXPECT_OK(kill(getpid(), SIGUSR1));
    EXPECT_OK(sigpending(&pending));
    CHECK(!sigismember(&pending, SIGUSR1), "ignored SIGUSR1 left pending");

    /* Ignored in a child too, across fork; SIGKILL still kills it. */
    signal(SIGTERM, SIG_IGN);
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        sleep_ms(20000);
        _exit(0);
    }
    EXPECT_OK(kill(pid, SIGTERM));
    EXPECT_OK(kill(pid, SIGUSR1));
    sleep_ms(200);
    int st;
    EXPECT_EQ(waitpid(pid, &st, WNOHANG), 0);
    EXPECT_OK(kill(pid, SIGKILL));
    EXPECT_SIGNAL(pid, SIGKILL);
    return 0;
}

static int default_action(int sig, bool kills)
{
    pid_t pid = fork_child();

    EXPECT_OK(pid);
    if (pid == 0) {
        signal(sig, count); /* a handler, then back to SIG_DFL */
        signal(sig, SIG_DFL);
        kill(getpid(), sig);
        _exit(0);
    }
    if (kills)
        EXPECT_SIGNAL(pid, sig);
    else
        EXPECT_EXIT(pid, 0);
    return 0;
}

int sig_dfl_terminates_or_ignores(void)
{
    static const int killing[] = { SIGTERM, SIGUSR1, SIGUSR2, SIGHUP, SIGINT, SIGALRM, SIGPIPE };
    static const int ignored[] = { SIGCHLD, SIGURG, SIGWINCH };

    for (size_t i = 0; i < sizeof(killing) / sizeof(killing[0]); i++)
        TRY(default_action(killing[i], true));
    for (size_t i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++)
        TRY(default_action(ignored[i], false));
    return 0;
}

int sigprocmask_blocks_then_delivers(void)
{
    sigset_t usr1, old, pending, now;

    TRY(install(SIGUSR1, count, 0, 0));
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    EXPECT_OK(sigprocmask(SIG_BLOCK, &usr1, &old));
    CHECK(!sigismember(&old, SIGUSR1), "old mask already held SIGUSR1");
    EXPECT_OK(kill(getpid(), SIGUSR1));
    EXPECT_OK(kill(getpid(), SIGUSR1));
    CHECK(hits == 0, "blocked SIGUSR1 delivered");
    EXPECT_OK(sigpending(&pending));
    CHECK(sigismember(&pending, SIGUSR1) == 1, "blocked SIGUSR1 not in sigpending()");
    EXPECT_OK(sigprocmask(SIG_UNBLOCK, &usr1, NULL));
    CHECK(hits == 1, "on unblock the handler ran %d times (expected once, before return)",
          (int)hits);
    EXPECT_OK(sigpending(&pending));
    CHECK(!sigismember(&pending, SIGUSR1), "SIGUSR1 still pending after delivery");

    EXPECT_OK(sigprocmask(SIG_SETMASK, &usr1, NULL));
    EXPECT_OK(sigprocmask(SIG_SETMASK, &old, &now));
    CHECK(sigismember(&now, SIGUSR1) == 1, "SIG_SETMASK did not return the previous mask");
    EXPECT_ERR(sigprocmask(12345, &usr1, NULL), EINVAL);

    sigset_t all;
    sigfillset(&all);
    EXPECT_OK(sigprocmask(SIG_SETMASK, &all, NULL));
    EXPECT_OK(sigprocmask(SIG_SETMASK, &old, &now));
    CHECK(!sigismember(&now, SIGKILL) && !sigismember(&now, SIGSTOP),
          "SIGKILL or SIGSTOP could be blocked");
    return 0;
}

static int mask_inherited(void *arg)
{
    sigset_t now, pending;

    (void)arg;
    EXPECT_OK(sigprocmask(SIG_BLOCK, NULL, &now));
    CHECK(sigismember(&now, SIGUSR1) == 1, "the child did not inherit the blocked SIGUSR1");
    EXPECT_OK(sigpending(&pending));
    CHECK(!sigismember(&pending, SIGUSR1), "the parent's pending SIGUSR1 is pending in the child");
    return 0;
}

int fork_keeps_mask_and_clears_pending(void)
{
    sigset_t usr1;

    TRY(install(SIGUSR1, count, 0, 0));
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    EXPECT_OK(sigprocmask(SIG_BLOCK, &usr1, NULL));
    EXPECT_OK(kill(getpid(), SIGUSR1));
    RUN_CHILD(mask_inherited, NULL);
    EXPECT_OK(sigprocmask(SIG_UNBLOCK, &usr1, NULL));
    CHECK(hits == 1, "parent's pending SIGUSR1 delivered %d times", (int)hits);
    return 0;
}

/* A signal already pending (blocked) ends sigsuspend at once. */
static int sigsuspend_with_a_pending_signal(void *arg)
{
    sigset_t usr1, none, pending;

    (void)arg;
    TRY(install(SIGUSR1, count, 0, 0));
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigemptyset(&none);
    EXPECT_OK(sigprocmask(SIG_BLOCK, &usr1, NULL));
    EXPECT_OK(kill(getpid(), SIGUSR1));
    EXPECT_OK(sigpending(&pending));
    CHECK(sigismember(&pending, SIGUSR1) == 1, "blocked SIGUSR1 not pending");
    EXPECT_ERR(sigsuspend(&none), EINTR);
    CHECK(hits == 1, "handler ran %d times", (int)hits);
    return 0;
}

int sigsuspend_waits_for_a_signal(void)
{
    sigset_t usr1, none, now;

    TRY(install(SIGUSR1, count, 0, 0));
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    sigemptyset(&none);
    EXPECT_OK(sigprocmask(SIG_BLOCK, &usr1, NULL));
    pid_t parent = getpid(), pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        sleep_ms(200);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    long start = now_ms();
    EXPECT_ERR(sigsuspend(&none), EINTR);
    CHECK(hits == 1, "handler ran %d times when sigsuspend returned", (int)hits);
    CHECK(now_ms() - start >= 100, "sigsuspend returned after %ld ms, before the signal",
          now_ms() - start);
    EXPECT_OK(sigprocmask(SIG_BLOCK, NULL, &now));
    CHECK(sigismember(&now, SIGUSR1) == 1, "sigsuspend did not restore the mask");
    EXPECT_EXIT(pid, 0);

    RUN_BOUNDED(sigsuspend_with_a_pending_signal, NULL, 3000,
                "sigsuspend() with SIGUSR1 pending and unblocked by its mask");
    return 0;
}
