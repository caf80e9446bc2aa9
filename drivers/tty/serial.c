/*
 * The 16550 UARTs: COM1 (ttyS0, ports 0x3F8, IRQ 4) and COM2 (ttyS1,
 * 0x2F8, IRQ 3), each present when its ports answer and its interrupt
 * line can be claimed. Input is interrupt-driven (received data, receive
 * timeout and line status interrupts); output fills the 16-byte transmit
 * FIFO whenever it is empty, and asks for the "transmitter empty"
 * interrupt only while bytes are waiting. The kernel also writes to COM1,
 * by polling, for its rare messages; the two simply interleave.
 */
#include "tty.h"

#define REG_DATA 0 /* receive / transmit; divisor low with DLAB */
#define REG_IER  1 /* interrupt enable; divisor high with DLAB */
#define REG_IIR  2 /* interrupt identification (read) */
#define REG_FCR  2 /* FIFO control (write) */
#define REG_LCR  3
#define REG_MCR  4
#define REG_LSR  5
#define REG_MSR  6
#define REG_SCR  7

#define IER_RDA  0x01 /* received data available */
#define IER_THRE 0x02 /* transmit holding register empty */
#define IER_RLS  0x04 /* receiver line status */

#define IIR_NONE    0x01
#define IIR_ID      0x0E
#define IIR_MODEM   0x00
#define IIR_THRE    0x02
#define IIR_RDA     0x04
#define IIR_LSR     0x06
#define IIR_TIMEOUT 0x0C

#define LCR_DLAB  0x80
#define LCR_BREAK 0x40
#define MCR_DTR   0x01
#define MCR_RTS   0x02
#define MCR_OUT2  0x08 /* routes the interrupt to the PIC */

#define LSR_DR   0x01
#define LSR_BI   0x10
#define LSR_THRE 0x20
#define LSR_TEMT 0x40

#define FIFO_SIZE  16
#define UART_CLOCK 115200 /* the divisor's base rate */
#define RX_BATCH   64

struct serial {
    unsigned base;
    int irq;
    uint8_t ier;
    bool present;
    struct tty *tp;
};

static struct serial lines[TTY_NR_SERIAL] = { { .base = 0x3F8, .irq = 4 },
                                              { .base = 0x2F8, .irq = 3 } };
static const char *const names[TTY_NR_SERIAL] = { "ttyS0", "ttyS1" };

static uint8_t reg_in(const struct serial *s, int reg)
{
    uint8_t v = 0xFF;

    sys_inb(s->base + (unsigned)reg, &v);
    return v;
}

static void reg_out(const struct serial *s, int reg, uint8_t v)
{
    sys_outb(s->base + (unsigned)reg, v);
}

static void set_ier(struct serial *s, uint8_t ier)
{
    if (ier != s->ier) {
        s->ier = ier;
        reg_out(s, REG_IER, ier);
    }
}

/* Send what fits in the transmit FIFO, while it keeps emptying. */
static void serial_start(struct tty *tp)
{
    struct serial *s = tp->dev;

    while (tp->out_count > 0 && !tp->stopped) {
        if (!(reg_in(s, REG_LSR) & LSR_THRE)) {
            set_ier(s, s->ier | IER_THRE);
            return;
        }
        const uint8_t *p;
        size_t n = out_run(tp, &p);
        if (n > FIFO_SIZE)
            n = FIFO_SIZE;
        for (size_t i = 0; i < n; i++)
            reg_out(s, REG_DATA, p[i]);
        out_take(tp, n);
    }
    set_ier(s, s->ier & ~IER_THRE);
}

static bool serial_idle(struct tty *tp)
{
    return (reg_in(tp->dev, REG_LSR) & LSR_TEMT) != 0;
}

/* Speed, character size, parity and stop bits from the termios. */
static void serial_configure(struct tty *tp)
{
    struct serial *s = tp->dev;
    const struct termios *t = &tp->termios;
    static const uint8_t sizes[] = {
        [CS5 >> 4] = 0, [CS6 >> 4] = 1, [CS7 >> 4] = 2, [CS8 >> 4] = 3
    };
    uint8_t lcr = sizes[(t->c_cflag & CSIZE) >> 4];

    if (t->c_cflag & CSTOPB)
        lcr |= 0x04;
    if (t->c_cflag & PARENB)
        lcr |= t->c_cflag & PARODD ? 0x08 : 0x18;
    unsigned divisor = t->c_ospeed ? UART_CLOCK / t->c_ospeed : 0;
    if (divisor == 0 || divisor > 0xFFFF)
        divisor = divisor ? 0xFFFF : 1;
    reg_out(s, REG_LCR, LCR_DLAB);
    reg_out(s, REG_DATA, (uint8_t)divisor);
    reg_out(s, REG_IER, (uint8_t)(divisor >> 8));
    reg_out(s, REG_LCR, lcr);
    reg_out(s, REG_IER, s->ier);
    uint8_t mcr = MCR_OUT2 | (t->c_ospeed == B0 ? 0 : MCR_DTR | MCR_RTS); /* B0 hangs up */
    reg_out(s, REG_MCR, mcr);
}

