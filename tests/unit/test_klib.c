/*
 * The kernel's memcpy, memmove and memset (kernel/klib.c), compiled for
 * the host under other names: every length up to 300 and a few larger,
 * every source and destination alignment within 16 bytes, guard bytes
 * around the destination, and memmove over overlapping ranges both ways.
 */
#define memset  k_memset
#define memcpy  k_memcpy
#define memmove k_memmove
#define memcmp  k_memcmp
#define strlen  k_strlen
#define strnlen k_strnlen
#define strcmp  k_strcmp
#define strncmp k_strncmp
#define strlcpy k_strlcpy
#define strchr  k_strchr
#include "klib.c"
#undef memset
#undef memcpy
#undef memmove
#undef memcmp
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strlcpy
#undef strchr

#include <setjmp.h>
#include <cmocka.h>

#define GUARD  32
#define MAXLEN 4200
static uint8_t src[MAXLEN + 64], dst[MAXLEN + 64 + 2 * GUARD], want[MAXLEN + 64 + 2 * GUARD];

static const size_t big[] = { 511, 512, 513, 1460, 1514, 4095, 4096, 4097, MAXLEN };
#define NLENGTHS (301 + (int)(sizeof(big) / sizeof(big[0])))

static size_t length(int i)
{
    return i <= 300 ? (size_t)i : big[i - 301];
}

static void fill(uint8_t *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(seed * 131 + i * 7 + (i >> 8));
}

static void same(const uint8_t *a, const uint8_t *b, size_t n, const char *what, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            fail_msg("%s n=%zu: byte %zu is %#x, not %#x", what, len, i, a[i], b[i]);
}

static void test_memcpy_and_memset(void **state)
{
    (void)state;
    fill(src, sizeof(src), 5);
    for (int li = 0; li < NLENGTHS; li++) {
        size_t n = length(li);
        for (size_t so = 0; so < 16; so++)
            for (size_t d = 0; d < 16; d++) {
                for (size_t i = 0; i < sizeof(dst); i++)
                    dst[i] = want[i] = 0xEE;
                for (size_t i = 0; i < n; i++)
                    want[GUARD + d + i] = src[so + i];
                assert_ptr_equal(k_memcpy(dst + GUARD + d, src + so, n), dst + GUARD + d);
                same(dst, want, sizeof(dst), "memcpy", n);
            }
        for (size_t d = 0; d < 16; d++) {
            for (size_t i = 0; i < sizeof(dst); i++)
                dst[i] = want[i] = 0xEE;
            for (size_t i = 0; i < n; i++)
                want[GUARD + d + i] = 0xA5;
            assert_ptr_equal(k_memset(dst + GUARD + d, 0x1A5, n), dst + GUARD + d);
            same(dst, want, sizeof(dst), "memset", n);
        }
    }
}

/* memmove with the ranges overlapping by every shift up to 40, both ways. */
static void test_memmove_overlapping(void **state)
{
    (void)state;
    for (int li = 0; li < NLENGTHS; li++) {
        size_t n = length(li);
        for (size_t shift = 1; shift <= 40; shift++)
            for (int forward = 0; forward < 2; forward++) {
                fill(dst, sizeof(dst), (unsigned)shift);
                for (size_t i = 0; i < sizeof(dst); i++)
                    want[i] = dst[i];
                uint8_t *from = dst + GUARD + (forward ? shift : 0);
                uint8_t *to = dst + GUARD + (forward ? 0 : shift);
                for (size_t i = 0; i < n; i++) /* what the bytes were */
                    want[(size_t)(to - dst) + i] = dst[(size_t)(from - dst) + i];
                assert_ptr_equal(k_memmove(to, from, n), to);
                same(dst, want, sizeof(dst), forward ? "memmove down" : "memmove up", n);
            }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memcpy_and_memset),
        cmocka_unit_test(test_memmove_overlapping),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
