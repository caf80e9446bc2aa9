/*
 * The Internet checksum for lwIP, faster than its own.
 *
 * lwIP sums every byte it sends (the TCP payload as it copies it in, with
 * LWIP_CHECKSUM_ON_COPY) with lwip_standard_chksum, which Debian's build
 * compiles to a loop adding one 16-bit word per pass: five instructions
 * for two bytes, the biggest single cost per byte in the server. This one
 * adds 64-bit words with the carry flag (adc) eight words per pass: the
 * carries are the one's-complement end-around carries. The loader binds lwIP's calls to it (lw.c's
 * preempt), so lwIP's own is never called; tests/unit/test_lwip_loader.c
 * checks the two agree on every length and alignment.
 *
 * The result is lwIP's: the one's-complement sum of the bytes taken as
 * 16-bit words in memory order from data[0] (an odd last byte as the low
 * half of a word), folded to 16 bits, not inverted.
 */
#include <string.h>

#include "chksum.h"

static uint64_t load64(const uint8_t *p)
{
    uint64_t w;

    memcpy(&w, p, sizeof(w)); /* one unaligned load */
    return w;
}

/* Fold a 64-bit one's-complement sum to 16 bits. */
static uint16_t fold(uint64_t s)
{
    s = (s & 0xFFFFFFFFu) + (s >> 32);
    s = (s & 0xFFFFFFFFu) + (s >> 32);
    s = (s & 0xFFFFu) + (s >> 16);
    s = (s & 0xFFFFu) + (s >> 16);
    return (uint16_t)s;
}

/* acc plus the 64-bit words of blocks 64-byte blocks at p, one's-complement
 * (end-around carry). The adc chain runs through the whole loop: lea and
 * dec leave the carry flag alone. Eleven instructions per 64 bytes. */
static uint64_t sum_blocks(const uint8_t *p, size_t blocks, uint64_t acc)
{
    __asm__("clc\n"
            "1:\n\t"
            "adc 0(%[p]), %[acc]\n\t"
            "adc 8(%[p]), %[acc]\n\t"
            "adc 16(%[p]), %[acc]\n\t"
            "adc 24(%[p]), %[acc]\n\t"
            "adc 32(%[p]), %[acc]\n\t"
            "adc 40(%[p]), %[acc]\n\t"
            "adc 48(%[p]), %[acc]\n\t"
            "adc 56(%[p]), %[acc]\n\t"
            "lea 64(%[p]), %[p]\n\t"
            "dec %[n]\n\t"
            "jnz 1b\n\t"
            "adc $0, %[acc]"
            : [acc] "+r"(acc), [p] "+r"(p), [n] "+r"(blocks)
            :
            : "cc", "memory");
    return acc;
}

/* a + b, one's-complement. */
static uint64_t add1c(uint64_t a, uint64_t b)
{
    a += b;
    return a + (a < b);
}

uint16_t net_chksum(const void *data, int len)
{
    const uint8_t *p = data;
    size_t n = len > 0 ? (size_t)len : 0;
    uint64_t acc = 0;

    if (n >= 64) {
        acc = sum_blocks(p, n / 64, 0);
        p += n & ~(size_t)63;
        n &= 63;
    }
    for (; n >= 8; p += 8, n -= 8)
        acc = add1c(acc, load64(p));
    uint64_t tail = 0;
    for (size_t i = 0; i < n; i++) /* little-endian: byte i at bits 8i */
        tail |= (uint64_t)p[i] << (8 * i);
    return fold(add1c(acc, tail));
}
