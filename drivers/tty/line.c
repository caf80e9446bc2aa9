/*
 * The line discipline, input side: each character from a device is
 * converted (ISTRIP, ICRNL, INLCR, IGNCR), may stop or start the output
 * (IXON), raise a signal (ISIG: VINTR, VQUIT, VSUSP), edit the line in
 * canonical mode (VERASE, VKILL, VWERASE, VREPRINT, VLNEXT, VEOF, VEOL),
 * is echoed (ECHO, ECHOE, ECHOK, ECHOKE, ECHOCTL, ECHONL), and is queued.
 *
 * Each queue entry remembers how many columns its echo took, so erasing a
 * tab or a ^X takes back exactly what was drawn. Canonical input is
 * committed a line at a time (IN_EOT); in raw mode every entry is.
 */
#include "tty.h"

static bool is_cc(const struct termios *t, int index, uint8_t c)
{
    return t->c_cc[index] != _POSIX_VDISABLE && t->c_cc[index] == c;
}

static bool in_room(const struct tty *tp, uint16_t flags)
{
    if (tp->in_count == TTY_IN_SIZE)
        return false;
    return !(tp->termios.c_lflag & ICANON) || (flags & IN_EOT) ||
           tp->in_count - tp->in_committed < TTY_MAX_CANON;
}

static void in_put(struct tty *tp, uint16_t e)
{
    if (!(tp->termios.c_lflag & ICANON))
        e |= IN_EOT;
    tp->in[(tp->in_head + tp->in_count) % TTY_IN_SIZE] = e;
    tp->in_count++;
    if (e & IN_EOT)
        tp->in_committed = tp->in_count;
}

/* The last entry of the line being edited; false if the line is empty. */
static bool in_last(const struct tty *tp, uint16_t *e)
{
    if (tp->in_count == tp->in_committed)
        return false;
    *e = tp->in[(tp->in_head + tp->in_count - 1) % TTY_IN_SIZE];
    return true;
}

/* Echo what was typed; the columns it took. */
static int echo_input(struct tty *tp, uint8_t c)
{
    tcflag_t lflag = tp->termios.c_lflag;

    if (lflag & ECHO)
        return echo_char(tp, c);
    if (c == '\n' && (lflag & ECHONL) && (lflag & ICANON))
        echo_char(tp, '\n');
    return 0;
}

static void store(struct tty *tp, uint8_t c, uint16_t flags)
{
    if (!in_room(tp, flags))
        return;
    int width = echo_input(tp, c);
    in_put(tp, (uint16_t)(c | flags | (width << IN_WIDTH_SHIFT)));
}

/* Take back the last entry of the line and its echo. */
static bool erase_last(struct tty *tp)
{
    const struct termios *t = &tp->termios;
    uint16_t e;

    if (!in_last(tp, &e))
        return false;
    tp->in_count--;
    if (!(t->c_lflag & ECHO))
        return true;
    if (t->c_lflag & ECHOE) {
        for (int w = e >> IN_WIDTH_SHIFT; w > 0; w--)
            out_process(tp, (const uint8_t *)"\b \b", 3);
    } else {
        echo_char(tp, t->c_cc[VERASE]);
    }
    return true;
}

static bool is_blank(uint16_t e)
{
    return (e & IN_CHAR) == ' ' || (e & IN_CHAR) == '\t';
}

static void erase_word(struct tty *tp)
{
    uint16_t e;

    while (in_last(tp, &e) && is_blank(e))
        erase_last(tp);
    while (in_last(tp, &e) && !is_blank(e))
        erase_last(tp);
}

static void kill_line(struct tty *tp)
{
    const struct termios *t = &tp->termios;
    tcflag_t visual = ECHO | ECHOE | ECHOKE;

    if ((t->c_lflag & visual) == visual) {
        while (erase_last(tp))
            ;
        return;
    }
    tp->in_count = tp->in_committed;
    if (t->c_lflag & ECHO) {
        echo_char(tp, t->c_cc[VKILL]);
        if (t->c_lflag & ECHOK)
            echo_char(tp, '\n');
    }
}

