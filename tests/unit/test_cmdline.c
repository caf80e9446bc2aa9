/* Kernel command-line options: flags, values, and words that only look alike. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "kernel.h"
#include "bootinfo.h"

struct bootinfo bootinfo;

static void set(const char *s)
{
    strcpy(bootinfo.cmdline, s);
}

static void flags(void **state)
{
    (void)state;
    set("/boot/kernel qemuexit  testpanic");
    assert_true(cmdline_flag("qemuexit"));
    assert_true(cmdline_flag("testpanic"));
    assert_false(cmdline_flag("qemu"));
    assert_false(cmdline_flag("exit"));
    set("");
    assert_false(cmdline_flag("qemuexit"));
}

static void values(void **state)
{
    (void)state;
    char buf[16];
    set("a=1 long=0123456789abcdefXYZ flag b=");
    assert_string_equal(cmdline_value("a", buf, sizeof(buf)), "1");
    assert_string_equal(cmdline_value("long", buf, sizeof(buf)), "0123456789abcde");
    assert_string_equal(cmdline_value("b", buf, sizeof(buf)), "");
    assert_null(cmdline_value("flag", buf, sizeof(buf)));
    assert_null(cmdline_value("missing", buf, sizeof(buf)));
    assert_true(cmdline_flag("a"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(flags),
        cmocka_unit_test(values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
