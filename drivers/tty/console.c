/*
 * The VGA text screen (80x25, colour text mode at 0xB8000) and the
 * virtual consoles tty1..tty4 on it; Alt-F1..F4 shows one. The driver maps
 * the text buffer into its own address space: as device memory (uncached)
 * when its privileges name the range, otherwise as RAM, which boot
 * processes may map (on a PC the firmware's MTRRs keep the legacy VGA
 * window uncached anyway). The hardware cursor is moved through the CRTC
 * ports 0x3D4/0x3D5 when those were granted.
 *
 * tty1 starts where the kernel's boot messages end: it keeps the screen
 * and the cursor. The kernel writes its rare later messages (panics) to
 * the screen too, at its own position.
 */
#include <string.h>
#include "console.h"

#define VGA_PHYS          0xB8000ull
#define VGA_VADDR         0x0000500000000000ull
#define CRTC_INDEX        0x3D4
#define CRTC_DATA         0x3D5
#define CRTC_CURSOR_START 0x0A
#define CRTC_CURSOR_HIGH  0x0E
#define CRTC_CURSOR_LOW   0x0F

static struct vc vcs[TTY_NR_VCS];
static struct vc *shown;
static uint16_t *screen;
static bool crtc; /* the CRTC ports are ours */
static const char *const names[TTY_NR_VCS] = { "tty1", "tty2", "tty3", "tty4" };

uint16_t vc_cell(const struct vc *vc, uint8_t c)
{
    uint8_t fg = vc->fg | (vc->bold ? 8 : 0), bg = vc->bg;

    if (vc->reverse) {
        uint8_t t = fg;
        fg = bg;
        bg = t;
    }
    return (uint16_t)(((bg & 0x7) << 12) | ((fg & 0xF) << 8) | c);
}

/* Blank cells [from, to) of the screen, in the current background. */
void vc_fill(struct vc *vc, int from, int to)
{
    uint16_t blank = vc_cell(vc, ' ');

    for (int i = from; i < to; i++)
        vc->cells[i] = blank;
}

/* Move the lines top..bottom up by n (n < 0: down), blanking what opens. */
void vc_scroll(struct vc *vc, int top, int bottom, int n)
{
    int lines = bottom - top + 1, k = n < 0 ? -n : n;

    if (k > lines)
        k = lines;
    size_t bytes = (size_t)(lines - k) * COLS * sizeof(uint16_t);
    if (n > 0) {
        memmove(&vc->cells[top * COLS], &vc->cells[(top + k) * COLS], bytes);
        vc_fill(vc, (bottom + 1 - k) * COLS, (bottom + 1) * COLS);
    } else {
        memmove(&vc->cells[(top + k) * COLS], &vc->cells[top * COLS], bytes);
        vc_fill(vc, top * COLS, (top + k) * COLS);
    }
}

void vc_move(struct vc *vc, int row, int col)
{
    vc->row = row < 0 ? 0 : row >= ROWS ? ROWS - 1 : row;
    vc->col = col < 0 ? 0 : col >= COLS ? COLS - 1 : col;
    vc->wrap_pending = false;
}

void vc_linefeed(struct vc *vc)
{
    if (vc->row == vc->bottom)
        vc_scroll(vc, vc->top, vc->bottom, 1);
    else if (vc->row < ROWS - 1)
        vc->row++;
    vc->wrap_pending = false;
}

void vc_reverse_index(struct vc *vc)
{
    if (vc->row == vc->top)
        vc_scroll(vc, vc->top, vc->bottom, -1);
    else if (vc->row > 0)
        vc->row--;
    vc->wrap_pending = false;
}

/* A printable character at the cursor. Writing in the last column leaves
 * the cursor there; the next character wraps first (as xterm does). */
void vc_putc(struct vc *vc, uint8_t c)
{
    if (vc->wrap_pending) {
        vc->col = 0;
        vc_linefeed(vc);
    }
    vc->cells[vc->row * COLS + vc->col] = vc_cell(vc, c);
    if (vc->col == COLS - 1)
        vc->wrap_pending = true;
    else
        vc->col++;
}

