/*
 * Job control on the serial console: the signal characters, the
 * foreground process group, background reads and writes, the window size.
 * The signals reach the pm stand-in (pmstub.c).
 */
#include "devtest.h"

#define TYPING_MS 30000

static char buf[64];

static int set_pgrp(int pgrp)
{
    return cdev_ioctl(tty_ep, SERIAL0, TIOCSPGRP, &pgrp, NULL);
}

static int get_pgrp(void)
{
    int pgrp = -1, r = cdev_ioctl(tty_ep, SERIAL0, TIOCGPGRP, &pgrp, NULL);

    return r < 0 ? r : pgrp;
}

int tty_interrupt_signal(void)
{
    struct pending p;
    int pgrp = 0, sig = 0;

    EXPECT(cdev_open(tty_ep, TTY_MINOR_CONSOLE, 0), SERIAL0);
    forget_signals();
    EXPECT(cdev_io(tty_ep, CDEV_READ, SERIAL0, buf, sizeof(buf), 0, &p), EDONTREPLY);
    prompt("intr");
    EXPECT(take_signal(&pgrp, &sig, TYPING_MS), 0);
    EXPECT(pgrp, 100);
    EXPECT(sig, SIGINT);
    /* pm would now have vfs cancel the read the signal interrupts. */
    EXPECT(cdev_cancel(tty_ep, SERIAL0, p.id), -EINTR);
    EXPECT(wait_reply(tty_ep, &p, 300), -ETIMEDOUT); /* and no late answer follows */
    EXPECT(cdev_cancel(tty_ep, SERIAL0, p.id), -ENOENT);
    return 0;
}

int tty_job_control(void)
{
    EXPECT(cdev_open(tty_ep, TTY_MINOR_CONSOLE, 0), SERIAL0);
    EXPECT(get_pgrp(), 100);
    EXPECT(set_pgrp(200), 0);
    EXPECT(get_pgrp(), 200);
    EXPECT(set_pgrp(0), -EINVAL);
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, TIOCSCTTY, NULL, NULL), 0); /* already ours */
    me = (struct ident){ 300, 300, 300 };                          /* another session */
    int other_get = get_pgrp(), other_set = set_pgrp(300);
    int other_ctty = cdev_ioctl(tty_ep, SERIAL0, TIOCSCTTY, NULL, NULL);
    int other_notty = cdev_ioctl(tty_ep, SERIAL0, TIOCNOTTY, NULL, NULL);
    me = (struct ident){ 101, 100, 100 }; /* not the session leader */
    int member_ctty = cdev_ioctl(tty_ep, SERIAL0, TIOCSCTTY, NULL, NULL);
    me = (struct ident){ 100, 100, 100 };
    EXPECT(other_get, -ENOTTY);
    EXPECT(other_set, -ENOTTY);
    EXPECT(other_ctty, -EPERM);
    EXPECT(other_notty, -ENOTTY);
    EXPECT(member_ctty, -EPERM);
    EXPECT(get_pgrp(), 200);
    EXPECT(set_pgrp(100), 0);
    return 0;
}

