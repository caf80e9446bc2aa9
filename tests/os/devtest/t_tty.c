/*
 * The tty driver on the serial console: open, write, the line discipline
 * (canonical lines, erase, kill, EOF, raw mode, VMIN and VTIME), select.
 * What "devtest: type WHAT" asks for, test_devices.py types.
 */
#include "devtest.h"

#define TYPING_MS 30000 /* how long a case waits for the typist */

static char buf[256];

/* The serial console as a session leader opens it: the controlling
 * terminal of session 100, process group 100 in the foreground. */
static int use_serial(void)
{
    int r = cdev_open(tty_ep, TTY_MINOR_CONSOLE, 0);

    return r == SERIAL0 ? 0 : r < 0 ? r : -EINVAL;
}

/* Start a read of the serial line, prompt, and wait for its late answer. */
static int typed_read(const char *what, size_t len, int *result)
{
    struct pending p;

    memset(buf, 0, sizeof(buf));
    int r = cdev_io(tty_ep, CDEV_READ, SERIAL0, buf, len, 0, &p);
    if (r != EDONTREPLY) {
        *result = r;
        return -1; /* it should have had to wait for the typist */
    }
    prompt(what);
    *result = wait_reply(tty_ep, &p, TYPING_MS);
    return 0;
}

int tty_open_console(void)
{
    int sid = 0;

    forget_signals();
    EXPECT(cdev_open(tty_ep, TTY_MINOR_CONSOLE, 0), SERIAL0); /* the alias: the real minor */
    EXPECT(cdev_open(tty_ep, SERIAL0, 0), 0);
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, TIOCGSID, &sid, NULL), 0);
    EXPECT(sid, 100); /* opened by a session leader: its controlling terminal */
    EXPECT(cdev_open(tty_ep, TTY_MINOR_CTTY, 0), SERIAL0);
    me = (struct ident){ 555, 555, 555 };
    int r = cdev_open(tty_ep, TTY_MINOR_CTTY, 0); /* another session has none */
    me = (struct ident){ 100, 100, 100 };
    EXPECT(r, -ENXIO);
    EXPECT(cdev_open(tty_ep, 200, 0), -ENXIO);
    EXPECT(cdev_close(tty_ep, SERIAL0), 0);
    return 0;
}

int tty_write_serial(void)
{
    static const char text[] = "devtest: written through the tty driver\n";

    EXPECT(use_serial(), 0);
    EXPECT(cdev_io(tty_ep, CDEV_WRITE, SERIAL0, (void *)text, sizeof(text) - 1, 0, NULL),
           sizeof(text) - 1);
    EXPECT(cdev_io(tty_ep, CDEV_WRITE, SERIAL0, (void *)text, 0, 0, NULL), 0);
    return 0;
}

int tty_default_termios(void)
{
    struct termios t;
    struct winsize ws;

    EXPECT(use_serial(), 0);
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, TCGETS, &t, NULL), 0);
    tcflag_t lflags = ISIG | ICANON | ECHO | ECHOE | ECHOK;
    CHECK((t.c_lflag & lflags) == lflags, "c_lflag %#x", t.c_lflag);
    CHECK(t.c_iflag & ICRNL, "c_iflag %#x", t.c_iflag);
    CHECK((t.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR), "c_oflag %#x", t.c_oflag);
    EXPECT(t.c_cc[VERASE], 0x7F);
    EXPECT(t.c_cc[VINTR], 3);
    EXPECT(t.c_cc[VEOF], 4);
    EXPECT(t.c_cc[VMIN], 1);
    EXPECT(t.c_ospeed, B115200);
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, TIOCGWINSZ, &ws, NULL), 0);
    EXPECT(ws.ws_row, 24);
    EXPECT(ws.ws_col, 80);
    return 0;
}

int tty_canonical_read(void)
{
    int n;

    EXPECT(use_serial(), 0);
    EXPECT(typed_read("line", 64, &n), 0);
    EXPECT(n, 6);
    CHECK(memcmp(buf, "hello\n", 6) == 0, "read \"%.6s\"", buf);
    return 0;
}

int tty_erase(void)
{
    int n;

    EXPECT(use_serial(), 0);
    EXPECT(typed_read("erase", 64, &n), 0); /* a, b, x, DEL, c, CR */
    EXPECT(n, 4);
    CHECK(memcmp(buf, "abc\n", 4) == 0, "read \"%.4s\"", buf);
    return 0;
}

