/*
 * The escape sequences a console understands: the VT100/ANSI subset that
 * a shell's line editor, more and a small vi use, plus colours.
 *
 *   C0:   BS HT LF VT FF CR (BEL ignored)
 *   ESC:  7 8 (save, restore cursor)  D (index)  E (next line)
 *         M (reverse index)  c (reset)  ( ) (character sets: ignored)
 *   CSI:  A B C D E F G H f d (cursor)  J K (erase)  L M (lines)
 *         @ P X (characters)  S T (scroll)  r (scrolling region)
 *         s u (save, restore)  m (SGR: bold, reverse, 30-37, 40-47,
 *         90-97, 100-107)  ?25h ?25l (cursor shown or hidden)
 * Anything else is consumed and ignored.
 */
#include <string.h>
#include "console.h"

/* ANSI colour order (black red green yellow blue magenta cyan white) to VGA's. */
static const uint8_t vga_colour[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };

static int param(const struct vc *vc, int i, int def)
{
    return i < vc->nparams && vc->params[i] > 0 ? vc->params[i] : def;
}

static void control(struct vc *vc, uint8_t c)
{
    switch (c) {
    case '\b':
        if (vc->col > 0)
            vc->col--;
        vc->wrap_pending = false;
        break;
    case '\t':
        vc_move(vc, vc->row, (vc->col / 8 + 1) * 8);
        break;
    case '\n':
    case '\v':
    case '\f':
        vc_linefeed(vc);
        break;
    case '\r':
        vc_move(vc, vc->row, 0);
        break;
    case 0x18: /* CAN */
    case 0x1A: /* SUB */
        vc->state = ANSI_NORMAL;
        break;
    default:
        break;
    }
}

static void save_cursor(struct vc *vc)
{
    vc->saved.row = vc->row;
    vc->saved.col = vc->col;
    vc->saved.fg = vc->fg;
    vc->saved.bg = vc->bg;
    vc->saved.bold = vc->bold;
    vc->saved.reverse = vc->reverse;
}

static void restore_cursor(struct vc *vc)
{
    vc_move(vc, vc->saved.row, vc->saved.col);
    vc->fg = vc->saved.fg;
    vc->bg = vc->saved.bg;
    vc->bold = vc->saved.bold;
    vc->reverse = vc->saved.reverse;
}

static void escape(struct vc *vc, uint8_t c)
{
    vc->state = ANSI_NORMAL;
    switch (c) {
    case '[':
        vc->state = ANSI_CSI;
        vc->nparams = 0;
        vc->private_mode = false;
        memset(vc->params, 0, sizeof(vc->params));
        break;
    case '7':
        save_cursor(vc);
        break;
    case '8':
        restore_cursor(vc);
        break;
    case 'D':
        vc_linefeed(vc);
        break;
    case 'E':
        vc_move(vc, vc->row, 0);
        vc_linefeed(vc);
        break;
    case 'M':
        vc_reverse_index(vc);
        break;
    case 'c':
        vc_reset(vc);
        vc_fill(vc, 0, ROWS * COLS);
        vc_move(vc, 0, 0);
        break;
    case '(':
    case ')':
        vc->state = ANSI_SKIP;
        break;
    default:
        break;
    }
}

static void sgr(struct vc *vc)
{
    if (vc->nparams == 0)
        vc->nparams = 1; /* CSI m is CSI 0 m */
    for (int i = 0; i < vc->nparams; i++) {
        int p = vc->params[i];
        if (p == 0) {
            vc->fg = 7, vc->bg = 0;
            vc->bold = vc->reverse = false;
        } else if (p == 1) {
            vc->bold = true;
        } else if (p == 2 || p == 22) {
            vc->bold = false;
        } else if (p == 7) {
            vc->reverse = true;
        } else if (p == 27) {
            vc->reverse = false;
        } else if (p >= 30 && p <= 37) {
            vc->fg = vga_colour[p - 30];
        } else if (p == 39) {
            vc->fg = 7;
        } else if (p >= 40 && p <= 47) {
            vc->bg = vga_colour[p - 40];
        } else if (p == 49) {
            vc->bg = 0;
        } else if (p >= 90 && p <= 97) {
            vc->fg = vga_colour[p - 90] | 8;
        } else if (p >= 100 && p <= 107) {
            vc->bg = vga_colour[p - 100];
        }
    }
}

/* ED (J) and EL (K): 0 from the cursor on, 1 up to it, 2 all. */
static void erase(struct vc *vc, int mode, int start, int end)
{
    int cursor = vc->row * COLS + vc->col;

    if (mode == 0)
        vc_fill(vc, cursor, end);
    else if (mode == 1)
        vc_fill(vc, start, cursor + 1);
    else
        vc_fill(vc, start, end);
}

/* Insert (n > 0) or delete (n < 0) characters at the cursor, within its line. */
static void shift_line(struct vc *vc, int n)
{
    uint16_t *line = &vc->cells[vc->row * COLS];
    int k = n < 0 ? -n : n, room = COLS - vc->col;

    if (k > room)
        k = room;
    size_t bytes = (size_t)(room - k) * sizeof(uint16_t);
    if (n > 0) {
        memmove(&line[vc->col + k], &line[vc->col], bytes);
        vc_fill(vc, vc->row * COLS + vc->col, vc->row * COLS + vc->col + k);
    } else {
        memmove(&line[vc->col], &line[vc->col + k], bytes);
        vc_fill(vc, vc->row * COLS + COLS - k, (vc->row + 1) * COLS);
    }
}

