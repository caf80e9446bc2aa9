/*
 * The PS/2 keyboard (IRQ 1, ports 0x60 and 0x64), in scan code set 1 (the
 * controller translates). Keys become bytes for the console being shown:
 * letters with Shift, Caps Lock and Ctrl, Alt as an ESC prefix, and the
 * cursor and editing keys as VT100/xterm sequences (Up is ESC [ A, Delete
 * ESC [ 3 ~, F1 ESC O P, ...). Alt-F1..F4 show tty1..tty4.
 */
#include <string.h>
#include "console.h"

#define KBD_DATA   0x60
#define KBD_STATUS 0x64
#define STATUS_OUT 0x01 /* a byte is waiting */
#define STATUS_AUX 0x20 /* it is from the mouse */
#define KBD_IRQ    1

#define SC_ESCAPE  0xE0 /* an extended key follows */
#define SC_PAUSE   0xE1 /* Pause: five more bytes */
#define SC_RELEASE 0x80

enum {
    SC_CTRL = 0x1D,
    SC_LSHIFT = 0x2A,
    SC_RSHIFT = 0x36,
    SC_ALT = 0x38,
    SC_CAPS = 0x3A,
    SC_F1 = 0x3B,
    SC_F10 = 0x44,
    SC_NUM = 0x45,
    SC_KP_FIRST = 0x47,
    SC_KP_LAST = 0x53,
    SC_F11 = 0x57,
    SC_F12 = 0x58,
};

/* Scan code -> character, without and with Shift; a row per 16 codes. */
/* clang-format off */
static const char plain[0x59] = {
    0,   0x1B, '1', '2', '3', '4', '5', '6', '7',  '8', '9', '0', '-',  '=', 0x7F, '\t', /* 00 */
    'q', 'w',  'e', 'r', 't', 'y', 'u', 'i', 'o',  'p', '[', ']', '\r', 0,   'a',  's',  /* 10 */
    'd', 'f',  'g', 'h', 'j', 'k', 'l', ';', '\'', '`', 0,   '\\','z',  'x', 'c',  'v',  /* 20 */
    'b', 'n',  'm', ',', '.', '/', 0,   '*', 0,    ' ', 0,   0,   0,    0,   0,    0,    /* 30 */
    0,   0,    0,   0,   0,   0,   0,   '7', '8',  '9', '-', '4', '5',  '6', '+',  '1',  /* 40 */
    '2', '3',  '0', '.', 0,   0,   0,   0,   0,                                          /* 50 */
};

static const char shifted[0x59] = {
    0,   0x1B, '!', '@', '#', '$', '%', '^', '&',  '*', '(', ')', '_',  '+', 0x7F, '\t', /* 00 */
    'Q', 'W',  'E', 'R', 'T', 'Y', 'U', 'I', 'O',  'P', '{', '}', '\r', 0,   'A',  'S',  /* 10 */
    'D', 'F',  'G', 'H', 'J', 'K', 'L', ':', '"',  '~', 0,   '|', 'Z',  'X', 'C',  'V',  /* 20 */
    'B', 'N',  'M', '<', '>', '?', 0,   '*', 0,    ' ', 0,   0,   0,    0,   0,    0,    /* 30 */
    0,   0,    0,   0,   0,   0,   0,   '7', '8',  '9', '-', '4', '5',  '6', '+',  '1',  /* 40 */
    '2', '3',  '0', '.', 0,   0,   0,   0,   0,                                          /* 50 */
};
/* clang-format on */

/* The cursor and editing keys (E0-prefixed, or the keypad without Num Lock). */
static const char *const navigation[0x54] = {
    [0x47] = "\033[H",  [0x48] = "\033[A",  [0x49] = "\033[5~", [0x4B] = "\033[D",
    [0x4D] = "\033[C",  [0x4F] = "\033[F",  [0x50] = "\033[B",  [0x51] = "\033[6~",
    [0x52] = "\033[2~", [0x53] = "\033[3~",
};

static const char *const function_keys[12] = {
    "\033OP",   "\033OQ",   "\033OR",   "\033OS",   "\033[15~", "\033[17~",
    "\033[18~", "\033[19~", "\033[20~", "\033[21~", "\033[23~", "\033[24~",
};

