/*
 * The terminal driver's shared structures. A struct tty is one terminal:
 * its termios, its input queue (filled by the device through the line
 * discipline, line.c), its output queue (drained by the device), its job
 * control state, and the requests waiting on it. Devices (serial.c, the
 * VGA consoles in console.c) plug in through struct tty_ops.
 */
#ifndef TTY_H
#define TTY_H

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/termios.h>
#include <ember/server.h>
#include <ember/devices.h>

#define NR_TTYS        (TTY_NR_VCS + TTY_NR_SERIAL)
#define TTY_IN_SIZE    2048 /* input queue entries */
#define TTY_OUT_SIZE   2048 /* output queue bytes */
#define TTY_MAX_CANON  255  /* longest line in canonical mode */
#define NR_REQS        64   /* requests waiting, over all terminals */
#define NR_WATCHES     2    /* select watchers per terminal */
#define OUT_MAX_EXPAND 8    /* most bytes one character becomes on output (a tab) */

/* An input queue entry: the character and what the line discipline knows. */
#define IN_CHAR        0x00FF
#define IN_EOT         0x0100 /* ends a line: a canonical read stops after it */
#define IN_EOF         0x0200 /* the EOF character: ends a line, is not delivered */
#define IN_WIDTH_SHIFT 12     /* columns its echo took, for erasing it */

struct tty;

/* What a device does for its terminal. */
struct tty_ops {
    void (*start)(struct tty *tp);     /* send queued output, as much as the device takes */
    bool (*idle)(struct tty *tp);      /* has everything queued left the device? */
    void (*configure)(struct tty *tp); /* c_cflag or the speeds changed */
    void (*send_break)(struct tty *tp);
};

enum req_kind { REQ_READ, REQ_WRITE, REQ_DRAIN };

/* A request that may have to wait: a read, a write, or an ioctl that waits
 * for the output to drain (TCSETSW, TCSETSF, TCDRAIN, TCSBRK). */
struct req {
    struct req *next;
    enum req_kind kind;
    endpoint_t caller; /* who asked (vfs); the late reply goes there */
    uint32_t id;       /* the caller's id for it */
    int minor;         /* the minor as the caller named it */
    grant_id_t grant;
    size_t len, done;
    int flags;
    int pgrp, pid, sid;
    uint64_t deadline; /* a read's VTIME timeout (uptime ns), 0: none */
    bool direct;       /* still in its own request: the result is the reply */
    bool finished;     /* (direct only) result holds the answer */
    int result;
    unsigned long ioctl;    /* REQ_DRAIN: which */
    struct termios termios; /* REQ_DRAIN: what TCSETSW/TCSETSF set */
};

/* Someone to tell (VFS_DEV_SELECT) when ops become ready. */
struct select_watch {
    endpoint_t caller; /* NONE: unused */
    int minor;
    unsigned ops;
};

struct tty {
    const char *name;
    int minor;
    bool present;
    const struct tty_ops *ops;
    void *dev; /* the device's own state */

    struct termios termios;
    struct winsize winsize;
    int session; /* the session whose controlling terminal this is, 0: none */
    int pgrp;    /* its foreground process group, 0: none */

    /* Input: in[] is a ring of entries; the first in_committed of the
     * in_count entries are complete lines (every entry, in raw mode). */
    uint16_t in[TTY_IN_SIZE];
    unsigned in_head, in_count, in_committed;
    bool lnext;          /* the next character is taken literally */
    uint64_t last_input; /* uptime of the last input (VTIME between bytes) */

    /* Output: out[] is a ring of bytes on their way to the device. */
    uint8_t out[TTY_OUT_SIZE];
    unsigned out_head, out_count;
    bool stopped; /* output stopped (VSTOP, TCOOFF) */
    int column;   /* the output column, for tabs and erasing */

    struct req *reads, *writes; /* waiting, oldest first */
    struct select_watch watch[NR_WATCHES];
};

extern struct tty ttys[NR_TTYS];

/* main.c, table.c */
struct tty *tty_console(void);
void tty_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int tty_dispatch(message *m);

/* open.c: minors, sessions, open and close */
struct tty *tty_find(int minor, int sid);
bool tty_is_background(const struct tty *tp, int pgrp, int sid);
void tty_signal(struct tty *tp, int sig);
void tty_init(struct tty *tp, const char *name, int minor, const struct tty_ops *ops, void *dev);
int do_open(message *m);
int do_close(message *m);
int tty_make_ctty(struct tty *tp, const struct cdev_req *c);
int tty_give_up_ctty(struct tty *tp, const struct cdev_req *c);

/* read.c, write.c: requests that may wait */
int do_read(message *m);
int do_write(message *m);
int do_cancel(message *m);
void tty_serve_reads(struct tty *tp);
void tty_serve_writes(struct tty *tp);
uint64_t tty_read_deadline(const struct tty *tp);

/* request.c: the pool of waiting requests */
struct req *req_new(const message *m, enum req_kind kind);
void req_free(struct req *q);
void req_append(struct req **list, struct req *q);
bool req_unlink(struct req **list, struct req *q);
void req_finish(struct req *q, int result);
int req_wait(struct req **list, struct req *q, void (*serve)(struct tty *), struct tty *tp);

/* ioctl.c */
int do_ioctl(message *m);
void tty_set_termios(struct tty *tp, const struct termios *t);
int tty_drain_done(struct tty *tp, struct req *q);
void tty_flush_input(struct tty *tp);
void tty_flush_output(struct tty *tp);

/* select.c */
int do_select(message *m);
void tty_select_check(struct tty *tp);

/* line.c: the line discipline's input side */
void tty_input(struct tty *tp, const uint8_t *buf, size_t n);
unsigned tty_readable(const struct tty *tp);

/* output.c: the output queue and output processing */
unsigned out_room(const struct tty *tp);
size_t out_process(struct tty *tp, const uint8_t *buf, size_t n);
void out_raw(struct tty *tp, const char *s, size_t n);
size_t out_run(const struct tty *tp, const uint8_t **start);
void out_take(struct tty *tp, size_t n);
int echo_char(struct tty *tp, uint8_t c);
void tty_output_done(struct tty *tp);

/* outbox.c: messages sent after the current request is answered */
void outbox_reply(endpoint_t to, uint32_t id, int minor, int result);
void outbox_select(endpoint_t to, int minor, unsigned ops);
void outbox_signal(int pgrp, int sig);
void outbox_flush(void);

/* timer.c: VTIME timeouts on the kernel alarm */
uint64_t clock_now(void);
void timer_update(void);
void timer_expired(void);

/* serial.c */
void serial_init(void);
void serial_interrupt(uint64_t irqs);

/* console.c, screen.c, keyboard.c: the VGA consoles and the keyboard */
int console_init(void);
void console_switch(int n);
void keyboard_init(void);
void keyboard_interrupt(void);

#endif
