/*
 * Scanning words into parts.
 *
 * A word is read in one of several contexts: a plain word (ends at a blank
 * or operator), a double-quoted string, the operand of ${x...}, the text
 * of $((...)) or a here-document body. They differ in which characters end
 * them and which are special, so one scanner loop takes a context and the
 * helpers for quotes, $ and backquotes are shared. Command substitutions
 * are parsed here, at once, by calling back into the parser: that is the
 * only way to find where `$(` ends, e.g. around `case x in x) ...`.
 */
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "sh.h"

enum context {
    CTX_WORD,    /* unquoted word */
    CTX_DQUOTE,  /* "..." */
    CTX_OPERAND, /* ${x-...}: ends at } */
    CTX_ARITH,   /* $((...)): ends at )) */
    CTX_HEREDOC, /* here-document body: ends at end of input */
};

struct builder {
    struct parser *p;
    struct part *head;
    struct part **tail;
    struct strbuf lit; /* literal text not yet made into a part */
    bool lit_quoted;
    bool have_lit;
    int adds; /* pieces added, to tell an empty "" from "$@" */
};

static bool scan(struct builder *b, enum context ctx, bool quoted, bool pattern_op);

static void builder_init(struct builder *b, struct parser *p)
{
    b->p = p;
    b->head = NULL;
    b->tail = &b->head;
    sb_init(&b->lit);
    b->have_lit = false;
    b->lit_quoted = false;
    b->adds = 0;
}

static struct part *new_part(struct builder *b, enum part_kind kind, bool quoted)
{
    struct part *pt = arena_alloc(b->p->arena, sizeof *pt);

    pt->kind = kind;
    pt->quoted = quoted;
    return pt;
}

static void flush_lit(struct builder *b)
{
    struct part *pt;

    if (!b->have_lit)
        return;
    pt = new_part(b, PART_LIT, b->lit_quoted);
    pt->lit.text = arena_strndup(b->p->arena, sb_str(&b->lit), b->lit.len);
    pt->lit.len = b->lit.len;
    *b->tail = pt;
    b->tail = &pt->next;
    sb_reset(&b->lit);
    b->have_lit = false;
}

static void add_lit(struct builder *b, const char *s, size_t len, bool quoted)
{
    if (b->have_lit && b->lit_quoted != quoted)
        flush_lit(b);
    sb_addn(&b->lit, s, len);
    b->have_lit = true;
    b->lit_quoted = quoted;
    b->adds++;
}

static void add_char(struct builder *b, int c, bool quoted)
{
    char ch = (char)c;

    add_lit(b, &ch, 1, quoted);
}

static void add_part(struct builder *b, struct part *pt)
{
    b->adds++;
    flush_lit(b);
    *b->tail = pt;
    b->tail = &pt->next;
}

static struct word *builder_finish(struct builder *b, int line)
{
    struct word *w = arena_alloc(b->p->arena, sizeof *w);

    flush_lit(b);
    sb_free(&b->lit);
    w->parts = b->head;
    w->line = line;
    return w;
}

static void builder_abandon(struct builder *b)
{
    sb_free(&b->lit);
}

static int getch(struct builder *b)
{
    return input_getc(b->p->in);
}

static void ungetch(struct builder *b, int c)
{
    input_ungetc(b->p->in, c);
}

static bool unterminated(struct builder *b, const char *what)
{
    parse_error(b->p, b->p->in->line, "syntax error: unterminated %s", what);
    return false;
}

/* '...': everything literal up to the next quote. */
static bool scan_squote(struct builder *b)
{
    int c;

    add_lit(b, "", 0, true);
    while ((c = getch(b)) != '\'') {
        if (c < 0)
            return unterminated(b, "single-quoted string");
        add_char(b, c, true);
    }
    return true;
}

/* "...": an empty pair still makes a field; "$@" alone may make none. */
static bool scan_dquote(struct builder *b)
{
    int before = b->adds;

    if (!scan(b, CTX_DQUOTE, true, false))
        return false;
    if (b->adds == before)
        add_lit(b, "", 0, true);
    return true;
}