int tty_background_read(void)
{
    static const char text[] = "devtest: a background write, let through\n";
    struct pending rd, wr;
    struct termios t;
    int pgrp = 0, sig = 0;

    EXPECT(cdev_open(tty_ep, TTY_MINOR_CONSOLE, 0), SERIAL0);
    forget_signals();
    me = (struct ident){ 301, 300, 100 }; /* in the session, not in the foreground */
    int r = cdev_io(tty_ep, CDEV_READ, SERIAL0, buf, sizeof(buf), 0, &rd);
    me = (struct ident){ 100, 100, 100 };
    EXPECT(r, EDONTREPLY);
    EXPECT(take_signal(&pgrp, &sig, 2000), 0);
    EXPECT(pgrp, 300);
    EXPECT(sig, SIGTTIN);
    EXPECT(cdev_cancel(tty_ep, SERIAL0, rd.id), -EINTR);
    grant_revoke(rd.grant);
    /* With TOSTOP, a background write waits for the foreground too. */
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, TCGETS, &t, NULL), 0);
    t.c_lflag |= TOSTOP;
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, TCSETS, &t, NULL), 0);
    me = (struct ident){ 301, 300, 100 };
    r = cdev_io(tty_ep, CDEV_WRITE, SERIAL0, (void *)text, sizeof(text) - 1, 0, &wr);
    me = (struct ident){ 100, 100, 100 };
    EXPECT(r, EDONTREPLY);
    EXPECT(take_signal(&pgrp, &sig, 2000), 0);
    EXPECT(pgrp, 300);
    EXPECT(sig, SIGTTOU);
    EXPECT(set_pgrp(300), 0); /* the shell brings the job to the foreground */
    EXPECT(wait_reply(tty_ep, &wr, 2000), sizeof(text) - 1);
    EXPECT(set_pgrp(100), 0);
    t.c_lflag &= ~(tcflag_t)TOSTOP;
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, TCSETS, &t, NULL), 0);
    return 0;
}

int tty_window_size(void)
{
    struct winsize ws = { .ws_row = 30, .ws_col = 100 }, got;
    int pgrp = 0, sig = 0;

    EXPECT(cdev_open(tty_ep, TTY_MINOR_CONSOLE, 0), SERIAL0);
    forget_signals();
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, TIOCSWINSZ, &ws, NULL), 0);
    EXPECT(take_signal(&pgrp, &sig, 2000), 0);
    EXPECT(pgrp, 100);
    EXPECT(sig, SIGWINCH);
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, TIOCGWINSZ, &got, NULL), 0);
    EXPECT(got.ws_row, 30);
    EXPECT(got.ws_col, 100);
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, TIOCSWINSZ, &ws, NULL), 0); /* no change: no signal */
    EXPECT(take_signal(&pgrp, &sig, 200), -ETIMEDOUT);
    ws = (struct winsize){ .ws_row = 24, .ws_col = 80 };
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, TIOCSWINSZ, &ws, NULL), 0);
    forget_signals();
    return 0;
}

/* A session leader's exit, as vfs reports it: TIOCNOTTY on the controlling
 * terminal's alias with the leader's identity. The terminal is free again
 * (its foreground group got SIGHUP and SIGCONT) for the next session. */
int tty_session_released(void)
{
    int sid = 0, pgrp = 0, sig = 0;
    int vc = TTY_MINOR_VC(2);

    forget_signals();
    me = (struct ident){ 700, 700, 700 };
    int opened = cdev_open(tty_ep, vc, 0);
    int got = cdev_ioctl(tty_ep, vc, TIOCGSID, &sid, NULL);
    int released = cdev_ioctl(tty_ep, TTY_MINOR_CTTY, TIOCNOTTY, NULL, NULL);
    int again = cdev_ioctl(tty_ep, TTY_MINOR_CTTY, TIOCNOTTY, NULL, NULL);
    me = (struct ident){ 800, 800, 800 };
    int reopened = cdev_open(tty_ep, vc, 0);
    int now = cdev_ioctl(tty_ep, vc, TIOCGSID, &sid, NULL);
    cdev_ioctl(tty_ep, TTY_MINOR_CTTY, TIOCNOTTY, NULL, NULL);
    me = (struct ident){ 100, 100, 100 };
    EXPECT(opened, 0);
    EXPECT(got, 0);
    EXPECT(released, 0);
    EXPECT(again, -ENXIO); /* the session has no terminal any more */
    EXPECT(reopened, 0);
    EXPECT(now, 0);
    EXPECT(sid, 800);
    EXPECT(take_signal(&pgrp, &sig, 2000), 0);
    EXPECT(pgrp, 700);
    EXPECT(sig, SIGHUP);
    EXPECT(take_signal(&pgrp, &sig, 2000), 0);
    EXPECT(sig, SIGCONT);
    forget_signals();
    return 0;
}
