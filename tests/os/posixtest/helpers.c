/*
 * The programs the exec cases run: posixtest itself, started again as
 *
 *   posixtest --child HELPER REPORT_FD ARGS...
 *
 * A helper checks what it inherited through exec and exits 0, or 1 with
 * its reason sent to REPORT_FD (the report pipe of the process that
 * called exec, which exec keeps open).
 */
#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "posixtest.h"

extern char **environ;

/* argv[0] "pt-argv0", then "one", "two words", "" and an environment of
   exactly PT_A=1 and PT_B=x y. */
static int helper_argv(int argc, char **argv)
{
    static const char *const args[] = { "one", "two words", "" };
    static const char *const env[] = { "PT_A=1", "PT_B=x y" };

    CHECK(argc == 7, "argc = %d, expected 7", argc);
    CHECK(strcmp(argv[0], "pt-argv0") == 0, "argv[0] = \"%s\", expected \"pt-argv0\"", argv[0]);
    for (int i = 0; i < 3; i++)
        CHECK(strcmp(argv[4 + i], args[i]) == 0, "argv[%d] = \"%s\", expected \"%s\"", 4 + i,
              argv[4 + i], args[i]);
    CHECK(argv[7] == NULL, "argv[7] is not NULL");
    int n = 0;
    while (environ && environ[n])
        n++;
    CHECK(n == 2, "%d environment strings, expected 2 (first \"%s\")", n, n ? environ[0] : "");
    for (int i = 0; i < 2; i++)
        CHECK(strcmp(environ[i], env[i]) == 0, "environ[%d] = \"%s\", expected \"%s\"", i,
              environ[i], env[i]);
    CHECK(strcmp(getenv("PT_B") ? getenv("PT_B") : "", "x y") == 0, "getenv(\"PT_B\") wrong");
    return 0;
}

/* ARGS: PID PPID that the process had before exec. */
static int helper_pid(int argc, char **argv)
{
    CHECK(argc == 6, "pid helper: argc %d", argc);
    CHECK(getpid() == atoi(argv[4]), "getpid() = %d after exec, %s before", (int)getpid(), argv[4]);
    CHECK(getppid() == atoi(argv[5]), "getppid() = %d after exec, %s before", (int)getppid(),
          argv[5]);
    return 0;
}

/* ARGS: FD:open or FD:closed, each checked with F_GETFD. */
static int helper_fds(int argc, char **argv)
{
    for (int i = 4; i < argc; i++) {
        int fd = atoi(argv[i]);
        bool want_open = strstr(argv[i], ":open") != NULL;
        errno = 0;
        int r = fcntl(fd, F_GETFD);
        if (want_open)
            CHECK(r != -1, "fd %d closed by exec (%s), expected it open", fd, errname(errno));
        else
            CHECK(r == -1 && errno == EBADF, "fd %d open after exec (F_GETFD %d), expected closed",
                  fd, r);
    }
    return 0;
}

/* SIGUSR1 was caught, SIGUSR2 ignored, SIGHUP blocked before exec. */
static int helper_sigstate(int argc, char **argv)
{
    struct sigaction sa;
    sigset_t mask;

    (void)argc, (void)argv;
    EXPECT_OK(sigaction(SIGUSR1, NULL, &sa));
    CHECK(sa.sa_handler == SIG_DFL, "caught SIGUSR1 not reset to SIG_DFL by exec");
    EXPECT_OK(sigaction(SIGUSR2, NULL, &sa));
    CHECK(sa.sa_handler == SIG_IGN, "ignored SIGUSR2 not kept ignored across exec");
    EXPECT_OK(sigprocmask(SIG_BLOCK, NULL, &mask));
    CHECK(sigismember(&mask, SIGHUP) == 1, "blocked SIGHUP not kept in the mask across exec");
    CHECK(sigismember(&mask, SIGTERM) == 0, "SIGTERM blocked after exec");
    return 0;
}

/* ARGS: FD. Say "r" on FD, then wait to be killed. */
static int helper_ready(int argc, char **argv)
{
    CHECK(argc == 5, "ready helper: argc %d", argc);
    CHECK(write(atoi(argv[4]), "r", 1) == 1, "write ready: %s", errname(errno));
    sleep_ms(30000);
    return 0;
}

/* ARGS: CODE. Exit with it. */
static int helper_exit(int argc, char **argv)
{
    _exit(argc == 5 ? atoi(argv[4]) : 99);
}

/* ARGS: BYTE, the first byte of text_probe in the program file. */
static int helper_text(int argc, char **argv)
{
    extern int text_probe(void);
    unsigned char first = *(const unsigned char *)(uintptr_t)text_probe;

    CHECK(argc == 5, "text helper: argc %d", argc);
    CHECK(first == (unsigned)atoi(argv[4]),
          "text_probe starts with %u after exec, the file has %s: another process's write", first,
          argv[4]);
    CHECK(text_probe() == 42, "text_probe() = %d", text_probe());
    return 0;
}

/* ARGS: MARK, the byte copy_self put at EI_PAD + 1 of this program's file:
 * read from the ELF header as mapped at exec. */
static int helper_ident(int argc, char **argv)
{
    extern const unsigned char __ehdr_start[];

    CHECK(argc == 5, "ident helper: argc %d", argc);
    CHECK(__ehdr_start[EI_PAD + 1] == atoi(argv[4]),
          "the header holds %d after exec, the file %s: an earlier program's frames",
          __ehdr_start[EI_PAD + 1], argv[4]);
    return 0;
}

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} helpers[] = {
    { "argv", helper_argv },         { "pid", helper_pid },     { "fds", helper_fds },
    { "sigstate", helper_sigstate }, { "ready", helper_ready }, { "exit", helper_exit },
    { "text", helper_text },         { "ident", helper_ident },
};

int run_helper(int argc, char **argv)
{
    if (argc < 4)
        return 2;
    report_fd = atoi(argv[3]);
    for (size_t i = 0; i < sizeof(helpers) / sizeof(helpers[0]); i++)
        if (strcmp(argv[2], helpers[i].name) == 0)
            child_exit(helpers[i].run(argc, argv));
    fail_at(__FILE__, __LINE__, "no helper named %s", argv[2]);
    child_exit(-1);
}
