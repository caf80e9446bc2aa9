/*
 * The two memcpy/memset pairs Ember has, built for the host under other
 * names: the kernel's (kernel/klib.c, included here, with its memmove)
 * and every program's (lib/libc/string.S, assembled as ember_memcpy and
 * ember_memset). Every length up to 300 and a few larger, every source
 * and destination alignment within 16 bytes, guard bytes around the
 * destination that must stay untouched, and memmove over ranges that
 * overlap by every shift up to 40, both ways.
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
#include <string.h>
#include <cmocka.h>

void *ember_memcpy(void *dst, const void *src, size_t n);
void *ember_memset(void *dst, int c, size_t n);

typedef void *(*copy_fn)(void *, const void *, size_t);
typedef void *(*set_fn)(void *, int, size_t);

#define GUARD  32
#define MAXLEN 4200
static uint8_t src[MAXLEN + 64], dst[MAXLEN + 64 + 2 * GUARD], want[sizeof(dst)];

static const size_t big[] = { 511, 512, 513, 1460, 1514, 4095, 4096, 4097, MAXLEN };
#define NLENGTHS (301 + (int)(sizeof(big) / sizeof(big[0])))

/* The lengths tried: all of 0..300, then the big ones. */
static size_t length(int i)
{
    return i <= 300 ? (size_t)i : big[i - 301];
}

static void fill(uint8_t *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (uint8_t)(seed * 131 + i * 7 + (i >> 8));
}

static void same(const char *what, size_t len)
{
    for (size_t i = 0; i < sizeof(dst); i++)
        if (dst[i] != want[i])
            fail_msg("%s n=%zu: byte %zu is %#x, not %#x", what, len, i, dst[i], want[i]);
}

static void check_copy(copy_fn copy, const char *what)
{
    fill(src, sizeof(src), 5);
    for (int li = 0; li < NLENGTHS; li++) {
        size_t n = length(li);
        for (size_t so = 0; so < 16; so++)
            for (size_t d = 0; d < 16; d++) {
                memset(dst, 0xEE, sizeof(dst));
                memset(want, 0xEE, sizeof(want));
                for (size_t i = 0; i < n; i++)
                    want[GUARD + d + i] = src[so + i];
                assert_ptr_equal(copy(dst + GUARD + d, src + so, n), dst + GUARD + d);
                same(what, n);
            }
    }
}

static void check_set(set_fn set, const char *what)
{
    static const int values[] = { 0, 0xA5, 0x1FF /* only the low byte counts */ };

    for (int li = 0; li < NLENGTHS; li++) {
        size_t n = length(li);
        for (size_t d = 0; d < 16; d++)
            for (size_t v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
                memset(dst, 0xEE, sizeof(dst));
                memset(want, 0xEE, sizeof(want));
                for (size_t i = 0; i < n; i++)
                    want[GUARD + d + i] = (uint8_t)values[v];
                assert_ptr_equal(set(dst + GUARD + d, values[v], n), dst + GUARD + d);
                same(what, n);
            }
    }
}

static void test_kernel_memcpy(void **state)
{
    (void)state;
    check_copy(k_memcpy, "kernel memcpy");
}

static void test_kernel_memset(void **state)
{
    (void)state;
    check_set(k_memset, "kernel memset");
}

static void test_libc_memcpy(void **state)
{
    (void)state;
    check_copy(ember_memcpy, "libc memcpy");
}

static void test_libc_memset(void **state)
{
    (void)state;
    check_set(ember_memset, "libc memset");
}

static void test_kernel_memmove_overlapping(void **state)
{
    (void)state;
    for (int li = 0; li < NLENGTHS; li++) {
        size_t n = length(li);
        for (size_t shift = 1; shift <= 40; shift++)
            for (int down = 0; down < 2; down++) {
                fill(dst, sizeof(dst), (unsigned)shift);
                memcpy(want, dst, sizeof(dst));
                size_t from = GUARD + (down ? shift : 0), to = GUARD + (down ? 0 : shift);
                memcpy(want + to, dst + from, n); /* what the bytes were */
                assert_ptr_equal(k_memmove(dst + to, dst + from, n), dst + to);
                same(down ? "kernel memmove down" : "kernel memmove up", n);
            }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kernel_memcpy),
        cmocka_unit_test(test_kernel_memset),
        cmocka_unit_test(test_kernel_memmove_overlapping),
        cmocka_unit_test(test_libc_memcpy),
        cmocka_unit_test(test_libc_memset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
