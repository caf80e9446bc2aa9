/*
 * vi: normal mode. A command is [count] then a key; motions move the
 * cursor, and the operators d, c and y take a motion (or themselves,
 * "dd", for whole lines) and act on the text between the cursor and
 * where the motion would go. A motion is linewise (j k G gg ...) or
 * characterwise, and a characterwise one is inclusive (e $ f t) or not.
 * Commands that change the text save undo first and return 1, so that
 * their keys are kept for '.'.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "vi.h"

struct vi_pos {
    long line, col;
};

struct vi_motion {
    struct vi_pos to;
    int linewise, inclusive;
};

static struct vi_line *cur_line(void)
{
    return &ed.text.lines[ed.line];
}

/* The byte at p; '\n' at the end of a line. */
static int byte_at(struct vi_pos p)
{
    const struct vi_line *l = &ed.text.lines[p.line];

    return p.col < (long)l->len ? (unsigned char)l->text[p.col] : '\n';
}

static int pos_next(struct vi_pos *p)
{
    if (p->col < (long)ed.text.lines[p->line].len) {
        p->col++;
        return 1;
    }
    if (p->line + 1 >= ed.text.n)
        return 0;
    p->line++;
    p->col = 0;
    return 1;
}

static int pos_prev(struct vi_pos *p)
{
    if (p->col > 0) {
        p->col--;
        return 1;
    }
    if (p->line == 0)
        return 0;
    p->line--;
    p->col = ed.text.lines[p->line].len;
    return 1;
}

/* 0 for blanks and line ends, 1 for word bytes, 2 for punctuation; big words: 1 or 0. */
static int byte_class(int c, int big)
{
    if (c == ' ' || c == '\t' || c == '\n')
        return 0;
    if (big || isalnum(c) || c == '_')
        return 1;
    return 2;
}

static struct vi_pos word_forward(struct vi_pos p, int big)
{
    int cls = byte_class(byte_at(p), big);

    if (cls)
        while (pos_next(&p) && byte_class(byte_at(p), big) == cls)
            ;
    while (byte_class(byte_at(p), big) == 0) {
        if (p.col == 0 && ed.text.lines[p.line].len == 0)
            break; /* an empty line is a word of its own */
        if (!pos_next(&p))
            break;
    }
    return p;
}

static struct vi_pos word_end(struct vi_pos p, int big)
{
    int cls;

    pos_next(&p);
    while (byte_class(byte_at(p), big) == 0 && pos_next(&p))
        ;
    cls = byte_class(byte_at(p), big);
    for (struct vi_pos q = p; pos_next(&q) && byte_class(byte_at(q), big) == cls && cls;)
        p = q;
    return p;
}

static struct vi_pos word_backward(struct vi_pos p, int big)
{
    int cls;

    if (!pos_prev(&p))
        return p;
    while (byte_class(byte_at(p), big) == 0 && !(p.col == 0 && !ed.text.lines[p.line].len))
        if (!pos_prev(&p))
            return p;
    cls = byte_class(byte_at(p), big);
    for (struct vi_pos q = p; pos_prev(&q) && byte_class(byte_at(q), big) == cls && cls;)
        p = q;
    return p;
}

static long first_nonblank(long line)
{
    const struct vi_line *l = &ed.text.lines[line];
    long col = 0;

    while (col < (long)l->len && (l->text[col] == ' ' || l->text[col] == '\t'))
        col++;
    return col;
}

/* f F t T: find the count-th c on the line. */
static int find_in_line(int key, int c, long count, struct vi_motion *m)
{
    const struct vi_line *l = cur_line();
    int step = key == 'f' || key == 't' ? 1 : -1;
    long col = ed.col;

    while (count-- > 0) {
        do
            col += step;
        while (col >= 0 && col < (long)l->len && l->text[col] != c);
        if (col < 0 || col >= (long)l->len)
            return 0;
    }
    if (key == 't' || key == 'T')
        col -= step;
    m->to.col = col;
    m->inclusive = step > 0;
    return 1;
}

