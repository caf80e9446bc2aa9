/*
 * Unit tests for the libc's POSIX regular expressions (lib/libc/port/regex_*.c).
 *
 * The library is compiled with its functions renamed ember_reg* (see
 * lib/libc/port/regex_host.mk), so the regcomp() called here is ours, not
 * glibc's. glibc's own regcomp is still linked, under its real name, and
 * serves as an oracle for the overall match of random patterns.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <regex.h>

/* glibc's regcomp/regexec under their real symbol names, with its ABI. */
struct glibc_regex {
    _Alignas(8) unsigned char opaque[64];
};
struct glibc_match {
    int so, eo;
};
extern int glibc_regcomp(struct glibc_regex *, const char *, int) __asm__("regcomp");
extern int glibc_regexec(const struct glibc_regex *, const char *, size_t, struct glibc_match *,
                         int) __asm__("regexec");
extern void glibc_regfree(struct glibc_regex *) __asm__("regfree");
#define GLIBC_REG_EXTENDED 1
#define GLIBC_REG_ICASE    2

#define BRE 0
#define ERE REG_EXTENDED

/*
 * A match case: the pattern, its flags, the subject, and the expected
 * result: "-" for no match, else the offsets of the match and of each
 * group as "so,eo" separated by spaces ("-1,-1" for a group not used).
 */
struct match_case {
    const char *pattern;
    int cflags;
    const char *subject;
    const char *expected;
};

