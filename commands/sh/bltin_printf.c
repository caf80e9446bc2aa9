/*
 * printf: the format is applied to the arguments, again and again while
 * arguments remain. Each conversion is handed to the C printf with a
 * format rebuilt from the parsed flags, width and precision, so widths
 * and number formatting follow C exactly.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "error.h"
#include "escape.h"

struct printf_state {
    char **args;
    int nargs;
    int next;     /* the next argument to use */
    int status;   /* 1 after a bad number */
    bool stopped; /* \c in a %b argument */
    struct strbuf out;
};

static const char *next_arg(struct printf_state *st)
{
    return st->next < st->nargs ? st->args[st->next++] : NULL;
}

/* A numeric argument: C constants, or 'c for the code of c. */
static long number_arg(struct printf_state *st, bool is_unsigned)
{
    const char *arg = next_arg(st);
    char *end;
    long value;

    if (!arg || !*arg)
        return 0;
    if (arg[0] == '\'' || arg[0] == '"')
        return (unsigned char)arg[1];
    errno = 0;
    value = is_unsigned && arg[0] != '-' ? (long)strtoul(arg, &end, 0) : strtol(arg, &end, 0);
    if (*end || errno) {
        sh_error("printf: %s: %s", arg, errno ? strerror(errno) : "invalid number");
        st->status = 1;
    }
    return value;
}

static double float_arg(struct printf_state *st)
{
    const char *arg = next_arg(st);
    char *end;
    double value;

    if (!arg || !*arg)
        return 0;
    if (arg[0] == '\'' || arg[0] == '"')
        return (unsigned char)arg[1];
    value = strtod(arg, &end);
    if (*end) {
        sh_error("printf: %s: invalid number", arg);
        st->status = 1;
    }
    return value;
}

static void emitf(struct printf_state *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void emitf(struct printf_state *st, const char *fmt, ...)
{
    va_list ap;
    char small[256];
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        sb_addn(&st->out, small, (size_t)n);
        return;
    }
    char *big = xmalloc((size_t)n + 1);

    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb_addn(&st->out, big, (size_t)n);
    free(big);
}

/* %b: the argument with echo's escapes, then formatted as %s. */
static void convert_b(struct printf_state *st, const char *spec)
{
    struct strbuf text;
    const char *arg = next_arg(st);

    sb_init(&text);
    if (escape_expand(arg ? arg : "", &text, true) == ESCAPE_STOP)
        st->stopped = true;
    if (strcmp(spec, "%s") == 0)
        sb_addn(&st->out, sb_str(&text), text.len); /* keeps \0 bytes */
    else
        emitf(st, spec, sb_str(&text));
    sb_free(&text);
}

/* One conversion; spec is the C format with 's' 'ld' ... in place. */
static void convert(struct printf_state *st, char conv, char *spec, size_t len)
{
    switch (conv) {
    case 'd':
    case 'i':
        memmove(spec + len, spec + len - 1, 2);
        spec[len - 1] = 'l';
        emitf(st, spec, number_arg(st, false));
        break;
    case 'o':
    case 'u':
    case 'x':
    case 'X':
        memmove(spec + len, spec + len - 1, 2);
        spec[len - 1] = 'l';
        emitf(st, spec, (unsigned long)number_arg(st, true));
        break;
    case 'c': {
        const char *arg = next_arg(st);

        emitf(st, spec, arg && *arg ? arg[0] : '\0');
        break;
    }
    case 's': {
        const char *arg = next_arg(st);

        emitf(st, spec, arg ? arg : "");
        break;
    }
    case 'b':
        spec[len - 1] = 's';
        convert_b(st, spec);
        break;
    default:
        emitf(st, spec, float_arg(st));
        break;
    }
}

/* A '*' width or precision takes its value from the arguments. */
static void star_arg(struct printf_state *st, struct strbuf *spec)
{
    sb_addf(spec, "%ld", number_arg(st, false));
}

/* The directive at fmt (after '%'); returns the characters used. */
static size_t directive(struct printf_state *st, const char *fmt)
{
    struct strbuf spec;
    const char *p = fmt;

    sb_init(&spec);
    sb_addc(&spec, '%');
    while (*p && strchr("-+ #0", *p))
        sb_addc(&spec, *p++);
    if (*p == '*' && p++)
        star_arg(st, &spec);
    while (isdigit((unsigned char)*p))
        sb_addc(&spec, *p++);
    if (*p == '.') {
        sb_addc(&spec, *p++);
        if (*p == '*' && p++)
            star_arg(st, &spec);
        while (isdigit((unsigned char)*p))
            sb_addc(&spec, *p++);
    }
    if (!*p || !strchr("diouxXcsbeEfFgGaA", *p)) {
        sh_error("printf: %%%.*s: invalid directive", *p ? 1 : 0, p);
        st->status = 1;
        sb_free(&spec);
        return (size_t)(p - fmt) + (*p ? 1 : 0);
    }
    sb_addc(&spec, *p);
    sb_addc(&spec, '\0'); /* room for the 'l' that integers get */
    spec.len--;
    convert(st, *p, spec.buf, spec.len);
    sb_free(&spec);
    return (size_t)(p - fmt) + 1;
}

/* One pass over the format. */
static void format_once(struct printf_state *st, const char *fmt)
{
    while (*fmt && !st->stopped) {
        size_t used;

        if (*fmt == '\\' && fmt[1]) {
            if (escape_decode(fmt, &st->out, false, &used) == ESCAPE_STOP) {
                st->stopped = true;
                return;
            }
            fmt += used;
        } else if (*fmt == '%' && fmt[1] == '%') {
            sb_addc(&st->out, '%');
            fmt += 2;
        } else if (*fmt == '%') {
            fmt += 1 + directive(st, fmt + 1);
        } else {
            sb_addc(&st->out, *fmt++);
        }
    }
}

int bi_printf(int argc, char **argv)
{
    struct printf_state st = { 0 };
    int first = 1;

    if (argc > 1 && strcmp(argv[1], "--") == 0)
        first = 2;
    if (argc <= first) {
        sh_error("printf: usage: printf format [argument...]");
        return 2;
    }
    st.args = argv + first + 1;
    st.nargs = argc - first - 1;
    sb_init(&st.out);
    do {
        int before = st.next;

        format_once(&st, argv[first]);
        if (st.next == before)
            break;
    } while (st.next < st.nargs && !st.stopped);
    fwrite(st.out.buf ? st.out.buf : "", 1, st.out.len, stdout);
    sb_free(&st.out);
    return st.status;
}
