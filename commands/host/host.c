/*
 * host: look up the addresses of a name.
 *
 *   host [-4 | -6] NAME
 *
 * Through the resolver (getaddrinfo: /etc/hosts, then the name servers
 * /etc/resolv.conf or DHCP gives): its IPv4 addresses, then its IPv6 ones
 * (-4 or -6 asks for one family only), and the canonical name when NAME is
 * an alias. Exit status 0 if any address was found, 1 if none was, 2 on a
 * usage error.
 */
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "cmd.h"

#define USAGE "[-4 | -6] NAME"

/* Print one family's addresses; how many, or -1 with *err set. */
static int lookup(const char *name, int family, int *err)
{
    struct addrinfo hints = { .ai_family = family,
                              .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_CANONNAME },
                    *res;
    char a[INET6_ADDRSTRLEN];
    int n = 0;

    *err = getaddrinfo(name, NULL, &hints, &res);
    if (*err != 0)
        return -1;
    if (res->ai_canonname && strcasecmp(res->ai_canonname, name) != 0)
        printf("%s is an alias for %s.\n", name, res->ai_canonname);
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        const void *addr = family == AF_INET
                               ? (const void *)&((struct sockaddr_in *)ai->ai_addr)->sin_addr
                               : (const void *)&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr;
        printf("%s has %saddress %s\n", name, family == AF_INET6 ? "IPv6 " : "",
               inet_ntop(family, addr, a, sizeof(a)));
        n++;
    }
    freeaddrinfo(res);
    return n;
}

int main(int argc, char **argv)
{
    int opt, want4 = 1, want6 = 1, err4 = 0, err6 = 0, found = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "46")) != -1) {
        if (opt == '4')
            want6 = 0;
        else if (opt == '6')
            want4 = 0;
        else
            cmd_usage(USAGE);
    }
    if (optind + 1 != argc || (!want4 && !want6))
        cmd_usage(USAGE);
    const char *name = argv[optind];
    if (want4 && lookup(name, AF_INET, &err4) > 0)
        found++;
    if (want6 && lookup(name, AF_INET6, &err6) > 0)
        found++;
    if (!found) {
        int err = want4 ? err4 : err6;
        printf("Host %s not found: %s\n", name, gai_strerror(err));
        return 1;
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
