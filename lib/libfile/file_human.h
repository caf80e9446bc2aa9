/* Sizes for people: 1023, 1.0K, 15M (ls -h, du -h). */
#ifndef FILE_HUMAN_H
#define FILE_HUMAN_H

#include <stdint.h>

#define HUMAN_SIZE_LEN 24

/*
 * Write bytes as a number of at most four characters with a unit suffix
 * (K, M, G, T, P, E; powers of 1024). Values are rounded up, and shown
 * with one decimal below 10: 1536 -> "1.5K", 10240 -> "10K".
 */
void human_size(uintmax_t bytes, char out[HUMAN_SIZE_LEN]);

#endif
