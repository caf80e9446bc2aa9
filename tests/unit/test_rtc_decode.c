/* The CMOS clock's decoding (drivers/rtc/decode.c): BCD and binary, 12- and
 * 24-hour, the century register, and impossible readings refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "rtc.h"

#define BCD24 CMOS_B_24HOUR
#define BIN24 (CMOS_B_24HOUR | CMOS_B_BINARY)

static int64_t decode(struct rtc_raw raw, const char **why)
{
    *why = NULL;
    return rtc_decode(&raw, why);
}

static int64_t ok(struct rtc_raw raw)
{
    const char *why;
    int64_t t = decode(raw, &why);
    assert_null(why);
    return t;
}

static const char *refused(struct rtc_raw raw)
{
    const char *why;
    assert_int_equal(decode(raw, &why), -1);
    assert_non_null(why);
    return why;
}

static void bcd_24_hour(void **state)
{
    (void)state;
    /* 2026-11-21 23:10:51 UTC */
    struct rtc_raw r = { 0x51, 0x10, 0x23, 0x21, 0x11, 0x26, 0x20, BCD24 };
    assert_int_equal(ok(r), 1795302651);
    r = (struct rtc_raw){ 0x00, 0x00, 0x00, 0x01, 0x01, 0x70, 0x19, BCD24 };
    assert_int_equal(ok(r), 0);
}

static void binary_mode(void **state)
{
    (void)state;
    struct rtc_raw r = { 51, 10, 23, 21, 11, 26, 20, BIN24 };
    assert_int_equal(ok(r), 1795302651);
}

static void twelve_hour(void **state)
{
    (void)state;
    struct rtc_raw r = { 0x51, 0x10, 0x11 | CMOS_HOUR_PM, 0x21, 0x11, 0x26, 0x20, 0 };
    assert_int_equal(ok(r), 1795302651);
    r.hour = 0x12; /* 12 AM: midnight */
    assert_int_equal(ok(r), 1795302651 - 23 * 3600);
    r.hour = 0x12 | CMOS_HOUR_PM; /* 12 PM: noon */
    assert_int_equal(ok(r), 1795302651 - 11 * 3600);
    r.hour = 0x00; /* there is no hour 0 in 12-hour form */
    assert_string_equal(refused(r), "hours");
    r = (struct rtc_raw){ 51, 10, 11 | CMOS_HOUR_PM, 21, 11, 26, 20, CMOS_B_BINARY };
    assert_int_equal(ok(r), 1795302651);
}

static void century_register(void **state)
{
    (void)state;
    struct rtc_raw r = { 0x00, 0x00, 0x00, 0x01, 0x01, 0x99, 0x19, BCD24 };
    assert_int_equal(ok(r), 915148800);  /* 1999-01-01 */
    r.century = 0x00;                    /* absent: 20xx */
    assert_int_equal(ok(r), 4070908800); /* 2099-01-01 */
    r.century = 0xff;
    assert_int_equal(ok(r), 4070908800);
}

static void leap_days(void **state)
{
    (void)state;
    struct rtc_raw r = { 0x00, 0x00, 0x00, 0x29, 0x02, 0x24, 0x20, BCD24 };
    assert_int_equal(ok(r), 1709164800); /* 2024-02-29 */
    r.year = 0x23;
    assert_string_equal(refused(r), "day of the month");
    r = (struct rtc_raw){ 0x00, 0x00, 0x00, 0x31, 0x04, 0x26, 0x20, BCD24 };
    assert_string_equal(refused(r), "day of the month");
}

static void impossible_values(void **state)
{
    (void)state;
    struct rtc_raw good = { 0x51, 0x10, 0x23, 0x21, 0x11, 0x26, 0x20, BCD24 }, r;

    r = good, r.sec = 0x60;
    assert_string_equal(refused(r), "seconds");
    r = good, r.sec = 0x1a; /* not BCD */
    assert_string_equal(refused(r), "seconds");
    r = good, r.min = 0xff;
    assert_string_equal(refused(r), "minutes");
    r = good, r.hour = 0x24;
    assert_string_equal(refused(r), "hours");
    r = good, r.month = 0x00;
    assert_string_equal(refused(r), "month");
    r = good, r.month = 0x13;
    assert_string_equal(refused(r), "month");
    r = good, r.day = 0x00;
    assert_string_equal(refused(r), "day of the month");
    r = good, r.year = 0xa0;
    assert_string_equal(refused(r), "year");
    r = (struct rtc_raw){ 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }; /* no clock */
    assert_string_equal(refused(r), "seconds");
    r.status_b = 0;
    assert_string_equal(refused(r), "seconds");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(bcd_24_hour), cmocka_unit_test(binary_mode),
        cmocka_unit_test(twelve_hour), cmocka_unit_test(century_register),
        cmocka_unit_test(leap_days),   cmocka_unit_test(impossible_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
