/*
 * The VGA consoles: what tty1 draws, checked in the text buffer itself
 * (devtest maps it read-only, as boot processes may), and, when a test
 * drives QEMU's keyboard ("keyboard"), what the keys send.
 */
#include "devtest.h"

#define COLS      80
#define ROWS      25
#define VGA_PHYS  0xB8000ull
#define VGA_VIEW  0x0000510000000000ull
#define TYPING_MS 30000

static const volatile uint16_t *screen;

static int map_screen(void)
{
    if (!screen) {
        int r = sys_vmmap(SELF, VGA_VIEW, VGA_PHYS, 1, 0);
        if (r < 0)
            return r;
        screen = (const volatile uint16_t *)VGA_VIEW;
    }
    return 0;
}

static int vc_write(const char *s)
{
    size_t n = strlen(s);
    int r = cdev_io(tty_ep, CDEV_WRITE, TTY_MINOR_VC(1), (void *)s, n, 0, NULL);

    return r == (int)n ? 0 : r < 0 ? r : -EIO;
}

static uint16_t snapshot[ROWS * COLS];

/* Copy the screen: the kernel draws on it too (a printf may scroll it). */
static void take_snapshot(void)
{
    for (int i = 0; i < ROWS * COLS; i++)
        snapshot[i] = screen[i];
}

/* Does row start with text (and, if blank_rest, hold only blanks after it)? */
static bool row_is(int row, const char *text, bool blank_rest)
{
    int n = (int)strlen(text);

    for (int c = 0; c < COLS; c++) {
        char want = c < n ? text[c] : ' ';
        if ((c < n || blank_rest) && (char)(snapshot[row * COLS + c] & 0xFF) != want)
            return false;
    }
    return true;
}

static void show_rows(int first, int last)
{
    char line[COLS + 1];

    for (int row = first; row <= last; row++) {
        for (int c = 0; c < COLS; c++)
            line[c] = (char)(snapshot[row * COLS + c] & 0xFF);
        line[COLS] = '\0';
        printf("    row %d: \"%s\"\n", row, line);
    }
}

int console_output(void)
{
    struct winsize ws;

    EXPECT(cdev_open(tty_ep, TTY_MINOR_VC(1), CDEV_NOCTTY), 0);
    EXPECT(map_screen(), 0);
    EXPECT(vc_write("\033[2J\033[HEMBER-VGA\033[5;10Hxy\033[31mR\033[0m\tT"), 0);
    take_snapshot();
    bool top = row_is(0, "EMBER-VGA", true), fifth = row_is(4, "         xyR    T", true);
    uint16_t red = snapshot[4 * COLS + 11], plain = snapshot[4 * COLS + 9];
    if (!top || !fifth)
        show_rows(0, 5);
    EXPECT(vc_write("\033[5;11H\033[K"), 0); /* erase the rest of row 5 from column 11 */
    take_snapshot();
    bool erased = row_is(4, "         x", true);
    CHECK(top, "row 1 is not EMBER-VGA");
    CHECK(fifth, "row 5 is not what \\033[5;10H, a colour and a tab drew");
    EXPECT(red >> 8, 0x04);   /* red on black */
    EXPECT(plain >> 8, 0x07); /* light grey on black */
    CHECK(erased, "\\033[K did not erase");
    EXPECT(cdev_ioctl(tty_ep, TTY_MINOR_VC(1), TIOCGWINSZ, &ws, NULL), 0);
    EXPECT(ws.ws_row, ROWS);
    EXPECT(ws.ws_col, COLS);
    return 0;
}

int console_scrolling(void)
{
    char text[16];

    EXPECT(map_screen(), 0);
    EXPECT(vc_write("\033[2J\033[H"), 0);
    for (int i = 0; i < 30; i++) {
        snprintf(text, sizeof(text), "line%d\n", i);
        EXPECT(vc_write(text), 0);
    }
    take_snapshot();
    bool first = row_is(0, "line6", true), last = row_is(23, "line29", true);
    bool empty = row_is(24, "", true);
    /* A scrolling region: rows 2..4 move, rows 1 and 5 stay. */
    bool scrolled = first && last && empty;
    if (!scrolled)
        show_rows(0, 24);
    EXPECT(vc_write("\033[2J\033[1;1Htop\033[5;1Hfloor\033[2;4r\033[4;1Hr4\nr5\nr6\033[r"), 0);
    take_snapshot();
    bool region = row_is(0, "top", true) && row_is(1, "r4", true) && row_is(2, "r5", true) &&
                  row_is(3, "r6", true) && row_is(4, "floor", true);
    if (!region)
        show_rows(0, 4);
    CHECK(scrolled, "30 lines did not scroll the screen by 6");
    CHECK(region, "the scrolling region did not scroll alone");
    return 0;
}

/* Keys typed on QEMU's keyboard (test_devices.py sends them through the
 * monitor) reach tty1, the console shown. */
int console_keyboard(void)
{
    struct pending p;
    char buf[32];

    EXPECT(cdev_open(tty_ep, TTY_MINOR_VC(1), CDEV_NOCTTY), 0);
    memset(buf, 0, sizeof(buf));
    EXPECT(cdev_io(tty_ep, CDEV_READ, TTY_MINOR_VC(1), buf, sizeof(buf), 0, &p), EDONTREPLY);
    prompt("keys"); /* h, i, x, backspace, shift-a, return */
    EXPECT(wait_reply(tty_ep, &p, TYPING_MS), 4);
    CHECK(memcmp(buf, "hiA\n", 4) == 0, "read \"%.4s\"", buf);
    EXPECT(tty_set_mode(TTY_MINOR_VC(1), false, 1, 0), 0);
    memset(buf, 0, sizeof(buf));
    int r = cdev_io(tty_ep, CDEV_READ, TTY_MINOR_VC(1), buf, sizeof(buf), 0, &p);
    if (r == EDONTREPLY) {
        prompt("arrow"); /* the up arrow */
        r = wait_reply(tty_ep, &p, TYPING_MS);
    }
    EXPECT(tty_restore(TTY_MINOR_VC(1)), 0);
    EXPECT(r, 3);
    CHECK(memcmp(buf, "\033[A", 3) == 0, "read %02x %02x %02x", buf[0], buf[1], buf[2]);
    return 0;
}