static struct {
    bool lshift, rshift, ctrl, alt, caps, num;
    bool caps_down, num_down; /* held keys repeat: a lock toggles once */
    bool extended;            /* the last byte was SC_ESCAPE */
    int skip;                 /* bytes of a Pause sequence still to come */
} kbd;

static void send(const char *s)
{
    console_input(s, strlen(s));
}

static char with_ctrl(char c)
{
    if (c >= 'a' && c <= 'z')
        return (char)(c - 'a' + 1);
    if (c >= '@' && c <= '_')
        return (char)(c - '@');
    if (c == '?')
        return 0x7F;
    if (c == ' ' || c == '2')
        return 0;
    if (c == '6')
        return 0x1E;
    if (c == '-')
        return 0x1F;
    return c;
}

/* Shift, Ctrl, Alt and the locks; true if code was one of them. */
static bool modifier(uint8_t code, bool release)
{
    switch (code) {
    case SC_LSHIFT:
        if (!kbd.extended) /* E0 2A is a fake shift around some keys */
            kbd.lshift = !release;
        return true;
    case SC_RSHIFT:
        kbd.rshift = !release;
        return true;
    case SC_CTRL:
        kbd.ctrl = !release;
        return true;
    case SC_ALT:
        kbd.alt = !release;
        return true;
    case SC_CAPS:
        kbd.caps ^= !release && !kbd.caps_down;
        kbd.caps_down = !release;
        return true;
    case SC_NUM:
        if (kbd.extended)
            return true;
        kbd.num ^= !release && !kbd.num_down;
        kbd.num_down = !release;
        return true;
    default:
        return false;
    }
}

static void function_key(int n)
{
    if (kbd.alt && n < TTY_NR_VCS)
        console_switch(n);
    else
        send(function_keys[n]);
}

static void character_key(uint8_t code)
{
    char c = plain[code];
    bool letter = c >= 'a' && c <= 'z';
    bool shift = (kbd.lshift || kbd.rshift) ^ (letter && kbd.caps);
    char out[3] = { 0 };
    int n = 0;

    if (shift)
        c = shifted[code];
    if (!c)
        return;
    if (kbd.ctrl)
        c = with_ctrl(c);
    if (kbd.alt)
        out[n++] = 0x1B;
    out[n++] = c;
    console_input(out, (size_t)n);
}

static void key_pressed(uint8_t code, bool extended)
{
    if (extended) {
        if (code == 0x1C)
            send("\r");
        else if (code == 0x35)
            send("/");
        else if (code < 0x54 && navigation[code])
            send(navigation[code]);
    } else if (code >= SC_F1 && code <= SC_F10) {
        function_key(code - SC_F1);
    } else if (code == SC_F11 || code == SC_F12) {
        function_key(code == SC_F11 ? 10 : 11);
    } else if (code >= SC_KP_FIRST && code <= SC_KP_LAST && !kbd.num && navigation[code]) {
        send(navigation[code]);
    } else if (code < sizeof(plain)) {
        character_key(code);
    }
}

static void scancode(uint8_t sc)
{
    if (kbd.skip > 0) {
        kbd.skip--;
        return;
    }
    if (sc == SC_PAUSE) {
        kbd.skip = 5;
        return;
    }
    if (sc == SC_ESCAPE) {
        kbd.extended = true;
        return;
    }
    bool release = sc & SC_RELEASE, extended = kbd.extended;
    uint8_t code = sc & ~SC_RELEASE;
    if (!modifier(code, release) && !release)
        key_pressed(code, extended);
    kbd.extended = false;
}

void keyboard_interrupt(void)
{
    for (int n = 0; n < 32; n++) {
        uint8_t status = 0, sc = 0;
        if (sys_inb(KBD_STATUS, &status) < 0 || !(status & STATUS_OUT))
            break;
        sys_inb(KBD_DATA, &sc);
        if (!(status & STATUS_AUX))
            scancode(sc);
    }
    sys_irqctl(IRQ_ENABLE, KBD_IRQ, KBD_IRQ);
}

void keyboard_init(void)
{
    uint8_t status = 0, sc;

    if (sys_irqctl(IRQ_SETPOLICY, KBD_IRQ, KBD_IRQ) < 0)
        return; /* no keyboard for the consoles: they still show output */
    for (int n = 0; n < 32 && sys_inb(KBD_STATUS, &status) == 0 && (status & STATUS_OUT); n++)
        sys_inb(KBD_DATA, &sc);
}
