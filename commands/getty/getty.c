/*
 * getty: set up a terminal line and start login on it.
 *
 *   getty [tty]
 *
 * tty is a device (/dev/ttyS1) or its name under /dev (ttyS1); the
 * default is /dev/console. getty starts a new session, opens the
 * terminal as its controlling terminal and standard input, output and
 * error, gives it sane settings (canonical input with echo, the usual
 * control characters, NL to CR-NL on output), prints the banner
 *
 *   Ember 0.1 (hostname) (ttyS0)
 *
 * and becomes /bin/login, which asks for the name. init starts getty
 * again when the session ends.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <termios.h>
#include <unistd.h>

#include "cmd.h"

#define DEFAULT_TTY "/dev/console"
#define LOGIN       "/bin/login"
#define CTRL(c)     ((c)&0x1f)

/* Make the terminal standard input, output and error. */
static void open_terminal(const char *path)
{
    int fd;

    setsid(); /* fails harmlessly when init made us a session leader */
    fd = open(path, O_RDWR);
    if (fd < 0)
        cmd_die(1, "cannot open %s", path);
    ioctl(fd, TIOCSCTTY);
    for (int i = 0; i < 3; i++)
        if (fd != i && dup2(fd, i) < 0)
            cmd_die(1, "cannot use %s as file descriptor %d", path, i);
    if (fd > 2)
        close(fd);
}

/* The settings of a freshly opened terminal, whatever the last session
 * left behind; the line speed stays. */
static void sane_settings(void)
{
    struct termios t;

    if (tcgetattr(0, &t) < 0)
        return;
    t.c_iflag = BRKINT | ICRNL | IXON | IMAXBEL;
    t.c_oflag = OPOST | ONLCR;
    t.c_cflag = (t.c_cflag & ~(tcflag_t)(CSIZE | PARENB)) | CS8 | CREAD;
    t.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
    memset(t.c_cc, _POSIX_VDISABLE, sizeof(t.c_cc));
    t.c_cc[VINTR] = CTRL('c');
    t.c_cc[VQUIT] = CTRL('\\');
    t.c_cc[VERASE] = 0x7f;
    t.c_cc[VKILL] = CTRL('u');
    t.c_cc[VEOF] = CTRL('d');
    t.c_cc[VSTART] = CTRL('q');
    t.c_cc[VSTOP] = CTRL('s');
    t.c_cc[VSUSP] = CTRL('z');
    t.c_cc[VREPRINT] = CTRL('r');
    t.c_cc[VWERASE] = CTRL('w');
    t.c_cc[VLNEXT] = CTRL('v');
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    if (tcsetattr(0, TCSADRAIN, &t) < 0)
        cmd_warn("cannot set the terminal's attributes");
}

static void banner(const char *path)
{
    struct utsname u;
    const char *name = ttyname(0);

    if (!name)
        name = path;
    if (strncmp(name, "/dev/", 5) == 0)
        name += 5;
    if (uname(&u) < 0)
        cmd_die(1, "cannot get the system's name");
    printf("\n%s %s (%s) (%s)\n\n", u.sysname, u.release, u.nodename, name);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    char path[64];

    cmd_setname(argv[0]);
    if (getopt(argc, argv, "") != -1 || argc - optind > 1)
        cmd_usage("[tty]");
    const char *tty = optind < argc ? argv[optind] : DEFAULT_TTY;
    if (strchr(tty, '/'))
        snprintf(path, sizeof(path), "%s", tty);
    else
        snprintf(path, sizeof(path), "/dev/%s", tty);
    open_terminal(path);
    sane_settings();
    banner(path);
    execl(LOGIN, "login", (char *)NULL);
    cmd_warn("cannot run %s", LOGIN);
    sleep(5); /* init starts us again: do not spin */
    return 1;
}
