/*
 * The random number generator: ChaCha20 with fast key erasure. The state
 * is one 256-bit key. Output is the key's ChaCha20 keystream; after every
 * request the key is replaced by a fresh keystream block, so what was
 * handed out cannot be recomputed from a later state.
 *
 * Input is stirred into the key 32 bytes at a time: key = F(key ^ input),
 * where F is the first half of a ChaCha20 block under that key with a
 * nonce that output never uses. The seed at start-up comes from
 *   - RDSEED and RDRAND, when CPUID lists them (QEMU's TCG has RDRAND and
 *     feeds it from the host's getrandom()),
 *   - the jitter of the TSC around kernel calls, the uptime and the
 *     wall-clock time at boot,
 * and every request stirs in the TSC again, as does every write to the
 * device. Without RDRAND, under -icount (where the TSC counts instructions
 * and is the same on every run) the output is predictable: the start-up
 * line says which sources were found.
 */
#include <string.h>
#include <cpuid.h>
#include "memory.h"

#define NONCE_OUTPUT  0
#define NONCE_STIR    0x5354495200000000ull /* "STIR" */
#define JITTER_ROUNDS 256

static uint32_t key[8];
static uint64_t counter;
static char sources[64];

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static bool rdrand64(uint64_t *v)
{
    unsigned char ok;

    for (int tries = 0; tries < 10; tries++) {
        __asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok)::"cc");
        if (ok)
            return true;
    }
    return false;
}

static bool rdseed64(uint64_t *v)
{
    unsigned char ok;

    for (int tries = 0; tries < 100; tries++) {
        __asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok)::"cc");
        if (ok)
            return true;
    }
    return false;
}

static void stir(const uint32_t in[8])
{
    uint8_t block[CHACHA_BLOCK];

    for (int i = 0; i < 8; i++)
        key[i] ^= in[i];
    chacha20_block(key, 0, NONCE_STIR, block);
    memcpy(key, block, sizeof(key));
    memset(block, 0, sizeof(block));
}

void random_mix(const void *buf, size_t len)
{
    const uint8_t *p = buf;
    uint32_t in[8];

    while (len > 0) {
        size_t n = len < sizeof(in) ? len : sizeof(in);
        memset(in, 0, sizeof(in));
        memcpy(in, p, n);
        stir(in);
        p += n, len -= n;
    }
}

static void stir_tsc(void)
{
    uint64_t t = rdtsc();

    random_mix(&t, sizeof(t));
}

void random_bytes(void *buf, size_t len)
{
    uint8_t block[CHACHA_BLOCK], *p = buf;

    stir_tsc();
    while (len > 0) {
        size_t n = len < CHACHA_BLOCK ? len : CHACHA_BLOCK;
        chacha20_block(key, counter++, NONCE_OUTPUT, block);
        memcpy(p, block, n);
        p += n, len -= n;
    }
    /* Fast key erasure: the next key is keystream no one has seen. */
    chacha20_block(key, counter, NONCE_OUTPUT, block);
    memcpy(key, block, sizeof(key));
    counter = 0;
    memset(block, 0, sizeof(block));
}

/* Eight words from a hardware source, stirred in; false if it has none. */
static bool seed_hardware(bool (*source)(uint64_t *))
{
    uint64_t words[4];

    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < 4; i++)
            if (!source(&words[i]))
                return false;
        random_mix(words, sizeof(words));
    }
    memset(words, 0, sizeof(words));
    return true;
}

/* The TSC's jitter around kernel calls, and the clocks. */
static void seed_timing(void)
{
    uint64_t words[4], uptime = 0, tsc = 0;
    int64_t boottime = 0;

    for (int i = 0; i < JITTER_ROUNDS; i++) {
        uint64_t t0 = rdtsc();
        sys_time(&uptime, &tsc, &boottime);
        words[i % 4] = (rdtsc() - t0) ^ (uptime << 17) ^ tsc;
        if (i % 4 == 3)
            random_mix(words, sizeof(words));
    }
    words[0] = (uint64_t)boottime;
    words[1] = (uint64_t)srv_self;
    words[2] = (uint64_t)&words;
    words[3] = rdtsc();
    random_mix(words, sizeof(words));
}

static void add_source(const char *name)
{
    if (sources[0])
        strcat(sources, ", ");
    strcat(sources, name);
}

void random_init(void)
{
    unsigned a, b, c, d;

    if (__get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_RDSEED) && seed_hardware(rdseed64))
        add_source("rdseed");
    if (__get_cpuid(1, &a, &b, &c, &d) && (c & bit_RDRND) && seed_hardware(rdrand64))
        add_source("rdrand");
    seed_timing();
    add_source("tsc jitter and clocks");
}

const char *random_sources(void)
{
    return sources;
}
