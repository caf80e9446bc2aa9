/*
 * sed: the script compiler. One pass over the script text builds the
 * command array; a second pass ties b/t/T to their labels. Errors name
 * the script line and end the program with status 1.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sed.h"

#define SED_MAX_BLOCK_DEPTH 256

struct sed_parser {
    const char *s;
    size_t pos;
    struct sed_script *script;
    long blocks[SED_MAX_BLOCK_DEPTH]; /* indexes of the open '{' */
    int nblocks;
};

struct sed_wfile {
    char *name;
    FILE *f;
};

static struct sed_wfile *wfiles;
static int nwfiles;

static _Noreturn void parse_error(const struct sed_parser *p, const char *what)
{
    long line = 1;

    for (size_t i = 0; i < p->pos && p->s[i]; i++)
        if (p->s[i] == '\n')
            line++;
    cmd_diex(1, "script line %ld: %s", line, what);
}

static void *xmalloc(size_t size)
{
    void *block = malloc(size ? size : 1);

    if (!block)
        cmd_diex(4, "out of memory");
    return block;
}

static int peek(const struct sed_parser *p)
{
    return (unsigned char)p->s[p->pos];
}

static void skip_blanks(struct sed_parser *p)
{
    while (peek(p) == ' ' || peek(p) == '\t')
        p->pos++;
}

static long parse_number(struct sed_parser *p)
{
    long n = 0;

    while (isdigit(peek(p))) {
        if (n > 100000000L)
            parse_error(p, "number too large");
        n = n * 10 + (p->s[p->pos++] - '0');
    }
    return n;
}

/*
 * Read up to the next unescaped delim. "\delim" becomes delim and "\n" a
 * newline; other escapes are kept for regcomp or the replacement.
 */
static char *read_delimited(struct sed_parser *p, int delim, const char *unterminated)
{
    char *out = xmalloc(strlen(p->s + p->pos) + 1);
    size_t len = 0;

    for (;;) {
        int c = peek(p);

        if (c == '\0' || (c == '\n' && delim != '\n'))
            parse_error(p, unterminated);
        p->pos++;
        if (c == delim)
            break;
        if (c == '\\' && peek(p) == delim) {
            c = p->s[p->pos++];
        } else if (c == '\\' && peek(p) == 'n') {
            p->pos++;
            c = '\n';
        } else if (c == '\\' && peek(p) != '\0') {
            out[len++] = c;
            c = p->s[p->pos++];
        }
        out[len++] = c;
    }
    out[len] = '\0';
    return out;
}

static regex_t *compile_regex(struct sed_parser *p, char *text, int icase)
{
    regex_t *re;
    int err;

    if (*text == '\0') {
        free(text);
        return NULL;
    }
    re = xmalloc(sizeof(*re));
    err = regcomp(re, text, (sed_opts.extended ? REG_EXTENDED : 0) | (icase ? REG_ICASE : 0));
    if (err) {
        char message[160], what[200];

        regerror(err, re, message, sizeof(message));
        snprintf(what, sizeof(what), "bad regular expression: %s", message);
        parse_error(p, what);
    }
    free(text);
    return re;
}

static int parse_address(struct sed_parser *p, struct sed_addr *a)
{
    int c = peek(p);

    if (isdigit(c)) {
        a->kind = ADDR_LINE;
        a->line = parse_number(p);
        return 1;
    }
    if (c == '$') {
        p->pos++;
        a->kind = ADDR_LAST;
        return 1;
    }
    if (c == '/' || c == '\\') {
        char *text;
        int icase = 0;

        p->pos++;
        if (c == '\\' && !(c = p->s[p->pos++]))
            parse_error(p, "unterminated address regex");
        text = read_delimited(p, c, "unterminated address regex");
        if (peek(p) == 'I') {
            p->pos++;
            icase = 1;
        }
        a->kind = ADDR_REGEX;
        a->re = compile_regex(p, text, icase);
        return 1;
    }
    return 0;
}

static FILE *open_wfile(struct sed_parser *p, const char *name)
{
    struct sed_wfile *grown;

    if (!*name)
        parse_error(p, "missing file name");
    if (!strcmp(name, "/dev/stdout"))
        return stdout;
    for (int i = 0; i < nwfiles; i++)
        if (!strcmp(wfiles[i].name, name))
            return wfiles[i].f;
    grown = realloc(wfiles, (nwfiles + 1) * sizeof(*wfiles));
    if (!grown)
        cmd_diex(4, "out of memory");
    wfiles = grown;
    wfiles[nwfiles].name = strdup(name);
    wfiles[nwfiles].f = fopen(name, "w");
    if (!wfiles[nwfiles].name || !wfiles[nwfiles].f)
        cmd_die(4, "%s", name);
    return wfiles[nwfiles++].f;
}

