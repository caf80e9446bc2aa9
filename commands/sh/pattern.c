/*
 * The matcher walks pattern and string together; on a mismatch it goes
 * back to the last `*` and lets it swallow one more character. Since `*`
 * is the only element of variable length, that one backtracking point is
 * enough, and the time is bounded by the product of the two lengths.
 */
#include <ctype.h>
#include <string.h>

#include "pattern.h"

struct char_class {
    const char *name;
    int (*test)(int c);
};

static const struct char_class classes[] = {
    { "alnum", isalnum }, { "alpha", isalpha }, { "blank", isblank }, { "cntrl", iscntrl },
    { "digit", isdigit }, { "graph", isgraph }, { "lower", islower }, { "print", isprint },
    { "punct", ispunct }, { "space", isspace }, { "upper", isupper }, { "xdigit", isxdigit },
};

/* [:name:] at p (just after '['): does c belong? *end past the ':]'. */
static bool match_class(const char *p, unsigned char c, const char **end, bool *ok)
{
    const char *close = strstr(p + 1, ":]");

    *ok = false;
    if (!close)
        return false;
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
        size_t n = strlen(classes[i].name);

        if ((size_t)(close - (p + 1)) == n && strncmp(p + 1, classes[i].name, n) == 0) {
            *ok = true;
            *end = close + 2;
            return classes[i].test(c) != 0;
        }
    }
    return false;
}

/* One element of a bracket: returns the char and advances *pp. */
static unsigned char bracket_char(const char **pp)
{
    const char *p = *pp;

    if (*p == '\\' && p[1])
        p++;
    *pp = p + 1;
    return (unsigned char)*p;
}

/*
 * The bracket expression at pat (pointing at '['). Returns the position
 * after it and sets *matched, or NULL if it is not a complete bracket
 * expression (then '[' is an ordinary character).
 */
static const char *match_bracket(const char *pat, unsigned char c, bool *matched)
{
    const char *p = pat + 1;
    bool negate = false, found = false;

    if (*p == '!' || *p == '^') {
        negate = true;
        p++;
    }
    do {
        unsigned char lo, hi;
        bool is_class;
        const char *end;

        if (!*p)
            return NULL;
        if (p[0] == '[' && p[1] == ':') {
            bool in = match_class(p + 1, c, &end, &is_class);

            if (is_class) {
                found |= in;
                p = end;
                continue;
            }
        }
        lo = hi = bracket_char(&p);
        if (p[0] == '-' && p[1] && p[1] != ']') {
            p++;
            hi = bracket_char(&p);
        }
        if (c >= lo && c <= hi)
            found = true;
    } while (*p != ']');
    *matched = found != negate;
    return p + 1;
}

/* Does pattern[0] (one element, not '*') match c? *next: the element after. */
static bool match_one(const char *pat, unsigned char c, const char **next)
{
    bool matched;
    const char *after;

    switch (*pat) {
    case '?':
        *next = pat + 1;
        return true;
    case '[':
        after = match_bracket(pat, c, &matched);
        if (after) {
            *next = after;
            return matched;
        }
        *next = pat + 1;
        return c == '[';
    case '\\':
        if (pat[1]) {
            *next = pat + 2;
            return c == (unsigned char)pat[1];
        }
        /* fall through */
    default:
        *next = pat + 1;
        return c == (unsigned char)*pat;
    }
}

/* Match the pattern against exactly len bytes of s. */
static bool match_len(const char *pat, const char *s, size_t len)
{
    const char *star_pat = NULL;
    size_t star_pos = 0, i = 0;

    for (;;) {
        const char *next;

        if (*pat == '*') {
            while (*pat == '*')
                pat++;
            star_pat = pat;
            star_pos = i;
            continue;
        }
        if (i == len && !*pat)
            return true;
        if (i < len && *pat && match_one(pat, (unsigned char)s[i], &next)) {
            pat = next;
            i++;
            continue;
        }
        if (!star_pat || star_pos >= len)
            return false;
        pat = star_pat;
        i = ++star_pos;
    }
}

bool pattern_match(const char *pattern, const char *s)
{
    return match_len(pattern, s, strlen(s));
}

long pattern_match_prefix(const char *pattern, const char *s, bool longest)
{
    size_t len = strlen(s);

    for (size_t k = 0; k <= len; k++) {
        size_t n = longest ? len - k : k;

        if (match_len(pattern, s, n))
            return (long)n;
    }
    return -1;
}

long pattern_match_suffix(const char *pattern, const char *s, bool longest)
{
    size_t len = strlen(s);

    for (size_t k = 0; k <= len; k++) {
        size_t start = longest ? k : len - k;

        if (match_len(pattern, s + start, len - start))
            return (long)start;
    }
    return -1;
}

bool pattern_has_magic(const char *pattern)
{
    bool matched;

    for (const char *p = pattern; *p; p++) {
        if (*p == '\\' && p[1])
            p++;
        else if (*p == '*' || *p == '?')
            return true;
        else if (*p == '[' && match_bracket(p, 'a', &matched))
            return true;
    }
    return false;
}