/* A backslash: which chars it quotes depends on the context. */
static void scan_backslash(struct builder *b, enum context ctx, bool quoted)
{
    int c = getch(b);
    const char *special = ctx == CTX_DQUOTE    ? "$`\"\\"
                          : ctx == CTX_OPERAND ? (quoted ? "$`\"\\}" : NULL)
                                               : "$`\\";

    if (c == '\n')
        return;
    if (c < 0) {
        add_char(b, '\\', quoted);
        return;
    }
    if (ctx == CTX_WORD || (ctx == CTX_OPERAND && !quoted) || strchr(special, c)) {
        add_char(b, c, true);
        return;
    }
    add_char(b, '\\', quoted);
    ungetch(b, c);
}

static bool is_name_start(int c)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_name_char(int c)
{
    return is_name_start(c) || (c >= '0' && c <= '9');
}

static bool is_special_param(int c)
{
    return c >= 0 && strchr("@*#?-$!0123456789", c) != NULL;
}

static struct param *new_param(struct builder *b, const char *name, size_t len)
{
    struct param *pm = arena_alloc(b->p->arena, sizeof *pm);

    pm->name = arena_strndup(b->p->arena, name, len);
    return pm;
}

static void add_param(struct builder *b, struct param *pm, bool quoted)
{
    struct part *pt = new_part(b, PART_PARAM, quoted);

    pt->param = pm;
    add_part(b, pt);
}

/* The name after ${ : digits, a special character or an identifier. */
static bool scan_param_name(struct builder *b, struct strbuf *name)
{
    int c = getch(b);

    if (c >= '0' && c <= '9') {
        while (c >= '0' && c <= '9') {
            sb_addc(name, (char)c);
            c = getch(b);
        }
    } else if (is_name_start(c)) {
        while (is_name_char(c)) {
            sb_addc(name, (char)c);
            c = getch(b);
        }
    } else if (is_special_param(c)) {
        sb_addc(name, (char)c);
        c = getch(b);
    }
    ungetch(b, c);
    return name->len > 0;
}

static bool scan_param_op(struct builder *b, struct param *pm)
{
    int c = getch(b);

    if (c == ':') {
        pm->colon = true;
        c = getch(b);
    }
    switch (c) {
    case '-':
        pm->op = PO_DEFAULT;
        return true;
    case '=':
        pm->op = PO_ASSIGN;
        return true;
    case '?':
        pm->op = PO_ERROR;
        return true;
    case '+':
        pm->op = PO_ALT;
        return true;
    case '%':
        pm->op = PO_RSMALL;
        if (pm->colon)
            return false;
        if ((c = getch(b)) == '%')
            pm->op = PO_RLARGE;
        else
            ungetch(b, c);
        return true;
    case '#':
        pm->op = PO_LSMALL;
        if (pm->colon)
            return false;
        if ((c = getch(b)) == '#')
            pm->op = PO_LLARGE;
        else
            ungetch(b, c);
        return true;
    default:
        ungetch(b, c);
        return false;
    }
}

static bool bad_substitution(struct builder *b)
{
    parse_error(b->p, b->p->in->line, "syntax error: bad substitution");
    return false;
}

/* ${#name}, or ${#} and ${#op...} where # is the parameter itself. */
static bool scan_length(struct builder *b, struct param *pm, struct strbuf *name)
{
    int c = getch(b);

    ungetch(b, c);
    if (c == '}' || !(is_name_start(c) || is_special_param(c))) {
        sb_addc(name, '#');
        return true;
    }
    if (!scan_param_name(b, name))
        return bad_substitution(b);
    pm->op = PO_LENGTH;
    return true;
}

/* The word after a ${x op}, up to the closing brace. */
static struct word *scan_operand(struct builder *outer, bool quoted, bool pattern_op)
{
    struct builder b;
    struct parser *p = outer->p;

    builder_init(&b, p);
    if (!scan(&b, CTX_OPERAND, quoted, pattern_op)) {
        builder_abandon(&b);
        return NULL;
    }
    return builder_finish(&b, p->in->line);
}

