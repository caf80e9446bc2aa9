/* Kernel command-line options: words of the form "flag" or "name=value". */
#include "kernel.h"
#include "bootinfo.h"

/* Find the word starting with name and ending at '=', ' ' or end; return its value or "". */
static const char *find_word(const char *name)
{
    size_t n = strlen(name);
    const char *p = bootinfo.cmdline;

    while (*p) {
        while (*p == ' ')
            p++;
        if (strncmp(p, name, n) == 0 && (p[n] == '\0' || p[n] == ' ' || p[n] == '='))
            return p + n;
        while (*p && *p != ' ')
            p++;
    }
    return NULL;
}

bool cmdline_flag(const char *name)
{
    return find_word(name) != NULL;
}

const char *cmdline_value(const char *name, char *buf, size_t size)
{
    const char *p = find_word(name);
    size_t i = 0;

    if (!p || *p != '=')
        return NULL;
    for (p++; *p && *p != ' ' && i + 1 < size; p++)
        buf[i++] = *p;
    buf[i] = '\0';
    return buf;
}
