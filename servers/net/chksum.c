/*
 * The Internet checksum for lwIP, faster than its own.
 *
 * lwIP sums every byte it sends (the TCP payload as it copies it in, with
 * LWIP_CHECKSUM_ON_COPY) with lwip_standard_chksum, which Debian's build
 * compiles to a loop adding one 16-bit word per pass: five instructions
 * for two bytes, the biggest single cost per byte in the server. This one
 * adds 64-bit words into a 128-bit accumulator (the carries out of the low
 * half are the one's-complement end-around carries, added back at the end),
 * four words per pass. The loader binds lwIP's calls to it (lw.c's
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

uint16_t net_chksum(const void *data, int len)
{
    const uint8_t *p = data;
    size_t n = len > 0 ? (size_t)len : 0;
    unsigned __int128 acc = 0;

    for (; n >= 32; p += 32, n -= 32) {
        acc += load64(p);
        acc += load64(p + 8);
        acc += load64(p + 16);
        acc += load64(p + 24);
    }
    for (; n >= 8; p += 8, n -= 8)
        acc += load64(p);
    uint64_t tail = 0;
    for (size_t i = 0; i < n; i++) /* little-endian: byte i at bits 8i */
        tail |= (uint64_t)p[i] << (8 * i);
    acc += tail;
    uint64_t lo = (uint64_t)acc, hi = (uint64_t)(acc >> 64);
    lo += hi;
    if (lo < hi)
        lo++;
    return fold(lo);
}