static long clamp_line(long line)
{
    return line < 0 ? 0 : line >= ed.text.n ? ed.text.n - 1 : line;
}

/* Vertical motions keep aiming at ed.want_col. */
static void to_line(struct vi_motion *m, long line)
{
    m->to.line = clamp_line(line);
    m->to.col = byte_at_col(&ed.text.lines[m->to.line], ed.want_col);
    m->linewise = 1;
}

static int line_motion(int key, long count, struct vi_motion *m)
{
    long n = count ? count : 1;

    switch (key) {
    case 'j':
    case KEY_DOWN:
    case CONTROL('N'):
        to_line(m, ed.line + n);
        return ed.line + n < ed.text.n;
    case 'k':
    case KEY_UP:
    case CONTROL('P'):
        to_line(m, ed.line - n);
        return ed.line - n >= 0;
    case '+':
    case '\r':
    case '-':
        to_line(m, ed.line + (key == '-' ? -n : n));
        m->to.col = first_nonblank(m->to.line);
        return 1;
    case 'G':
        to_line(m, count ? count - 1 : ed.text.n - 1);
        m->to.col = first_nonblank(m->to.line);
        return 1;
    case 'H':
    case 'L':
    case 'M': {
        long last = clamp_line(ed.top + ed.rows - 2);

        to_line(m, key == 'H' ? ed.top + n - 1 : key == 'L' ? last - n + 1 : (ed.top + last) / 2);
        m->to.col = first_nonblank(m->to.line);
        return 1;
    }
    }
    return -1;
}

static int char_motion(int key, long count, struct vi_motion *m)
{
    long n = count ? count : 1, len = cur_line()->len;

    switch (key) {
    case 'h':
    case KEY_LEFT:
    case 127:
    case CONTROL('H'):
        m->to.col = ed.col - n < 0 ? 0 : ed.col - n;
        return ed.col > 0;
    case 'l':
    case KEY_RIGHT:
    case ' ':
        m->to.col = ed.col + n > len ? len : ed.col + n;
        return len > 0;
    case '0':
    case KEY_HOME:
        m->to.col = 0;
        return 1;
    case '^':
        m->to.col = first_nonblank(ed.line);
        return 1;
    case '$':
    case KEY_END:
        m->to.line = clamp_line(ed.line + n - 1);
        m->to.col = ed.text.lines[m->to.line].len ? (long)ed.text.lines[m->to.line].len - 1 : 0;
        m->inclusive = 1;
        return 1;
    case 'f':
    case 'F':
    case 't':
    case 'T':
        return find_in_line(key, next_key(), n, m);
    }
    return -1;
}

static int word_motion(int key, long count, struct vi_motion *m)
{
    long n = count ? count : 1;
    int big = isupper(key);

    for (long i = 0; i < n; i++) {
        if (key == 'w' || key == 'W')
            m->to = word_forward(m->to, big);
        else if (key == 'e' || key == 'E')
            m->to = word_end(m->to, big);
        else
            m->to = word_backward(m->to, big);
    }
    m->inclusive = key == 'e' || key == 'E';
    return 1;
}

/* Work out where motion key goes; 1 if it can, 0 if it fails, -1 if key is no motion. */
static int motion(int key, long count, struct vi_motion *m)
{
    int result;

    m->to.line = ed.line;
    m->to.col = ed.col;
    m->linewise = m->inclusive = 0;
    if (key == 'g') {
        if (next_key() != 'g')
            return 0;
        key = 'G';
        count = count ? count : 1;
    }
    if ((result = line_motion(key, count, m)) >= 0)
        return result;
    if ((result = char_motion(key, count, m)) >= 0)
        return result;
    if (strchr("wWbBeE", key) && key < 128)
        return word_motion(key, count, m);
    return -1;
}

