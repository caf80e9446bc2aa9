/* Processes: execve with argv and envp, what exec keeps, and its errors. */
#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "posixtest.h"

extern char **environ;

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

/* Copy this program into path, rewriting path in place when it exists
 * (the same inode: opened without O_TRUNC), with mark in an ELF header
 * byte that exec ignores (EI_PAD + 1); the "ident" helper reads it back. */
static int copy_self(const char *path, char mark)
{
    static char buf[64 * 1024];
    int in = open(self_path, O_RDONLY), out = open(path, O_WRONLY | O_CREAT, 0755);
    ssize_t n, total = 0;

    CHECK(in >= 0 && out >= 0, "open %s and %s: %s", self_path, path, errname(errno));
    while ((n = read(in, buf, sizeof(buf))) > 0) {
        if (total == 0)
            buf[EI_PAD + 1] = mark;
        CHECK(write_all(out, buf, (size_t)n) == n, "write %s: %s", path, errname(errno));
        total += n;
    }
    close(in);
    CHECK(n == 0 && close(out) == 0, "copy %s: %s", path, errname(errno));
    return 0;
}

/* Exec path as the "ident" helper; whether it found mark in its header. */
static int run_copy(const char *path, char mark, const char *why)
{
    char fdarg[16], markarg[8];
    int status;

    snprintf(fdarg, sizeof(fdarg), "%d", report_fd);
    snprintf(markarg, sizeof(markarg), "%d", mark);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = { (char *)path, "--child", "ident", fdarg, markarg, NULL };
        execve(path, argv, environ);
        _exit(127);
    }
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid, "fork/waitpid: %s", errname(errno));
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s (%s): status %#x", path, why, status);
    return 0;
}

/* vm keeps a program's read-only segments for the next exec of the same
 * contents: a program rewritten in place, or a new file in a freed inode,
 * must run with its new contents, not the kept ones. */
int exec_runs_a_rewritten_program(void)
{
    TRY(copy_self("prog", 'A'));
    TRY(run_copy("./prog", 'A', "a copy"));
    TRY(run_copy("./prog", 'A', "the copy run again"));
    int fd = open("prog", O_WRONLY);
    CHECK(fd >= 0 && pwrite(fd, "B", 1, EI_PAD + 1) == 1, "pwrite prog: %s", errname(errno));
    close(fd);
    TRY(run_copy("./prog", 'B', "one byte rewritten in place"));
    TRY(copy_self("prog", 'C'));
    TRY(run_copy("./prog", 'C', "copied over in place"));
    EXPECT_OK(unlink("prog"));
    TRY(copy_self("prog", 'D'));
    TRY(run_copy("./prog", 'D', "a new file where the old one was"));
    EXPECT_OK(truncate("prog", 0));
    char *argv[] = { "prog", NULL };
    EXPECT_ERR(execve("./prog", argv, environ), ENOEXEC);
    return 0;
}

/* A function whose first byte the "text" helper checks. */
__attribute__((noinline)) int text_probe(void)
{
    return 42;
}

static int write_own_text(void *arg)
{
    uint8_t *at = (uint8_t *)(uintptr_t)text_probe, before = *at;
    void *page = (void *)((uintptr_t)at & ~(uintptr_t)4095);
    char byte[8];

    (void)arg;
    EXPECT_OK(mprotect(page, 4096, PROT_READ | PROT_WRITE | PROT_EXEC));
    uint8_t flipped = (uint8_t)(before ^ 0xFF);
    *at = flipped;
    CHECK(*at == flipped, "a write to our own text did not stick");
    snprintf(byte, sizeof(byte), "%u", before);
    char *extra[] = { byte, NULL };
    return exec_helper("text", extra, NULL);
}

/* Text frames are shared between processes running one program: a process
 * that makes its text writable and changes it gets a copy of its own; the
 * next exec of the program still runs the file's text. */
int text_written_by_one_process_stays_its_own(void)
{
    RUN_CHILD(write_own_text, NULL);
    return 0;
}
