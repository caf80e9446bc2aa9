/* vi: the ':' commands (write, quit, edit, go to line) and '/' '?' searches. */
#include <ctype.h>
#include <limits.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "vi.h"

static int write_file(const char *name)
{
    if (!name || !*name) {
        message("No file name");
        return -1;
    }
    if (text_save(name) < 0)
        return -1;
    if (!ed.filename)
        ed.filename = strdup(name);
    if (ed.filename && !strcmp(name, ed.filename))
        ed.modified = 0;
    return 0;
}

static void edit_file(const char *name, int force)
{
    if (ed.modified && !force) {
        message("No write since last change (add ! to override)");
        return;
    }
    if (!*name)
        name = ed.filename;
    if (!name) {
        message("No file name");
        return;
    }
    name = strdup(name);
    if (text_load(name) < 0) {
        free((char *)name);
        return;
    }
    free(ed.filename);
    ed.filename = (char *)name;
    ed.modified = 0;
    ed.have_undo = 0;
    ed.line = ed.col = ed.top = ed.left = 0;
}

static void go_to_line(const char *cmd)
{
    long line = *cmd == '$' ? ed.text.n : atol(cmd);

    ed.line = line < 1 ? 0 : line > ed.text.n ? ed.text.n - 1 : line - 1;
    ed.col = 0;
    while (ed.col < (long)ed.text.lines[ed.line].len &&
           isblank((unsigned char)ed.text.lines[ed.line].text[ed.col]))
        ed.col++;
}

void ex_command(const char *cmd)
{
    char name[16];
    size_t n = 0;
    int force;

    while (*cmd == ' ' || *cmd == ':')
        cmd++;
    if (isdigit((unsigned char)*cmd) || (*cmd == '$' && !cmd[1])) {
        go_to_line(cmd);
        return;
    }
    while (isalpha((unsigned char)*cmd) && n < sizeof(name) - 1)
        name[n++] = *cmd++;
    name[n] = '\0';
    force = *cmd == '!';
    cmd += force;
    while (*cmd == ' ')
        cmd++;
    if (!strcmp(name, "w") || !strcmp(name, "write")) {
        write_file(*cmd ? cmd : ed.filename);
    } else if (!strcmp(name, "q") || !strcmp(name, "quit")) {
        if (ed.modified && !force)
            message("No write since last change (add ! to override)");
        else
            ed.quit = 1;
    } else if (!strcmp(name, "wq") || !strcmp(name, "x") || !strcmp(name, "exit")) {
        if ((name[0] == 'w' || ed.modified || *cmd) && write_file(*cmd ? cmd : ed.filename) < 0)
            return;
        ed.quit = 1;
    } else if (!strcmp(name, "e") || !strcmp(name, "edit")) {
        edit_file(cmd, force);
    } else if (n > 0 || *cmd) {
        message("Not an editor command: %s%s", name, cmd);
    }
}

/* The last match of re in line at a byte before 'before' (or any if before < 0). */
static long match_in_line(const regex_t *re, long line, long from, long before)
{
    const struct vi_line *l = &ed.text.lines[line];
    char *copy = malloc(l->len + 1);
    long found = -1;
    regmatch_t m;

    if (!copy)
        return -1;
    memcpy(copy, l->text, l->len);
    copy[l->len] = '\0';
    while (from <= (long)l->len &&
           regexec(re, copy + from, 1, &m, from > 0 ? REG_NOTBOL : 0) == 0) {
        long at = from + m.rm_so;

        if (before >= 0 && at >= before)
            break;
        found = at;
        if (before < 0)
            break; /* searching forward: the first one will do */
        from = at + 1;
    }
    free(copy);
    return found;
}

/* Search the lines after (or before) the cursor, wrapping round the end. */
static int find_match(const regex_t *re, int backward, long *line, long *col)
{
    for (long i = 0; i <= ed.text.n; i++) {
        long l, at;

        if (backward) {
            l = ((ed.line - i) % ed.text.n + ed.text.n) % ed.text.n;
            at = match_in_line(re, l, 0, i == 0 ? ed.col : LONG_MAX);
        } else {
            l = (ed.line + i) % ed.text.n;
            at = match_in_line(re, l, i == 0 ? ed.col + 1 : 0, -1);
        }
        if (at >= 0) {
            if (backward ? l > ed.line || (l == ed.line && at >= ed.col)
                         : l < ed.line || (l == ed.line && at <= ed.col))
                message("search hit %s, continuing at %s", backward ? "TOP" : "BOTTOM",
                        backward ? "BOTTOM" : "TOP");
            *line = l;
            *col = at;
            return 1;
        }
    }
    return 0;
}

void search(const char *pattern, int backward)
{
    regex_t re;
    long line, col;
    int err;

    if (!*pattern) {
        if (!ed.last_search) {
            message("No previous regular expression");
            return;
        }
        pattern = ed.last_search;
    }
    if (pattern != ed.last_search) {
        free(ed.last_search);
        ed.last_search = strdup(pattern);
        ed.search_backward = backward;
    }
    if ((err = regcomp(&re, ed.last_search, 0)) != 0) {
        char text[128];

        regerror(err, &re, text, sizeof(text));
        message("Bad pattern: %s", text);
        return;
    }
    if (find_match(&re, backward, &line, &col)) {
        ed.line = line;
        ed.col = col;
        ed.want_col = display_col(&ed.text.lines[line], col);
    } else {
        message("Pattern not found: %s", ed.last_search);
    }
    regfree(&re);
}
