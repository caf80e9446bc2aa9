/*
 * The resolver inside libc: /etc/hosts, then DNS (resolv.c). netdb.c builds
 * getaddrinfo, gethostbyname and friends on it.
 */
#ifndef LIBC_RESOLV_H
#define LIBC_RESOLV_H

#include <netinet/in.h>

#define RES_MAX_ADDRS 16
#define RES_NAME_MAX  256

/* What a lookup found: addresses of one family, and the canonical name. */
struct res_answer {
    int family; /* AF_INET or AF_INET6 */
    int count;
    union {
        struct in_addr v4;
        struct in6_addr v6;
    } addr[RES_MAX_ADDRS];
    char canon[RES_NAME_MAX];
};

/* Addresses of family for name: from /etc/hosts, else from DNS. Returns 0,
 * or an EAI_* code (EAI_NONAME: no such name or no address of that family;
 * EAI_AGAIN: no name server answered). */
int __res_lookup(const char *name, int family, struct res_answer *out);

/* The name /etc/hosts gives an address (len 4 or 16), or NULL. */
const char *__res_hosts_name(const void *addr, int family, char *buf, size_t size);

/* One DNS query of type qtype (1 A, 28 AAAA) to the configured servers. */
int __res_dns(const char *name, int qtype, struct res_answer *out);

#endif