/* The rest of the line (r, w file names), blanks before it skipped. */
static char *rest_of_line(struct sed_parser *p)
{
    size_t start, len;
    char *out;

    skip_blanks(p);
    start = p->pos;
    while (peek(p) && peek(p) != '\n')
        p->pos++;
    len = p->pos - start;
    out = xmalloc(len + 1);
    memcpy(out, p->s + start, len);
    out[len] = '\0';
    return out;
}

/* A label for ':' b t T: up to a newline or ';', blanks trimmed. */
static char *parse_label(struct sed_parser *p)
{
    char *label;
    size_t len;

    skip_blanks(p);
    len = strcspn(p->s + p->pos, ";\n");
    while (len > 0 && isblank((unsigned char)p->s[p->pos + len - 1]))
        len--;
    label = xmalloc(len + 1);
    memcpy(label, p->s + p->pos, len);
    label[len] = '\0';
    p->pos += len;
    return label;
}

/*
 * The text of a, i and c: "a\" newline text, or GNU's one-line "a text".
 * A backslash before a newline continues the text; other backslashes
 * escape the next byte.
 */
static char *parse_text(struct sed_parser *p)
{
    char *out = xmalloc(strlen(p->s + p->pos) + 2);
    size_t len = 0;

    skip_blanks(p);
    if (peek(p) == '\\') {
        p->pos++;
        if (peek(p) == '\n')
            p->pos++;
    }
    skip_blanks(p);
    while (peek(p) && peek(p) != '\n') {
        if (peek(p) == '\\' && p->s[p->pos + 1])
            p->pos++;
        out[len++] = p->s[p->pos++];
    }
    out[len++] = '\n';
    out[len] = '\0';
    return out;
}

static void parse_subst_flags(struct sed_parser *p, struct sed_subst *sub, int *icase)
{
    for (;;) {
        int c = peek(p);

        if (c == 'g') {
            sub->global = 1;
        } else if (c == 'p') {
            sub->print = 1;
        } else if (c == 'I' || c == 'i') {
            *icase = 1;
        } else if (isdigit(c)) {
            sub->nth = parse_number(p);
            if (sub->nth == 0)
                parse_error(p, "the s command's number flag may not be 0");
            continue;
        } else if (c == 'w') {
            char *name;

            p->pos++;
            name = rest_of_line(p);
            sub->wfile = open_wfile(p, name);
            free(name);
            return;
        } else {
            return;
        }
        p->pos++;
    }
}

static void parse_subst(struct sed_parser *p, struct sed_cmd *cmd)
{
    struct sed_subst *sub = xmalloc(sizeof(*sub));
    int delim = peek(p), icase = 0;
    char *pattern;

    if (delim == '\0' || delim == '\n' || delim == '\\')
        parse_error(p, "unterminated s command");
    p->pos++;
    memset(sub, 0, sizeof(*sub));
    sub->nth = 1;
    pattern = read_delimited(p, delim, "unterminated s command");
    sub->replacement = read_delimited(p, delim, "unterminated s command");
    parse_subst_flags(p, sub, &icase);
    sub->re = compile_regex(p, pattern, icase);
    cmd->subst = sub;
}

static void parse_translate(struct sed_parser *p, struct sed_cmd *cmd)
{
    int delim = peek(p);
    char *from, *to;
    size_t len;

    if (delim == '\0' || delim == '\n' || delim == '\\')
        parse_error(p, "unterminated y command");
    p->pos++;
    from = read_delimited(p, delim, "unterminated y command");
    to = read_delimited(p, delim, "unterminated y command");
    len = strlen(from);
    if (len != strlen(to))
        parse_error(p, "the y command's strings differ in length");
    cmd->ymap = xmalloc(256);
    for (int c = 0; c < 256; c++)
        cmd->ymap[c] = c;
    for (size_t i = 0; i < len; i++)
        cmd->ymap[(unsigned char)from[i]] = to[i];
    free(from);
    free(to);
}

