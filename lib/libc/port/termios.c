/*
 * The termios functions, on top of ioctl() and the tty driver's requests
 * (<sys/ioctl.h>). Every ioctl argument is passed by address. Speeds are
 * plain numbers kept in the structure; the driver programs the line when
 * the attributes are set.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/termios.h>
#include <ember/devices.h>
#include <ember/startup.h>

int tcgetattr(int fd, struct termios *t)
{
    return ioctl(fd, TCGETS, t);
}

int tcsetattr(int fd, int action, const struct termios *t)
{
    switch (action) {
    case TCSANOW:
        return ioctl(fd, TCSETS, t);
    case TCSADRAIN:
        return ioctl(fd, TCSETSW, t);
    case TCSAFLUSH:
        return ioctl(fd, TCSETSF, t);
    default:
        errno = EINVAL;
        return -1;
    }
}

pid_t tcgetpgrp(int fd)
{
    int pgrp;

    return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
    int p = pgrp;

    return ioctl(fd, TIOCSPGRP, &p);
}

pid_t tcgetsid(int fd)
{
    int sid;

    return ioctl(fd, TIOCGSID, &sid) < 0 ? -1 : sid;
}

int tcdrain(int fd)
{
    return ioctl(fd, TCDRAIN);
}

int tcflow(int fd, int action)
{
    return ioctl(fd, TCXONC, &action);
}

int tcflush(int fd, int queue)
{
    return ioctl(fd, TCFLSH, &queue);
}

int tcsendbreak(int fd, int duration)
{
    return ioctl(fd, TCSBRK, &duration);
}

int tcgetwinsize(int fd, struct winsize *ws)
{
    return ioctl(fd, TIOCGWINSZ, ws);
}

int tcsetwinsize(int fd, const struct winsize *ws)
{
    return ioctl(fd, TIOCSWINSZ, ws);
}

static bool valid_speed(speed_t speed)
{
    static const speed_t speeds[] = { B0,     B50,    B75,    B110,    B134,   B150,  B200,
                                      B300,   B600,   B1200,  B1800,   B2400,  B4800, B9600,
                                      B19200, B38400, B57600, B115200, B230400 };

    for (size_t i = 0; i < sizeof(speeds) / sizeof(speeds[0]); i++)
        if (speeds[i] == speed)
            return true;
    return false;
}

speed_t cfgetispeed(const struct termios *t)
{
    return t->c_ispeed;
}

speed_t cfgetospeed(const struct termios *t)
{
    return t->c_ospeed;
}

int cfsetispeed(struct termios *t, speed_t speed)
{
    if (!valid_speed(speed)) {
        errno = EINVAL;
        return -1;
    }
    t->c_ispeed = speed;
    return 0;
}

int cfsetospeed(struct termios *t, speed_t speed)
{
    if (!valid_speed(speed)) {
        errno = EINVAL;
        return -1;
    }
    t->c_ospeed = speed;
    return 0;
}

int cfsetspeed(struct termios *t, speed_t speed)
{
    return cfsetispeed(t, speed) < 0 ? -1 : cfsetospeed(t, speed);
}

void cfmakeraw(struct termios *t)
{
    t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t->c_oflag &= ~(tcflag_t)OPOST;
    t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
    t->c_cflag |= CS8;
    t->c_cc[VMIN] = 1;
    t->c_cc[VTIME] = 0;
}

/* A terminal is whatever answers TCGETS; anything else sets ENOTTY. A
 * boot process's standard output and error are the kernel's console. */
int isatty(int fd)
{
    struct termios t;

    if (__startup.boot && (fd == 1 || fd == 2))
        return 1;
    if (tcgetattr(fd, &t) == 0)
        return 1;
    if (errno != EBADF)
        errno = ENOTTY;
    return 0;
}

/* The name of a terminal's device file, from its device number: the tty
 * driver's minors are fixed (ember/devices.h). */
int ttyname_r(int fd, char *buf, size_t size)
{
    struct stat st;

    if (!isatty(fd))
        return errno;
    if (fstat(fd, &st) < 0)
        return errno;
    unsigned minor = DEV_MINOR(st.st_rdev);
    int n;
    if (!S_ISCHR(st.st_mode) || DEV_MAJOR(st.st_rdev) != TTY_MAJOR)
        return ENOTTY;
    if (minor == TTY_MINOR_CONSOLE)
        n = snprintf(buf, size, "/dev/console");
    else if (minor == TTY_MINOR_CTTY)
        n = snprintf(buf, size, "/dev/tty");
    else if (minor >= TTY_MINOR_SERIAL(0))
        n = snprintf(buf, size, "/dev/ttyS%u", minor - TTY_MINOR_SERIAL(0));
    else
        n = snprintf(buf, size, "/dev/tty%u", minor);
    return n < 0 || (size_t)n >= size ? ERANGE : 0;
}

char *ttyname(int fd)
{
    static char name[32];
    int r = ttyname_r(fd, name, sizeof(name));

    if (r != 0) {
        errno = r;
        return NULL;
    }
    return name;
}