/* The text from a to b (exclusive), possibly across lines, into the register. */
static void yank_chars(struct vi_pos a, struct vi_pos b)
{
    size_t len = 0;

    free(ed.reg.text);
    ed.reg.text = NULL;
    for (struct vi_pos p = a; p.line < b.line || (p.line == b.line && p.col < b.col);) {
        ed.reg.text = realloc(ed.reg.text, len + 2);
        ed.reg.text[len++] = byte_at(p);
        if (!pos_next(&p))
            break;
    }
    ed.reg.len = len;
    ed.reg.linewise = 0;
}

static void yank_lines(long first, long last)
{
    size_t len = 0;

    free(ed.reg.text);
    ed.reg.text = NULL;
    for (long i = first; i <= last; i++) {
        const struct vi_line *l = &ed.text.lines[i];

        ed.reg.text = realloc(ed.reg.text, len + l->len + 2);
        memcpy(ed.reg.text + len, l->text, l->len);
        len += l->len;
        ed.reg.text[len++] = '\n';
    }
    ed.reg.len = len;
    ed.reg.linewise = 1;
}

static void delete_chars(struct vi_pos a, struct vi_pos b)
{
    struct vi_line *first = &ed.text.lines[a.line], *last = &ed.text.lines[b.line];

    if (a.line == b.line) {
        line_delete_bytes(first, a.col, b.col - a.col);
    } else {
        first->len = a.col;
        line_insert_bytes(first, a.col, last->text + b.col, last->len - b.col);
        text_delete_lines(&ed.text, a.line + 1, b.line - a.line);
    }
    ed.line = a.line;
    ed.col = a.col;
}

/* Insert text (which may hold newlines) at p. */
static void insert_text(struct vi_pos p, const char *text, size_t len)
{
    ed.line = p.line;
    ed.col = p.col;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n') {
            struct vi_line *l = cur_line();

            text_insert_line(&ed.text, ed.line + 1, l->text + ed.col, l->len - ed.col);
            ed.text.lines[ed.line].len = ed.col;
            ed.line++;
            ed.col = 0;
        } else {
            line_insert_bytes(cur_line(), ed.col++, &text[i], 1);
        }
    }
}

static int operator_on_lines(int op, long first, long last)
{
    if (first > last) {
        long swap = first;

        first = last;
        last = swap;
    }
    yank_lines(first, last);
    if (op == 'y') {
        ed.line = first;
        return 0;
    }
    undo_save();
    ed.modified = 1;
    if (op == 'c') {
        text_delete_lines(&ed.text, first + 1, last - first);
        ed.text.lines[first].len = 0;
        ed.line = first;
        ed.col = 0;
        insert_mode(1);
        return 1;
    }
    text_delete_lines(&ed.text, first, last - first + 1);
    ed.line = first;
    ed.col = first_nonblank(clamp_line(first));
    return 1;
}

/* Apply operator d, c or y over the motion key (the operator again: whole lines). */
static int operator(int op, int key, long count)
{
    struct vi_motion m;
    struct vi_pos from = { ed.line, ed.col };
    int ok;

    if (key == op)
        return operator_on_lines(op, ed.line, clamp_line(ed.line + (count ? count : 1) - 1));
    if (op == 'c' && (key == 'w' || key == 'W'))
        key = key == 'w' ? 'e' : 'E'; /* cw changes to the end of the word */
    ok = motion(key, count, &m);
    if (ok <= 0)
        return 0;
    if (m.linewise)
        return operator_on_lines(op, ed.line, m.to.line);
    if (m.to.line < from.line || (m.to.line == from.line && m.to.col < from.col)) {
        struct vi_pos swap = m.to;

        m.to = from;
        from = swap;
    }
    if ((key == 'w' || key == 'W') && m.to.line > from.line) {
        m.to.line = from.line; /* dw on a line's last word stops at its end */
        m.to.col = ed.text.lines[from.line].len;
    }
    if (m.inclusive && m.to.col < (long)ed.text.lines[m.to.line].len)
        m.to.col++;
    yank_chars(from, m.to);
    if (op == 'y') {
        ed.line = from.line;
        ed.col = from.col;
        return 0;
    }
    undo_save();
    ed.modified = 1;
    delete_chars(from, m.to);
    if (op == 'c')
        insert_mode(1);
    return 1;
}

