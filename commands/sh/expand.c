/*
 * The expansion driver: fields, IFS splitting, tilde expansion and the
 * final pathname expansion and quote removal. Parameters are in param.c,
 * command substitution in cmdsub.c, arithmetic in arith.c.
 */
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arith.h"
#include "error.h"
#include "expand.h"
#include "glob.h"
#include "history.h"
#include "options.h"
#include "parse.h"
#include "pattern.h"
#include "sh.h"
#include "var.h"

void fields_init(struct fields *f)
{
    f->v = NULL;
    f->n = f->cap = 0;
}

void fields_add(struct fields *f, char *owned)
{
    if (f->n + 1 >= f->cap) {
        f->cap = f->cap ? f->cap * 2 : 8;
        f->v = xrealloc(f->v, sizeof *f->v * (size_t)f->cap);
    }
    f->v[f->n++] = owned;
    f->v[f->n] = NULL;
}

void fields_free(struct fields *f)
{
    for (int i = 0; i < f->n; i++)
        free(f->v[i]);
    free(f->v);
    fields_init(f);
}

static void exp_init(struct expander *e, int flags)
{
    memset(e, 0, sizeof *e);
    e->flags = flags;
    /* A copy: ${IFS=...} may replace the value while it is in use. */
    e->ifs = xstrdup(var_get("IFS") ? var_get("IFS") : " \t\n");
    sb_init(&e->cur);
}

static void exp_free(struct expander *e)
{
    for (int i = 0; i < e->nraw; i++)
        free(e->raw[i]);
    free(e->raw);
    free(e->raw_glob);
    free(e->ifs);
    sb_free(&e->cur);
}

bool exp_error(struct expander *e, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sh_error("%s", msg);
    e->failed = true;
    sh_fail(2);
    return false;
}

/* Finish the current field and start a new one. */
static void push_field(struct expander *e)
{
    if (e->nraw == e->capraw) {
        e->capraw = e->capraw ? e->capraw * 2 : 8;
        e->raw = xrealloc(e->raw, sizeof *e->raw * (size_t)e->capraw);
        e->raw_glob = xrealloc(e->raw_glob, sizeof *e->raw_glob * (size_t)e->capraw);
    }
    e->raw[e->nraw] = sb_take(&e->cur);
    e->raw_glob[e->nraw++] = e->has_glob;
    e->started = false;
    e->has_glob = false;
}

void exp_break(struct expander *e)
{
    push_field(e);
}

static bool wants_pattern(const struct expander *e)
{
    return (e->flags & (EXP_GLOB | EXP_PATTERN)) != 0;
}

static void add_char(struct expander *e, char c, enum add_kind kind)
{
    if (wants_pattern(e)) {
        if (kind == ADD_QUOTED ? strchr("\\*?[]!-^", c) != NULL : c == '\\')
            sb_addc(&e->cur, '\\');
        else if (kind != ADD_QUOTED && (c == '*' || c == '?' || c == '['))
            e->has_glob = true;
    }
    sb_addc(&e->cur, c);
    e->started = true;
    e->ws_delim = false;
}

/* An IFS character in an unquoted expansion: maybe end the field. */
static void split_at(struct expander *e, char c)
{
    bool white = c == ' ' || c == '\t' || c == '\n';

    if (white) {
        if (e->started) {
            push_field(e);
            e->ws_delim = true;
        }
        return;
    }
    if (e->started)
        push_field(e);
    else if (!e->ws_delim)
        push_field(e);
    e->ws_delim = false;
}

void exp_add(struct expander *e, const char *s, size_t len, enum add_kind kind)
{
    bool split = kind == ADD_EXPANDED && (e->flags & EXP_FIELDS);

    if (kind == ADD_QUOTED)
        e->started = true;
    for (size_t i = 0; i < len; i++) {
        if (split && s[i] && strchr(e->ifs, s[i]))
            split_at(e, s[i]);
        else
            add_char(e, s[i], kind);
    }
}