int tty_kill_line(void)
{
    int n;

    EXPECT(use_serial(), 0);
    EXPECT(typed_read("kill", 64, &n), 0); /* junk, ^U, ok, CR */
    EXPECT(n, 3);
    CHECK(memcmp(buf, "ok\n", 3) == 0, "read \"%.3s\"", buf);
    return 0;
}

int tty_eof(void)
{
    int n;

    EXPECT(use_serial(), 0);
    EXPECT(typed_read("eof", 2, &n), 0); /* a, b, ^D, ^D; read 2 bytes */
    EXPECT(n, 2);
    CHECK(memcmp(buf, "ab", 2) == 0, "read \"%.2s\"", buf);
    /* The first ^D went with its line; the second is an end of file; then nothing. */
    EXPECT(cdev_io(tty_ep, CDEV_READ, SERIAL0, buf, 64, 0, NULL), 0);
    EXPECT(cdev_io(tty_ep, CDEV_READ, SERIAL0, buf, 64, CDEV_NONBLOCK, NULL), -EAGAIN);
    return 0;
}

int tty_raw_vmin(void)
{
    int n, queued = 0;

    EXPECT(use_serial(), 0);
    EXPECT(tty_set_mode(SERIAL0, false, 1, 0), 0);
    int r = typed_read("raw", 16, &n); /* x, no newline */
    /* Bytes typed in raw mode become one line when canonical mode returns. */
    prompt("rawline"); /* y, z */
    for (int i = 0; i < 300 && queued < 2; i++) {
        sleep_ms(10);
        cdev_ioctl(tty_ep, SERIAL0, FIONREAD, &queued, NULL);
    }
    EXPECT(tty_restore(SERIAL0), 0);
    EXPECT(r, 0);
    EXPECT(n, 1);
    EXPECT(buf[0], 'x');
    EXPECT(queued, 2);
    memset(buf, 0, sizeof(buf));
    EXPECT(cdev_io(tty_ep, CDEV_READ, SERIAL0, buf, 16, 0, NULL), 2);
    CHECK(memcmp(buf, "yz", 2) == 0, "read \"%.2s\"", buf);
    return 0;
}

int tty_vtime_timeout(void)
{
    struct pending p;

    EXPECT(use_serial(), 0);
    EXPECT(tty_set_mode(SERIAL0, false, 0, 3), 0);
    uint64_t start = now_ms();
    int r = cdev_io(tty_ep, CDEV_READ, SERIAL0, buf, 16, 0, &p);
    int n = r == EDONTREPLY ? wait_reply(tty_ep, &p, 5000) : r;
    uint64_t took = now_ms() - start;
    EXPECT(tty_set_mode(SERIAL0, false, 0, 0), 0);
    int now = cdev_io(tty_ep, CDEV_READ, SERIAL0, buf, 16, 0, NULL);
    EXPECT(tty_restore(SERIAL0), 0);
    EXPECT(r, EDONTREPLY);
    EXPECT(n, 0);
    CHECK(took >= 250 && took < 2000, "VTIME 3 timed out after %lu ms", (unsigned long)took);
    EXPECT(now, 0); /* VMIN 0, VTIME 0: at once */
    return 0;
}

int tty_nonblocking_read(void)
{
    EXPECT(use_serial(), 0);
    EXPECT(cdev_io(tty_ep, CDEV_READ, SERIAL0, buf, 16, CDEV_NONBLOCK, NULL), -EAGAIN);
    EXPECT(cdev_select(tty_ep, SERIAL0, SEL_RD), 0);
    EXPECT(cdev_select(tty_ep, SERIAL0, SEL_RD | SEL_WR), SEL_WR);
    return 0;
}

