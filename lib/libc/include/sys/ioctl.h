/*
 * ioctl requests. A request number says which way its argument moves and
 * how big it is, so vfs can hand any driver a grant of the right size and
 * rights without knowing the request:
 *
 *   bits 31..30  direction: _IOC_WRITE (the driver reads the argument),
 *                _IOC_READ (the driver writes it), both, or neither
 *   bits 29..16  the argument's size in bytes
 *   bits 15..8   the type (a letter per group of requests)
 *   bits  7..0   the number within the group
 *
 * In Ember every argument is passed by address: requests that carry an
 * integer (TCFLSH, TIOCSPGRP, ...) take a pointer to it, and requests
 * without an argument (_IO) get no grant.
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include <sys/termios.h>

#define _IOC_NONE  0u
#define _IOC_WRITE 1u /* from the caller to the driver */
#define _IOC_READ  2u /* from the driver to the caller */

#define _IOC_NRBITS   8
#define _IOC_TYPEBITS 8
#define _IOC_SIZEBITS 14
#define _IOC_SIZEMAX  ((1u << _IOC_SIZEBITS) - 1)

#define _IOC(dir, type, nr, size)                                                                  \
    ((unsigned long)(((unsigned)(dir) << 30) | ((unsigned)(size) << 16) |                          \
                     ((unsigned)(type) << 8) | (unsigned)(nr)))
#define _IO(type, nr)        _IOC(_IOC_NONE, (type), (nr), 0)
#define _IOR(type, nr, arg)  _IOC(_IOC_READ, (type), (nr), sizeof(arg))
#define _IOW(type, nr, arg)  _IOC(_IOC_WRITE, (type), (nr), sizeof(arg))
#define _IOWR(type, nr, arg) _IOC(_IOC_READ | _IOC_WRITE, (type), (nr), sizeof(arg))

#define _IOC_DIR(req)  ((unsigned)((req) >> 30) & 3u)
#define _IOC_SIZE(req) ((unsigned)((req) >> 16) & _IOC_SIZEMAX)
#define _IOC_TYPE(req) ((unsigned)((req) >> 8) & 0xFFu)
#define _IOC_NR(req)   ((unsigned)(req)&0xFFu)

/* Terminals ('T'). */
#define TCGETS     _IOR('T', 1, struct termios)
#define TCSETS     _IOW('T', 2, struct termios) /* at once */
#define TCSETSW    _IOW('T', 3, struct termios) /* after the output has drained */
#define TCSETSF    _IOW('T', 4, struct termios) /* drained, and pending input dropped */
#define TCDRAIN    _IO('T', 5)                  /* wait until the output has drained */
#define TCSBRK     _IOW('T', 6, int)            /* send a break */
#define TCXONC     _IOW('T', 7, int)            /* tcflow(): TCOOFF, TCOON, TCIOFF, TCION */
#define TCFLSH     _IOW('T', 8, int)            /* tcflush(): TCIFLUSH, TCOFLUSH, TCIOFLUSH */
#define TIOCGPGRP  _IOR('T', 9, int)            /* the foreground process group */
#define TIOCSPGRP  _IOW('T', 10, int)
#define TIOCGWINSZ _IOR('T', 11, struct winsize)
#define TIOCSWINSZ _IOW('T', 12, struct winsize) /* SIGWINCH to the foreground on a change */
#define TIOCSCTTY  _IO('T', 13)                  /* become the caller's controlling terminal */
#define TIOCNOTTY  _IO('T', 14)                  /* the caller gives it up */
#define TIOCGSID   _IOR('T', 15, int)            /* the terminal's session */
#define TIOCOUTQ   _IOR('T', 16, int)            /* bytes not yet sent */

/* Any file ('f'). */
#define FIONREAD _IOR('f', 127, int) /* bytes ready to read */
#define FIONBIO  _IOW('f', 126, int) /* vfs's: O_NONBLOCK on or off */

#ifdef __cplusplus
extern "C" {
#endif

int ioctl(int fd, unsigned long request, ...);

#ifdef __cplusplus
}
#endif

#endif