static bool scan_brace_param(struct builder *b, bool quoted)
{
    struct param pm0 = { 0 }, *pm;
    struct strbuf name;
    int c = getch(b);
    bool ok = true;

    sb_init(&name);
    if (c == '#')
        ok = scan_length(b, &pm0, &name);
    else {
        ungetch(b, c);
        ok = scan_param_name(b, &name) || bad_substitution(b);
    }
    if (ok) {
        pm = new_param(b, sb_str(&name), name.len);
        pm->op = pm0.op;
        c = getch(b);
        if (c != '}' && pm->op == PO_NONE) {
            ungetch(b, c);
            ok = scan_param_op(b, pm) || bad_substitution(b);
            if (ok) {
                bool pattern = pm->op >= PO_RSMALL;

                /* The pattern is not quoted by double quotes around ${}. */
                pm->arg = scan_operand(b, quoted && !pattern, pattern);
                ok = pm->arg != NULL;
            }
        } else if (c != '}')
            ok = bad_substitution(b);
        if (ok)
            add_param(b, pm, quoted);
    }
    sb_free(&name);
    return ok;
}

static bool scan_cmdsub(struct builder *b, bool quoted)
{
    struct part *pt = new_part(b, PART_CMDSUB, quoted);

    pt->cmdsub = parse_cmdsub(b->p);
    if (b->p->failed)
        return false;
    add_part(b, pt);
    return true;
}

/*
 * $((: arithmetic, unless the parentheses do not pair up as (( ... )), as
 * in $((cd x); (cd y)) -- then the text is read again as $( (...) ).
 */
static bool scan_arith(struct builder *b, bool quoted)
{
    struct builder expr;
    struct input *in = b->p->in;
    size_t start = in->capture.len - 1; /* the second '(' */
    struct part *pt;

    builder_init(&expr, b->p);
    if (!scan(&expr, CTX_ARITH, true, false)) {
        builder_abandon(&expr);
        if (b->p->failed)
            return false;
        char *text = xstrndup(in->capture.buf + start, in->capture.len - start);

        for (const char *s = text; *s; s++)
            in->line -= *s == '\n';
        in->capture.len = start;
        in->capture.buf[start] = '\0';
        input_push(in, text, strlen(text), NULL);
        free(text);
        return scan_cmdsub(b, quoted);
    }
    pt = new_part(b, PART_ARITH, quoted);
    pt->arith = builder_finish(&expr, in->line);
    add_part(b, pt);
    return true;
}

static bool scan_backquote(struct builder *b, bool quoted)
{
    struct strbuf text;
    struct part *pt;
    int c, line = b->p->in->line;
    bool failed = false;

    sb_init(&text);
    while ((c = getch(b)) != '`') {
        if (c < 0) {
            sb_free(&text);
            return unterminated(b, "backquote");
        }
        if (c == '\\') {
            int next = getch(b);

            if (next >= 0 && (strchr("$`\\", next) || (quoted && next == '"')))
                c = next;
            else
                ungetch(b, next);
        }
        sb_addc(&text, (char)c);
    }
    pt = new_part(b, PART_CMDSUB, quoted);
    pt->cmdsub = parse_string(b->p->arena, sb_str(&text), line, &failed);
    sb_free(&text);
    if (failed) {
        b->p->failed = true;
        return false;
    }
    add_part(b, pt);
    return true;
}

static bool scan_dollar(struct builder *b, bool quoted)
{
    int c = getch(b);
    char name[2] = { (char)c, 0 };

    if (c == '{')
        return scan_brace_param(b, quoted);
    if (c == '(') {
        c = getch(b);
        if (c == '(')
            return scan_arith(b, quoted);
        ungetch(b, c);
        return scan_cmdsub(b, quoted);
    }
    if (is_name_start(c)) {
        struct strbuf id;

        sb_init(&id);
        while (is_name_char(c)) {
            sb_addc(&id, (char)c);
            c = getch(b);
        }
        ungetch(b, c);
        add_param(b, new_param(b, sb_str(&id), id.len), quoted);
        sb_free(&id);
        return true;
    }
    if (is_special_param(c)) {
        add_param(b, new_param(b, name, 1), quoted);
        return true;
    }
    ungetch(b, c);
    add_char(b, '$', quoted);
    return true;
}

