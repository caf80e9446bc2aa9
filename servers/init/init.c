/*
 * init, process 1. It opens the console, runs /etc/rc, then keeps a login
 * session on the console (getty, else login, else a shell), starting a new
 * one whenever the last ends, and reaps every orphan the system hands it.
 *
 * The kernel command line reaches init as its environment ("key=value"
 * words) and arguments. With run=PROGRAM[,ARG...] init runs that program
 * instead of a session and halts the machine when it ends: the tests and
 * the benchmarks use this.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

#define CONSOLE  "/dev/console"
#define MAX_ARGS 32

static void open_console(void)
{
    int fd = open(CONSOLE, O_RDWR);

    if (fd < 0)
        return;
    if (fd != 0) {
        dup2(fd, 0);
        close(fd);
    }
    dup2(0, 1);
    dup2(0, 2);
}

/* Start argv[0] in a new session on the console; its pid, or -1. */
static pid_t spawn(char **argv)
{
    pid_t pid = fork();

    if (pid != 0)
        return pid;
    setsid();
    close(0);
    open_console(); /* the session's controlling terminal */
    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    signal(SIGTSTP, SIG_DFL);
    char *path = argv[0];
    if (strcmp(path, "/bin/sh") == 0)
        argv[0] = "-sh"; /* a login shell, by the convention of a leading '-' */
    execv(path, argv);
    fprintf(stderr, "init: cannot run %s: %s\n", path, strerror(errno));
    _exit(127);
}

static int wait_for(pid_t pid)
{
    int status = 0;
    pid_t r;

    while ((r = wait(&status)) != pid)
        if (r < 0 && errno == ECHILD)
            return -1;
    return status;
}

static void run_rc(void)
{
    char *argv[] = { "/bin/sh", "/etc/rc", NULL };

    if (access("/etc/rc", R_OK) == 0 && access("/bin/sh", X_OK) == 0)
        wait_for(spawn(argv));
}

/* run=PROGRAM,ARG,... from the kernel command line. */
static void run_one(char *spec)
{
    char *argv[MAX_ARGS];
    int n = 0;

    for (char *a = strtok(spec, ","); a && n < MAX_ARGS - 1; a = strtok(NULL, ","))
        argv[n++] = a;
    argv[n] = NULL;
    int status = wait_for(spawn(argv));
    printf("init: %s exited with status %d\n", argv[0],
           WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    sync();
    reboot(RB_HALT_SYSTEM);
}

static char **session_program(void)
{
    static char *getty[] = { "/sbin/getty", CONSOLE, NULL };
    static char *login[] = { "/bin/login", NULL };
    static char *shell[] = { "/bin/sh", NULL };

    if (access(getty[0], X_OK) == 0)
        return getty;
    if (access(login[0], X_OK) == 0)
        return login;
    return shell;
}

int main(int argc, char **argv)
{
    (void)argc, (void)argv;
    signal(SIGINT, SIG_IGN);
    signal(SIGTSTP, SIG_IGN);
    open_console();
    setenv("PATH", "/bin:/sbin:/usr/bin", 0);
    setenv("HOME", "/root", 0);
    setenv("TERM", "vt100", 0);
    printf("init: starting\n");
    run_rc();
    char *run = getenv("run");
    if (run)
        run_one(run);
    for (;;) {
        pid_t session = spawn(session_program());
        int status;
        pid_t pid;
        while ((pid = wait(&status)) != session)
            if (pid < 0 && errno == ECHILD)
                break;
        sleep(1); /* a session that dies at once must not spin */
    }
}