static const struct match_case match_cases[] = {
    /* literals, dot, anchors */
    { "abc", BRE, "xabcx", "1,4" },
    { "abc", BRE, "ab", "-" },
    { "a.c", BRE, "abc", "0,3" },
    { "^ab", BRE, "abab", "0,2" },
    { "ab$", BRE, "abab", "2,4" },
    { "^$", BRE, "", "0,0" },
    { "a^b", BRE, "a^b", "0,3" },
    { "a$b", BRE, "a$b", "0,3" },
    { "^*a", BRE, "*a", "0,2" },
    { "*a", BRE, "x*a", "1,3" },
    { "\\(*a\\)", BRE, "*a", "0,2 0,2" },
    { "", BRE, "abc", "0,0" },
    /* BRE repetition and groups */
    { "a*", BRE, "aaab", "0,3" },
    { "ba*", BRE, "xbaa", "1,4" },
    { "a\\{2\\}", BRE, "aaaa", "0,2" },
    { "a\\{2,\\}", BRE, "aaaa", "0,4" },
    { "a\\{1,3\\}", BRE, "aaaa", "0,3" },
    { "a\\{0\\}b", BRE, "ab", "1,2" },
    { "\\(ab\\)*c", BRE, "ababc", "0,5 2,4" },
    { "\\(a\\)\\(b\\)", BRE, "ab", "0,2 0,1 1,2" },
    { "a+", BRE, "a+", "0,2" },
    { "a\\+", BRE, "aaa", "0,3" },
    { "ab\\?c", BRE, "ac", "0,2" },
    { "a\\|b", BRE, "b", "0,1" },
    /* back-references */
    { "\\(a*\\)b\\1", BRE, "aabaa", "0,5 0,2" },
    { "\\(a*\\)b\\1", BRE, "aaba", "1,4 1,2" },
    { "\\(.\\)\\1", BRE, "abccd", "2,4 2,3" },
    { "^\\(.*\\)\\1$", BRE, "abcabc", "0,6 0,3" },
    { "\\(x\\)\\1", BRE | REG_ICASE, "xX", "0,2 0,1" },
    { "(a)\\1", ERE, "aa", "0,2 0,1" },
    /* ERE */
    { "a+", ERE, "baaa", "1,4" },
    { "ab?c", ERE, "abc", "0,3" },
    { "a|b|c", ERE, "xc", "1,2" },
    { "(a|ab)(c|bcd)", ERE, "abcd", "0,4 0,1 1,4" },
    { "(a*)*", ERE, "b", "0,0 0,0" },
    { "(a*)+", ERE, "aab", "0,2 0,2" },
    { "(a|b)*c", ERE, "abac", "0,4 2,3" },
    { "x(a|b)?y", ERE, "xy", "0,2 -1,-1" },
    { "a{3}", ERE, "aaaa", "0,3" },
    { "a{2,3}", ERE, "aaaa", "0,3" },
    { "a{,2}", ERE, "aaa", "0,2" },
    { "(ab){2}", ERE, "ababab", "0,4 2,4" },
    { "a)", ERE, "a)", "0,2" },
    { "()", ERE, "x", "0,0 0,0" },
    { "a|", ERE, "b", "0,0" },
    { "^a|b$", ERE, "cab", "2,3" },
    { "(^a)", ERE, "ab", "0,1 0,1" },
    { "a\\.b", ERE, "axb a.b", "4,7" },
    { "x*", ERE, "", "0,0" },
    /* leftmost, then longest */
    { "a|ab|abc", ERE, "abcd", "0,3" },
    { "(a|ab)(bc|c)?", ERE, "abc", "0,3 0,1 1,3" },
    { "b+|a+b*", ERE, "aabb", "0,4" },
    { "(wee|week)(knights|night)", ERE, "weeknights", "0,10 0,3 3,10" },
    /* bracket expressions */
    { "[abc]+", ERE, "xcabz", "1,4" },
    { "[^abc]+", ERE, "abxyc", "2,4" },
    { "[a-c]+", ERE, "dcbae", "1,4" },
    { "[]a]+", ERE, "x]a]", "1,4" },
    { "[^]a]", ERE, "]ab", "2,3" },
    { "[a-]+", ERE, "-a-b", "0,3" },
    { "[[:digit:]]+", ERE, "ab123c", "2,5" },
    { "[[:alpha:][:digit:]]+", ERE, "--a1b2--", "2,6" },
    { "[[:space:]]", ERE, "a b", "1,2" },
    { "[[:upper:]]+", ERE, "abCDe", "2,4" },
    { "[[.a.]-c]+", ERE, "xabc", "1,4" },
    { "[[=a=]]", ERE, "ba", "1,2" },
    { "[\\]+", ERE, "a\\\\", "1,3" },
    { "[.]", BRE, "a.", "1,2" },
    /* REG_ICASE */
    { "abc", ERE | REG_ICASE, "xABC", "1,4" },
    { "[a-c]+", ERE | REG_ICASE, "CbA", "0,3" },
    { "[[:lower:]]+", ERE | REG_ICASE, "ABc", "0,3" },
    { "[^a]", ERE | REG_ICASE, "Ab", "1,2" },
    /* REG_NEWLINE */
    { "^b", ERE | REG_NEWLINE, "a\nb", "2,3" },
    { "a$", ERE | REG_NEWLINE, "a\nb", "0,1" },
    { "a.b", ERE | REG_NEWLINE, "a\nb", "-" },
    { "a[^x]b", ERE | REG_NEWLINE, "a\nb", "-" },
    { "a.b", ERE, "a\nb", "0,3" },
    { "^b", ERE, "a\nb", "-" },
    /* word boundaries (GNU extensions) */
    { "\\<is\\>", ERE, "this is", "5,7" },
    { "\\bis", ERE, "this is", "5,7" },
    { "\\Bis", ERE, "this is", "2,4" },
    { "\\w+", ERE, "  ab_1 ", "2,6" },
};

static void format_matches(char *buf, size_t size, const regmatch_t *m, size_t n)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++)
        used += snprintf(buf + used, size - used, "%s%d,%d", i ? " " : "", (int)m[i].rm_so,
                         (int)m[i].rm_eo);
}

static void test_matches_follow_posix(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(match_cases) / sizeof(match_cases[0]); i++) {
        const struct match_case *c = &match_cases[i];
        regmatch_t m[10];
        char got[200];
        regex_t re;
        int err = regcomp(&re, c->pattern, c->cflags);

        if (err) {
            fail_msg("regcomp(\"%s\") failed with %d", c->pattern, err);
        }
        err = regexec(&re, c->subject, re.re_nsub + 1, m, 0);
        if (err == REG_NOMATCH)
            strcpy(got, "-");
        else
            format_matches(got, sizeof(got), m, re.re_nsub + 1);
        if (strcmp(got, c->expected))
            fail_msg("/%s/ on \"%s\": got %s, want %s", c->pattern, c->subject, got, c->expected);
        regfree(&re);
    }
}

struct error_case {
    const char *pattern;
    int cflags;
    int expected;
};

