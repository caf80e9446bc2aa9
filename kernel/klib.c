/*
 * The few string and memory functions the kernel uses. GCC may also emit
 * calls to memcpy/memset/memmove/memcmp on its own, so these must exist.
 */
#include "kernel.h"

/*
 * memset and memcpy move 8-byte words in a plain loop rather than with
 * rep stosb/movsb: under QEMU's TCG every iteration of a rep instruction is
 * a pass through the translated-block loop, one byte at a time, so a loop
 * of word moves fills or copies a page many times faster there (safecopy
 * of a 64 KiB message is the hot case). x86 allows the unaligned words.
 */
typedef uint64_t __attribute__((aligned(1), may_alias)) word_t;

void *memset(void *d, int c, size_t n)
{
    uint8_t *dp = d;
    uint64_t w = 0x0101010101010101ull * (uint8_t)c;

    for (; n >= 32; dp += 32, n -= 32) {
        ((word_t *)dp)[0] = w;
        ((word_t *)dp)[1] = w;
        ((word_t *)dp)[2] = w;
        ((word_t *)dp)[3] = w;
    }
    for (; n >= 8; dp += 8, n -= 8)
        *(word_t *)dp = w;
    while (n--)
        *dp++ = (uint8_t)c;
    return d;
}

void *memcpy(void *d, const void *s, size_t n)
{
    uint8_t *dp = d;
    const uint8_t *sp = s;

    if (n < 8) {
        while (n--)
            *dp++ = *sp++;
        return d;
    }
    /* The last word is loaded first and stored last, over the words
     * before it: no byte loop for the tail (memmove's forward case relies
     * on the loads coming before the stores that could overwrite them). */
    uint64_t last = *(const word_t *)(sp + n - 8);
    word_t *dlast = (word_t *)(dp + n - 8);
    for (; n > 32 + 8; dp += 32, sp += 32, n -= 32) {
        uint64_t a = ((const word_t *)sp)[0], b = ((const word_t *)sp)[1];
        uint64_t c = ((const word_t *)sp)[2], e = ((const word_t *)sp)[3];
        ((word_t *)dp)[0] = a;
        ((word_t *)dp)[1] = b;
        ((word_t *)dp)[2] = c;
        ((word_t *)dp)[3] = e;
    }
    for (; n > 8; dp += 8, sp += 8, n -= 8)
        *(word_t *)dp = *(const word_t *)sp;
    *dlast = last;
    return d;
}

void *memmove(void *d, const void *s, size_t n)
{
    unsigned char *dp = d;
    const unsigned char *sp = s;

    if (dp <= sp || dp >= sp + n)
        return memcpy(d, s, n);
    while (n--)
        dp[n] = sp[n];
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for (size_t i = 0; i < n; i++)
        if (x[i] != y[i])
            return x[i] - y[i];
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;

    while (s[n])
        n++;
    return n;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while (n < max && s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n > 0; n--, a++, b++) {
        if (*a != *b || !*a)
            return (unsigned char)*a - (unsigned char)*b;
    }
    return 0;
}

size_t strlcpy(char *d, const char *s, size_t n)
{
    size_t len = strlen(s);

    if (n > 0) {
        size_t c = len < n - 1 ? len : n - 1;
        memcpy(d, s, c);
        d[c] = '\0';
    }
    return len;
}

char *strchr(const char *s, int c)
{
    for (; *s; s++)
        if (*s == (char)c)
            return (char *)s;
    return c == 0 ? (char *)s : NULL;
}
