/*
 * test and [. With up to four arguments the POSIX rules decide by the
 * number of arguments (so `test -n` or `test = = =` mean what POSIX
 * says); beyond that a small recursive parser handles ! ( ) -a -o.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"
#include "error.h"

struct test {
    char **argv;
    int argc;
    int pos;
    bool failed;
};

static int eval_expr(struct test *t);

static bool syntax_error(struct test *t, const char *what, const char *arg)
{
    if (!t->failed)
        sh_error("test: %s%s%s", arg ? arg : "", arg ? ": " : "", what);
    t->failed = true;
    return false;
}

static bool to_number(struct test *t, const char *s, long *n)
{
    char *end;

    errno = 0;
    *n = strtol(s, &end, 10);
    while (*end == ' ' || *end == '\t')
        end++;
    if (!*s || *end || errno)
        return syntax_error(t, "integer expression expected", s);
    return true;
}

static bool file_test(char op, const char *path)
{
    struct stat st;

    if (op == 'h' || op == 'L')
        return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
    if (op == 't')
        return isatty(atoi(path));
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
    case 'u':
        return (st.st_mode & S_ISUID) != 0;
    case 'k':
        return (st.st_mode & S_ISVTX) != 0;
    case 'p':
        return S_ISFIFO(st.st_mode);
    case 'S':
        return S_ISSOCK(st.st_mode);
    case 's':
        return st.st_size > 0;
    case 'r':
        return access(path, R_OK) == 0;
    case 'w':
        return access(path, W_OK) == 0;
    default:
        return access(path, X_OK) == 0;
    }
}

static bool is_unary(const char *op)
{
    return op[0] == '-' && op[1] && !op[2] && strchr("bcdefghknprsStuwxzL", op[1]);
}

static bool unary(const char *op, const char *arg)
{
    if (op[1] == 'n')
        return *arg != '\0';
    if (op[1] == 'z')
        return *arg == '\0';
    return file_test(op[1], arg);
}

static const char *const binary_ops[] = {
    "=", "!=", "==", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef",
};

static bool is_binary(const char *op)
{
    for (size_t i = 0; i < sizeof binary_ops / sizeof binary_ops[0]; i++) {
        if (strcmp(op, binary_ops[i]) == 0)
            return true;
    }
    return false;
}

static bool compare_files(const char *op, const char *a, const char *b)
{
    struct stat sa, sb;
    bool ha = stat(a, &sa) == 0, hb = stat(b, &sb) == 0;

    if (strcmp(op, "-ef") == 0)
        return ha && hb && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    if (strcmp(op, "-nt") == 0)
        return ha && (!hb || sa.st_mtime > sb.st_mtime);
    return hb && (!ha || sa.st_mtime < sb.st_mtime);
}

static bool binary(struct test *t, const char *a, const char *op, const char *b)
{
    long x, y;

    if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0)
        return strcmp(a, b) == 0;
    if (strcmp(op, "!=") == 0)
        return strcmp(a, b) != 0;
    if (strcmp(op, "<") == 0)
        return strcmp(a, b) < 0;
    if (strcmp(op, ">") == 0)
        return strcmp(a, b) > 0;
    if (strcmp(op, "-nt") == 0 || strcmp(op, "-ot") == 0 || strcmp(op, "-ef") == 0)
        return compare_files(op, a, b);
    if (!to_number(t, a, &x) || !to_number(t, b, &y))
        return false;
    if (op[1] == 'e')
        return x == y;
    if (op[1] == 'n')
        return x != y;
    if (op[1] == 'l')
        return op[2] == 't' ? x < y : x <= y;
    return op[2] == 't' ? x > y : x >= y;
}

static const char *peek(struct test *t, int ahead)
{
    return t->pos + ahead < t->argc ? t->argv[t->pos + ahead] : NULL;
}

static bool eval_primary(struct test *t)
{
    const char *a = peek(t, 0), *b = peek(t, 1), *c = peek(t, 2);

    if (!a)
        return syntax_error(t, "argument expected", NULL);
    if (strcmp(a, "(") == 0) {
        bool r;

        t->pos++;
        r = eval_expr(t);
        if (!peek(t, 0) || strcmp(peek(t, 0), ")") != 0)
            return syntax_error(t, "')' expected", NULL);
        t->pos++;
        return r;
    }
    if (b && c && is_binary(b)) {
        t->pos += 3;
        return binary(t, a, b, c);
    }
    if (is_unary(a) && b) {
        t->pos += 2;
        return unary(a, b);
    }
    t->pos++;
    return *a != '\0';
}

static bool eval_not(struct test *t)
{
    if (peek(t, 0) && strcmp(peek(t, 0), "!") == 0 && peek(t, 1)) {
        t->pos++;
        return !eval_not(t);
    }
    return eval_primary(t);
}

static bool eval_and(struct test *t)
{
    bool r = eval_not(t);

    while (!t->failed && peek(t, 0) && strcmp(peek(t, 0), "-a") == 0) {
        t->pos++;
        r = eval_not(t) && r;
    }
    return r;
}

static int eval_expr(struct test *t)
{
    bool r = eval_and(t);

    while (!t->failed && peek(t, 0) && strcmp(peek(t, 0), "-o") == 0) {
        t->pos++;
        r = eval_and(t) || r;
    }
    return r;
}

/* The POSIX rules for one to four arguments, or -1 to use the parser. */
static int by_count(struct test *t, char **a, int n)
{
    switch (n) {
    case 0:
        return 0;
    case 1:
        return a[0][0] != '\0';
    case 2:
        if (strcmp(a[0], "!") == 0)
            return a[1][0] == '\0';
        if (is_unary(a[0]))
            return unary(a[0], a[1]);
        return -1;
    case 3:
        if (is_binary(a[1]))
            return binary(t, a[0], a[1], a[2]);
        if (strcmp(a[0], "!") == 0)
            return !by_count(t, a + 1, 2);
        if (strcmp(a[0], "(") == 0 && strcmp(a[2], ")") == 0)
            return a[1][0] != '\0';
        return -1;
    case 4:
        if (strcmp(a[0], "!") == 0) {
            int r = by_count(t, a + 1, 3);

            return r < 0 ? r : !r;
        }
        if (strcmp(a[0], "(") == 0 && strcmp(a[3], ")") == 0)
            return by_count(t, a + 1, 2);
        return -1;
    default:
        return -1;
    }
}

static int run_test(int argc, char **argv)
{
    struct test t = { argv, argc, 0, false };
    int r = by_count(&t, argv, argc);

    if (r < 0 && !t.failed) {
        r = eval_expr(&t);
        if (!t.failed && t.pos < argc)
            syntax_error(&t, "unexpected operator", argv[t.pos]);
    }
    return t.failed ? 2 : !r;
}

int bi_test(int argc, char **argv)
{
    return run_test(argc - 1, argv + 1);
}

int bi_bracket(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[argc - 1], "]") != 0) {
        sh_error("[: missing ']'");
        return 2;
    }
    return run_test(argc - 2, argv + 1);
}
