/*
 * vi: the terminal. Raw mode through termios (set by hand), keys with
 * VT100 escape sequences decoded, and the screen drawn with ANSI cursor
 * movement and clear-to-end-of-line only. A copy of what each row shows
 * is kept, so a redraw sends only the rows that changed.
 *
 * When standard input is not a terminal (keys piped in by a script),
 * raw mode is skipped and escape sequences are not decoded, so that
 * "Esc O" means Esc then O.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "cmd.h"
#include "vi.h"

#define TERM_MAX_COLS 1024

static struct termios saved_termios, raw_termios;
static int raw_mode;
static char **shown; /* shown[row]: what that row holds now */
static char *out;    /* output gathered for one write() */
static size_t out_len, out_cap;

static void put_bytes(const char *bytes, size_t n)
{
    if (out_len + n > out_cap) {
        out_cap = (out_len + n) * 2;
        if (!(out = realloc(out, out_cap)))
            cmd_diex(1, "out of memory");
    }
    memcpy(out + out_len, bytes, n);
    out_len += n;
}

static void put_string(const char *s)
{
    put_bytes(s, strlen(s));
}

static void flush_output(void)
{
    size_t done = 0;

    while (done < out_len) {
        ssize_t n = write(STDOUT_FILENO, out + done, out_len - done);

        if (n <= 0)
            break;
        done += n;
    }
    out_len = 0;
}

static void move_to(int row, int col)
{
    char seq[32];

    snprintf(seq, sizeof(seq), "\033[%d;%dH", row + 1, col + 1);
    put_string(seq);
}

static int env_number(const char *name, int fallback)
{
    const char *value = getenv(name);
    int n = value ? atoi(value) : 0;

    return n > 0 ? n : fallback;
}

static void find_size(void)
{
    ed.rows = env_number("LINES", 24);
    ed.cols = env_number("COLUMNS", 80);
#ifdef TIOCGWINSZ
    struct winsize ws;

    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 1 && ws.ws_col > 1) {
        ed.rows = ws.ws_row;
        ed.cols = ws.ws_col;
    }
#endif
    if (ed.rows < 2)
        ed.rows = 2;
    if (ed.cols > TERM_MAX_COLS)
        ed.cols = TERM_MAX_COLS;
}

void term_start(void)
{
    struct termios raw;

    find_size();
    if (isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved_termios) == 0) {
        raw = saved_termios;
        raw.c_iflag &= ~(BRKINT | ICRNL | INLCR | IGNCR | INPCK | ISTRIP | IXON);
        raw.c_oflag &= ~OPOST;
        raw.c_cflag |= CS8;
        raw.c_lflag &= ~(ECHO | ICANON | IEXTEN | ISIG);
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        raw_mode = tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0;
        raw_termios = raw;
    }
    shown = calloc(ed.rows, sizeof(*shown));
    if (!shown)
        cmd_diex(1, "out of memory");
    put_string("\033[H\033[2J");
    flush_output();
}

void term_stop(void)
{
    if (!shown)
        return;
    move_to(ed.rows - 1, 0);
    put_string("\033[K\r\n");
    flush_output();
    if (raw_mode)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
    raw_mode = 0;
}

/*
 * One byte from the keyboard: KEY_EOF at end of input, or with timed set
 * -1 if none comes within a tenth of a second (termios VTIME does the
 * waiting, so no poll() is needed).
 */
static int read_byte(int timed)
{
    struct termios brief = raw_termios;
    unsigned char c;
    ssize_t n;

    if (!timed)
        return read(STDIN_FILENO, &c, 1) == 1 ? c : KEY_EOF;
    brief.c_cc[VMIN] = 0;
    brief.c_cc[VTIME] = 1;
    tcsetattr(STDIN_FILENO, TCSANOW, &brief);
    n = read(STDIN_FILENO, &c, 1);
    tcsetattr(STDIN_FILENO, TCSANOW, &raw_termios);
    return n == 1 ? c : -1;
}

/* Keys read ahead while looking for an escape sequence that was not one. */
static int pushed[4];
static int npushed;

/* After ESC: an arrow or other VT100 key; otherwise ESC, and what was read after it is pushed back. */
static int escape_sequence(void)
{
    static const char finals[] = "ABCDHF";
    static const int keys[] = { KEY_UP, KEY_DOWN, KEY_RIGHT, KEY_LEFT, KEY_HOME, KEY_END };
    int seq[3], n = 0;
    const char *found;

    while (n < 3 && (seq[n] = read_byte(1)) >= 0) {
        n++;
        if (n == 1 && seq[0] != '[' && seq[0] != 'O')
            break;
        if (n == 2 && seq[1] && (found = strchr(finals, seq[1])))
            return keys[found - finals];
        if (n == 2 && (seq[1] < '1' || seq[1] > '8'))
            break;
        if (n == 3 && seq[2] == '~')
            return seq[1] == '3' ? KEY_DELETE : strchr("17", seq[1]) ? KEY_HOME : KEY_END;
    }
    while (n > 0) /* not a sequence: give the bytes back, last first */
        pushed[npushed++] = seq[--n];
    return KEY_ESC;
}

