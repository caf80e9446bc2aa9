/* ficampaign's parts: the workload (workload.c) and its tally. */
#ifndef CAMPAIGN_H
#define CAMPAIGN_H

#include <stdint.h>

/* What the workload saw, kept in memory shared with the injector. */
struct tally {
    volatile uint64_t rounds;     /* write-and-verify rounds finished */
    volatile uint64_t correct;    /* the data read back was the data written */
    volatile uint64_t io_errors;  /* a call failed with an error (EIO ...): reported, fine */
    volatile uint64_t wrong_data; /* read back different data without an error: must be 0 */
    volatile int stop;            /* set by the injector: finish the round and exit */
    char first_error[96];
};

/* Run rounds in dir until t->stop: write a file of the next slot with
 * data from the round's seed, sync it, read back an older slot (likely
 * evicted from the cache, so it comes from the disk) and compare. */
void workload_run(const char *dir, uint32_t file_kib, int slots, struct tally *t);

#endif
