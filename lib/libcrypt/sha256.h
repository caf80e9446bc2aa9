/*
 * SHA-256 as FIPS 180-4 defines it: a context fed any number of byte
 * strings, then finished into a 32-byte digest.
 */
#ifndef SHA256_H
#define SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST 32
#define SHA256_BLOCK  64

struct sha256 {
    uint32_t state[8];
    uint64_t length; /* bytes hashed so far */
    uint8_t block[SHA256_BLOCK];
    size_t used; /* bytes waiting in block */
};

void sha256_init(struct sha256 *ctx);
void sha256_update(struct sha256 *ctx, const void *data, size_t len);
void sha256_final(struct sha256 *ctx, uint8_t digest[SHA256_DIGEST]);

/* The digest of one string. */
void sha256(const void *data, size_t len, uint8_t digest[SHA256_DIGEST]);

#endif