int term_read_key(void)
{
    int c;

    if (npushed > 0)
        return pushed[--npushed];
    c = read_byte(0);
    if (c != KEY_ESC || !raw_mode)
        return c;
    return escape_sequence();
}

/* Screen column where byte 'byte' of the line starts (tabs, ^X for controls). */
long display_col(const struct vi_line *l, size_t byte)
{
    long col = 0;

    for (size_t i = 0; i < byte && i < l->len; i++) {
        unsigned char c = l->text[i];

        if (c == '\t')
            col = (col / 8 + 1) * 8;
        else if (c < 32 || c == 127)
            col += 2;
        else
            col++;
    }
    return col;
}

/* The byte of the line shown at (or last before) screen column col. */
size_t byte_at_col(const struct vi_line *l, long col)
{
    size_t i;

    for (i = 0; i + 1 < l->len; i++)
        if (display_col(l, i + 1) > col)
            break;
    return l->len ? i : 0;
}

/* How line l looks from screen column left on, cut to the screen's width. */
static void render_line(const struct vi_line *l, long left, char *row)
{
    long col = 0;
    int n = 0;

    for (size_t i = 0; i < l->len && n < ed.cols; i++) {
        unsigned char c = l->text[i];
        char cells[8];
        int w;

        if (c == '\t') {
            w = 8 - col % 8;
            memset(cells, ' ', w);
        } else if (c < 32 || c == 127) {
            w = 2;
            cells[0] = '^';
            cells[1] = c == 127 ? '?' : c + '@';
        } else {
            w = 1;
            cells[0] = c;
        }
        for (int k = 0; k < w && n < ed.cols; k++, col++)
            if (col >= left)
                row[n++] = cells[k];
    }
    row[n] = '\0';
}

static void draw_row(int row, const char *text)
{
    if (shown[row] && !strcmp(shown[row], text))
        return;
    free(shown[row]);
    shown[row] = strdup(text);
    move_to(row, 0);
    put_string(text);
    put_string("\033[K");
}

/* Scroll so that the cursor is on the screen. */
static void scroll_to_cursor(void)
{
    int text_rows = ed.rows - 1;
    long col = display_col(&ed.text.lines[ed.line], ed.col);

    if (ed.line < ed.top)
        ed.top = ed.line;
    if (ed.line >= ed.top + text_rows)
        ed.top = ed.line - text_rows + 1;
    if (col < ed.left)
        ed.left = col;
    if (col >= ed.left + ed.cols)
        ed.left = col - ed.cols + 1;
}

static void status_row(char *row)
{
    char position[48];
    int len;

    if (ed.message[0]) {
        snprintf(row, ed.cols + 1, "%s", ed.message);
        return;
    }
    len = snprintf(row, ed.cols + 1, "\"%s\" %ld line%s%s", ed.filename ? ed.filename : "[No Name]",
                   ed.text.n, ed.text.n == 1 ? "" : "s", ed.modified ? " [Modified]" : "");
    snprintf(position, sizeof(position), "%ld,%ld", ed.line + 1, ed.col + 1);
    if (len < 0 || len > ed.cols)
        len = ed.cols;
    if (len + (int)strlen(position) + 2 < ed.cols)
        snprintf(row + len, ed.cols + 1 - len, "%*s", ed.cols - 4 - len, position);
}

void term_redraw(int full)
{
    static char row[TERM_MAX_COLS + 1];

    if (full) {
        for (int r = 0; r < ed.rows; r++) {
            free(shown[r]);
            shown[r] = NULL;
        }
        put_string("\033[H\033[2J");
    }
    scroll_to_cursor();
    for (int r = 0; r < ed.rows - 1; r++) {
        if (ed.top + r < ed.text.n)
            render_line(&ed.text.lines[ed.top + r], ed.left, row);
        else
            strcpy(row, "~");
        draw_row(r, row);
    }
    status_row(row);
    draw_row(ed.rows - 1, row);
    move_to(ed.line - ed.top, display_col(&ed.text.lines[ed.line], ed.col) - ed.left);
    flush_output();
}

/* Show a prompt and what has been typed after it on the bottom row. */
void term_command_line(const char *prompt, const char *text)
{
    size_t width = ed.cols - 1, plen = strlen(prompt), tlen = strlen(text);

    free(shown[ed.rows - 1]);
    shown[ed.rows - 1] = NULL;
    move_to(ed.rows - 1, 0);
    put_string(prompt);
    if (plen + tlen > width) /* show the end of a long line */
        text += plen + tlen - width;
    put_string(text);
    put_string("\033[K");
    flush_output();
}

void message(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(ed.message, sizeof(ed.message), fmt, ap);
    va_end(ap);
}
