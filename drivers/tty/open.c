/*
 * Terminals by minor, open and close, and the session a terminal belongs
 * to. A session leader (pid == sid) that opens a terminal nobody controls,
 * without CDEV_NOCTTY, makes it its controlling terminal, with its process
 * group in the foreground; TIOCSCTTY does the same explicitly (ioctl.c).
 * vfs learns the outcome from TIOCGSID. Opening an alias minor (the
 * console, or the controlling terminal) answers the real minor.
 */
#include <string.h>
#include "tty.h"

#define CTRL(c) ((c)&0x1F)

static const struct termios default_termios = {
    .c_iflag = ICRNL | IXON,
    .c_oflag = OPOST | ONLCR,
    .c_cflag = CS8 | CREAD | CLOCAL,
    .c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
    .c_cc = {
        [VINTR] = CTRL('C'), [VQUIT] = CTRL('\\'), [VERASE] = 0x7F, [VKILL] = CTRL('U'),
        [VEOF] = CTRL('D'), [VTIME] = 0, [VMIN] = 1, [VSTART] = CTRL('Q'), [VSTOP] = CTRL('S'),
        [VSUSP] = CTRL('Z'), [VREPRINT] = CTRL('R'), [VDISCARD] = CTRL('O'),
        [VWERASE] = CTRL('W'), [VLNEXT] = CTRL('V'),
    },
    .c_ispeed = B115200,
    .c_ospeed = B115200,
};

void tty_init(struct tty *tp, const char *name, int minor, const struct tty_ops *ops, void *dev)
{
    memset(tp, 0, sizeof(*tp));
    tp->name = name;
    tp->minor = minor;
    tp->ops = ops;
    tp->dev = dev;
    tp->termios = default_termios;
    tp->winsize = (struct winsize){ .ws_row = 24, .ws_col = 80 };
    for (int i = 0; i < NR_WATCHES; i++)
        tp->watch[i].caller = NONE;
    tp->present = true;
}

/* The terminal a minor names, resolving the aliases; NULL if none. */
struct tty *tty_find(int minor, int sid)
{
    if (minor == TTY_MINOR_CONSOLE)
        return tty_console();
    for (int i = 0; i < NR_TTYS; i++) {
        struct tty *tp = &ttys[i];
        if (!tp->present)
            continue;
        if (minor == TTY_MINOR_CTTY ? sid > 0 && tp->session == sid : tp->minor == minor)
            return tp;
    }
    return NULL;
}

/* Is a process of (pgrp, sid) in the background of its controlling terminal tp? */
bool tty_is_background(const struct tty *tp, int pgrp, int sid)
{
    return tp->session > 0 && sid == tp->session && tp->pgrp > 0 && pgrp != tp->pgrp;
}

void tty_signal(struct tty *tp, int sig)
{
    if (tp->pgrp > 0)
        outbox_signal(tp->pgrp, sig);
}

static bool controls_any(int sid)
{
    for (int i = 0; i < NR_TTYS; i++)
        if (ttys[i].present && ttys[i].session == sid)
            return true;
    return false;
}

int do_open(message *m)
{
    const struct cdev_req *q = &m->cdev_req;
    struct tty *tp = tty_find(q->minor, q->sid);

    if (!tp)
        return -ENXIO;
    if (!(q->flags & CDEV_NOCTTY) && q->pid > 0 && q->pid == q->sid && tp->session == 0 &&
        !controls_any(q->sid)) {
        tp->session = q->sid;
        tp->pgrp = q->pgrp;
    }
    return q->minor == tp->minor ? 0 : tp->minor;
}

int do_close(message *m)
{
    return tty_find(m->cdev_req.minor, m->cdev_req.sid) ? 0 : -ENXIO;
}

/* TIOCSCTTY: a session leader without a controlling terminal takes tp,
 * if no other session has it. */
int tty_make_ctty(struct tty *tp, const struct cdev_req *c)
{
    if (c->pid <= 0 || c->pid != c->sid)
        return -EPERM;
    if (tp->session == c->sid)
        return 0;
    if (tp->session != 0 || controls_any(c->sid))
        return -EPERM;
    tp->session = c->sid;
    tp->pgrp = c->pgrp;
    return 0;
}

/* TIOCNOTTY: the caller gives up its controlling terminal. When the
 * session leader does, the foreground group gets SIGHUP and SIGCONT and
 * the terminal belongs to no session any more. */
int tty_give_up_ctty(struct tty *tp, const struct cdev_req *c)
{
    if (tp->session == 0 || c->sid != tp->session)
        return -ENOTTY;
    if (c->pid == c->sid) {
        tty_signal(tp, SIGHUP);
        tty_signal(tp, SIGCONT);
        tp->session = 0;
        tp->pgrp = 0;
    }
    return 0;
}
