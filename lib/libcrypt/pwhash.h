/*
 * Password hashes in the "$5$" format (SHA-256 crypt), the one glibc's
 * crypt(), OpenSSL's `openssl passwd -5` and Python's crypt module write:
 *
 *     $5$SALT$HASH
 *     $5$rounds=N$SALT$HASH
 *
 * SALT is up to 16 characters (no '$', ':' or newline); HASH is 43
 * characters of the alphabet ./0-9A-Za-z encoding a 32-byte digest. N,
 * the number of SHA-256 rounds that make the hash slow to guess, is
 * clamped to 1000..999999999; without "rounds=" it is 5000. The
 * algorithm (pwhash.c) mixes the password and the salt into a digest,
 * then rehashes it N times with the password and the salt in an order
 * that depends on the round number. A hash is checked by hashing the
 * password again with the stored hash as the setting: the setting's
 * salt and rounds are taken, its HASH part ignored.
 */
#ifndef PWHASH_H
#define PWHASH_H

#include <stdbool.h>
#include <stddef.h>

#define PWHASH_PREFIX         "$5$"
#define PWHASH_SALT_MAX       16
#define PWHASH_ROUNDS_DEFAULT 5000ul
#define PWHASH_ROUNDS_MIN     1000ul
#define PWHASH_ROUNDS_MAX     999999999ul
#define PWHASH_MAX            96 /* the longest hash with its NUL, rounded up */

/* Hash key with the salt and rounds of setting into out (size bytes).
 * Returns 0, or -1 when setting is not a "$5$" setting or out is too
 * small. */
int pwhash(const char *key, const char *setting, char *out, size_t size);

/* A new setting with a random salt of 16 characters: "$5$SALT", or with
 * rounds other than 0 "$5$rounds=N$SALT". Returns 0 or -1. */
int pwhash_setting(char *out, size_t size, unsigned long rounds);

/* Whether key hashes to hash. False for anything not a "$5$" hash. */
bool pwhash_check(const char *key, const char *hash);

#endif
