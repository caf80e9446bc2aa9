/*
 * fnmatch(): shell pattern matching.
 *
 * The pattern is walked once against the string. '?', a bracket
 * expression or a literal matches one character; '*' remembers where it
 * stands, and on a later mismatch the last star takes one more character
 * and matching resumes after it. Only the last star needs revisiting: any
 * way an earlier star could take more is also open to the later one. A
 * star never takes a '/' under FNM_PATHNAME, and since earlier stars then
 * cannot cross that '/' either, reaching one ends the search.
 *
 * This file includes its own header by path, so that the host's unit
 * tests, built against glibc's headers, see Ember's flag values.
 */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "../include/fnmatch.h"

static int fold(int c, int flags)
{
    return (flags & FNM_CASEFOLD) ? tolower(c) : c;
}

/* True when the string position s holds a '.' that FNM_PERIOD protects. */
static bool leading_period(const char *string, const char *s, int flags)
{
    if (!(flags & FNM_PERIOD) || *s != '.')
        return false;
    return s == string || ((flags & FNM_PATHNAME) && s[-1] == '/');
}

static bool class_member(const char *name, size_t len, int c)
{
    static const struct {
        const char *name;
        int (*test)(int);
    } classes[] = {
        { "alnum", isalnum }, { "alpha", isalpha }, { "blank", isblank }, { "cntrl", iscntrl },
        { "digit", isdigit }, { "graph", isgraph }, { "lower", islower }, { "print", isprint },
        { "punct", ispunct }, { "space", isspace }, { "upper", isupper }, { "xdigit", isxdigit },
    };

    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
        if (strlen(classes[i].name) == len && strncmp(classes[i].name, name, len) == 0)
            return classes[i].test(c);
    return false;
}

/* c, or under FNM_CASEFOLD either case of it, is in class name. */
static bool class_match(const char *name, size_t len, int c, int flags)
{
    if (class_member(name, len, c))
        return true;
    return (flags & FNM_CASEFOLD) &&
           (class_member(name, len, tolower(c)) || class_member(name, len, toupper(c)));
}

static bool range_match(int lo, int hi, int c, int flags)
{
    if (lo <= c && c <= hi)
        return true;
    if (!(flags & FNM_CASEFOLD))
        return false;
    int lower = tolower(c), upper = toupper(c);
    return (lo <= lower && lower <= hi) || (lo <= upper && upper <= hi);
}

/*
 * One element of a bracket at *pp: an escaped or plain character, or a
 * one-character "[.c.]" / "[=c=]". Stores it in *c and advances *pp;
 * false when the bracket ends before it.
 */
static bool bracket_char(const char **pp, int flags, int *c)
{
    const char *p = *pp;

    if (p[0] == '[' && (p[1] == '.' || p[1] == '=') && p[2] && p[3] == p[1] && p[4] == ']') {
        *c = (unsigned char)p[2];
        *pp = p + 5;
        return true;
    }
    if (*p == '\\' && !(flags & FNM_NOESCAPE) && p[1])
        p++;
    if (*p == '\0')
        return false;
    *c = (unsigned char)*p;
    *pp = p + 1;
    return true;
}

/*
 * Match c against the bracket expression after the '[' at *pp. Returns 1
 * or 0 and moves *pp past the closing ']'; -1 when there is no closing
 * ']' (the '[' is then an ordinary character).
 */
static int match_bracket(const char **pp, int c, int flags)
{
    const char *p = *pp;
    bool negate = *p == '!' || *p == '^', matched = false;

    if (negate)
        p++;
    for (bool first = true;; first = false) {
        int lo, hi;
        if (*p == '\0')
            return -1;
        if (*p == ']' && !first)
            break;
        if (p[0] == '[' && p[1] == ':') {
            const char *end = strstr(p + 2, ":]");
            if (!end)
                return -1;
            matched |= class_match(p + 2, (size_t)(end - p - 2), c, flags);
            p = end + 2;
            continue;
        }
        if (!bracket_char(&p, flags, &lo))
            return -1;
        if (p[0] == '-' && p[1] != ']' && p[1] != '\0') {
            p++;
            if (!bracket_char(&p, flags, &hi))
                return -1;
            matched |= range_match(lo, hi, c, flags);
        } else {
            matched |= fold(lo, flags) == fold(c, flags);
        }
    }
    *pp = p + 1;
    return matched != negate;
}

/*
 * Match the one pattern element at *pp (not a star) against the string
 * character at s. On a match, *pp moves past the element.
 */
static bool match_one(const char **pp, const char *string, const char *s, int flags)
{
    const char *p = *pp;
    int c = (unsigned char)*s;

    switch (*p) {
    case '\0':
        return false;
    case '?':
        if ((c == '/' && (flags & FNM_PATHNAME)) || leading_period(string, s, flags))
            return false;
        *pp = p + 1;
        return true;
    case '[': {
        const char *after = p + 1;
        if ((c == '/' && (flags & FNM_PATHNAME)) || leading_period(string, s, flags))
            return false;
        int r = match_bracket(&after, c, flags);
        if (r >= 0) {
            *pp = after;
            return r == 1;
        }
        break; /* not a bracket: '[' stands for itself */
    }
    case '\\':
        if (!(flags & FNM_NOESCAPE) && p[1])
            p++;
        break;
    }
    if (fold((unsigned char)*p, flags) != fold(c, flags))
        return false;
    *pp = p + 1;
    return true;
}

int fnmatch(const char *pattern, const char *string, int flags)
{
    const char *p = pattern, *s = string;
    const char *star_p = NULL, *star_s = NULL;

    for (;;) {
        if (*p == '*') {
            while (*p == '*')
                p++;
            if (leading_period(string, s, flags))
                return FNM_NOMATCH;
            star_p = p;
            star_s = s;
            continue;
        }
        if (*s == '\0')
            return *p == '\0' ? 0 : FNM_NOMATCH;
        if (match_one(&p, string, s, flags)) {
            s++;
            continue;
        }
        /* Mismatch: the last star takes one more character, if it can. */
        if (!star_p || ((flags & FNM_PATHNAME) && *star_s == '/'))
            return FNM_NOMATCH;
        s = ++star_s;
        p = star_p;
    }
}
