/*
 * tty: the terminal driver. It serves the CDEV protocol (ember/proto/dev.h)
 * for the serial lines ttyS0.. (16550 UARTs), the VGA consoles tty1.. (the
 * text screen and the PS/2 keyboard), and two alias minors: the system
 * console and the caller's controlling terminal (ember/devices.h).
 *
 *   tty [console=ttyS0|ttyS1|tty1..]     (the default console is ttyS0)
 *
 * The boot image must grant the ports and lines it drives, e.g.
 *   @io=3f8:8 @io=2f8:8 @io=60:1 @io=64:1 @io=3d4:2 @irq=4 @irq=3 @irq=1
 *
 * The driver never blocks: a request that must wait is answered EDONTREPLY
 * and finished later with a VFS_DEV_REPLY to the caller; signals go to pm
 * as PM_SIGNAL_PGRP. Both are asynchronous sends, queued while a request
 * is handled and sent once it is answered (outbox.c). Interrupts and the
 * VTIME alarm arrive as notifications.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "tty.h"

struct tty ttys[NR_TTYS];
static struct tty *console;

struct tty *tty_console(void)
{
    return console;
}

/* A line on the kernel's console. Not through stdio: its first use asks
 * vfs about the stream, and vfs may be calling this driver. */
void tty_log(const char *fmt, ...)
{
    char line[160];
    va_list ap;
    int n = snprintf(line, sizeof(line), "tty: ");

    va_start(ap, fmt);
    n += vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof(line) - 2)
        n = (int)sizeof(line) - 2;
    line[n++] = '\n';
    sys_kprint(line, (size_t)n);
}

/* console=NAME among the arguments; ttyS0 when absent or not present. */
static void choose_console(int argc, char **argv)
{
    const char *want = "ttyS0";

    for (int i = 1; i < argc; i++)
        if (strncmp(argv[i], "console=", 8) == 0)
            want = argv[i] + 8;
    for (int i = 0; i < NR_TTYS && !console; i++)
        if (ttys[i].present && strcmp(ttys[i].name, want) == 0)
            console = &ttys[i];
    for (int i = 0; i < NR_TTYS && !console; i++)
        if (ttys[i].present)
            console = &ttys[i];
}

static void handle_notify(const message *m)
{
    if (m->m_source == HARDWARE) {
        if (m->notify.irqs & (1ull << 1))
            keyboard_interrupt();
        serial_interrupt(m->notify.irqs);
    } else if (m->m_source == CLOCK) {
        timer_expired();
    }
}

int main(int argc, char **argv)
{
    message m;

    srv_start("tty", NONE);
    serial_init();
    if (console_init() == 0)
        keyboard_init();
    choose_console(argc, argv);
    if (!console)
        srv_panic("no terminal device found (check the @io= and @irq= options)");
    int r = ds_publish("tty", (uint64_t)srv_self);
    if (r < 0)
        tty_log("cannot publish in ds: error %d", r);
    tty_log("ready, console %s", console->name);
    for (;;) {
        if (srv_receive(&m) < 0)
            continue;
        if (is_notify(&m))
            handle_notify(&m);
        else
            srv_reply(m.m_source, &m, tty_dispatch(&m));
        outbox_flush();
    }
}
