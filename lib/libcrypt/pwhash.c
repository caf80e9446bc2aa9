/*
 * The "$5$" password hash (pwhash.h). Given the password P, the salt S
 * and the round count N:
 *
 *   B  = H(P S P)
 *   A  = H(P S, then B repeated to the length of P, then for each bit of
 *          the length of P from the lowest: B if the bit is 1, else P)
 *   DP = H(P repeated |P| times), and P' is DP repeated to |P| bytes
 *   DS = H(S repeated 16 + A[0] times), and S' is DS repeated to |S|
 *   N times: A = H((odd round ? P' : A), S' unless round % 3 == 0,
 *                  P' unless round % 7 == 0, (odd round ? A : P'))
 *
 * and the 32 bytes of A are written as 43 characters, three bytes at a
 * time in the fixed order of hash_order[] below, six bits per character,
 * lowest first. This is the construction glibc and OpenSSL use, so
 * their hashes and ours check against each other.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pwhash.h"
#include "sha256.h"

#define ROUNDS_PREFIX "rounds="
#define HASH_CHARS    43

static const char alphabet[] = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* The digest's bytes in groups of three, most significant first. */
static const uint8_t hash_order[11][3] = {
    { 0, 10, 20 }, { 21, 1, 11 }, { 12, 22, 2 }, { 3, 13, 23 }, { 24, 4, 14 },  { 15, 25, 5 },
    { 6, 16, 26 }, { 27, 7, 17 }, { 18, 28, 8 }, { 9, 19, 29 }, { 32, 31, 30 },
};

struct setting {
    const char *salt;
    size_t salt_len;
    unsigned long rounds;
    bool custom_rounds; /* "rounds=" was given, and is repeated in the hash */
};

/* Parse "$5$[rounds=N$]SALT[$...]"; 0 or -1. */
static int parse_setting(const char *s, struct setting *st)
{
    if (strncmp(s, PWHASH_PREFIX, strlen(PWHASH_PREFIX)) != 0)
        return -1;
    s += strlen(PWHASH_PREFIX);
    st->rounds = PWHASH_ROUNDS_DEFAULT;
    st->custom_rounds = false;
    if (strncmp(s, ROUNDS_PREFIX, strlen(ROUNDS_PREFIX)) == 0) {
        const char *num = s + strlen(ROUNDS_PREFIX);
        char *end;
        if (*num < '0' || *num > '9')
            return -1;
        unsigned long n = strtoul(num, &end, 10);
        if (*end != '$')
            return -1;
        st->rounds = n < PWHASH_ROUNDS_MIN   ? PWHASH_ROUNDS_MIN
                     : n > PWHASH_ROUNDS_MAX ? PWHASH_ROUNDS_MAX
                                             : n;
        st->custom_rounds = true;
        s = end + 1;
    }
    st->salt = s;
    st->salt_len = strcspn(s, "$");
    if (st->salt_len > PWHASH_SALT_MAX)
        st->salt_len = PWHASH_SALT_MAX;
    if (memchr(s, ':', st->salt_len) || memchr(s, '\n', st->salt_len))
        return -1;
    return 0;
}

/* Feed len bytes of the 32-byte block repeated over and over. */
static void add_repeated(struct sha256 *ctx, const uint8_t block[SHA256_DIGEST], size_t len)
{
    for (; len > SHA256_DIGEST; len -= SHA256_DIGEST)
        sha256_update(ctx, block, SHA256_DIGEST);
    sha256_update(ctx, block, len);
}

/* A, before the rounds. */
static void initial_digest(const char *key, size_t klen, const struct setting *st,
                           uint8_t a[SHA256_DIGEST])
{
    struct sha256 ctx;
    uint8_t b[SHA256_DIGEST];

    sha256_init(&ctx);
    sha256_update(&ctx, key, klen);
    sha256_update(&ctx, st->salt, st->salt_len);
    sha256_update(&ctx, key, klen);
    sha256_final(&ctx, b);

    sha256_init(&ctx);
    sha256_update(&ctx, key, klen);
    sha256_update(&ctx, st->salt, st->salt_len);
    add_repeated(&ctx, b, klen);
    for (size_t n = klen; n > 0; n >>= 1) {
        if (n & 1)
            sha256_update(&ctx, b, SHA256_DIGEST);
        else
            sha256_update(&ctx, key, klen);
    }
    sha256_final(&ctx, a);
    memset(b, 0, sizeof(b));
}

/* H(text repeated times times). */
static void repeated_digest(const void *text, size_t len, size_t times, uint8_t d[SHA256_DIGEST])
{
    struct sha256 ctx;

    sha256_init(&ctx);
    while (times-- > 0)
        sha256_update(&ctx, text, len);
    sha256_final(&ctx, d);
}

