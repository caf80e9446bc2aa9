/*
 * vi: a small screen editor for VT100/ANSI terminals. The parts:
 *
 *   vi.c         main, the key loop, insert mode
 *   vi_text.c    the text: an array of lines; load, save, one level of undo
 *   vi_term.c    raw terminal mode, key input, drawing the screen
 *   vi_normal.c  normal-mode commands: motions, operators (d c y), put, ...
 *   vi_ex.c      ':' commands and '/' '?' searches
 *
 * The text always has at least one line. The cursor is a line index and
 * a byte offset in that line; long lines scroll sideways, one screen row
 * per line.
 */
#ifndef VI_H
#define VI_H

#include <stddef.h>

struct vi_line {
    char *text;
    size_t len, cap;
};

struct vi_text {
    struct vi_line *lines;
    long n, cap;
};

/* The unnamed register: what d, y and x left for p and P. */
struct vi_register {
    char *text; /* linewise: lines joined with '\n', each ending in one */
    size_t len;
    int linewise;
};

struct vi_editor {
    struct vi_text text;
    struct vi_text undo_text; /* the text before the last change */
    long undo_line, undo_col;
    int have_undo;
    char *filename;
    int modified;
    int no_final_newline; /* the file had none; writing keeps it that way */
    int loaded_empty;     /* the file was empty or new and is unchanged: write 0 bytes */
    long line, col;       /* cursor */
    long want_col;        /* screen column j and k aim for */
    long top, left;       /* first line and first screen column shown */
    int rows, cols;       /* terminal size; rows - 1 lines of text */
    struct vi_register reg;
    char *last_search;
    int search_backward;
    char message[256];
    int quit;
};

extern struct vi_editor ed;

/* Keys beyond bytes. */
enum { KEY_UP = 0x101, KEY_DOWN, KEY_RIGHT, KEY_LEFT, KEY_HOME, KEY_END, KEY_DELETE, KEY_EOF };
#define KEY_ESC    27
#define CONTROL(c) ((c)&0x1f)

/* vi_text.c */
void text_init(struct vi_text *t);
void text_free(struct vi_text *t);
void text_copy(struct vi_text *to, const struct vi_text *from);
void line_insert_bytes(struct vi_line *l, size_t at, const char *bytes, size_t n);
void line_delete_bytes(struct vi_line *l, size_t at, size_t n);
void text_insert_line(struct vi_text *t, long at, const char *bytes, size_t n);
void text_delete_lines(struct vi_text *t, long first, long count);
int text_load(const char *name);
int text_save(const char *name);
void undo_save(void);
void undo_restore(void);

/* vi_term.c */
void term_start(void);
void term_stop(void);
int term_read_key(void);
void term_redraw(int full);
void term_command_line(const char *prompt, const char *text);
long display_col(const struct vi_line *l, size_t byte);
size_t byte_at_col(const struct vi_line *l, long col);
void message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* vi.c */
int next_key(void);
void record_start(void);
void record_keep(void);
void record_stop(void);
void replay_last_change(void);
void insert_mode(int repeat);
char *read_command_line(const char *prompt);
void clamp_cursor(int insert);

/* vi_normal.c */
void normal_command(void);

/* vi_ex.c */
void ex_command(const char *cmd);
void search(const char *pattern, int backward);

#endif
