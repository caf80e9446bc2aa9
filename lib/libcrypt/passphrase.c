/*
 * Reading a line from the user (passphrase.h). A password is read with
 * ECHO off; the newline the user types is not echoed either, so one is
 * written after it. Signals that would end the program while the echo
 * is off first restore the terminal.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "passphrase.h"

static struct termios saved_termios;
static volatile sig_atomic_t echo_off;
static const int fatal_signals[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP };
#define NFATAL (sizeof(fatal_signals) / sizeof(fatal_signals[0]))

static void restore_and_die(int sig)
{
    if (echo_off)
        tcsetattr(0, TCSANOW, &saved_termios);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void hide_input(struct sigaction old[NFATAL])
{
    struct termios t;
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = restore_and_die;
    for (size_t i = 0; i < NFATAL; i++)
        sigaction(fatal_signals[i], &sa, &old[i]);
    if (tcgetattr(0, &saved_termios) < 0)
        return; /* not a terminal: nothing is echoed anyway */
    t = saved_termios;
    t.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK | ECHONL);
    if (tcsetattr(0, TCSAFLUSH, &t) == 0)
        echo_off = 1;
}

static void show_input(const struct sigaction old[NFATAL], int out_fd)
{
    if (echo_off) {
        tcsetattr(0, TCSADRAIN, &saved_termios);
        echo_off = 0;
        (void)!write(out_fd, "\n", 1);
    }
    for (size_t i = 0; i < NFATAL; i++)
        sigaction(fatal_signals[i], &old[i], NULL);
}

/* One line from fd 0, a byte at a time so nothing after it is consumed. */
static int read_one_line(char *buf, size_t size)
{
    size_t len = 0;
    bool any = false;
    char c;
    ssize_t n;

    while ((n = read(0, &c, 1)) == 1 || (n < 0 && errno == EINTR)) {
        if (n < 0)
            continue;
        any = true;
        if (c == '\n')
            break;
        if (len + 1 < size)
            buf[len++] = c;
    }
    if (len > 0 && buf[len - 1] == '\r')
        len--;
    buf[len] = '\0';
    return any ? (int)len : -1;
}

int ask_line(const char *prompt, int out_fd, bool hidden, char *buf, size_t size)
{
    struct sigaction old[NFATAL];

    if (size == 0)
        return -1;
    if (hidden)
        hide_input(old);
    (void)!write(out_fd, prompt, strlen(prompt));
    int len = read_one_line(buf, size);
    if (hidden)
        show_input(old, out_fd);
    return len;
}