static const struct tty_ops serial_ops = {
    .start = serial_start,
    .idle = serial_idle,
    .configure = serial_configure,
    .send_break = NULL,
};

/* A break: ignored, a signal, or a NUL byte, as the termios say. */
static void received_break(struct tty *tp, uint8_t *buf, size_t *n)
{
    tcflag_t iflag = tp->termios.c_iflag;

    if (iflag & IGNBRK)
        return;
    if (iflag & BRKINT) {
        tty_flush_input(tp);
        tty_flush_output(tp);
        tty_signal(tp, SIGINT);
    } else if (*n < RX_BATCH) {
        buf[(*n)++] = 0;
    }
}

static void receive(struct serial *s, uint8_t *buf, size_t *n)
{
    uint8_t lsr;

    while ((lsr = reg_in(s, REG_LSR)) & (LSR_DR | LSR_BI)) {
        if (lsr & LSR_BI) {
            reg_in(s, REG_DATA);
            received_break(s->tp, buf, n);
            continue;
        }
        uint8_t c = reg_in(s, REG_DATA);
        if (*n == RX_BATCH) {
            tty_input(s->tp, buf, *n);
            *n = 0;
        }
        buf[(*n)++] = c;
    }
}

static void line_interrupt(struct serial *s)
{
    uint8_t buf[RX_BATCH];
    size_t n = 0;

    for (int guard = 0; guard < 64; guard++) {
        uint8_t iir = reg_in(s, REG_IIR);
        if (iir & IIR_NONE)
            break;
        switch (iir & IIR_ID) {
        case IIR_LSR:
        case IIR_RDA:
        case IIR_TIMEOUT:
            receive(s, buf, &n);
            break;
        case IIR_MODEM:
            reg_in(s, REG_MSR);
            break;
        default: /* IIR_THRE: cleared by reading the IIR; start() sends more */
            break;
        }
    }
    if (n > 0 && (s->tp->termios.c_cflag & CREAD))
        tty_input(s->tp, buf, n);
    serial_start(s->tp);
    tty_output_done(s->tp);
}

void serial_interrupt(uint64_t irqs)
{
    for (int i = 0; i < TTY_NR_SERIAL; i++) {
        struct serial *s = &lines[i];
        if (!s->present || !(irqs & (1ull << s->irq)))
            continue;
        line_interrupt(s);
        sys_irqctl(IRQ_ENABLE, s->irq, s->irq);
    }
}

/* Are the ports ours and is a UART behind them? The scratch register
 * keeps what is written to it. */
static bool probe(const struct serial *s)
{
    uint8_t v = 0;

    if (sys_outb(s->base + REG_SCR, 0x5A) < 0 || sys_inb(s->base + REG_SCR, &v) < 0)
        return false;
    return v == 0x5A;
}

static void line_init(int i)
{
    struct serial *s = &lines[i];
    struct tty *tp = &ttys[TTY_NR_VCS + i];

    if (!probe(s))
        return;
    if (sys_irqctl(IRQ_SETPOLICY, s->irq, s->irq) < 0) {
        tty_log("%s: cannot claim IRQ %d, line not used", names[i], s->irq);
        return;
    }
    tty_init(tp, names[i], TTY_MINOR_SERIAL(i), &serial_ops, s);
    s->tp = tp;
    s->present = true;
    s->ier = 0;
    reg_out(s, REG_IER, 0);
    serial_configure(tp);
    reg_out(s, REG_FCR, 0xC7); /* FIFOs on and cleared, interrupt at 14 bytes */
    while (reg_in(s, REG_LSR) & LSR_DR)
        reg_in(s, REG_DATA);
    reg_in(s, REG_IIR);
    reg_in(s, REG_MSR);
    set_ier(s, IER_RDA | IER_RLS);
}

void serial_init(void)
{
    for (int i = 0; i < TTY_NR_SERIAL; i++)
        line_init(i);
}
