/*
 * Parameter expansion: $x, the special parameters, and the ${x...} forms.
 * "$@" is the one expansion that makes several fields out of a quoted
 * word: each parameter ends the field being built, and with no parameters
 * it adds nothing at all, not even an empty field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "expand.h"
#include "options.h"
#include "pattern.h"
#include "sh.h"
#include "var.h"

static bool is_digits(const char *s)
{
    return *s && strspn(s, "0123456789") == strlen(s);
}

static char *format_long(long n)
{
    char buf[32];

    snprintf(buf, sizeof buf, "%ld", n);
    return xstrdup(buf);
}

/* "$*": the parameters joined by the first character of IFS. */
static char *join_params(const char *ifs)
{
    struct strbuf sb;
    char sep = ifs ? ifs[0] : ' ';

    sb_init(&sb);
    for (int i = 0; i < posparams.count; i++) {
        if (i > 0 && sep)
            sb_addc(&sb, sep);
        sb_adds(&sb, posparams.values[i]);
    }
    return sb_take(&sb);
}

/* The value of a parameter as a new string, or NULL if it is unset. */
static char *param_value(const char *name)
{
    char letters[32];

    if (is_digits(name)) {
        long n = strtol(name, NULL, 10);

        if (n == 0)
            return xstrdup(sh.arg0 ? sh.arg0 : "sh");
        return n <= posparams.count ? xstrdup(posparams.values[n - 1]) : NULL;
    }
    if (!name[1]) {
        switch (name[0]) {
        case '#':
            return format_long(posparams.count);
        case '?':
            return format_long(sh.status);
        case '$':
            return format_long((long)sh.rootpid);
        case '!':
            return sh.lastbg ? format_long((long)sh.lastbg) : NULL;
        case '-':
            options_letters(letters, sizeof letters);
            return xstrdup(letters);
        case '@':
        case '*':
            return posparams.count ? join_params(var_get("IFS")) : NULL;
        }
    }
    if (strcmp(name, "LINENO") == 0 && !var_get(name))
        return format_long(sh.lineno);
    return var_get(name) ? xstrdup(var_get(name)) : NULL;
}

static bool is_positional_all(const char *name)
{
    return (name[0] == '@' || name[0] == '*') && !name[1];
}

/* $@ or $* (with values possibly transformed by a pattern operator). */
static void add_all(struct expander *e, char **values, int count, bool at, bool quoted)
{
    if (quoted && !at && (e->flags & EXP_FIELDS)) {
        const char *ifs = var_get("IFS");
        char sep = ifs ? ifs[0] : ' ';

        exp_add(e, "", 0, ADD_QUOTED);
        for (int i = 0; i < count; i++) {
            if (i > 0 && sep)
                exp_add(e, &sep, 1, ADD_QUOTED);
            exp_add(e, values[i], strlen(values[i]), ADD_QUOTED);
        }
        return;
    }
    for (int i = 0; i < count; i++) {
        if (i > 0) {
            if (!(e->flags & EXP_FIELDS)) {
                const char *ifs = var_get("IFS");
                char sep = at ? ' ' : (ifs ? ifs[0] : ' ');

                if (sep)
                    exp_add(e, &sep, 1, ADD_QUOTED);
            } else if (quoted || e->started) {
                exp_break(e);
            }
        }
        exp_add(e, values[i], strlen(values[i]), quoted ? ADD_QUOTED : ADD_EXPANDED);
    }
}

static bool unset_error(struct expander *e, const char *name)
{
    return exp_error(e, "%s: parameter not set", name);
}

/* ${x?word}: the message is the word, or a standard one. */
static bool param_error(struct expander *e, struct param *pm, bool unset)
{
    char *msg = pm->arg && pm->arg->parts ? expand_string(pm->arg, EXP_TILDE) : NULL;
    bool ok;

    if (msg && *msg)
        ok = exp_error(e, "%s: %s", pm->name, msg);
    else
        ok = exp_error(e, "%s: %s", pm->name,
                       unset ? "parameter not set" : "parameter null or not set");
    free(msg);
    return ok;
}

