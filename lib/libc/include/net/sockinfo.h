/*
 * The network server's sockets, as netstat shows them (SIOCGSOCKLIST on
 * any socket; Ember's own request).
 */
#ifndef _NET_SOCKINFO_H
#define _NET_SOCKINFO_H

#include <stdint.h>
#include <sys/ioctl.h>
#include <netinet/in.h>

/* States. A TCP socket's is what the socket layer can tell. */
#define SOCKINFO_CLOSED     0
#define SOCKINFO_LISTEN     1
#define SOCKINFO_CONNECTING 2
#define SOCKINFO_CONNECTED  3
#define SOCKINFO_BOUND      4 /* UDP and raw: bound or connected */

struct sock_info {
    uint32_t id;
    uint8_t family; /* AF_INET, AF_INET6 */
    uint8_t type;   /* SOCK_STREAM, SOCK_DGRAM, SOCK_RAW */
    uint8_t protocol;
    uint8_t state;                     /* SOCKINFO_* */
    uint32_t rx_queued, tx_queued;     /* bytes waiting to be read, to be sent */
    struct sockaddr_in6 local, remote; /* or sockaddr_in; family 0: none */
};

#define SOCK_LIST_MAX 64
struct sock_list {
    uint32_t count; /* sockets in the server, perhaps more than listed */
    uint32_t listed;
    struct sock_info sock[SOCK_LIST_MAX];
};

#define SIOCGSOCKLIST _IOR('n', 1, struct sock_list)

#endif