static const struct error_case error_cases[] = {
    { "a\\{1", BRE, REG_EBRACE },
    { "\\(a", BRE, REG_EPAREN },
    { "a\\)", BRE, REG_EPAREN },
    { "\\{1\\}", BRE, REG_BADRPT },
    { "a\\{2,1\\}", BRE, REG_BADBR },
    { "[b-a]", BRE, REG_ERANGE },
    { "[[:foo:]]", BRE, REG_ECTYPE },
    { "[a", BRE, REG_EBRACK },
    { "[[:alpha:]", BRE, REG_EBRACK },
    { "\\1", BRE, REG_ESUBREG },
    { "\\(a\\1\\)", BRE, REG_ESUBREG },
    { "a\\", BRE, REG_EESCAPE },
    { "*a", ERE, REG_BADRPT },
    { "a|*b", ERE, REG_BADRPT },
    { "(+a)", ERE, REG_BADRPT },
    { "(a", ERE, REG_EPAREN },
    { "a{", ERE, REG_EBRACE },
    { "a{1,2", ERE, REG_EBRACE },
    { "a{1,x}", ERE, REG_BADBR },
    { "a{256}", ERE, REG_BADBR },
    { "[[.ab.]]", ERE, REG_ECOLLATE },
    { "(a)\\2", ERE, REG_ESUBREG },
    { "((((a)", ERE, REG_EPAREN },
    { "a{3,2}", ERE, REG_BADBR },
    { "(a{255}){255}", ERE, REG_ESPACE },
};

static void test_bad_patterns_give_the_right_error(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(error_cases) / sizeof(error_cases[0]); i++) {
        regex_t re;
        int err = regcomp(&re, error_cases[i].pattern, error_cases[i].cflags);

        if (err != error_cases[i].expected)
            fail_msg("regcomp(\"%s\") = %d, want %d", error_cases[i].pattern, err,
                     error_cases[i].expected);
        if (!err)
            regfree(&re);
    }
}

static void test_deep_nesting_is_refused_not_crashing(void **state)
{
    char pattern[4000];
    regex_t re;

    (void)state;
    memset(pattern, '(', 2000);
    memset(pattern + 2000, ')', 1999);
    pattern[3999] = '\0';
    assert_int_equal(regcomp(&re, pattern, ERE), REG_ESPACE);
    memset(pattern, 'a', sizeof(pattern) - 1);
    pattern[sizeof(pattern) - 1] = '\0';
    assert_int_equal(regcomp(&re, pattern, ERE), 0); /* long, flat: fine */
    assert_int_equal(regexec(&re, pattern, 0, NULL, 0), 0);
    regfree(&re);
}

static void test_eflags_notbol_noteol(void **state)
{
    regex_t re;

    (void)state;
    assert_int_equal(regcomp(&re, "^a", ERE), 0);
    assert_int_equal(regexec(&re, "a", 0, NULL, REG_NOTBOL), REG_NOMATCH);
    assert_int_equal(regexec(&re, "a", 0, NULL, 0), 0);
    regfree(&re);
    assert_int_equal(regcomp(&re, "a$", ERE), 0);
    assert_int_equal(regexec(&re, "a", 0, NULL, REG_NOTEOL), REG_NOMATCH);
    regfree(&re);
    assert_int_equal(regcomp(&re, "^b", ERE | REG_NEWLINE), 0);
    assert_int_equal(regexec(&re, "a\nb", 0, NULL, REG_NOTBOL), 0);
    regfree(&re);
}

static void test_nosub_reports_only_success(void **state)
{
    regmatch_t m[2] = { { 7, 7 }, { 7, 7 } };
    regex_t re;

    (void)state;
    assert_int_equal(regcomp(&re, "(b)", ERE | REG_NOSUB), 0);
    assert_int_equal(regexec(&re, "abc", 2, m, 0), 0);
    assert_int_equal(m[0].rm_so, 7); /* untouched */
    assert_int_equal(regexec(&re, "xyz", 2, m, 0), REG_NOMATCH);
    regfree(&re);
}

static void test_unused_pmatch_slots_are_minus_one(void **state)
{
    regmatch_t m[5];
    regex_t re;

    (void)state;
    assert_int_equal(regcomp(&re, "(a)", ERE), 0);
    assert_int_equal(re.re_nsub, 1);
    assert_int_equal(regexec(&re, "a", 5, m, 0), 0);
    assert_int_equal(m[2].rm_so, -1);
    assert_int_equal(m[4].rm_eo, -1);
    regfree(&re);
}

