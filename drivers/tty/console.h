/* The VGA text consoles: shared by the screen code, the escape sequence
 * interpreter and the keyboard. */
#ifndef CONSOLE_H
#define CONSOLE_H

#include "tty.h"

#define COLS       80
#define ROWS       25
#define MAX_PARAMS 8

enum ansi_state { ANSI_NORMAL, ANSI_ESC, ANSI_CSI, ANSI_SKIP };

/* One virtual console. The active one draws straight into the screen; the
 * others into their own copy of it, swapped in when they are shown. */
struct vc {
    struct tty *tp;
    uint16_t *cells; /* the screen, or shadow */
    uint16_t shadow[ROWS * COLS];
    int row, col;
    bool wrap_pending; /* at the last column: the next character wraps first */
    uint8_t fg, bg;    /* VGA colours 0..15 */
    bool bold, reverse;
    int top, bottom; /* the scrolling region, rows top..bottom */
    bool cursor_on;
    struct {
        int row, col;
        uint8_t fg, bg;
        bool bold, reverse;
    } saved;
    enum ansi_state state;
    int params[MAX_PARAMS];
    int nparams;
    bool private_mode; /* CSI ? ... */
};

/* console.c: the screen */
uint16_t vc_cell(const struct vc *vc, uint8_t c);
void vc_putc(struct vc *vc, uint8_t c);
void vc_move(struct vc *vc, int row, int col);
void vc_linefeed(struct vc *vc);
void vc_reverse_index(struct vc *vc);
void vc_scroll(struct vc *vc, int top, int bottom, int n);
void vc_fill(struct vc *vc, int from, int to);
void vc_reset(struct vc *vc);

/* ansi.c: the escape sequences */
void ansi_write(struct vc *vc, const uint8_t *buf, size_t n);

/* keyboard.c feeds the shown console. */
void console_input(const char *s, size_t n);

#endif