static void set_region(struct vc *vc)
{
    int top = param(vc, 0, 1) - 1, bottom = param(vc, 1, ROWS) - 1;

    if (bottom >= ROWS)
        bottom = ROWS - 1;
    if (top < bottom) {
        vc->top = top;
        vc->bottom = bottom;
        vc_move(vc, 0, 0);
    }
}

static void set_mode(struct vc *vc, bool on)
{
    if (vc->private_mode && param(vc, 0, 0) == 25)
        vc->cursor_on = on;
}

/* The lines from the cursor to the end of the region (insert, delete lines). */
static void shift_lines(struct vc *vc, int n)
{
    if (vc->row >= vc->top && vc->row <= vc->bottom)
        vc_scroll(vc, vc->row, vc->bottom, n);
}

/* Cursor movement; false if c is not one. */
static bool csi_cursor(struct vc *vc, uint8_t c, int n)
{
    switch (c) {
    case 'A':
        vc_move(vc, vc->row - n, vc->col);
        return true;
    case 'B':
    case 'e':
        vc_move(vc, vc->row + n, vc->col);
        return true;
    case 'C':
    case 'a':
        vc_move(vc, vc->row, vc->col + n);
        return true;
    case 'D':
        vc_move(vc, vc->row, vc->col - n);
        return true;
    case 'E':
    case 'F':
        vc_move(vc, vc->row + (c == 'E' ? n : -n), 0);
        return true;
    case 'G':
    case '`':
        vc_move(vc, vc->row, n - 1);
        return true;
    case 'd':
        vc_move(vc, n - 1, vc->col);
        return true;
    case 'H':
    case 'f':
        vc_move(vc, param(vc, 0, 1) - 1, param(vc, 1, 1) - 1);
        return true;
    default:
        return false;
    }
}

/* Erasing, inserting, deleting and scrolling; false if c is none of them. */
static bool csi_edit(struct vc *vc, uint8_t c, int n)
{
    int here = vc->row * COLS + vc->col, line_end = (vc->row + 1) * COLS;

    switch (c) {
    case 'J':
        erase(vc, param(vc, 0, 0), 0, ROWS * COLS);
        return true;
    case 'K':
        erase(vc, param(vc, 0, 0), vc->row * COLS, line_end);
        return true;
    case 'L':
    case 'M':
        shift_lines(vc, c == 'L' ? -n : n);
        return true;
    case '@':
    case 'P':
        shift_line(vc, c == '@' ? n : -n);
        return true;
    case 'X':
        vc_fill(vc, here, here + n < line_end ? here + n : line_end);
        return true;
    case 'S':
    case 'T':
        vc_scroll(vc, vc->top, vc->bottom, c == 'S' ? n : -n);
        return true;
    default:
        return false;
    }
}

static void csi_final(struct vc *vc, uint8_t c)
{
    int n = param(vc, 0, 1);

    if (csi_cursor(vc, c, n) || csi_edit(vc, c, n))
        return;
    switch (c) {
    case 'm':
        sgr(vc);
        break;
    case 'r':
        set_region(vc);
        break;
    case 's':
        save_cursor(vc);
        break;
    case 'u':
        restore_cursor(vc);
        break;
    case 'h':
    case 'l':
        set_mode(vc, c == 'h');
        break;
    default:
        break;
    }
}

static void csi(struct vc *vc, uint8_t c)
{
    if (c >= '0' && c <= '9') {
        if (vc->nparams == 0)
            vc->nparams = 1;
        int *p = &vc->params[vc->nparams - 1];
        if (*p < 10000)
            *p = *p * 10 + (c - '0');
    } else if (c == ';') {
        if (vc->nparams == 0)
            vc->nparams = 1;
        if (vc->nparams < MAX_PARAMS)
            vc->nparams++;
    } else if (c == '?') {
        vc->private_mode = true;
    } else if (c >= 0x40 && c <= 0x7E) {
        vc->state = ANSI_NORMAL;
        csi_final(vc, c);
    } else if (c < 0x20) {
        control(vc, c);
    } else if (c > 0x7E) {
        vc->state = ANSI_NORMAL;
    } /* intermediates (0x20..0x2F) and others are ignored */
}

void ansi_write(struct vc *vc, const uint8_t *buf, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t c = buf[i];
        switch (vc->state) {
        case ANSI_NORMAL:
            if (c == 0x1B)
                vc->state = ANSI_ESC;
            else if (c < 0x20 || c == 0x7F)
                control(vc, c);
            else
                vc_putc(vc, c);
            break;
        case ANSI_ESC:
            escape(vc, c);
            break;
        case ANSI_CSI:
            csi(vc, c);
            break;
        case ANSI_SKIP:
            vc->state = ANSI_NORMAL;
            break;
        }
    }
}