static void test_regerror_names_and_truncates(void **state)
{
    char buf[8];
    size_t need;

    (void)state;
    need = regerror(REG_EBRACK, NULL, buf, sizeof(buf));
    assert_int_equal(need, strlen("unmatched [ or [^") + 1);
    assert_string_equal(buf, "unmatch");
    assert_true(regerror(12345, NULL, NULL, 0) > 1);
}

static double seconds_since(struct timespec start)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - start.tv_sec) + (now.tv_nsec - start.tv_nsec) / 1e9;
}

static void test_pathological_patterns_stay_fast(void **state)
{
    static char text[20001];
    struct timespec start;
    regex_t re;

    (void)state;
    memset(text, 'a', sizeof(text) - 1);
    clock_gettime(CLOCK_MONOTONIC, &start);
    assert_int_equal(regcomp(&re, "(a|aa)*(a*)*b", ERE), 0);
    assert_int_equal(regexec(&re, text, 0, NULL, 0), REG_NOMATCH);
    regfree(&re);
    assert_int_equal(regcomp(&re, ".*.*.*x", ERE), 0);
    assert_int_equal(regexec(&re, text, 0, NULL, 0), REG_NOMATCH);
    regfree(&re);
    /* back-references backtrack, under a budget: an answer, never a hang */
    text[40] = '\0';
    assert_int_equal(regcomp(&re, "\\(a*\\)*\\1b", BRE), 0);
    int err = regexec(&re, text, 0, NULL, 0);
    assert_true(err == REG_NOMATCH || err == REG_ESPACE);
    regfree(&re);
    assert_true(seconds_since(start) < 20.0);
}

/* A random ERE over {a,b} from a tiny grammar. */
static void random_pattern(char *out, size_t size, int depth)
{
    static const char *const atoms[] = { "a", "b", ".", "[ab]", "[^a]", "" };
    static const char *const quantifiers[] = { "", "", "*", "+", "?", "{1,2}", "{2}" };
    size_t len = strlen(out);
    int pieces = 1 + rand() % 3;

    for (int i = 0; i < pieces && len + 40 < size; i++) {
        if (depth < 3 && rand() % 4 == 0) {
            strcat(out, "(");
            random_pattern(out, size, depth + 1);
            if (rand() % 3 == 0) {
                strcat(out, "|");
                random_pattern(out, size, depth + 1);
            }
            strcat(out, ")");
        } else {
            const char *atom = atoms[rand() % 6];
            strcat(out, *atom ? atom : "a");
        }
        strcat(out, quantifiers[rand() % 7]);
        len = strlen(out);
    }
}

static void test_overall_match_agrees_with_glibc(void **state)
{
    (void)state;
    srand(12345);
    for (int round = 0; round < 3000; round++) {
        char pattern[400] = "", subject[16];
        int n = rand() % 12;
        struct glibc_regex theirs;
        struct glibc_match tm[1];
        regmatch_t om[1];
        regex_t ours;
        int orc, trc;

        random_pattern(pattern, sizeof(pattern), 0);
        for (int i = 0; i < n; i++)
            subject[i] = "abc"[rand() % 3];
        subject[n] = '\0';
        if (glibc_regcomp(&theirs, pattern, GLIBC_REG_EXTENDED))
            continue;
        assert_int_equal(regcomp(&ours, pattern, REG_EXTENDED), 0);
        orc = regexec(&ours, subject, 1, om, 0);
        trc = glibc_regexec(&theirs, subject, 1, tm, 0);
        if (orc != trc || (!orc && (om[0].rm_so != tm[0].so || om[0].rm_eo != tm[0].eo)))
            fail_msg("/%s/ on \"%s\": ours %d (%d,%d), glibc %d (%d,%d)", pattern, subject, orc,
                     (int)om[0].rm_so, (int)om[0].rm_eo, trc, tm[0].so, tm[0].eo);
        regfree(&ours);
        glibc_regfree(&theirs);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matches_follow_posix),
        cmocka_unit_test(test_bad_patterns_give_the_right_error),
        cmocka_unit_test(test_deep_nesting_is_refused_not_crashing),
        cmocka_unit_test(test_eflags_notbol_noteol),
        cmocka_unit_test(test_nosub_reports_only_success),
        cmocka_unit_test(test_unused_pmatch_slots_are_minus_one),
        cmocka_unit_test(test_regerror_names_and_truncates),
        cmocka_unit_test(test_pathological_patterns_stay_fast),
        cmocka_unit_test(test_overall_match_agrees_with_glibc),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