/* The N rounds, from A in place. */
static void stretch(const char *key, size_t klen, const struct setting *st,
                    uint8_t a[SHA256_DIGEST])
{
    uint8_t dp[SHA256_DIGEST], ds[SHA256_DIGEST];
    struct sha256 ctx;

    repeated_digest(key, klen, klen, dp);
    repeated_digest(st->salt, st->salt_len, 16 + (size_t)a[0], ds);
    for (unsigned long round = 0; round < st->rounds; round++) {
        sha256_init(&ctx);
        if (round & 1)
            add_repeated(&ctx, dp, klen);
        else
            sha256_update(&ctx, a, SHA256_DIGEST);
        if (round % 3 != 0)
            add_repeated(&ctx, ds, st->salt_len);
        if (round % 7 != 0)
            add_repeated(&ctx, dp, klen);
        if (round & 1)
            sha256_update(&ctx, a, SHA256_DIGEST);
        else
            add_repeated(&ctx, dp, klen);
        sha256_final(&ctx, a);
    }
    memset(dp, 0, sizeof(dp));
    memset(ds, 0, sizeof(ds));
}

/* The 43 characters of the digest. Index 32 of hash_order stands for a
 * zero byte: the last group has only two bytes. */
static void encode(const uint8_t a[SHA256_DIGEST], char *out)
{
    int n = 0;

    for (int g = 0; g < 11; g++) {
        uint32_t w = 0;
        for (int i = 0; i < 3; i++)
            w = w << 8 | (hash_order[g][i] < SHA256_DIGEST ? a[hash_order[g][i]] : 0);
        for (int i = 0; i < 4 && n < HASH_CHARS; i++, w >>= 6)
            out[n++] = alphabet[w & 63];
    }
    out[n] = '\0';
}

int pwhash(const char *key, const char *setting, char *out, size_t size)
{
    struct setting st;
    uint8_t a[SHA256_DIGEST];
    char prefix[48];
    size_t klen = strlen(key);

    if (parse_setting(setting, &st) < 0)
        return -1;
    if (st.custom_rounds)
        snprintf(prefix, sizeof(prefix), "%s%s%lu$", PWHASH_PREFIX, ROUNDS_PREFIX, st.rounds);
    else
        snprintf(prefix, sizeof(prefix), "%s", PWHASH_PREFIX);
    if (strlen(prefix) + st.salt_len + 1 + HASH_CHARS + 1 > size)
        return -1;
    initial_digest(key, klen, &st, a);
    stretch(key, klen, &st, a);
    int n = sprintf(out, "%s%.*s$", prefix, (int)st.salt_len, st.salt);
    encode(a, out + n);
    memset(a, 0, sizeof(a));
    return 0;
}

/* Random bytes from /dev/urandom, or failing that a digest of whatever
 * varies: the time, the process id, an address. */
static void random_bytes(uint8_t *buf, size_t len)
{
    int fd = open("/dev/urandom", O_RDONLY);
    ssize_t got = fd >= 0 ? read(fd, buf, len) : -1;

    if (fd >= 0)
        close(fd);
    if (got == (ssize_t)len)
        return;
    struct {
        struct timespec ts;
        pid_t pid;
        const void *where;
    } seed;
    uint8_t d[SHA256_DIGEST];
    memset(&seed, 0, sizeof(seed));
    clock_gettime(CLOCK_REALTIME, &seed.ts);
    seed.pid = getpid();
    seed.where = &seed;
    sha256(&seed, sizeof(seed), d);
    for (size_t i = 0; i < len; i++)
        buf[i] = d[i % SHA256_DIGEST];
}

int pwhash_setting(char *out, size_t size, unsigned long rounds)
{
    uint8_t r[PWHASH_SALT_MAX];
    char salt[PWHASH_SALT_MAX + 1];
    int n;

    random_bytes(r, sizeof(r));
    for (int i = 0; i < PWHASH_SALT_MAX; i++)
        salt[i] = alphabet[r[i] & 63];
    salt[PWHASH_SALT_MAX] = '\0';
    if (rounds)
        n = snprintf(out, size, "%s%s%lu$%s", PWHASH_PREFIX, ROUNDS_PREFIX, rounds, salt);
    else
        n = snprintf(out, size, "%s%s", PWHASH_PREFIX, salt);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

bool pwhash_check(const char *key, const char *hash)
{
    char computed[PWHASH_MAX];
    unsigned char diff = 0;
    size_t len = strlen(hash);

    if (pwhash(key, hash, computed, sizeof(computed)) < 0 || strlen(computed) != len)
        return false;
    for (size_t i = 0; i < len; i++) /* the same time whatever differs */
        diff |= (unsigned char)(computed[i] ^ hash[i]);
    memset(computed, 0, sizeof(computed));
    return diff == 0;
}
