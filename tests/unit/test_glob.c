/*
 * glob() of Ember's libc (lib/libc/port/glob.c), linked into this program
 * in place of glibc's, run in a scratch tree made for each test:
 *
 *   a.c  b.c  b.h  .hidden  dir/x.c  dir/y.c  dir/sub/z.c  other/x.c
 *   star*name  link -> dir
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "../../lib/libc/include/glob.h"

struct scratch {
    char dir[64];
    char old_cwd[4096];
};

static void make_file(const char *path)
{
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    fclose(f);
}

static int make_tree(void **state)
{
    static struct scratch s;

    strcpy(s.dir, "/tmp/ember_glob_XXXXXX");
    if (!mkdtemp(s.dir) || !getcwd(s.old_cwd, sizeof s.old_cwd) || chdir(s.dir) != 0)
        return -1;
    mkdir("dir", 0755);
    mkdir("dir/sub", 0755);
    mkdir("other", 0755);
    make_file("a.c");
    make_file("b.c");
    make_file("b.h");
    make_file(".hidden");
    make_file("dir/x.c");
    make_file("dir/y.c");
    make_file("dir/sub/z.c");
    make_file("other/x.c");
    make_file("star*name");
    if (symlink("dir", "link") != 0)
        return -1;
    *state = &s;
    return 0;
}

static int remove_tree(void **state)
{
    struct scratch *s = *state;
    char command[128];

    if (chdir(s->old_cwd) != 0)
        return -1;
    snprintf(command, sizeof command, "rm -rf '%s'", s->dir);
    return system(command) == 0 ? 0 : -1;
}

/* Run glob and compare with the expected paths (NULL-terminated). */
static void expect_paths(const char *pattern, int flags, const char *const *want)
{
    glob_t g;
    size_t n = 0;

    assert_int_equal(glob(pattern, flags, NULL, &g), 0);
    for (; want[n]; n++) {
        assert_true(n < g.gl_pathc);
        assert_string_equal(g.gl_pathv[n], want[n]);
    }
    assert_int_equal(g.gl_pathc, n);
    assert_null(g.gl_pathv[n]);
    globfree(&g);
}

static void star_in_current_directory(void **state)
{
    (void)state;
    expect_paths("*.c", 0, (const char *const[]){ "a.c", "b.c", NULL });
    expect_paths("b.*", 0, (const char *const[]){ "b.c", "b.h", NULL });
    expect_paths("?.h", 0, (const char *const[]){ "b.h", NULL });
    expect_paths("[ab].c", 0, (const char *const[]){ "a.c", "b.c", NULL });
}

static void hidden_files_need_a_period(void **state)
{
    glob_t g;

    (void)state;
    assert_int_equal(glob("*hidden", 0, NULL, &g), GLOB_NOMATCH);
    expect_paths(".h*", 0, (const char *const[]){ ".hidden", NULL });
    expect_paths(".*", 0, (const char *const[]){ ".", "..", ".hidden", NULL });
}

static void wildcards_in_several_components(void **state)
{
    (void)state;
    expect_paths("*/x.c", 0, (const char *const[]){ "dir/x.c", "link/x.c", "other/x.c", NULL });
    expect_paths("d*/*.c", 0, (const char *const[]){ "dir/x.c", "dir/y.c", NULL });
    expect_paths("dir/*/z.c", 0, (const char *const[]){ "dir/sub/z.c", NULL });
}

static void absolute_patterns(void **state)
{
    struct scratch *s = *state;
    char pattern[128], want[128];

    snprintf(pattern, sizeof pattern, "%s/dir/s*", s->dir);
    snprintf(want, sizeof want, "%s/dir/sub", s->dir);
    expect_paths(pattern, 0, (const char *const[]){ want, NULL });
}

static void trailing_slash_matches_directories(void **state)
{
    (void)state;
    expect_paths("*/", 0, (const char *const[]){ "dir/", "link/", "other/", NULL });
}

static void mark_flag(void **state)
{
    (void)state;
    expect_paths("d*", GLOB_MARK, (const char *const[]){ "dir/", NULL });
    expect_paths("l*", GLOB_MARK, (const char *const[]){ "link/", NULL });
    expect_paths("a.*", GLOB_MARK, (const char *const[]){ "a.c", NULL });
}

