/*
 * vi: start-up, the key loop, insert mode and the ':' command line.
 *
 * Every key passes through next_key(), which can replay keys (for '.')
 * and record them: a normal-mode command's keys are recorded while it
 * runs, and kept as "the last change" if it changed the text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "vi.h"

struct vi_editor ed;

struct vi_keys {
    int *keys;
    size_t len, cap, next;
};

static struct vi_keys replay, recording, last_change;
static int recording_on;

static void keys_append(struct vi_keys *k, int key)
{
    if (k->len == k->cap) {
        k->cap = k->cap ? k->cap * 2 : 64;
        if (!(k->keys = realloc(k->keys, k->cap * sizeof(int)))) {
            term_stop();
            cmd_diex(1, "out of memory");
        }
    }
    k->keys[k->len++] = key;
}

int next_key(void)
{
    int key;

    if (replay.next < replay.len) {
        key = replay.keys[replay.next++];
    } else {
        replay.len = replay.next = 0;
        key = term_read_key();
    }
    if (key == KEY_EOF) { /* input gone: nobody can quit by hand any more */
        term_stop();
        exit(ed.modified ? 1 : 0);
    }
    if (recording_on)
        keys_append(&recording, key);
    return key;
}

void record_start(void)
{
    recording.len = 0;
    recording_on = 1;
}

/* The command being recorded changed the text: keep its keys for '.'. */
void record_keep(void)
{
    recording_on = 0;
    last_change.len = 0;
    for (size_t i = 0; i < recording.len; i++)
        keys_append(&last_change, recording.keys[i]);
}

void record_stop(void)
{
    recording_on = 0;
}

void replay_last_change(void)
{
    if (last_change.len == 0) {
        message("No change to repeat");
        return;
    }
    for (size_t i = 0; i < last_change.len; i++)
        keys_append(&replay, last_change.keys[i]);
}

/* Keep the cursor inside the text; in normal mode not past the last byte. */
void clamp_cursor(int insert)
{
    long len;

    if (ed.line >= ed.text.n)
        ed.line = ed.text.n - 1;
    if (ed.line < 0)
        ed.line = 0;
    len = ed.text.lines[ed.line].len;
    if (ed.col > len - (insert ? 0 : 1))
        ed.col = len - (insert ? 0 : 1);
    if (ed.col < 0)
        ed.col = 0;
}

static void insert_newline(void)
{
    struct vi_line *l = &ed.text.lines[ed.line];

    text_insert_line(&ed.text, ed.line + 1, l->text + ed.col, l->len - ed.col);
    ed.text.lines[ed.line].len = ed.col;
    ed.line++;
    ed.col = 0;
}

static void insert_backspace(void)
{
    if (ed.col > 0) {
        line_delete_bytes(&ed.text.lines[ed.line], --ed.col, 1);
    } else if (ed.line > 0) {
        struct vi_line *prev = &ed.text.lines[ed.line - 1], *l = &ed.text.lines[ed.line];

        ed.col = prev->len;
        line_insert_bytes(prev, prev->len, l->text, l->len);
        text_delete_lines(&ed.text, ed.line, 1);
        ed.line--;
    }
}

/* Insert mode until Esc; the caller has placed the cursor and saved undo. */
void insert_mode(int repeat)
{
    (void)repeat;
    message("-- INSERT --");
    for (;;) {
        int key;

        clamp_cursor(1);
        if (replay.next >= replay.len)
            term_redraw(0);
        key = next_key();
        ed.modified |= key != KEY_ESC;
        if (key == KEY_ESC) {
            break;
        } else if (key == '\r' || key == '\n') {
            insert_newline();
        } else if (key == 127 || key == CONTROL('H')) {
            insert_backspace();
        } else if (key == KEY_DELETE) {
            line_delete_bytes(&ed.text.lines[ed.line], ed.col, 1);
        } else if (key == KEY_LEFT || key == KEY_RIGHT) {
            ed.col += key == KEY_LEFT ? -1 : 1;
        } else if (key == KEY_UP || key == KEY_DOWN) {
            ed.line += key == KEY_UP ? -1 : 1;
        } else if (key < 256 && (key >= 32 || key == '\t')) {
            char byte = key;

            line_insert_bytes(&ed.text.lines[ed.line], ed.col++, &byte, 1);
        }
    }
    ed.message[0] = '\0';
    if (ed.col > 0)
        ed.col--;
    clamp_cursor(0);
}

/* Read a line after prompt on the bottom row; NULL if Esc cancels it. */
char *read_command_line(const char *prompt)
{
    size_t len = 0, cap = 64;
    char *line = malloc(cap);

    if (!line)
        return NULL;
    line[0] = '\0';
    for (;;) {
        int key;

        if (replay.next >= replay.len)
            term_command_line(prompt, line);
        key = next_key();
        if (key == '\r' || key == '\n')
            return line;
        if (key == KEY_ESC || ((key == 127 || key == CONTROL('H')) && len == 0)) {
            free(line);
            return NULL;
        }
        if (key == 127 || key == CONTROL('H')) {
            line[--len] = '\0';
        } else if (key < 256 && (key >= 32 || key == '\t')) {
            if (len + 2 > cap && !(line = realloc(line, cap *= 2)))
                return NULL;
            line[len++] = key;
            line[len] = '\0';
        }
    }
}

int main(int argc, char **argv)
{
    const char *start_command = NULL;
    int arg = 1;

    cmd_setname(argv[0]);
    if (arg < argc && argv[arg][0] == '+')
        start_command = argv[arg++][1] ? argv[arg - 1] + 1 : "$";
    if (argc - arg > 1 || (arg < argc && argv[arg][0] == '-'))
        cmd_usage("[+line] [file]");
    text_init(&ed.text);
    text_init(&ed.undo_text);
    term_start();
    if (arg < argc) {
        ed.filename = strdup(argv[arg]);
        text_load(ed.filename);
    }
    if (start_command)
        ex_command(start_command);
    while (!ed.quit) {
        clamp_cursor(0);
        term_redraw(0);
        normal_command();
    }
    term_stop();
    return 0;
}
