/* Shared by the disk test cases. */
#ifndef DISKTEST_H
#define DISKTEST_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ember/server.h>

#define SECTOR 512
#define KiB    1024ull
#define MiB    (1024ull * 1024)

#define FAIL(...)                                                                                  \
    do {                                                                                           \
        printf("    %s:%d: ", __FILE__, __LINE__);                                                 \
        printf(__VA_ARGS__);                                                                       \
        printf("\n");                                                                              \
        return -1;                                                                                 \
    } while (0)

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond))                                                                               \
            FAIL(__VA_ARGS__);                                                                     \
    } while (0)

#define EXPECT(expr, want)                                                                         \
    do {                                                                                           \
        long long got_ = (long long)(expr);                                                        \
        if (got_ != (long long)(want))                                                             \
            FAIL("%s = %lld, expected %s (%lld)", #expr, got_, #want, (long long)(want));          \
    } while (0)

/* Quick cases run by default, slow ones with "all", explicit ones only
 * when named (they need a special set-up). */
enum case_kind { QUICK, SLOW, EXPLICIT };

struct disktest_case {
    const char *name;
    enum case_kind kind;
    int (*run)(void);
};

/* What the test knows about the disk (from its command line). */
struct disk_facts {
    endpoint_t driver;
    uint64_t size;                   /* bytes, as QEMU was given */
    int scratch;                     /* the minor the write tests may overwrite */
    int pattern_minors;              /* minors 1..this hold the known pattern */
    uint64_t speed_bytes;            /* for the throughput case */
    endpoint_t pci;                  /* the PCI bus driver */
    uint16_t pci_vendor, pci_device; /* the disk's PCI function */
    uint64_t bad_pos;                /* where the device fails I/O (scratch minor), 0: nowhere */
};

extern struct disk_facts disk;

/* bdev.c: requests over buffers of our own, each with its own grant. */
int bdev_call(int call, int minor, uint64_t pos, uint64_t len, grant_id_t g, message *reply);
long bdev_read(int minor, uint64_t pos, void *buf, size_t len);
long bdev_write(int minor, uint64_t pos, const void *buf, size_t len);
long bdev_size(int minor);
uint64_t bdev_size_of(int minor);

/* A big buffer for the cases (allocated once). */
uint8_t *test_buffer(int which, size_t len);

/* Patterns: a reproducible byte stream, and the partition pattern the
 * system test writes (one 8-byte record repeated over each sector:
 * sector number (le32), 'E', 'P', the minor, 0x5A). */
void fill_random(uint8_t *p, size_t len, uint32_t seed);
bool partition_pattern_ok(int minor, uint64_t first_sector, const uint8_t *p, size_t nsec);

uint64_t now_ns(void);

/* Cases. */
int size_matches_disk(void);
int partitions_match_mbr(void);
int partition_contents(void);
int absent_partition_minor(void);
int write_read_aligned(void);
int write_read_unaligned(void);
int write_larger_than_a_command(void);
int partition_offsets_on_write(void);
int out_of_range_requests(void);
int malformed_requests(void);
int bad_grants(void);
int device_error_gives_eio(void);
int slow_device_times_out(void);
int bdev_garbage(void);
int pci_garbage(void);
int sequential_throughput(void);
int pci_claim_rules(void);
int pci_claim_after_driver_death(void);

#endif
