/*
 * test and [: evaluate a condition; exit 0 when true, 1 when false, 2 on
 * an error. Installed under both names: as "[" it requires a last
 * argument "]" (commands/test/Makefile makes "[" a link to test).
 *
 * With up to four arguments the rules of POSIX decide by their number
 * (so that "test ! = x" compares "!" with "x"); beyond that a parser takes
 * the usual grammar:
 *
 *   or    := and { -o and }
 *   and   := not { -a not }
 *   not   := ! not | primary
 *   primary := ( or ) | unary-op word | word binary-op word | word
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

struct test_parser {
    char **args;
    int count, pos;
};

static _Noreturn void test_error(const char *message, const char *word)
{
    if (word)
        cmd_diex(2, "%s '%s'", message, word);
    cmd_diex(2, "%s", message);
}

static bool is_unary_op(const char *word)
{
    return word[0] == '-' && word[1] && !word[2] && strchr("bcdefghkLnprsStuwxz", word[1]);
}

static bool is_binary_op(const char *word)
{
    static const char *const ops[] = { "=",   "==",  "!=",  "<",   ">",   "-eq", "-ne", "-gt",
                                       "-ge", "-lt", "-le", "-nt", "-ot", "-ef", NULL };

    for (const char *const *op = ops; *op; op++)
        if (strcmp(word, *op) == 0)
            return true;
    return false;
}

static intmax_t parse_integer(const char *text)
{
    const char *p = text;
    char *end;
    intmax_t value;

    while (*p == ' ' || *p == '\t')
        p++;
    errno = 0;
    value = strtoimax(p, &end, 10);
    while (*end == ' ' || *end == '\t')
        end++;
    if (end == p || *end || errno)
        test_error("integer expression expected:", text);
    return value;
}

static bool file_test(char op, const char *path)
{
    struct stat st;

    if (op == 'h' || op == 'L')
        return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
    if (op == 'r' || op == 'w' || op == 'x')
        return access(path, op == 'r' ? R_OK : op == 'w' ? W_OK : X_OK) == 0;
    if (stat(path, &st) != 0)
        return false;
    switch (op) {
    case 'b':
        return S_ISBLK(st.st_mode);
    case 'c':
        return S_ISCHR(st.st_mode);
    case 'd':
        return S_ISDIR(st.st_mode);
    case 'e':
        return true;
    case 'f':
        return S_ISREG(st.st_mode);
    case 'g':
        return (st.st_mode & S_ISGID) != 0;
    case 'k':
        return (st.st_mode & S_ISVTX) != 0;
    case 'p':
        return S_ISFIFO(st.st_mode);
    case 's':
        return st.st_size > 0;
    case 'S':
        return S_ISSOCK(st.st_mode);
    case 'u':
        return (st.st_mode & S_ISUID) != 0;
    default:
        return false;
    }
}

static bool unary(const char *op, const char *word)
{
    switch (op[1]) {
    case 'n':
        return word[0] != '\0';
    case 'z':
        return word[0] == '\0';
    case 't': {
        intmax_t fd = parse_integer(word);
        return fd >= 0 && fd <= 1024 && isatty((int)fd);
    }
    default:
        return file_test(op[1], word);
    }
}

/* -nt, -ot, -ef: comparisons of two files. */
static bool file_compare(const char *a, const char *op, const char *b)
{
    struct stat sa, sb;
    bool has_a = stat(a, &sa) == 0, has_b = stat(b, &sb) == 0;

    if (strcmp(op, "-ef") == 0)
        return has_a && has_b && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    if (!has_a || !has_b)
        return strcmp(op, "-nt") == 0 ? has_a : has_b;
    struct timespec ta = sa.st_mtim, tb = sb.st_mtim;
    if (strcmp(op, "-ot") == 0) {
        struct timespec swap = ta;
        ta = tb;
        tb = swap;
    }
    return ta.tv_sec > tb.tv_sec || (ta.tv_sec == tb.tv_sec && ta.tv_nsec > tb.tv_nsec);
}

