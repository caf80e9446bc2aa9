/* The Internet checksum the network server gives lwIP (chksum.c). */
#ifndef NET_CHKSUM_H
#define NET_CHKSUM_H

#include <stdint.h>

/* lwip_standard_chksum's contract: the one's-complement sum of len bytes,
 * folded to 16 bits, not inverted. */
uint16_t net_chksum(const void *data, int len);

#endif
