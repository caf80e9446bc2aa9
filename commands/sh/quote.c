/* Quote a string as a single shell word. */
#include <stdbool.h>
#include <string.h>

#include "alloc.h"
#include "quote.h"

static bool is_safe(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++) {
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-", *s))
            return false;
    }
    return true;
}

char *shell_quote(const char *s)
{
    struct strbuf sb;

    if (is_safe(s))
        return xstrdup(s);
    sb_init(&sb);
    sb_addc(&sb, '\'');
    for (; *s; s++) {
        if (*s == '\'')
            sb_adds(&sb, "'\\''");
        else
            sb_addc(&sb, *s);
    }
    sb_addc(&sb, '\'');
    return sb_take(&sb);
}