static int put(int after, long count)
{
    struct vi_pos p = { ed.line, ed.col };

    if (!ed.reg.text) {
        message("Nothing in register");
        return 0;
    }
    undo_save();
    ed.modified = 1;
    if (ed.reg.linewise) {
        long at = after ? ed.line + 1 : ed.line;

        for (long i = 0; i < (count ? count : 1); i++) {
            p.line = at;
            p.col = 0;
            text_insert_line(&ed.text, at, "", 0); /* an empty line to insert into */
            insert_text(p, ed.reg.text, ed.reg.len - 1);
        }
        ed.line = at;
        ed.col = first_nonblank(at);
        return 1;
    }
    if (after && cur_line()->len > 0)
        p.col++;
    for (long i = 0; i < (count ? count : 1); i++)
        insert_text(p, ed.reg.text, ed.reg.len), p.line = ed.line, p.col = ed.col;
    if (ed.col > 0)
        ed.col--;
    return 1;
}

static int join_lines(long count)
{
    long n = count > 2 ? count - 1 : 1;

    if (ed.line + 1 >= ed.text.n)
        return 0;
    undo_save();
    ed.modified = 1;
    for (long i = 0; i < n && ed.line + 1 < ed.text.n; i++) {
        struct vi_line *l = cur_line(), *next = &ed.text.lines[ed.line + 1];
        long skip = first_nonblank(ed.line + 1);

        while (l->len > 0 && (l->text[l->len - 1] == ' ' || l->text[l->len - 1] == '\t'))
            l->len--;
        ed.col = l->len;
        if (l->len > 0 && skip < (long)next->len)
            line_insert_bytes(l, l->len, " ", 1);
        line_insert_bytes(l, l->len, next->text + skip, next->len - skip);
        text_delete_lines(&ed.text, ed.line + 1, 1);
    }
    return 1;
}

static int replace_chars(long count)
{
    int key = next_key();
    long n = count ? count : 1;
    struct vi_line *l = cur_line();

    if (key == KEY_ESC || key >= 256 || ed.col + n > (long)l->len)
        return 0;
    undo_save();
    ed.modified = 1;
    for (long i = 0; i < n; i++)
        l->text[ed.col + i] = key;
    ed.col += n - 1;
    return 1;
}

static int toggle_case(long count)
{
    struct vi_line *l = cur_line();

    if (l->len == 0)
        return 0;
    undo_save();
    ed.modified = 1;
    for (long i = 0; i < (count ? count : 1) && ed.col < (long)l->len; i++, ed.col++) {
        int c = (unsigned char)l->text[ed.col];

        l->text[ed.col] = isupper(c) ? tolower(c) : toupper(c);
    }
    return 1;
}

/* i a I A o O: place the cursor, then insert. */
static int start_insert(int key)
{
    undo_save();
    if (key == 'a' && cur_line()->len > 0)
        ed.col++;
    else if (key == 'A')
        ed.col = cur_line()->len;
    else if (key == 'I')
        ed.col = first_nonblank(ed.line);
    if (key == 'o' || key == 'O') {
        ed.line += key == 'o';
        text_insert_line(&ed.text, ed.line, "", 0);
        ed.col = 0;
        ed.modified = 1;
    }
    insert_mode(1);
    return 1;
}

