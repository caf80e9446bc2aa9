/*
 * posixtest: POSIX behaviour checked from inside the running system.
 *
 *   posixtest [quick|all|slow|list|CASE...]
 *   posixtest --child HELPER REPORT_FD ARGS...   (run by the exec cases)
 *
 * Each case runs in a process of its own, in a process group of its own,
 * with default signal dispositions, an empty mask, umask 022 and a fresh
 * directory /tmp/posixtest.PID/CASE as its working directory. It is
 * killed with its whole group when it overruns its time. One line per
 * case, "posixtest: NAME ok" or "posixtest: NAME FAIL: reason", then
 * "posixtest: N passed, N failed"; the exit status is 0 only if all passed.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "posixtest.h"

static const struct pt_case cases[] = {
#define PT_CASE(name, slow, timeout_s) { #name, slow, timeout_s, name },
#include "cases.h"
#undef PT_CASE
};

#define NCASES ((int)(sizeof(cases) / sizeof(cases[0])))

static char scratch[64];
static char case_dir[128];

/* The absolute path of this program, so that a case can exec it again. */
static const char *find_self(const char *argv0)
{
    static char path[1024];

    if (strchr(argv0, '/') == NULL) {
        const char *dirs = getenv("PATH");
        char buf[1024];
        snprintf(buf, sizeof(buf), "%s", dirs ? dirs : "/bin:/usr/bin");
        for (char *d = strtok(buf, ":"); d; d = strtok(NULL, ":")) {
            snprintf(path, sizeof(path), "%s/%s", d, argv0);
            if (access(path, X_OK) == 0)
                return path[0] == '/' ? path : find_self(path);
        }
        return argv0;
    }
    if (argv0[0] == '/')
        return argv0;
    char cwd[512];
    if (!getcwd(cwd, sizeof(cwd)))
        return argv0;
    snprintf(path, sizeof(path), "%s/%s", cwd, argv0);
    return path;
}

/* Default dispositions for the standard signals and an empty mask. */
static void reset_signals(void)
{
    struct sigaction dfl;
    sigset_t none;

    memset(&dfl, 0, sizeof(dfl));
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    for (int sig = 1; sig < 32; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            sigaction(sig, &dfl, NULL);
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    alarm(0);
}

/* The case process. */
static int case_main(void *arg)
{
    const struct pt_case *c = arg;

    setpgid(0, 0);
    reset_signals();
    umask(022);
    if (chdir(case_dir) < 0)
        FAIL("chdir(\"%s\"): %s", case_dir, errname(errno));
    return c->run();
}

static int run_case(const struct pt_case *c)
{
    struct child child;
    char why[REASON_MAX + 64] = "";

    snprintf(case_dir, sizeof(case_dir), "%s/%s", scratch, c->name);
    rm_tree(case_dir);
    if (mkdir(case_dir, 0755) < 0) {
        printf("posixtest: %s FAIL: mkdir(\"%s\"): %s\n", c->name, case_dir, errname(errno));
        fflush(stdout);
        return -1;
    }
    int r = start_child(&child, case_main, (void *)c);
    if (r == 0) {
        setpgid(child.pid, child.pid);
        r = finish_child(&child, NULL, why, sizeof(why), c->timeout_s * 1000);
        kill(-child.pid, SIGKILL); /* whatever the case left behind */
        if (r == -2)
            snprintf(why, sizeof(why), "timed out after %d s (killed with its process group)",
                     c->timeout_s);
    } else {
        snprintf(why, sizeof(why), "%s", fail_reason());
    }
    for (char *p = why; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' '; /* one line per case */
    if (r == 0)
        printf("posixtest: %s ok\n", c->name);
    else
        printf("posixtest: %s FAIL: %s\n", c->name, why);
    fflush(stdout);
    rm_tree(case_dir);
    return r;
}

static const struct pt_case *find_case(const char *name)
{
    for (int i = 0; i < NCASES; i++)
        if (strcmp(cases[i].name, name) == 0)
            return &cases[i];
    return NULL;
}

static bool is_set_name(const char *arg)
{
    return strcmp(arg, "quick") == 0 || strcmp(arg, "all") == 0 || strcmp(arg, "slow") == 0;
}

/* Does a set name or the case names on the command line choose c? */
static bool chosen(const struct pt_case *c, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "all") == 0 || strcmp(argv[i], c->name) == 0)
            return true;
        if (strcmp(argv[i], "quick") == 0 && !c->slow)
            return true;
        if (strcmp(argv[i], "slow") == 0 && c->slow)
            return true;
    }
    return argc == 1 && !c->slow;
}

static int run_chosen(int argc, char **argv)
{
    int passed = 0, failed = 0;

    for (int i = 1; i < argc; i++)
        if (!is_set_name(argv[i]) && !find_case(argv[i])) {
            printf("posixtest: no case named %s\n", argv[i]);
            failed++;
        }
    for (int i = 0; i < NCASES; i++) {
        if (!chosen(&cases[i], argc, argv))
            continue;
        if (run_case(&cases[i]) == 0)
            passed++;
        else
            failed++;
    }
    printf("posixtest: %d passed, %d failed\n", passed, failed);
    fflush(stdout);
    return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--child") == 0)
        return run_helper(argc, argv);
    if (argc == 2 && strcmp(argv[1], "list") == 0) {
        for (int i = 0; i < NCASES; i++)
            printf("%s%s\n", cases[i].name, cases[i].slow ? " (slow)" : "");
        return 0;
    }
    self_path = find_self(argv[0]);
    setvbuf(stdout, NULL, _IOLBF, 0);
    snprintf(scratch, sizeof(scratch), "/tmp/posixtest.%d", (int)getpid());
    umask(022);
    if (mkdir(scratch, 0755) < 0) {
        printf("posixtest: cannot make %s: %s\n", scratch, errname(errno));
        printf("posixtest: 0 passed, 1 failed\n");
        return 1;
    }
    int status = run_chosen(argc, argv);
    rm_tree(scratch);
    return status;
}
