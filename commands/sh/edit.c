/*
 * The line editor. The terminal is put in raw mode for the duration of
 * one line; every change redraws the line from where its prompt began:
 * back to the prompt's first column, prompt, the visible part of the
 * text, erase to the end of the row, then the cursor is moved back into
 * place. The moves are relative (ESC [ n D), never a carriage return, so
 * output a command left without a final newline stays on the screen with
 * the prompt after it, as in other shells. A line wider than the screen
 * scrolls sideways, so nothing ever wraps; it jumps half a screen at a
 * time, so that between jumps a character typed at the end of the line
 * is echoed as itself, as it is on a short line (append_in_place()). Positions count UTF-8
 * characters, not bytes. Only a handful of ANSI sequences are used
 * (ESC [ K, ESC [ n C, ESC [ n D, ESC [ H, ESC [ 2 J), which every
 * terminal emulator and serial console understands.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "complete.h"
#include "edit.h"
#include "history.h"
#include "trap.h"
#include "var.h"

#define CTRL_KEY(c) ((c)&0x1f)

struct editor {
    int in, out;
    const char *prompt; /* the last row of the prompt */
    struct strbuf text;
    size_t cursor;    /* byte offset in text */
    size_t scroll;    /* first byte shown */
    int hist_pos;     /* history entry shown; history_count() for the new line */
    int pending;      /* a key read too far (after a broken escape sequence), or -1 */
    size_t column;    /* the terminal's cursor, in columns right of the prompt's start */
    char *saved_line; /* the new line, while browsing history */
    struct termios cooked;
};