/* The home directory for a tilde-prefix, or NULL. */
static const char *tilde_home(const char *login, size_t len)
{
    char name[256];
    struct passwd *pw;

    if (len == 0)
        return var_get("HOME");
    if (len >= sizeof name)
        return NULL;
    memcpy(name, login, len);
    name[len] = '\0';
    pw = getpwnam(name);
    return pw ? pw->pw_dir : NULL;
}

/*
 * s starts with '~': expand the tilde-prefix if it is one. last: s is the
 * end of the word. Returns the number of characters used.
 */
static size_t try_tilde(struct expander *e, const char *s, size_t len, bool last)
{
    const char *stops = (e->flags & EXP_ASSIGN) ? "/:" : "/";
    size_t end = 1;
    const char *home;

    while (end < len && !strchr(stops, s[end]))
        end++;
    if (end == len && !last)
        return 0;
    home = tilde_home(s + 1, end - 1);
    if (!home)
        return 0;
    exp_add(e, home, strlen(home), ADD_QUOTED);
    return end;
}

/* Unquoted script text, with tilde expansion where it applies. */
static void add_literal(struct expander *e, const char *s, size_t len, enum add_kind kind,
                        bool word_start, bool last)
{
    size_t i = 0;

    if (word_start && (e->flags & EXP_TILDE) && len > 0 && s[0] == '~')
        i = try_tilde(e, s, len, last);
    while (i < len) {
        size_t j = i;

        while (j < len && !((e->flags & EXP_ASSIGN) && (s[j] == ':' || s[j] == '=') &&
                            j + 1 < len && s[j + 1] == '~'))
            j++;
        if (j < len)
            j++; /* keep the ':' or '=' */
        exp_add(e, s + i, j - i, kind);
        i = j;
        if (i < len && s[i] == '~')
            i += try_tilde(e, s + i, len - i, last);
    }
}

static bool exp_arith(struct expander *e, struct part *pt)
{
    char *expr = expand_string(pt->arith, 0);
    char buf[32];
    long value;

    if (!expr) {
        e->failed = true;
        return false;
    }
    if (arith_eval(expr, &value) < 0) {
        free(expr);
        e->failed = true;
        sh_fail(2);
        return false;
    }
    free(expr);
    snprintf(buf, sizeof buf, "%ld", value);
    exp_add(e, buf, strlen(buf), pt->quoted ? ADD_QUOTED : ADD_EXPANDED);
    return true;
}

static bool exp_cmdsub(struct expander *e, struct part *pt)
{
    char *out = cmdsub_output(pt->cmdsub);

    exp_add(e, out, strlen(out), pt->quoted ? ADD_QUOTED : ADD_EXPANDED);
    free(out);
    return true;
}

bool exp_parts(struct expander *e, struct part *parts, bool operand)
{
    for (struct part *pt = parts; pt && !e->failed; pt = pt->next) {
        switch (pt->kind) {
        case PART_LIT:
            if (pt->quoted)
                exp_add(e, pt->lit.text, pt->lit.len, ADD_QUOTED);
            else
                add_literal(e, pt->lit.text, pt->lit.len, operand ? ADD_EXPANDED : ADD_LITERAL,
                            pt == parts, pt->next == NULL);
            break;
        case PART_PARAM:
            exp_param(e, pt->param, pt->quoted);
            break;
        case PART_CMDSUB:
            exp_cmdsub(e, pt);
            break;
        case PART_ARITH:
            exp_arith(e, pt);
            break;
        }
    }
    return !e->failed;
}

char *pattern_unescape(const char *pattern)
{
    char *out = xmalloc(strlen(pattern) + 1), *o = out;

    for (const char *s = pattern; *s; s++) {
        if (*s == '\\' && s[1])
            s++;
        *o++ = *s;
    }
    *o = '\0';
    return out;
}

