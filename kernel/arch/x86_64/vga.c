/*
 * Kernel output on the VGA text screen (80x25 at 0xB8000), for a machine
 * with a monitor. The console driver takes the screen over once it runs.
 */
#include "../../arch.h"
#include "cpu.h"
#include "arch_x86.h"

#define COLS 80
#define ROWS 25
#define ATTR 0x0700

static uint16_t *screen;
static int row, col;
bool vga_enabled = true;

static void vga_cursor(void)
{
    unsigned pos = row * COLS + col;

    outb(0x3D4, 14);
    outb(0x3D5, pos >> 8);
    outb(0x3D4, 15);
    outb(0x3D5, pos & 0xFF);
}

void vga_init(void)
{
    screen = phys_to_virt(0xB8000);
    for (int i = 0; i < COLS * ROWS; i++)
        screen[i] = ATTR | ' ';
    row = col = 0;
    vga_cursor();
}

static void vga_scroll(void)
{
    memmove(screen, screen + COLS, (ROWS - 1) * COLS * 2);
    for (int i = 0; i < COLS; i++)
        screen[(ROWS - 1) * COLS + i] = ATTR | ' ';
    row = ROWS - 1;
}

static void vga_putc(char c)
{
    if (c == '\n') {
        col = 0;
        row++;
    } else if (c == '\r') {
        col = 0;
    } else {
        screen[row * COLS + col] = ATTR | (uint8_t)c;
        if (++col == COLS) {
            col = 0;
            row++;
        }
    }
    if (row == ROWS)
        vga_scroll();
}

void vga_write(const char *s, size_t n)
{
    if (!vga_enabled || !screen)
        return;
    for (size_t i = 0; i < n; i++)
        vga_putc(s[i]);
    vga_cursor();
}
