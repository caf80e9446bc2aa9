/*
 * The libc's memcpy and memset (lib/libc/string.S), assembled for the host
 * as ember_memcpy and ember_memset: every length up to 300 and a few
 * larger, every source and destination alignment within 16 bytes, with
 * guard bytes around the destination that must stay untouched.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

void *ember_memcpy(void *dst, const void *src, size_t n);
void *ember_memset(void *dst, int c, size_t n);

#define GUARD  32
#define MAXLEN 4200
static uint8_t src[MAXLEN + 64], dst[MAXLEN + 64 + 2 * GUARD];

static const size_t big[] = { 511, 512, 513, 1460, 1514, 4095, 4096, 4097, MAXLEN };

/* The lengths tried: all of 0..300, then the big ones. */
static size_t length(int i)
{
    return i <= 300 ? (size_t)i : big[i - 301];
}
#define NLENGTHS (301 + (int)(sizeof(big) / sizeof(big[0])))

static void fill_pattern(uint8_t *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(seed * 131 + i * 7 + (i >> 8));
}

/* Guards and destination set to 0xEE; bytes [off, off + n) must be want[],
 * or c when want is NULL, and every other byte still 0xEE. */
static void check(size_t off, size_t n, const uint8_t *want, int c)
{
    for (size_t i = 0; i < sizeof(dst); i++) {
        uint8_t expect = 0xEE;
        if (i >= off && i < off + n)
            expect = want ? want[i - off] : (uint8_t)c;
        if (dst[i] != expect)
            fail_msg("n=%zu off=%zu: byte %zu is %#x, not %#x", n, off, i, dst[i], expect);
    }
}

static void test_memcpy_every_length_and_alignment(void **state)
{
    (void)state;
    fill_pattern(src, sizeof(src), 3);
    for (int li = 0; li < NLENGTHS; li++) {
        size_t n = length(li);
        for (size_t so = 0; so < 16; so++)
            for (size_t d = 0; d < 16; d++) {
                for (size_t i = 0; i < sizeof(dst); i++)
                    dst[i] = 0xEE;
                void *r = ember_memcpy(dst + GUARD + d, src + so, n);
                assert_ptr_equal(r, dst + GUARD + d);
                check(GUARD + d, n, src + so, 0);
            }
    }
}

static void test_memset_every_length_and_alignment(void **state)
{
    static const int values[] = { 0, 0xAB, 0x1FF /* only the low byte counts */ };

    (void)state;
    for (int li = 0; li < NLENGTHS; li++) {
        size_t n = length(li);
        for (size_t d = 0; d < 16; d++)
            for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
                for (size_t i = 0; i < sizeof(dst); i++)
                    dst[i] = 0xEE;
                void *r = ember_memset(dst + GUARD + d, values[v], n);
                assert_ptr_equal(r, dst + GUARD + d);
                check(GUARD + d, n, NULL, values[v]);
            }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memcpy_every_length_and_alignment),
        cmocka_unit_test(test_memset_every_length_and_alignment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