/* ^R: the line again, on a line of its own. */
static void reprint(struct tty *tp, uint8_t c)
{
    if (!(tp->termios.c_lflag & ECHO))
        return;
    echo_char(tp, c);
    echo_char(tp, '\n');
    for (unsigned i = tp->in_committed; i < tp->in_count; i++) {
        uint16_t *e = &tp->in[(tp->in_head + i) % TTY_IN_SIZE];
        int width = echo_char(tp, (uint8_t)(*e & IN_CHAR));
        *e = (uint16_t)((*e & ~(0xF << IN_WIDTH_SHIFT)) | (width << IN_WIDTH_SHIFT));
    }
}

static void input_signal(struct tty *tp, uint8_t c, int sig)
{
    if (!(tp->termios.c_lflag & NOFLSH)) {
        tty_flush_input(tp);
        tty_flush_output(tp);
    }
    if (tp->termios.c_lflag & ECHO)
        echo_char(tp, c);
    tty_signal(tp, sig);
}

/* Flow control and signals; true if c was one of them. */
static bool control_char(struct tty *tp, uint8_t c)
{
    const struct termios *t = &tp->termios;

    if (t->c_iflag & IXON) {
        if (is_cc(t, VSTOP, c)) {
            tp->stopped = true;
            return true;
        }
        if (is_cc(t, VSTART, c) || ((t->c_iflag & IXANY) && tp->stopped)) {
            tp->stopped = false;
            tp->ops->start(tp);
            if (is_cc(t, VSTART, c))
                return true;
        }
    }
    if (!(t->c_lflag & ISIG))
        return false;
    int sig = is_cc(t, VINTR, c)   ? SIGINT
              : is_cc(t, VQUIT, c) ? SIGQUIT
              : is_cc(t, VSUSP, c) ? SIGTSTP
                                   : 0;
    if (sig)
        input_signal(tp, c, sig);
    return sig != 0;
}

/* Line editing in canonical mode; true if c was an editing character. */
static bool edit_char(struct tty *tp, uint8_t c)
{
    const struct termios *t = &tp->termios;
    bool ext = t->c_lflag & IEXTEN;

    if (is_cc(t, VERASE, c))
        erase_last(tp);
    else if (is_cc(t, VKILL, c))
        kill_line(tp);
    else if (ext && is_cc(t, VWERASE, c))
        erase_word(tp);
    else if (ext && is_cc(t, VREPRINT, c))
        reprint(tp, c);
    else if (is_cc(t, VEOF, c) && in_room(tp, IN_EOT))
        in_put(tp, c | IN_EOT | IN_EOF); /* ends the line; never delivered */
    else if (!is_cc(t, VEOF, c))
        return false;
    return true;
}

static void in_process(struct tty *tp, uint8_t c)
{
    const struct termios *t = &tp->termios;

    if (t->c_iflag & ISTRIP)
        c &= 0x7F;
    if (tp->lnext) {
        tp->lnext = false;
        store(tp, c, 0);
        return;
    }
    if ((t->c_lflag & (ICANON | IEXTEN)) == (ICANON | IEXTEN) && is_cc(t, VLNEXT, c)) {
        tp->lnext = true;
        return;
    }
    if (c == '\r') {
        if (t->c_iflag & IGNCR)
            return;
        if (t->c_iflag & ICRNL)
            c = '\n';
    } else if (c == '\n' && (t->c_iflag & INLCR)) {
        c = '\r';
    }
    if (control_char(tp, c))
        return;
    if (!(t->c_lflag & ICANON)) {
        store(tp, c, 0);
        return;
    }
    if (edit_char(tp, c))
        return;
    bool eol = c == '\n' || is_cc(t, VEOL, c) || is_cc(t, VEOL2, c);
    store(tp, c, eol ? IN_EOT : 0);
}

/* Characters from the device: into the queue, then wake whoever waits. */
void tty_input(struct tty *tp, const uint8_t *buf, size_t n)
{
    const struct termios *t = &tp->termios;

    if (!(t->c_lflag & ICANON) && t->c_cc[VMIN] && t->c_cc[VTIME])
        tp->last_input = clock_now();
    for (size_t i = 0; i < n; i++)
        in_process(tp, buf[i]);
    tp->ops->start(tp);
    tty_serve_reads(tp);
    tty_serve_writes(tp); /* a signal character may have flushed the output */
    tty_select_check(tp);
}

/* Bytes a read could take now (FIONREAD). */
unsigned tty_readable(const struct tty *tp)
{
    unsigned n = 0;

    for (unsigned i = 0; i < tp->in_committed; i++)
        if (!(tp->in[(tp->in_head + i) % TTY_IN_SIZE] & IN_EOF))
            n++;
    return n;
}