static struct sed_cmd *new_command(struct sed_script *script)
{
    if (script->ncmds == script->cap) {
        long cap = script->cap ? script->cap * 2 : 32;
        struct sed_cmd *grown = realloc(script->cmds, cap * sizeof(*grown));

        if (!grown)
            cmd_diex(4, "out of memory");
        script->cmds = grown;
        script->cap = cap;
    }
    memset(&script->cmds[script->ncmds], 0, sizeof(script->cmds[0]));
    return &script->cmds[script->ncmds++];
}

/* The arguments of the command named cmd->name, whose letter was just read. */
static void parse_arguments(struct sed_parser *p, struct sed_cmd *cmd)
{
    long index = cmd - p->script->cmds;

    switch (cmd->name) {
    case '{':
        if (p->nblocks == SED_MAX_BLOCK_DEPTH)
            parse_error(p, "blocks nested too deeply");
        p->blocks[p->nblocks++] = index;
        break;
    case '}':
        if (p->nblocks == 0 || cmd->a1.kind != ADDR_NONE)
            parse_error(p, "unexpected '}'");
        p->script->cmds[p->blocks[--p->nblocks]].jump = index;
        break;
    case 'a':
    case 'i':
    case 'c':
        cmd->text = parse_text(p);
        break;
    case ':':
        if (cmd->a1.kind != ADDR_NONE)
            parse_error(p, "':' takes no address");
        /* fall through */
    case 'b':
    case 't':
    case 'T':
        cmd->text = parse_label(p);
        if (cmd->name == ':' && !*cmd->text)
            parse_error(p, "':' needs a label");
        break;
    case 'r':
        cmd->text = rest_of_line(p);
        break;
    case 'w':
        cmd->text = rest_of_line(p);
        cmd->wfile = open_wfile(p, cmd->text);
        break;
    case 's':
        parse_subst(p, cmd);
        break;
    case 'y':
        parse_translate(p, cmd);
        break;
    case 'q':
    case 'Q':
        skip_blanks(p);
        cmd->status = (int)parse_number(p);
        break;
    default:
        if (!strchr("=dDgGhHlnNpPxz", cmd->name))
            parse_error(p, "unknown command");
    }
}

/* One command with its addresses; p->pos is at its first byte. */
static void parse_command(struct sed_parser *p)
{
    struct sed_cmd *cmd = new_command(p->script);

    if (parse_address(p, &cmd->a1)) {
        skip_blanks(p);
        if (peek(p) == ',') {
            p->pos++;
            skip_blanks(p);
            if (!parse_address(p, &cmd->a2))
                parse_error(p, "unexpected ','");
        }
    }
    skip_blanks(p);
    while (peek(p) == '!') {
        cmd->negate = 1;
        p->pos++;
        skip_blanks(p);
    }
    if (!peek(p) || peek(p) == '\n' || peek(p) == ';')
        parse_error(p, "missing command");
    cmd->name = p->s[p->pos++];
    parse_arguments(p, cmd);
    skip_blanks(p);
    if (cmd->name != '{' && peek(p) && !strchr(";\n}#", peek(p)))
        parse_error(p, "extra characters after command");
}

/* b, t and T jump to their label's ':' (or past the end with no label). */
static void resolve_labels(struct sed_script *script)
{
    for (long i = 0; i < script->ncmds; i++) {
        struct sed_cmd *cmd = &script->cmds[i];

        if (!strchr("btT", cmd->name))
            continue;
        cmd->jump = script->ncmds;
        if (!*cmd->text)
            continue;
        for (long j = 0; j < script->ncmds; j++)
            if (script->cmds[j].name == ':' && !strcmp(script->cmds[j].text, cmd->text))
                cmd->jump = j;
        if (cmd->jump == script->ncmds)
            cmd_diex(1, "can't find label for jump to '%s'", cmd->text);
    }
}

void sed_compile(const char *text, struct sed_script *script)
{
    struct sed_parser p = { .s = text, .script = script };

    if (!strncmp(text, "#n\n", 3) || !strcmp(text, "#n"))
        sed_opts.quiet = 1;
    for (;;) {
        while (isspace(peek(&p)) || peek(&p) == ';')
            p.pos++;
        if (peek(&p) == '#') {
            while (peek(&p) && peek(&p) != '\n')
                p.pos++;
            continue;
        }
        if (!peek(&p))
            break;
        parse_command(&p);
    }
    if (p.nblocks)
        parse_error(&p, "unmatched '{'");
    resolve_labels(script);
}
