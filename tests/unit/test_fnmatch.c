/*
 * fnmatch() of Ember's libc (lib/libc/port/fnmatch.c), linked into this
 * program in place of glibc's: wildcards, brackets, escapes, and each flag.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "../../lib/libc/include/fnmatch.h"

static void expect_match(const char *pattern, const char *string, int flags)
{
    if (fnmatch(pattern, string, flags) != 0)
        fail_msg("'%s' should match '%s' (flags %#x)", pattern, string, flags);
}

static void expect_no_match(const char *pattern, const char *string, int flags)
{
    if (fnmatch(pattern, string, flags) != FNM_NOMATCH)
        fail_msg("'%s' should not match '%s' (flags %#x)", pattern, string, flags);
}

static void literals_and_question_marks(void **state)
{
    (void)state;
    expect_match("", "", 0);
    expect_no_match("", "a", 0);
    expect_match("abc", "abc", 0);
    expect_no_match("abc", "abd", 0);
    expect_no_match("abc", "ab", 0);
    expect_match("a?c", "abc", 0);
    expect_no_match("a?c", "ac", 0);
    expect_match("???", "xyz", 0);
}

static void stars(void **state)
{
    (void)state;
    expect_match("*", "", 0);
    expect_match("*", "anything", 0);
    expect_match("*.c", "main.c", 0);
    expect_no_match("*.c", "main.h", 0);
    expect_match("a*b*c", "aXXbYYc", 0);
    expect_match("a*b*c", "abbbc", 0);
    expect_no_match("a*b*c", "aXXbYY", 0);
    expect_match("**a", "ba", 0);
    expect_match("*a*", "banana", 0);
    expect_match("*ana", "banana", 0); /* the star must give back "ana" */
    expect_no_match("*x*", "banana", 0);
    expect_match("a*", "a/b", 0); /* without FNM_PATHNAME a star crosses '/' */
}

static void brackets(void **state)
{
    (void)state;
    expect_match("[abc]", "b", 0);
    expect_no_match("[abc]", "d", 0);
    expect_match("[a-c]x", "bx", 0);
    expect_match("[!a-c]", "d", 0);
    expect_match("[^a-c]", "d", 0);
    expect_no_match("[!a-c]", "b", 0);
    expect_match("[]]", "]", 0);
    expect_match("[!]]", "a", 0);
    expect_no_match("[!]]", "]", 0);
    expect_match("[a-]", "-", 0);
    expect_match("[[:digit:]]x", "7x", 0);
    expect_no_match("[[:digit:]]", "a", 0);
    expect_match("[[:alpha:][:digit:]]", "Q", 0);
    expect_match("[[:space:]]", " ", 0);
    expect_match("[[.a.]]", "a", 0);
    expect_match("[[=b=]]", "b", 0);
    expect_no_match("[z-a]", "m", 0); /* an empty range */
}

static void unterminated_brackets_are_literal(void **state)
{
    (void)state;
    expect_match("[", "[", 0);
    expect_match("[a", "[a", 0);
    expect_match("a[b", "a[b", 0);
    expect_no_match("[a", "a", 0);
    /* A '[' with no ']' of its own: literal, then the bracket "[:alpha:]". */
    expect_match("[[:alpha:]", "[h", 0);
}

static void escapes(void **state)
{
    (void)state;
    expect_match("\\*", "*", 0);
    expect_no_match("\\*", "x", 0);
    expect_match("a\\?c", "a?c", 0);
    expect_match("[\\]]", "]", 0);
    expect_match("\\\\", "\\", 0);
    expect_match("a\\", "a\\", 0); /* a trailing backslash stands for itself */
}

static void noescape_flag(void **state)
{
    (void)state;
    expect_match("\\*", "\\x", FNM_NOESCAPE);
    expect_no_match("\\*", "*", FNM_NOESCAPE);
    expect_match("[\\]]", "\\]", FNM_NOESCAPE);
}

static void pathname_flag(void **state)
{
    (void)state;
    expect_no_match("*", "a/b", FNM_PATHNAME);
    expect_match("*/*", "a/b", FNM_PATHNAME);
    expect_no_match("a?b", "a/b", FNM_PATHNAME);
    expect_no_match("a[/]b", "a/b", FNM_PATHNAME);
    expect_match("a[/]b", "a/b", 0);
    expect_no_match("*/b", "a/x/b", FNM_PATHNAME);
    expect_match("*/b", "a/x/b", 0);
    expect_no_match("a*", "a/", FNM_PATHNAME);
    expect_match("a/", "a/", FNM_PATHNAME);
    expect_match("/*/c", "/usr/c", FNM_PATHNAME);
}

static void period_flag(void **state)
{
    (void)state;
    expect_no_match("*", ".profile", FNM_PERIOD);
    expect_no_match("*.c", ".c", FNM_PERIOD);
    expect_no_match("?x", ".x", FNM_PERIOD);
    expect_no_match("[.]x", ".x", FNM_PERIOD);
    expect_match(".*", ".profile", FNM_PERIOD);
    expect_match(".*", ".", FNM_PERIOD);
    expect_match("*", ".profile", 0);
    expect_match("a*", "a.b", FNM_PERIOD); /* not leading */
    /* After a slash the period is leading only with FNM_PATHNAME. */
    expect_match("a/*", "a/.x", FNM_PERIOD);
    expect_no_match("a/*", "a/.x", FNM_PERIOD | FNM_PATHNAME);
    expect_match("a/.*", "a/.x", FNM_PERIOD | FNM_PATHNAME);
}

static void casefold_flag(void **state)
{
    (void)state;
    expect_no_match("abc", "ABC", 0);
    expect_match("abc", "ABC", FNM_CASEFOLD);
    expect_match("*.TXT", "notes.txt", FNM_CASEFOLD);
    expect_match("[a-c]", "B", FNM_CASEFOLD);
    expect_match("[A-C]", "b", FNM_CASEFOLD);
    expect_match("[[:upper:]]", "q", FNM_CASEFOLD);
    expect_no_match("[!a-c]", "B", FNM_CASEFOLD);
}

static void long_strings_do_not_blow_up(void **state)
{
    char subject[4097];

    (void)state;
    for (size_t i = 0; i < sizeof subject - 1; i++)
        subject[i] = 'a';
    subject[sizeof subject - 1] = '\0';
    expect_no_match("*a*a*a*a*a*a*a*a*b", subject, 0);
    expect_match("*a*a*a*a*a*a*a*a*a", subject, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(literals_and_question_marks),
        cmocka_unit_test(stars),
        cmocka_unit_test(brackets),
        cmocka_unit_test(unterminated_brackets_are_literal),
        cmocka_unit_test(escapes),
        cmocka_unit_test(noescape_flag),
        cmocka_unit_test(pathname_flag),
        cmocka_unit_test(period_flag),
        cmocka_unit_test(casefold_flag),
        cmocka_unit_test(long_strings_do_not_blow_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