/* Pathname expansion and quote removal of the finished fields. */
static void finish_fields(struct expander *e, struct fields *out)
{
    for (int i = 0; i < e->nraw; i++) {
        if ((e->flags & EXP_GLOB) && e->raw_glob[i] && !opt.noglob &&
            pattern_has_magic(e->raw[i]) && glob_expand(e->raw[i], out) > 0)
            continue;
        if (e->flags & EXP_GLOB)
            fields_add(out, pattern_unescape(e->raw[i]));
        else
            fields_add(out, xstrdup(e->raw[i]));
    }
}

static char *expand_joined(struct word *w, int flags);

/* name=value after export: expanded as an assignment, in one field. */
static char *expand_declaration(struct word *w)
{
    return expand_joined(w, EXP_TILDE | EXP_ASSIGN);
}

int expand_words(struct word *words, struct fields *out)
{
    for (struct word *w = words; w; w = w->next) {
        struct expander e;

        if (w->decl) {
            char *value = expand_declaration(w);

            if (!value)
                return -1;
            fields_add(out, value);
            continue;
        }
        exp_init(&e, EXP_FIELDS | EXP_GLOB | EXP_TILDE);
        if (!exp_parts(&e, w->parts, false)) {
            exp_free(&e);
            return -1;
        }
        if (e.started)
            push_field(&e);
        finish_fields(&e, out);
        exp_free(&e);
    }
    return 0;
}

/* Expand without splitting: the fields (there may be several from "$@") joined. */
static char *expand_joined(struct word *w, int flags)
{
    struct expander e;
    struct strbuf joined;

    exp_init(&e, flags);
    if (!exp_parts(&e, w ? w->parts : NULL, false)) {
        exp_free(&e);
        return NULL;
    }
    sb_init(&joined);
    for (int i = 0; i < e.nraw; i++) {
        sb_adds(&joined, e.raw[i]);
        sb_addc(&joined, ' ');
    }
    sb_addn(&joined, sb_str(&e.cur), e.cur.len);
    exp_free(&e);
    return sb_take(&joined);
}

char *expand_string(struct word *w, int flags)
{
    return expand_joined(w, flags & (EXP_TILDE | EXP_ASSIGN));
}

char *expand_pattern(struct word *w)
{
    return expand_joined(w, EXP_PATTERN | EXP_TILDE);
}

char *expand_text(const char *text, bool *failed)
{
    struct arena *arena = arena_new();
    struct input in;
    struct parser p;
    struct word *w;
    char *result = NULL;

    input_init_string(&in, "", 1);
    parser_init(&p, &in);
    p.arena = arena;
    w = lex_heredoc_text(&p, text, 1);
    *failed = w == NULL;
    if (w)
        result = expand_string(w, 0);
    *failed = result == NULL;
    input_free(&in);
    arena_unref(arena);
    return result;
}

/* PS1's '!' is the number of the next history entry; "!!" is a '!'. */
static char *history_numbers(const char *value)
{
    struct strbuf sb;

    sb_init(&sb);
    for (const char *s = value; *s; s++) {
        if (*s == '!' && s[1] == '!')
            sb_addc(&sb, *s++);
        else if (*s == '!' && (s == value || s[-1] != '$'))
            sb_addf(&sb, "%d", history_count() + 1);
        else
            sb_addc(&sb, *s);
    }
    return sb_take(&sb);
}

char *expand_prompt(const char *varname)
{
    const char *value = var_get(varname);
    enum unwind saved_unwind = sh.unwind;
    int saved_status = sh.status;
    char *prompt, *numbered;
    bool failed;

    if (!value)
        return xstrdup("");
    numbered = strcmp(varname, "PS1") == 0 ? history_numbers(value) : xstrdup(value);
    prompt = expand_text(numbered, &failed);
    free(numbered);
    sh.unwind = saved_unwind;
    sh.status = saved_status;
    return prompt ? prompt : xstrdup(value);
}