static void no_match_and_nocheck(void **state)
{
    glob_t g;

    (void)state;
    assert_int_equal(glob("*.zzz", 0, NULL, &g), GLOB_NOMATCH);
    assert_int_equal(glob("nothere/*.c", 0, NULL, &g), GLOB_NOMATCH);
    expect_paths("*.zzz", GLOB_NOCHECK, (const char *const[]){ "*.zzz", NULL });
}

static void literal_paths_must_exist(void **state)
{
    glob_t g;

    (void)state;
    expect_paths("dir/x.c", 0, (const char *const[]){ "dir/x.c", NULL });
    assert_int_equal(glob("dir/nothere.c", 0, NULL, &g), GLOB_NOMATCH);
}

static void escapes_and_noescape(void **state)
{
    glob_t g;

    (void)state;
    expect_paths("star\\*name", 0, (const char *const[]){ "star*name", NULL });
    expect_paths("star*", 0, (const char *const[]){ "star*name", NULL });
    assert_int_equal(glob("star\\*name", GLOB_NOESCAPE, NULL, &g), GLOB_NOMATCH);
}

static void append_and_offsets(void **state)
{
    glob_t g;

    (void)state;
    g.gl_offs = 2;
    assert_int_equal(glob("a.c", GLOB_DOOFFS, NULL, &g), 0);
    assert_int_equal(glob("*.h", GLOB_DOOFFS | GLOB_APPEND, NULL, &g), 0);
    assert_int_equal(g.gl_pathc, 2);
    assert_null(g.gl_pathv[0]);
    assert_null(g.gl_pathv[1]);
    assert_string_equal(g.gl_pathv[2], "a.c");
    assert_string_equal(g.gl_pathv[3], "b.h");
    assert_null(g.gl_pathv[4]);
    globfree(&g);
}

static void nosort_keeps_every_match(void **state)
{
    glob_t g;
    int seen = 0;

    (void)state;
    assert_int_equal(glob("dir/*.c", GLOB_NOSORT, NULL, &g), 0);
    assert_int_equal(g.gl_pathc, 2);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        if (strcmp(g.gl_pathv[i], "dir/x.c") == 0)
            seen |= 1;
        else if (strcmp(g.gl_pathv[i], "dir/y.c") == 0)
            seen |= 2;
    }
    assert_int_equal(seen, 3);
    globfree(&g);
}

static int error_calls;

static int count_error(const char *path, int err)
{
    (void)path, (void)err;
    error_calls++;
    return 0;
}

/* A link to itself cannot be opened as a directory, even by root (ELOOP). */
static void unreadable_directories(void **state)
{
    glob_t g;

    (void)state;
    assert_int_equal(symlink("loop", "loop"), 0);
    error_calls = 0;
    assert_int_equal(glob("loop/*", 0, count_error, &g), GLOB_NOMATCH);
    assert_int_equal(error_calls, 1);
    assert_int_equal(glob("loop/*", GLOB_ERR, NULL, &g), GLOB_ABORTED);
    error_calls = 0;
    assert_int_equal(glob("*/*.c", 0, count_error, &g), 0); /* the others still match */
    assert_int_equal(error_calls, 1);
    assert_int_equal(g.gl_pathc, 5);
    globfree(&g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(star_in_current_directory, make_tree, remove_tree),
        cmocka_unit_test_setup_teardown(hidden_files_need_a_period, make_tree, remove_tree),
        cmocka_unit_test_setup_teardown(wildcards_in_several_components, make_tree, remove_tree),
        cmocka_unit_test_setup_teardown(absolute_patterns, make_tree, remove_tree),
        cmocka_unit_test_setup_teardown(trailing_slash_matches_directories, make_tree, remove_tree),
        cmocka_unit_test_setup_teardown(mark_flag, make_tree, remove_tree),
        cmocka_unit_test_setup_teardown(no_match_and_nocheck, make_tree, remove_tree),
        cmocka_unit_test_setup_teardown(literal_paths_must_exist, make_tree, remove_tree),
        cmocka_unit_test_setup_teardown(escapes_and_noescape, make_tree, remove_tree),
        cmocka_unit_test_setup_teardown(append_and_offsets, make_tree, remove_tree),
        cmocka_unit_test_setup_teardown(nosort_keeps_every_match, make_tree, remove_tree),
        cmocka_unit_test_setup_teardown(unreadable_directories, make_tree, remove_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