int tty_select_notify(void)
{
    int minor = -1, n = -1;

    EXPECT(use_serial(), 0);
    EXPECT(cdev_select(tty_ep, SERIAL0, SEL_RD | SEL_NOTIFY), 0);
    prompt("select");
    EXPECT(wait_select(tty_ep, &minor, TYPING_MS), SEL_RD);
    EXPECT(minor, SERIAL0);
    EXPECT(cdev_select(tty_ep, SERIAL0, SEL_RD), SEL_RD);
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, FIONREAD, &n, NULL), 0);
    EXPECT(n, 4);
    memset(buf, 0, sizeof(buf));
    EXPECT(cdev_io(tty_ep, CDEV_READ, SERIAL0, buf, 64, 0, NULL), 4);
    CHECK(memcmp(buf, "sel\n", 4) == 0, "read \"%.4s\"", buf);
    return 0;
}

/* ^S stops the output: a write longer than the output queue then waits,
 * and so does a TCSETSW behind it, until ^Q lets the output go. */
int tty_flow_control(void)
{
    static char text[40 * 75 + 1]; /* 40 lines of 75 bytes, and snprintf's NUL */
    struct pending wr, drain;
    struct termios t;
    int n, queued = 0;

    EXPECT(use_serial(), 0);
    for (int line = 0; line < 40; line++)
        snprintf(text + line * 75, 76, "devtest: flow control line %02d %-44s\n", line,
                 "held back by ^S, let go by ^Q");
    EXPECT(typed_read("stop", 64, &n), 0); /* ^S, then a line: input still flows */
    EXPECT(n, 3);
    CHECK(memcmp(buf, "go\n", 3) == 0, "read \"%.3s\"", buf);
    EXPECT(cdev_io(tty_ep, CDEV_WRITE, SERIAL0, text, sizeof(text) - 1, 0, &wr), EDONTREPLY);
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, TIOCOUTQ, &queued, NULL), 0);
    CHECK(queued > 2000, "only %d bytes queued", queued);
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, TCGETS, &t, NULL), 0);
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, TCSETSW, &t, &drain), EDONTREPLY);
    prompt("start"); /* ^Q */
    EXPECT(wait_reply(tty_ep, &wr, TYPING_MS), sizeof(text) - 1);
    EXPECT(wait_reply(tty_ep, &drain, 5000), 0);
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, TIOCOUTQ, &queued, NULL), 0);
    EXPECT(queued, 0);
    return 0;
}

int tty_bad_requests(void)
{
    struct termios t;
    message m;

    EXPECT(use_serial(), 0);
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, _IOR('Z', 1, int), &t, NULL), -ENOTTY);
    EXPECT(cdev_io(tty_ep, CDEV_READ, 200, buf, 16, 0, NULL), -ENXIO);
    EXPECT(cdev_io(tty_ep, CDEV_WRITE, TTY_MINOR_SERIAL(7), buf, 16, 0, NULL), -ENXIO);
    EXPECT(cdev_cancel(tty_ep, SERIAL0, 99999), -ENOENT);
    CHECK(cdev_io_grant(tty_ep, CDEV_WRITE, SERIAL0, GRANT_INVALID, 10, 0) < 0,
          "write through no grant");
    grant_id_t g = grant_direct(tty_ep, buf, 4, GRANT_READ);
    CHECK(cdev_io_grant(tty_ep, CDEV_WRITE, SERIAL0, g, 100, 0) < 0, "write past the grant");
    grant_revoke(g);
    /* TCSETS whose argument is too small, TCGETS into a read-only grant. */
    g = grant_direct(tty_ep, &t, 4, GRANT_READ);
    memset(&m, 0, sizeof(m));
    m.m_type = CDEV_IOCTL;
    m.cdev_req.minor = SERIAL0;
    m.cdev_req.len = TCSETS;
    m.cdev_req.grant = g;
    CHECK(raw_call(tty_ep, &m) < 0, "TCSETS through a 4-byte grant");
    grant_revoke(g);
    g = grant_direct(tty_ep, &t, sizeof(t), GRANT_READ);
    m.cdev_req.len = TCGETS;
    m.cdev_req.grant = g;
    CHECK(raw_call(tty_ep, &m) < 0, "TCGETS into a read-only grant");
    grant_revoke(g);
    memset(&m, 0, sizeof(m));
    m.m_type = CDEV_BASE + 40;
    EXPECT(raw_call(tty_ep, &m), -ENOSYS);
    EXPECT(cdev_ioctl(tty_ep, SERIAL0, TCGETS, &t, NULL), 0); /* still there */
    CHECK(t.c_lflag & ICANON, "the attributes changed");
    return 0;
}