void vc_reset(struct vc *vc)
{
    vc->fg = 7;
    vc->bg = 0;
    vc->bold = vc->reverse = false;
    vc->top = 0;
    vc->bottom = ROWS - 1;
    vc->cursor_on = true;
    vc->state = ANSI_NORMAL;
    vc->wrap_pending = false;
    vc->saved.row = vc->saved.col = 0;
    vc->saved.fg = 7;
    vc->saved.bg = 0;
}

static void crtc_write(uint8_t index, uint8_t value)
{
    sys_outb(CRTC_INDEX, index);
    sys_outb(CRTC_DATA, value);
}

static uint8_t crtc_read(uint8_t index)
{
    uint8_t v = 0;

    sys_outb(CRTC_INDEX, index);
    sys_inb(CRTC_DATA, &v);
    return v;
}

static void show_cursor(const struct vc *vc)
{
    if (vc != shown || !crtc)
        return;
    unsigned pos = (unsigned)(vc->row * COLS + vc->col);
    crtc_write(CRTC_CURSOR_HIGH, (uint8_t)(pos >> 8));
    crtc_write(CRTC_CURSOR_LOW, (uint8_t)pos);
    uint8_t start = crtc_read(CRTC_CURSOR_START);
    crtc_write(CRTC_CURSOR_START, vc->cursor_on ? start & ~0x20 : start | 0x20);
}

/* A console draws all its output at once: the screen never makes a writer wait. */
static void vc_start(struct tty *tp)
{
    struct vc *vc = tp->dev;
    const uint8_t *p;

    if (tp->stopped || tp->out_count == 0)
        return;
    while (tp->out_count > 0) {
        size_t n = out_run(tp, &p);
        ansi_write(vc, p, n);
        out_take(tp, n);
    }
    show_cursor(vc);
}

static bool vc_idle(struct tty *tp)
{
    return tp->out_count == 0;
}

static const struct tty_ops vc_ops = {
    .start = vc_start,
    .idle = vc_idle,
    .configure = NULL,
    .send_break = NULL,
};

void console_switch(int n)
{
    if (n < 0 || n >= TTY_NR_VCS || &vcs[n] == shown || !screen)
        return;
    memcpy(shown->shadow, screen, sizeof(shown->shadow));
    shown->cells = shown->shadow;
    shown = &vcs[n];
    memcpy(screen, shown->shadow, sizeof(shown->shadow));
    shown->cells = screen;
    show_cursor(shown);
}

void console_input(const char *s, size_t n)
{
    if (shown)
        tty_input(shown->tp, (const uint8_t *)s, n);
}

static int map_screen(void)
{
    int r = sys_vmmap(SELF, VGA_VADDR, VGA_PHYS, 1, VMF_WRITE | VMF_DEVICE);

    if (r < 0)
        r = sys_vmmap(SELF, VGA_VADDR, VGA_PHYS, 1, VMF_WRITE);
    if (r == 0)
        screen = (uint16_t *)VGA_VADDR;
    return r;
}

/* Map the screen and set up the consoles; tty1 is shown and takes over
 * the kernel's text and cursor. */
int console_init(void)
{
    int r = map_screen();

    if (r < 0)
        return r;
    uint8_t probe;
    crtc = sys_outb(CRTC_INDEX, CRTC_CURSOR_LOW) == 0 && sys_inb(CRTC_DATA, &probe) == 0;
    for (int i = 0; i < TTY_NR_VCS; i++) {
        struct vc *vc = &vcs[i];
        memset(vc, 0, sizeof(*vc));
        tty_init(&ttys[i], names[i], TTY_MINOR_VC(i + 1), &vc_ops, vc);
        ttys[i].winsize = (struct winsize){ .ws_row = ROWS, .ws_col = COLS };
        vc->tp = &ttys[i];
        vc->cells = vc->shadow;
        vc_reset(vc);
        vc_fill(vc, 0, ROWS * COLS);
    }
    shown = &vcs[0];
    shown->cells = screen;
    if (crtc) {
        unsigned pos = (unsigned)crtc_read(CRTC_CURSOR_HIGH) << 8 | crtc_read(CRTC_CURSOR_LOW);
        if (pos < ROWS * COLS)
            vc_move(shown, (int)pos / COLS, (int)pos % COLS);
    }
    show_cursor(shown);
    return 0;
}
