/* The kernel's printf: every conversion the kernel uses, widths and flags. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "kernel.h"

void console_write(const char *s, size_t n)
{
    (void)s, (void)n;
}

static void check(const char *expect, const char *fmt, ...)
{
    char buf[128];
    va_list ap;

    va_start(ap, fmt);
    int n = kvsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    assert_string_equal(buf, expect);
    assert_int_equal(n, strlen(expect));
}

static void integers(void **state)
{
    (void)state;
    check("0 -1 42", "%d %d %u", 0, -1, 42u);
    check("-9223372036854775808", "%ld", (long)(-9223372036854775807L - 1));
    check("18446744073709551615", "%lu", ~0ul);
    check("ff FF 0", "%x %X %x", 255, 255, 0);
    check("ffffffff80000000", "%lx", 0xffffffff80000000ul);
}

static void widths_and_flags(void **state)
{
    (void)state;
    check("   42|42   |00042", "%5d|%-5d|%05d", 42, 42, 42);
    check("-0042", "%05d", -42);
    check("  hi|hi  ", "%4s|%-4s", "hi", "hi");
    check("0000abcd", "%08x", 0xabcd);
}

static void strings_chars_pointers(void **state)
{
    (void)state;
    check("(null) x %", "%s %c %%", (char *)NULL, 'x');
    check("0x00000000deadbeef", "%p", (void *)0xdeadbeef);
}

static void truncation(void **state)
{
    (void)state;
    char buf[8];
    int n = ksnprintf(buf, sizeof(buf), "%s", "0123456789");
    assert_int_equal(n, 10);
    assert_string_equal(buf, "0123456");
    assert_int_equal(ksnprintf(NULL, 0, "%d", 12345), 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(integers),
        cmocka_unit_test(widths_and_flags),
        cmocka_unit_test(strings_chars_pointers),
        cmocka_unit_test(truncation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
