/* Processes: execve with argv and envp, what exec keeps, and its errors. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "posixtest.h"

/* Exec posixtest's helper NAME with extra arguments; returns only on error. */
static int exec_helper(const char *name, char *const extra[], char *const envp[])
{
    char *argv[16], fdarg[16];
    int n = 0;

    snprintf(fdarg, sizeof(fdarg), "%d", report_fd);
    argv[n++] = "posixtest";
    argv[n++] = "--child";
    argv[n++] = (char *)name;
    argv[n++] = fdarg;
    for (int i = 0; extra && extra[i] && n < 15; i++)
        argv[n++] = extra[i];
    argv[n] = NULL;
    extern char **environ;
    execve(self_path, argv, envp ? envp : environ);
    FAIL("execve(\"%s\"): %s", self_path, errname(errno));
}

static int exec_argv_check(void *arg)
{
    char fdarg[16];
    char *argv[] = { "pt-argv0", "--child", "argv", fdarg, "one", "two words", "", NULL };
    char *envp[] = { "PT_A=1", "PT_B=x y", NULL };

    (void)arg;
    snprintf(fdarg, sizeof(fdarg), "%d", report_fd);
    execve(self_path, argv, envp);
    FAIL("execve(\"%s\"): %s", self_path, errname(errno));
}

static int exec_keeps_pid(void *arg)
{
    char pid[16], ppid[16];
    char *extra[] = { pid, ppid, NULL };

    (void)arg;
    snprintf(pid, sizeof(pid), "%d", (int)getpid());
    snprintf(ppid, sizeof(ppid), "%d", (int)getppid());
    return exec_helper("pid", extra, NULL);
}

int execve_passes_argv_and_envp(void)
{
    RUN_CHILD(exec_argv_check, NULL);
    RUN_CHILD(exec_keeps_pid, NULL);
    return 0;
}

static void never_called(int sig)
{
    (void)sig;
}

static int exec_with_signal_state(void *arg)
{
    struct sigaction sa;
    sigset_t hup;

    (void)arg;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = never_called;
    EXPECT_OK(sigaction(SIGUSR1, &sa, NULL));
    sa.sa_handler = SIG_IGN;
    EXPECT_OK(sigaction(SIGUSR2, &sa, NULL));
    sigemptyset(&hup);
    sigaddset(&hup, SIGHUP);
    EXPECT_OK(sigprocmask(SIG_BLOCK, &hup, NULL));
    return exec_helper("sigstate", NULL, NULL);
}

int execve_resets_caught_signals(void)
{
    RUN_CHILD(exec_with_signal_state, NULL);
    return 0;
}

static int exec_fails(const char *path, int err)
{
    char *argv[] = { (char *)path, NULL }, *envp[] = { NULL };

    errno = 0;
    int r = execve(path, argv, envp);
    CHECK(r == -1 && errno == err, "execve(\"%s\") = %d errno %s, expected -1 errno %s", path, r,
          errname(errno), errname(err));
    return 0;
}

int execve_errors(void)
{
    static const char garbage[] = "\x01\x02\x03 this is not a program\n";

    TRY(exec_fails("no-such-program", ENOENT));
    TRY(exec_fails("/no-such-dir/program", ENOENT));
    TRY(make_file("plain", "echo not executable\n", 0644));
    TRY(exec_fails("./plain", EACCES));
    TRY(exec_fails("./plain/x", ENOTDIR));
    EXPECT_OK(mkdir("dir", 0755));
    TRY(exec_fails("./dir", EACCES));
    TRY(make_file("garbage", garbage, 0755));
    TRY(exec_fails("./garbage", ENOEXEC));
    TRY(make_file("empty", "", 0755));
    TRY(exec_fails("./empty", ENOEXEC));
    return 0;
}
