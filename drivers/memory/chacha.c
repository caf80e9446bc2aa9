/* The ChaCha20 block function: 20 rounds over a 64-bit counter and nonce. */
#include <string.h>
#include "memory.h"

#define ROTL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))
#define QUARTER(a, b, c, d)                                                                        \
    do {                                                                                           \
        a += b, d ^= a, d = ROTL(d, 16);                                                           \
        c += d, b ^= c, b = ROTL(b, 12);                                                           \
        a += b, d ^= a, d = ROTL(d, 8);                                                            \
        c += d, b ^= c, b = ROTL(b, 7);                                                            \
    } while (0)

void chacha20_block(const uint32_t key[8], uint64_t counter, uint64_t nonce,
                    uint8_t out[CHACHA_BLOCK])
{
    uint32_t in[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574 }; /* "expand 32-byte k" */
    uint32_t x[16];

    memcpy(&in[4], key, 32);
    in[12] = (uint32_t)counter;
    in[13] = (uint32_t)(counter >> 32);
    in[14] = (uint32_t)nonce;
    in[15] = (uint32_t)(nonce >> 32);
    memcpy(x, in, sizeof(x));
    for (int i = 0; i < 10; i++) {
        QUARTER(x[0], x[4], x[8], x[12]);
        QUARTER(x[1], x[5], x[9], x[13]);
        QUARTER(x[2], x[6], x[10], x[14]);
        QUARTER(x[3], x[7], x[11], x[15]);
        QUARTER(x[0], x[5], x[10], x[15]);
        QUARTER(x[1], x[6], x[11], x[12]);
        QUARTER(x[2], x[7], x[8], x[13]);
        QUARTER(x[3], x[4], x[9], x[14]);
    }
    for (int i = 0; i < 16; i++)
        x[i] += in[i];
    memcpy(out, x, CHACHA_BLOCK); /* little-endian, as the CPU stores it */
    memset(x, 0, sizeof(x));
}