/* ${x=word} */
static bool param_assign(struct expander *e, struct param *pm, bool quoted)
{
    char *value;

    if (!is_name(pm->name, strlen(pm->name)))
        return exp_error(e, "%s: cannot assign in this way", pm->name);
    value = expand_string(pm->arg, EXP_TILDE);
    if (!value) {
        e->failed = true;
        return false;
    }
    if (var_set(pm->name, value, 0) < 0) {
        free(value);
        e->failed = true;
        sh_fail(1);
        return false;
    }
    exp_add(e, value, strlen(value), quoted ? ADD_QUOTED : ADD_EXPANDED);
    free(value);
    return true;
}

/* Remove the prefix or suffix that the pattern operator asks for. */
static char *trim(const char *value, const char *pattern, enum param_op op)
{
    size_t len = strlen(value);
    long cut;

    switch (op) {
    case PO_LSMALL:
    case PO_LLARGE:
        cut = pattern_match_prefix(pattern, value, op == PO_LLARGE);
        return xstrdup(cut < 0 ? value : value + cut);
    default:
        cut = pattern_match_suffix(pattern, value, op == PO_RLARGE);
        return xstrndup(value, cut < 0 ? len : (size_t)cut);
    }
}

static bool param_trim(struct expander *e, struct param *pm, char *value, bool quoted)
{
    char *pattern = expand_pattern(pm->arg);
    char *result;

    if (!pattern) {
        e->failed = true;
        return false;
    }
    if (is_positional_all(pm->name)) {
        char **values = xmalloc(sizeof *values * (size_t)(posparams.count + 1));

        for (int i = 0; i < posparams.count; i++)
            values[i] = trim(posparams.values[i], pattern, pm->op);
        add_all(e, values, posparams.count, pm->name[0] == '@', quoted);
        for (int i = 0; i < posparams.count; i++)
            free(values[i]);
        free(values);
    } else {
        result = trim(value ? value : "", pattern, pm->op);
        exp_add(e, result, strlen(result), quoted ? ADD_QUOTED : ADD_EXPANDED);
        free(result);
    }
    free(pattern);
    return true;
}

static void add_value(struct expander *e, struct param *pm, const char *value, bool quoted)
{
    if (is_positional_all(pm->name))
        add_all(e, posparams.values, posparams.count, pm->name[0] == '@', quoted);
    else if (value)
        exp_add(e, value, strlen(value), quoted ? ADD_QUOTED : ADD_EXPANDED);
    else if (quoted)
        exp_add(e, "", 0, ADD_QUOTED);
}

static bool param_length(struct expander *e, struct param *pm, const char *value)
{
    char buf[32];

    if (!value && !is_positional_all(pm->name) && opt.nounset)
        return unset_error(e, pm->name);
    if (is_positional_all(pm->name))
        snprintf(buf, sizeof buf, "%d", posparams.count);
    else
        snprintf(buf, sizeof buf, "%zu", value ? strlen(value) : (size_t)0);
    exp_add(e, buf, strlen(buf), ADD_EXPANDED);
    return true;
}

static bool param_with_value(struct expander *e, struct param *pm, char *value, bool quoted)
{
    bool unset = value == NULL;
    bool use_word = unset || (pm->colon && !*value);

    switch (pm->op) {
    case PO_NONE:
        if (unset && opt.nounset && !is_positional_all(pm->name))
            return unset_error(e, pm->name);
        add_value(e, pm, value, quoted);
        return true;
    case PO_LENGTH:
        return param_length(e, pm, value);
    case PO_DEFAULT:
        if (!use_word) {
            add_value(e, pm, value, quoted);
            return true;
        }
        if (quoted)
            exp_add(e, "", 0, ADD_QUOTED);
        return exp_parts(e, pm->arg->parts, true);
    case PO_ALT:
        if (quoted)
            exp_add(e, "", 0, ADD_QUOTED);
        return use_word || exp_parts(e, pm->arg->parts, true);
    case PO_ASSIGN:
        if (use_word)
            return param_assign(e, pm, quoted);
        add_value(e, pm, value, quoted);
        return true;
    case PO_ERROR:
        if (use_word)
            return param_error(e, pm, unset);
        add_value(e, pm, value, quoted);
        return true;
    default:
        if (unset && opt.nounset && !is_positional_all(pm->name))
            return unset_error(e, pm->name);
        return param_trim(e, pm, value, quoted);
    }
}

bool exp_param(struct expander *e, struct param *pm, bool quoted)
{
    char *value = param_value(pm->name);
    bool ok = param_with_value(e, pm, value, quoted);

    free(value);
    return ok && !e->failed;
}
