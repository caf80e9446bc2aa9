/*
 * Terminal attributes (POSIX termios) as the tty driver keeps them. The
 * flag values are the familiar System V / Linux ones; speeds are plain
 * numbers (B9600 == 9600) kept in c_ispeed and c_ospeed, as in BSD, so
 * c_cflag carries no speed bits. newlib's <termios.h> includes this file.
 * The structure crosses the driver boundary as the argument of the
 * TCGETS/TCSETS ioctls (<sys/ioctl.h>), so its layout is fixed.
 */
#ifndef _SYS_TERMIOS_H
#define _SYS_TERMIOS_H

#include <sys/types.h>

typedef unsigned int tcflag_t;
typedef unsigned char cc_t;
typedef unsigned int speed_t;

#define NCCS 20

struct termios {
    tcflag_t c_iflag; /* input modes */
    tcflag_t c_oflag; /* output modes */
    tcflag_t c_cflag; /* control modes */
    tcflag_t c_lflag; /* local modes */
    cc_t c_cc[NCCS];  /* special characters */
    speed_t c_ispeed;
    speed_t c_ospeed;
};

#ifndef __cplusplus
_Static_assert(sizeof(struct termios) == 44, "struct termios layout");
#endif

/* The window size (TIOCGWINSZ, TIOCSWINSZ). */
struct winsize {
    unsigned short ws_row, ws_col;
    unsigned short ws_xpixel, ws_ypixel;
};

/* c_cc indices */
#define VINTR    0
#define VQUIT    1
#define VERASE   2
#define VKILL    3
#define VEOF     4
#define VTIME    5
#define VMIN     6
#define VSWTC    7
#define VSTART   8
#define VSTOP    9
#define VSUSP    10
#define VEOL     11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE  14
#define VLNEXT   15
#define VEOL2    16

#define _POSIX_VDISABLE ((cc_t)0)

/* c_iflag */
#define IGNBRK  0x0001
#define BRKINT  0x0002
#define IGNPAR  0x0004
#define PARMRK  0x0008
#define INPCK   0x0010
#define ISTRIP  0x0020
#define INLCR   0x0040
#define IGNCR   0x0080
#define ICRNL   0x0100
#define IUCLC   0x0200
#define IXON    0x0400
#define IXANY   0x0800
#define IXOFF   0x1000
#define IMAXBEL 0x2000
#define IUTF8   0x4000

/* c_oflag */
#define OPOST  0x0001
#define OLCUC  0x0002
#define ONLCR  0x0004
#define OCRNL  0x0008
#define ONOCR  0x0010
#define ONLRET 0x0020
#define OFILL  0x0040
#define OFDEL  0x0080
#define NLDLY  0x0100
#define NL0    0x0000
#define NL1    0x0100
#define CRDLY  0x0600
#define CR0    0x0000
#define CR1    0x0200
#define CR2    0x0400
#define CR3    0x0600
#define TABDLY 0x1800
#define TAB0   0x0000
#define TAB1   0x0800
#define TAB2   0x1000
#define TAB3   0x1800 /* expand tabs to spaces */
#define XTABS  TAB3
#define BSDLY  0x2000
#define BS0    0x0000
#define BS1    0x2000
#define VTDLY  0x4000
#define VT0    0x0000
#define VT1    0x4000
#define FFDLY  0x8000
#define FF0    0x0000
#define FF1    0x8000

/* c_cflag */
#define CSIZE  0x0030
#define CS5    0x0000
#define CS6    0x0010
#define CS7    0x0020
#define CS8    0x0030
#define CSTOPB 0x0040
#define CREAD  0x0080
#define PARENB 0x0100
#define PARODD 0x0200
#define HUPCL  0x0400
#define CLOCAL 0x0800

/* c_lflag */
#define ISIG    0x0001
#define ICANON  0x0002
#define XCASE   0x0004
#define ECHO    0x0008
#define ECHOE   0x0010
#define ECHOK   0x0020
#define ECHONL  0x0040
#define NOFLSH  0x0080
#define TOSTOP  0x0100
#define ECHOCTL 0x0200
#define ECHOPRT 0x0400
#define ECHOKE  0x0800
#define FLUSHO  0x1000
#define PENDIN  0x4000
#define IEXTEN  0x8000

/* Speeds: the number is the rate. */
#define B0      0
#define B50     50
#define B75     75
#define B110    110
#define B134    134
#define B150    150
#define B200    200
#define B300    300
#define B600    600
#define B1200   1200
#define B1800   1800
#define B2400   2400
#define B4800   4800
#define B9600   9600
#define B19200  19200
#define B38400  38400
#define B57600  57600
#define B115200 115200
#define B230400 230400

/* tcsetattr() actions */
#define TCSANOW   0
#define TCSADRAIN 1
#define TCSAFLUSH 2

/* tcflush() queues */
#define TCIFLUSH  0
#define TCOFLUSH  1
#define TCIOFLUSH 2

/* tcflow() actions */
#define TCOOFF 0
#define TCOON  1
#define TCIOFF 2
#define TCION  3

#ifdef __cplusplus
extern "C" {
#endif

int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int action, const struct termios *t);
int tcdrain(int fd);
int tcflow(int fd, int action);
int tcflush(int fd, int queue);
int tcsendbreak(int fd, int duration);
pid_t tcgetsid(int fd);
speed_t cfgetispeed(const struct termios *t);
speed_t cfgetospeed(const struct termios *t);
int cfsetispeed(struct termios *t, speed_t speed);
int cfsetospeed(struct termios *t, speed_t speed);
int cfsetspeed(struct termios *t, speed_t speed);
void cfmakeraw(struct termios *t);
int tcgetwinsize(int fd, struct winsize *ws);
int tcsetwinsize(int fd, const struct winsize *ws);

#ifdef __cplusplus
}
#endif

#endif
