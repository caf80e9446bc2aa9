/* Backslash escapes shared by echo, printf's format and printf %b. */
#include <string.h>

#include "escape.h"

int escape_decode(const char *s, struct strbuf *out, bool octal_needs_zero, size_t *used)
{
    const char *p = s + 1;
    int value = 0, digits = 0;
    static const char simple[] = "a\ab\bf\fn\nr\rt\tv\v\\\\e\033";

    if (*p == 'c') {
        *used = 2;
        return ESCAPE_STOP;
    }
    for (const char *q = simple; *q; q += 2) {
        if (*p == q[0]) {
            sb_addc(out, q[1]);
            *used = 2;
            return 0;
        }
    }
    if (octal_needs_zero && *p == '0')
        p++; /* \0ddd: the zero does not count as a digit */
    else if (*p < '0' || *p > '7') {
        sb_addc(out, '\\');
        *used = 1;
        return 0;
    }
    while (digits < 3 && *p >= '0' && *p <= '7') {
        value = value * 8 + (*p++ - '0');
        digits++;
    }
    sb_addc(out, (char)value);
    *used = (size_t)(p - s);
    return 0;
}

/* Expand the escapes of s into out; ESCAPE_STOP if \c ended it. */
int escape_expand(const char *s, struct strbuf *out, bool octal_needs_zero)
{
    while (*s) {
        size_t used;

        if (*s != '\\' || !s[1]) {
            sb_addc(out, *s++);
            continue;
        }
        if (escape_decode(s, out, octal_needs_zero, &used) == ESCAPE_STOP)
            return ESCAPE_STOP;
        s += used;
    }
    return 0;
}
