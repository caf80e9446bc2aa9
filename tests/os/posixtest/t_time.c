/* Processes: times, alarm, nanosleep and sleep. */
#include <signal.h>
#include <string.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "posixtest.h"

static volatile sig_atomic_t alarms, usr1s;

static void on_alarm(int sig)
{
    (void)sig;
    alarms++;
}

static void on_usr1(int sig)
{
    (void)sig;
    usr1s++;
}

static int catch_signal(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    EXPECT_OK(sigaction(sig, &sa, NULL));
    return 0;
}

static void burn_cpu(long ms)
{
    long end = now_ms() + ms;
    volatile unsigned long spin = 0;

    while (now_ms() < end)
        for (int i = 0; i < 10000; i++)
            spin++;
}

int times_counts_cpu_time(void)
{
    struct tms a, b;
    long tck = sysconf(_SC_CLK_TCK);

    CHECK(tck > 0, "sysconf(_SC_CLK_TCK) = %ld", tck);
    clock_t t0 = times(&a);
    CHECK(t0 != (clock_t)-1, "times: %s", errname(errno));
    long start = now_ms();
    burn_cpu(400);
    clock_t t1 = times(&b);
    long real_ticks = (now_ms() - start) * tck / 1000;
    long cpu = (long)(b.tms_utime + b.tms_stime - a.tms_utime - a.tms_stime);
    long advanced = (long)(t1 - t0);
    CHECK(advanced >= real_ticks / 2 && advanced <= real_ticks * 2 + tck,
          "times() advanced %ld ticks over %ld ticks of real time", advanced, real_ticks);
    CHECK(cpu >= real_ticks / 4, "%ld ticks of CPU time counted for %ld ticks of spinning", cpu,
          real_ticks);

    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        burn_cpu(400);
        _exit(0);
    }
    EXPECT_EXIT(pid, 0);
    times(&a);
    long children = (long)(a.tms_cutime + a.tms_cstime - b.tms_cutime - b.tms_cstime);
    CHECK(children >= 400 * tck / 1000 / 4, "%ld ticks of children's CPU time for 400 ms",
          children);
    return 0;
}

int alarm_delivers_sigalrm(void)
{
    sigset_t none;

    sigemptyset(&none);
    TRY(catch_signal(SIGALRM, on_alarm, 0));
    EXPECT_EQ(alarm(1), 0);
    long start = now_ms();
    unsigned left = alarm(1); /* replaces the first: about 1 s left */
    CHECK(left == 1, "alarm() returned %u with about 1 s left, expected 1", left);
    while (!alarms && now_ms() - start < 5000)
        sigsuspend(&none);
    long took = now_ms() - start;
    CHECK(alarms == 1, "SIGALRM handler ran %d times", (int)alarms);
    CHECK(took >= 900 && took < 3000, "alarm(1) fired after %ld ms", took);

    EXPECT_EQ(alarm(1), 0);
    EXPECT_EQ(alarm(0), 1); /* cancels */
    sleep_ms(1500);
    CHECK(alarms == 1, "a cancelled alarm fired");

    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        signal(SIGALRM, SIG_DFL);
        alarm(1);
        sleep_ms(5000);
        _exit(0);
    }
    EXPECT_SIGNAL(pid, SIGALRM);
    return 0;
}

int nanosleep_and_sleep_wait(void)
{
    struct timespec req = { 0, 200000000 }, rem;

    long start = now_ms();
    EXPECT_OK(nanosleep(&req, NULL));
    long took = now_ms() - start;
    CHECK(took >= 195 && took < 5000, "nanosleep(200 ms) took %ld ms", took);

    start = now_ms();
    EXPECT_EQ(sleep(1), 0);
    took = now_ms() - start;
    CHECK(took >= 990 && took < 6000, "sleep(1) took %ld ms", took);

    req.tv_nsec = 1000000000;
    EXPECT_ERR(nanosleep(&req, NULL), EINVAL);
    req.tv_nsec = -1;
    EXPECT_ERR(nanosleep(&req, NULL), EINVAL);

    /* Interrupted by a handled signal: EINTR and the time left. */
    TRY(catch_signal(SIGUSR1, on_usr1, 0));
    pid_t parent = getpid(), pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        sleep_ms(300);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    req.tv_sec = 5;
    req.tv_nsec = 0;
    start = now_ms();
    EXPECT_ERR(nanosleep(&req, &rem), EINTR);
    took = now_ms() - start;
    CHECK(usr1s == 1, "SIGUSR1 handler ran %d times", (int)usr1s);
    CHECK(took < 4000, "interrupted nanosleep took %ld ms", took);
    long left = rem.tv_sec * 1000 + rem.tv_nsec / 1000000;
    CHECK(left > 5000 - took - 500 && left <= 5000, "%ld ms left after %ld ms of a 5 s sleep", left,
          took);
    EXPECT_EXIT(pid, 0);
    return 0;
}