static bool is_word_end(int c)
{
    return c < 0 || strchr(" \t\n;&|<>()", c) != NULL;
}

enum end_check { NOT_END, AT_END, MISMATCH };

/* Does c end the context? May consume the rest of a two-char end. */
static enum end_check at_end(struct builder *b, enum context ctx, int c, int *depth)
{
    switch (ctx) {
    case CTX_WORD:
        return is_word_end(c) ? AT_END : NOT_END;
    case CTX_DQUOTE:
        return c == '"' ? AT_END : NOT_END;
    case CTX_OPERAND:
        return c == '}' ? AT_END : NOT_END;
    case CTX_HEREDOC:
        return c < 0 ? AT_END : NOT_END;
    case CTX_ARITH:
        if (c == '(')
            ++*depth;
        if (c != ')')
            return c < 0 ? MISMATCH : NOT_END;
        if ((*depth)-- > 0)
            return NOT_END;
        return getch(b) == ')' ? AT_END : MISMATCH;
    }
    return AT_END;
}

/* One character that is not a quote, $ or backquote. */
static bool scan_plain(struct builder *b, enum context ctx, bool quoted, bool pattern_op, int c)
{
    if (c < 0 && ctx != CTX_HEREDOC) {
        return unterminated(b, ctx == CTX_DQUOTE ? "double-quoted string" : "${...}");
    }
    if (c == '\'' && (ctx == CTX_WORD || (ctx == CTX_OPERAND && (!quoted || pattern_op))))
        return scan_squote(b);
    if (c == '"' && (ctx == CTX_WORD || ctx == CTX_OPERAND))
        return scan_dquote(b);
    add_char(b, c, quoted);
    return true;
}

static bool scan(struct builder *b, enum context ctx, bool quoted, bool pattern_op)
{
    int depth = 0;
    bool ok = true;

    if (++b->p->depth > MAX_PARSE_DEPTH) {
        parse_error(b->p, b->p->in->line, "syntax error: nesting too deep");
        return false;
    }
    for (;;) {
        int c = getch(b);
        enum end_check end = at_end(b, ctx, c, &depth);

        if (end == MISMATCH) {
            ok = false;
            break;
        }
        if (end == AT_END) {
            if (ctx == CTX_WORD)
                ungetch(b, c);
            break;
        }
        if (c == '\\')
            scan_backslash(b, ctx, quoted);
        else if (c == '$')
            ok = scan_dollar(b, quoted);
        else if (c == '`')
            ok = scan_backquote(b, quoted);
        else
            ok = scan_plain(b, ctx, quoted, pattern_op, c);
        if (!ok)
            break;
    }
    b->p->depth--;
    return ok;
}

struct word *lex_word(struct parser *p)
{
    struct builder b;
    struct word *w;
    int line = p->in->line;
    size_t start = input_capture_begin(p->in);

    builder_init(&b, p);
    if (!scan(&b, CTX_WORD, false, false)) {
        builder_abandon(&b);
        input_capture_end(p->in, start, p->arena);
        return NULL;
    }
    w = builder_finish(&b, line);
    w->text = input_capture_end(p->in, start, p->arena);
    return w;
}

struct word *lex_heredoc_text(struct parser *p, const char *text, int line)
{
    struct input sub, *saved = p->in;
    struct builder b;
    struct word *w = NULL;

    input_init_string(&sub, text, line);
    p->in = &sub;
    input_capture_begin(&sub);
    builder_init(&b, p);
    add_lit(&b, "", 0, true);
    if (scan(&b, CTX_HEREDOC, true, false))
        w = builder_finish(&b, line);
    else
        builder_abandon(&b);
    p->in = saved;
    input_free(&sub);
    return w;
}