static bool binary(const char *a, const char *op, const char *b)
{
    if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0)
        return strcmp(a, b) == 0;
    if (strcmp(op, "!=") == 0)
        return strcmp(a, b) != 0;
    if (strcmp(op, "<") == 0)
        return strcmp(a, b) < 0;
    if (strcmp(op, ">") == 0)
        return strcmp(a, b) > 0;
    if (strcmp(op, "-nt") == 0 || strcmp(op, "-ot") == 0 || strcmp(op, "-ef") == 0)
        return file_compare(a, op, b);
    intmax_t x = parse_integer(a), y = parse_integer(b);
    if (strcmp(op, "-eq") == 0)
        return x == y;
    if (strcmp(op, "-ne") == 0)
        return x != y;
    if (strcmp(op, "-gt") == 0)
        return x > y;
    if (strcmp(op, "-ge") == 0)
        return x >= y;
    if (strcmp(op, "-lt") == 0)
        return x < y;
    return x <= y;
}

/* ---- the general parser, for more than four arguments ---- */

static bool parse_or(struct test_parser *tp);

static const char *take(struct test_parser *tp)
{
    if (tp->pos >= tp->count)
        test_error("argument expected", NULL);
    return tp->args[tp->pos++];
}

static bool parse_primary(struct test_parser *tp)
{
    const char *word = take(tp);

    if (strcmp(word, "(") == 0) {
        bool value = parse_or(tp);
        if (tp->pos >= tp->count || strcmp(tp->args[tp->pos], ")") != 0)
            test_error("')' expected", NULL);
        tp->pos++;
        return value;
    }
    if (tp->pos + 1 < tp->count && is_binary_op(tp->args[tp->pos])) {
        const char *op = take(tp);
        return binary(word, op, take(tp));
    }
    if (is_unary_op(word) && tp->pos < tp->count)
        return unary(word, take(tp));
    return word[0] != '\0';
}

static bool parse_not(struct test_parser *tp)
{
    if (tp->pos < tp->count && strcmp(tp->args[tp->pos], "!") == 0) {
        tp->pos++;
        return !parse_not(tp);
    }
    return parse_primary(tp);
}

static bool parse_and(struct test_parser *tp)
{
    bool value = parse_not(tp);

    while (tp->pos < tp->count && strcmp(tp->args[tp->pos], "-a") == 0) {
        tp->pos++;
        value = parse_not(tp) && value;
    }
    return value;
}

static bool parse_or(struct test_parser *tp)
{
    bool value = parse_and(tp);

    while (tp->pos < tp->count && strcmp(tp->args[tp->pos], "-o") == 0) {
        tp->pos++;
        value = parse_and(tp) || value;
    }
    return value;
}

/* ---- POSIX's rules by the number of arguments ---- */

static bool evaluate(char **args, int count);

static bool evaluate_two(char **args)
{
    if (strcmp(args[0], "!") == 0)
        return args[1][0] == '\0';
    if (is_unary_op(args[0]))
        return unary(args[0], args[1]);
    test_error("unary operator expected:", args[0]);
}

static bool evaluate_three(char **args)
{
    if (is_binary_op(args[1]))
        return binary(args[0], args[1], args[2]);
    if (strcmp(args[0], "!") == 0)
        return !evaluate_two(args + 1);
    if (strcmp(args[0], "(") == 0 && strcmp(args[2], ")") == 0)
        return args[1][0] != '\0';
    if (strcmp(args[1], "-a") == 0)
        return args[0][0] != '\0' && args[2][0] != '\0';
    if (strcmp(args[1], "-o") == 0)
        return args[0][0] != '\0' || args[2][0] != '\0';
    test_error("binary operator expected:", args[1]);
}

static bool evaluate(char **args, int count)
{
    struct test_parser tp = { args, count, 0 };

    switch (count) {
    case 0:
        return false;
    case 1:
        return args[0][0] != '\0';
    case 2:
        return evaluate_two(args);
    case 3:
        return evaluate_three(args);
    case 4:
        if (strcmp(args[0], "!") == 0)
            return !evaluate_three(args + 1);
        if (strcmp(args[0], "(") == 0 && strcmp(args[3], ")") == 0)
            return evaluate_two(args + 1);
        break;
    }
    bool value = parse_or(&tp);
    if (tp.pos < tp.count)
        test_error("unexpected argument", args[tp.pos]);
    return value;
}

int main(int argc, char **argv)
{
    cmd_setname(argv[0]);
    if (strcmp(cmd_name, "[") == 0) {
        if (argc < 2 || strcmp(argv[argc - 1], "]") != 0)
            test_error("missing ']'", NULL);
        argc--;
    }
    return evaluate(argv + 1, argc - 1) ? 0 : 1;
}
