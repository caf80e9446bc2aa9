/*
 * The line discipline, output side: output processing (OPOST: ONLCR,
 * OCRNL, ONOCR, ONLRET, OLCUC, XTABS) into the output queue, the column
 * it leaves the cursor in, and the echo of input. A character is queued
 * whole or not at all, so a full queue never splits a "\r\n".
 */
#include "tty.h"

unsigned out_room(const struct tty *tp)
{
    return TTY_OUT_SIZE - tp->out_count;
}

static void out_put(struct tty *tp, uint8_t b)
{
    tp->out[(tp->out_head + tp->out_count) % TTY_OUT_SIZE] = b;
    tp->out_count++;
}

/* Bytes to the queue as they are, as far as they fit. */
void out_raw(struct tty *tp, const char *s, size_t n)
{
    for (size_t i = 0; i < n && out_room(tp) > 0; i++)
        out_put(tp, (uint8_t)s[i]);
}

/* What c becomes on output, in seq; its length. Updates *col. */
static int transform(const struct termios *t, uint8_t c, int *col, uint8_t seq[OUT_MAX_EXPAND])
{
    tcflag_t o = t->c_oflag & OPOST ? t->c_oflag : 0;
    int n = 0;

    switch (c) {
    case '\n':
        if (o & ONLCR)
            seq[n++] = '\r';
        seq[n++] = '\n';
        if (o & (ONLCR | ONLRET))
            *col = 0;
        break;
    case '\r':
        if (o & OCRNL) {
            seq[n++] = '\n';
            if (o & ONLRET)
                *col = 0;
        } else if (!(o & ONOCR) || *col != 0) {
            seq[n++] = '\r';
            *col = 0;
        }
        break;
    case '\t': {
        int w = 8 - *col % 8;
        if ((o & TABDLY) == XTABS)
            while (n < w)
                seq[n++] = ' ';
        else
            seq[n++] = '\t';
        *col += w;
        break;
    }
    case '\b':
        seq[n++] = c;
        if (*col > 0)
            (*col)--;
        break;
    default:
        if ((o & OLCUC) && c >= 'a' && c <= 'z')
            c -= 'a' - 'A';
        seq[n++] = c;
        if (c >= 0x20 && c != 0x7F && (c & 0xC0) != 0x80) /* not a UTF-8 continuation */
            (*col)++;
        break;
    }
    return n;
}

/* Process and queue buf; how many of its bytes fitted. */
size_t out_process(struct tty *tp, const uint8_t *buf, size_t n)
{
    uint8_t seq[OUT_MAX_EXPAND];

    for (size_t i = 0; i < n; i++) {
        int col = tp->column;
        int len = transform(&tp->termios, buf[i], &col, seq);
        if ((unsigned)len > out_room(tp))
            return i;
        for (int k = 0; k < len; k++)
            out_put(tp, seq[k]);
        tp->column = col;
    }
    return n;
}

/* Echo c (a control character as ^X with ECHOCTL); the columns it took. */
int echo_char(struct tty *tp, uint8_t c)
{
    int before = tp->column;

    if ((tp->termios.c_lflag & ECHOCTL) && (c < 0x20 || c == 0x7F) && c != '\t' && c != '\n') {
        uint8_t caret[2] = { '^', c == 0x7F ? '?' : (uint8_t)(c + '@') };
        out_process(tp, caret, 2);
        return 2;
    }
    out_process(tp, &c, 1);
    return tp->column > before ? tp->column - before : 0;
}

/* The queued bytes that lie in one piece from the head. */
size_t out_run(const struct tty *tp, const uint8_t **start)
{
    size_t n = TTY_OUT_SIZE - tp->out_head;

    *start = &tp->out[tp->out_head];
    return n < tp->out_count ? n : tp->out_count;
}

void out_take(struct tty *tp, size_t n)
{
    tp->out_head = (tp->out_head + n) % TTY_OUT_SIZE;
    tp->out_count -= n;
}