static void scroll_pages(int key, long count)
{
    long page = ed.rows - 2 > 0 ? ed.rows - 2 : 1, half = (ed.rows - 1) / 2 ? (ed.rows - 1) / 2 : 1;
    long n = count ? count : 1;

    if (key == CONTROL('F'))
        ed.line += n * page, ed.top += n * page;
    else if (key == CONTROL('B'))
        ed.line -= n * page, ed.top -= n * page;
    else if (key == CONTROL('D'))
        ed.line += half, ed.top += half;
    else
        ed.line -= half, ed.top -= half;
    ed.line = clamp_line(ed.line);
    if (ed.top < 0)
        ed.top = 0;
    if (ed.top >= ed.text.n)
        ed.top = ed.text.n - 1;
}

static int prompt_command(int key)
{
    char prompt[2] = { (char)key, 0 };
    char *line = read_command_line(prompt);

    if (!line)
        return 0;
    if (key == ':')
        ex_command(line);
    else
        search(line, key == '?');
    free(line);
    return 0;
}

/* Commands that are spelled as other commands: x is dl, D is d$, ... */
static int alias(int key, long count)
{
    static const char aliases[][3] = { "xdl", "Xdh", "Dd$", "Cc$", "scl", "Scc", "Yyy" };

    for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
        if (aliases[i][0] != key)
            continue;
        if ((key == 'x' || key == 's') && cur_line()->len == 0)
            return 0;
        return operator(aliases[i][1], aliases[i][2], count);
    }
    return -1;
}

/* The commands that change the text; 1 if it changed, -1 if key is none of them. */
static int change_command(int key, long count)
{
    switch (key) {
    case 'd':
    case 'c':
    case 'y':
        return operator(key, next_key(), count);
    case 'p':
    case 'P':
        return put(key == 'p', count);
    case 'J':
        return join_lines(count);
    case 'r':
        return replace_chars(count);
    case '~':
        return toggle_case(count);
    case 'i':
    case 'a':
    case 'I':
    case 'A':
    case 'o':
    case 'O':
        return start_insert(key);
    case 'u':
    case CONTROL('R'):
        undo_restore();
        return 0;
    }
    return alias(key, count);
}

static void other_command(int key, long count)
{
    switch (key) {
    case ':':
    case '/':
    case '?':
        prompt_command(key);
        break;
    case 'n':
    case 'N':
        if (ed.last_search)
            search(ed.last_search, ed.search_backward != (key == 'N'));
        else
            message("No previous regular expression");
        break;
    case 'Z': {
        int second = next_key();

        if (second == 'Z' || second == 'Q')
            ex_command(second == 'Z' ? "x" : "q!");
        break;
    }
    case '.':
        replay_last_change();
        break;
    case CONTROL('L'):
        term_redraw(1);
        break;
    case CONTROL('G'):
        message("\"%s\"%s line %ld of %ld", ed.filename ? ed.filename : "[No Name]",
                ed.modified ? " [Modified]" : "", ed.line + 1, ed.text.n);
        break;
    case CONTROL('F'):
    case CONTROL('B'):
    case CONTROL('D'):
    case CONTROL('U'):
        scroll_pages(key, count);
        break;
    case KEY_ESC:
        break;
    default:
        message("Unknown command");
    }
}

static void move_cursor(int key, long count)
{
    struct vi_motion m;
    int ok = motion(key, count, &m);

    if (ok < 0) {
        other_command(key, count);
        return;
    }
    if (!ok)
        return;
    ed.line = m.to.line;
    ed.col = m.to.col;
    clamp_cursor(0);
    if (!m.linewise || strchr("G+-\rHLM", key))
        ed.want_col = display_col(cur_line(), ed.col);
}

void normal_command(void)
{
    long count = 0;
    int key, changed;

    record_start();
    key = next_key();
    ed.message[0] = '\0';
    while (key < 256 && isdigit(key) && (key != '0' || count > 0)) {
        count = count > 100000000 ? count : count * 10 + (key - '0');
        key = next_key();
    }
    changed = change_command(key, count);
    if (changed < 0)
        move_cursor(key, count);
    if (changed > 0) {
        record_keep();
        ed.want_col = display_col(cur_line(), ed.col);
    } else {
        record_stop();
    }
    clamp_cursor(0);
}