static void out(struct editor *ed, const char *s, size_t len)
{
    while (len > 0) {
        ssize_t n = write(ed->out, s, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        s += n;
        len -= (size_t)n;
    }
}

static void outs(struct editor *ed, const char *s)
{
    out(ed, s, strlen(s));
}

static bool is_continuation(unsigned char c)
{
    return (c & 0xc0) == 0x80;
}

/* Characters (not bytes) in s[from, to). */
static size_t columns(const char *s, size_t from, size_t to)
{
    size_t n = 0;

    for (size_t i = from; i < to; i++)
        n += !is_continuation((unsigned char)s[i]);
    return n;
}

/* Columns the prompt takes: ANSI sequences such as colours take none. */
static size_t prompt_width(const char *s)
{
    size_t n = 0;

    while (*s) {
        if (s[0] == '\033' && s[1] == '[') {
            s += 2;
            while (*s && !((*s >= '@' && *s <= '~')))
                s++;
            if (*s)
                s++;
            continue;
        }
        n += !is_continuation((unsigned char)*s++);
    }
    return n;
}

/* $COLUMNS, else what the terminal says (TIOCGWINSZ), else 80. */
static size_t screen_width(void)
{
    const char *cols = var_get("COLUMNS");
    long n = cols ? strtol(cols, NULL, 10) : 0;

    if (n >= 20 && n < 1000)
        return (size_t)n;
#ifdef TIOCGWINSZ
    struct winsize ws;

    if (ioctl(0, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
        return ws.ws_col;
#endif
    return 80;
}

/* Columns for the text right of the prompt (one is kept for the cursor). */
static size_t text_room(const struct editor *ed)
{
    size_t plen = prompt_width(ed->prompt), width = screen_width();

    return width > plen + 8 ? width - plen - 1 : 8;
}

/*
 * Adjust the sideways scroll so that the cursor is on the screen. Past
 * the right edge, the cursor is brought to the middle, not just inside.
 */
static void keep_cursor_visible(struct editor *ed, size_t room)
{
    const char *s = sb_str(&ed->text);

    if (ed->cursor < ed->scroll)
        ed->scroll = ed->cursor;
    if (columns(s, ed->scroll, ed->cursor) < room)
        return;
    ed->scroll = ed->cursor;
    for (size_t shown = 0; ed->scroll > 0 && shown < room / 2; shown++)
        while (ed->scroll > 0 && is_continuation((unsigned char)s[--ed->scroll]))
            ;
}

static void refresh(struct editor *ed)
{
    size_t plen = prompt_width(ed->prompt), room = text_room(ed);
    const char *s = sb_str(&ed->text);
    size_t end = ed->scroll, shown = 0;
    struct strbuf frame;

    keep_cursor_visible(ed, room);
    end = ed->scroll;
    while (end < ed->text.len && (shown < room || is_continuation((unsigned char)s[end]))) {
        shown += !is_continuation((unsigned char)s[end]);
        end++;
    }
    sb_init(&frame);
    if (ed->column > 0)
        sb_addf(&frame, "\033[%zuD", ed->column);
    sb_adds(&frame, ed->prompt);
    sb_addn(&frame, s + ed->scroll, end - ed->scroll);
    sb_adds(&frame, "\033[K");
    if (end > ed->cursor)
        sb_addf(&frame, "\033[%zuD", columns(s, ed->cursor, end));
    ed->column = plen + columns(s, ed->scroll, ed->cursor);
    out(ed, frame.buf, frame.len);
    sb_free(&frame);
}

static void set_text(struct editor *ed, const char *s)
{
    sb_reset(&ed->text);
    sb_adds(&ed->text, s);
    ed->cursor = ed->text.len;
    ed->scroll = 0;
}

static void insert(struct editor *ed, const char *s, size_t len)
{
    size_t tail = ed->text.len - ed->cursor;

    sb_addn(&ed->text, s, len);
    memmove(ed->text.buf + ed->cursor + len, ed->text.buf + ed->cursor, tail);
    memcpy(ed->text.buf + ed->cursor, s, len);
    ed->cursor += len;
}

/* Delete bytes [from, to) of the text. */
static void erase(struct editor *ed, size_t from, size_t to)
{
    memmove(ed->text.buf + from, ed->text.buf + to, ed->text.len - to + 1);
    ed->text.len -= to - from;
    if (ed->cursor > to)
        ed->cursor -= to - from;
    else if (ed->cursor > from)
        ed->cursor = from;
}

static size_t char_before(struct editor *ed, size_t pos)
{
    while (pos > 0 && is_continuation((unsigned char)ed->text.buf[--pos]))
        ;
    return pos;
}

static size_t char_after(struct editor *ed, size_t pos)
{
    if (pos < ed->text.len)
        pos++;
    while (pos < ed->text.len && is_continuation((unsigned char)ed->text.buf[pos]))
        pos++;
    return pos;
}

/* ^W: the word before the cursor, with the blanks after it. */
static void erase_word(struct editor *ed)
{
    size_t start = ed->cursor;

    while (start > 0 && (ed->text.buf[start - 1] == ' ' || ed->text.buf[start - 1] == '\t'))
        start--;
    while (start > 0 && ed->text.buf[start - 1] != ' ' && ed->text.buf[start - 1] != '\t')
        start--;
    erase(ed, start, ed->cursor);
}

static void history_move(struct editor *ed, int delta)
{
    int pos = ed->hist_pos + delta, count = history_count();

    if (pos < 0 || pos > count)
        return;
    if (ed->hist_pos == count) {
        free(ed->saved_line);
        ed->saved_line = xstrdup(sb_str(&ed->text));
    }
    ed->hist_pos = pos;
    set_text(ed, pos == count ? (ed->saved_line ? ed->saved_line : "") : history_get(pos));
}

/* One byte of input; -1 at end of input. Traps run between keys. */
static int read_key(struct editor *ed)
{
    unsigned char c;

    if (ed->pending >= 0) {
        int key = ed->pending;

        ed->pending = -1;
        return key;
    }
    for (;;) {
        ssize_t n = read(ed->in, &c, 1);

        if (n == 1)
            return c;
        if (n == 0 || errno != EINTR)
            return -1;
        if (trap_pending_signal()) {
            tcsetattr(ed->in, TCSADRAIN, &ed->cooked);
            outs(ed, "\r\n");
            ed->column = 0;
            trap_run_pending();
            return -2;
        }
    }
}

/* After ESC: the arrow and editing keys of VT100 and xterm. */
static void escape_sequence(struct editor *ed)
{
    int c = read_key(ed), final;
    int number = 0;

    if (c != '[' && c != 'O') {
        ed->pending = c;
        return;
    }
    final = read_key(ed);
    while (final >= '0' && final <= '9') {
        number = number * 10 + final - '0';
        final = read_key(ed);
    }
    if (final < 0x20 || final > 0x7e) {
        ed->pending = final; /* not part of a sequence: a key of its own */
        return;
    }
    if (final == '~')
        final = number == 1 || number == 7   ? 'H'
                : number == 4 || number == 8 ? 'F'
                : number == 3                ? 'X'
                                             : 0;
    switch (final) {
    case 'A':
        history_move(ed, -1);
        break;
    case 'B':
        history_move(ed, 1);
        break;
    case 'C':
        ed->cursor = char_after(ed, ed->cursor);
        break;
    case 'D':
        ed->cursor = char_before(ed, ed->cursor);
        break;
    case 'H':
        ed->cursor = 0;
        break;
    case 'F':
        ed->cursor = ed->text.len;
        break;
    case 'X':
        erase(ed, ed->cursor, char_after(ed, ed->cursor));
        break;
    }
}

enum key_result { KEY_CONTINUE, KEY_DONE, KEY_EOF, KEY_INTERRUPT };

static enum key_result control_key(struct editor *ed, int c)
{
    switch (c) {
    case CTRL_KEY('A'):
        ed->cursor = 0;
        break;
    case CTRL_KEY('E'):
        ed->cursor = ed->text.len;
        break;
    case CTRL_KEY('B'):
        ed->cursor = char_before(ed, ed->cursor);
        break;
    case CTRL_KEY('F'):
        ed->cursor = char_after(ed, ed->cursor);
        break;
    case CTRL_KEY('C'):
        return KEY_INTERRUPT;
    case CTRL_KEY('D'):
        if (ed->text.len == 0)
            return KEY_EOF;
        erase(ed, ed->cursor, char_after(ed, ed->cursor));
        break;
    case CTRL_KEY('H'):
    case 127:
        erase(ed, char_before(ed, ed->cursor), ed->cursor);
        break;
    case CTRL_KEY('K'):
        erase(ed, ed->cursor, ed->text.len);
        break;
    case CTRL_KEY('U'):
        erase(ed, 0, ed->cursor);
        break;
    case CTRL_KEY('W'):
        erase_word(ed);
        break;
    case CTRL_KEY('L'):
        outs(ed, "\033[H\033[2J");
        ed->column = 0;
        break;
    case CTRL_KEY('P'):
        history_move(ed, -1);
        break;
    case CTRL_KEY('N'):
        history_move(ed, 1);
        break;
    case '\t':
        if (complete_word(ed->out, &ed->text, &ed->cursor, ed->prompt))
            ed->column = 0;
        break;
    case '\r':
    case '\n':
        return KEY_DONE;
    case 27:
        escape_sequence(ed);
        break;
    }
    return KEY_CONTINUE;
}

/* A UTF-8 character arrives a byte at a time: insert it whole. */
static void insert_utf8(struct editor *ed, int lead)
{
    char bytes[4] = { (char)lead };
    int len = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2, n = 1;

    while (n < len) {
        int c = read_key(ed);

        if (c < 0x80 || c >= 0xc0)
            break;
        bytes[n++] = (char)c;
    }
    insert(ed, bytes, (size_t)n);
}

/*
 * A character typed at the end of the line, with room after it on the
 * screen, only needs to be echoed; anything else redraws the line.
 */
static bool append_in_place(struct editor *ed, char ch)
{
    if (ed->cursor != ed->text.len || (unsigned char)ch >= 0x80 ||
        columns(sb_str(&ed->text), ed->scroll, ed->text.len) + 1 >= text_room(ed))
        return false;
    insert(ed, &ch, 1);
    out(ed, &ch, 1);
    ed->column++;
    return true;
}

static enum key_result edit_loop(struct editor *ed)
{
    bool redraw = true;

    for (;;) {
        int c;
        char ch;
        enum key_result r;

        if (redraw)
            refresh(ed);
        redraw = true;
        c = read_key(ed);
        if (c == -2) {
            struct termios raw = ed->cooked;

            raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
            raw.c_iflag &= ~(tcflag_t)(IXON | ICRNL | INLCR);
            tcsetattr(ed->in, TCSADRAIN, &raw);
            continue;
        }
        if (c < 0)
            return ed->text.len ? KEY_DONE : KEY_EOF;
        if (c >= 0xc0) {
            insert_utf8(ed, c);
            continue;
        }
        if (c >= 32 && c != 127) {
            ch = (char)c;
            if (append_in_place(ed, ch))
                redraw = false;
            else
                insert(ed, &ch, 1);
            continue;
        }
        r = control_key(ed, c);
        if (r != KEY_CONTINUE)
            return r;
    }
}

/* Without a terminal: the prompt, then bytes up to a newline. */
static enum edit_result read_plain(const char *prompt, struct strbuf *line)
{
    char c;

    if (*prompt)
        write(2, prompt, strlen(prompt));
    for (;;) {
        ssize_t n = read(0, &c, 1);

        if (n < 0 && errno == EINTR) {
            if (trap_take_interrupt())
                return EDIT_INTERRUPT;
            trap_run_pending();
            continue;
        }
        if (n <= 0)
            return line->len ? EDIT_OK : EDIT_EOF;
        sb_addc(line, c);
        if (c == '\n')
            return EDIT_OK;
    }
}

static bool enter_raw_mode(struct editor *ed)
{
    struct termios raw;

    if (!isatty(ed->in) || tcgetattr(ed->in, &ed->cooked) < 0)
        return false;
    raw = ed->cooked;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
    raw.c_iflag &= ~(tcflag_t)(IXON | ICRNL | INLCR);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    return tcsetattr(ed->in, TCSADRAIN, &raw) == 0;
}

enum edit_result edit_readline(const char *prompt, struct strbuf *line)
{
    struct editor ed = { .in = 0, .out = isatty(2) ? 2 : 1, .pending = -1 };
    const char *last_row = strrchr(prompt, '\n');
    enum key_result r;

    if (!enter_raw_mode(&ed))
        return read_plain(prompt, line);
    if (last_row)
        out(&ed, prompt, (size_t)(last_row + 1 - prompt));
    ed.prompt = last_row ? last_row + 1 : prompt;
    ed.hist_pos = history_count();
    sb_init(&ed.text);
    sb_adds(&ed.text, ""); /* the buffer exists even while the line is empty */
    r = edit_loop(&ed);
    if (ed.cursor != ed.text.len || ed.scroll != 0) { /* show the line's end */
        ed.cursor = ed.text.len;
        refresh(&ed);
    }
    outs(&ed, r == KEY_INTERRUPT ? "^C\r\n" : "\r\n");
    tcsetattr(ed.in, TCSADRAIN, &ed.cooked);
    free(ed.saved_line);
    if (r == KEY_DONE) {
        history_add(sb_str(&ed.text));
        sb_addn(line, sb_str(&ed.text), ed.text.len);
        sb_addc(line, '\n');
    }
    sb_free(&ed.text);
    return r == KEY_DONE ? EDIT_OK : r == KEY_EOF ? EDIT_EOF : EDIT_INTERRUPT;
}
