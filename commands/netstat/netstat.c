/*
 * netstat: what the network server holds.
 *
 *   netstat [-a] [-n]    sockets: protocol, queues, addresses, state
 *   netstat -i           interfaces and their packet counters
 *   netstat -r           routes (as route prints them)
 *
 * Ember's own ioctls answer (<net/sockinfo.h>, <net/if.h>,
 * <net/route.h>). Without -a, listening sockets are left out. Addresses
 * are always numeric (-n is accepted for habit's sake). Exit status 0, 1 on
 * an error, 2 on a usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <net/route.h>
#include <net/sockinfo.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "cmd.h"

#define USAGE "[-a] [-n] | -i | -r"

static const char *endpoint(const struct sockaddr_in6 *sa, char *buf, size_t size)
{
    char a[INET6_ADDRSTRLEN];

    if (sa->sin6_family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
        inet_ntop(AF_INET, &in->sin_addr, a, sizeof(a));
        snprintf(buf, size, "%s:%u", in->sin_addr.s_addr ? a : "*", ntohs(in->sin_port));
    } else if (sa->sin6_family == AF_INET6) {
        inet_ntop(AF_INET6, &sa->sin6_addr, a, sizeof(a));
        snprintf(buf, size, "[%s]:%u", a, ntohs(sa->sin6_port));
    } else {
        snprintf(buf, size, "*:*");
    }
    return buf;
}

static const char *proto(const struct sock_info *s)
{
    if (s->type == SOCK_STREAM)
        return s->family == AF_INET6 ? "tcp6" : "tcp";
    if (s->type == SOCK_DGRAM)
        return s->family == AF_INET6 ? "udp6" : "udp";
    return s->family == AF_INET6 ? "raw6" : "raw";
}

static int sockets(int s, int all)
{
    static const char *states[] = { "CLOSED", "LISTEN", "SYN_SENT", "ESTABLISHED", "" };
    struct sock_list *l = malloc(sizeof(*l));
    char local[64], remote[64];

    if (!l || ioctl(s, SIOCGSOCKLIST, l) < 0)
        cmd_die(1, "cannot list the sockets");
    printf("%-6s %-7s %-7s %-24s %-24s %s\n", "Proto", "Recv-Q", "Send-Q", "Local Address",
           "Foreign Address", "State");
    for (uint32_t i = 0; i < l->listed; i++) {
        const struct sock_info *in = &l->sock[i];
        if (!all && in->state == SOCKINFO_LISTEN)
            continue;
        printf("%-6s %-7u %-7u %-24s %-24s %s\n", proto(in), in->rx_queued, in->tx_queued,
               endpoint(&in->local, local, sizeof(local)),
               endpoint(&in->remote, remote, sizeof(remote)),
               in->state < 5 ? states[in->state] : "?");
    }
    if (l->count > l->listed)
        printf("(%u more sockets not listed)\n", l->count - l->listed);
    free(l);
    return fflush(stdout) == 0 ? 0 : 1;
}

static int interfaces(int s)
{
    struct if_list *l = malloc(sizeof(*l));

    if (!l || ioctl(s, SIOCGIFLIST, l) < 0)
        cmd_die(1, "cannot list the interfaces");
    printf("%-8s %6s %10s %6s %6s %10s %6s %6s\n", "Iface", "MTU", "RX-OK", "RX-ERR", "RX-DRP",
           "TX-OK", "TX-ERR", "TX-DRP");
    for (uint32_t i = 0; i < l->count && i < IF_LIST_MAX; i++) {
        const struct if_info *in = &l->info[i];
        printf("%-8s %6u %10llu %6llu %6llu %10llu %6llu %6llu\n", in->name, in->mtu,
               (unsigned long long)in->in_packets, (unsigned long long)in->in_errors,
               (unsigned long long)in->in_dropped, (unsigned long long)in->out_packets,
               (unsigned long long)in->out_errors, (unsigned long long)in->out_dropped);
    }
    free(l);
    return fflush(stdout) == 0 ? 0 : 1;
}

static int routes(int s)
{
    struct rt_list l;
    char d[INET_ADDRSTRLEN], g[INET_ADDRSTRLEN], m[INET_ADDRSTRLEN];

    if (ioctl(s, SIOCGRTLIST, &l) < 0)
        cmd_die(1, "cannot read the routes");
    printf("%-16s %-16s %-16s %-5s %s\n", "Destination", "Gateway", "Genmask", "Flags", "Iface");
    for (uint32_t i = 0; i < l.count && i < RT_LIST_MAX; i++) {
        struct rtreq *r = &l.route[i];
        printf("%-16s %-16s %-16s %-5s %s\n",
               r->rt_dst.sin_addr.s_addr ? inet_ntop(AF_INET, &r->rt_dst.sin_addr, d, sizeof(d))
                                         : "default",
               r->rt_gateway.sin_addr.s_addr
                   ? inet_ntop(AF_INET, &r->rt_gateway.sin_addr, g, sizeof(g))
                   : "*",
               inet_ntop(AF_INET, &r->rt_mask.sin_addr, m, sizeof(m)),
               r->rt_flags & RTF_GATEWAY ? "UG" : "U", r->rt_ifname);
    }
    return fflush(stdout) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    int opt, all = 0, mode = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "anir")) != -1) {
        if (opt == 'a')
            all = 1;
        else if (opt == 'i' || opt == 'r')
            mode = opt;
        else if (opt != 'n')
            cmd_usage(USAGE);
    }
    if (optind != argc)
        cmd_usage(USAGE);
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    if (s < 0)
        cmd_die(1, "cannot reach the network server");
    return mode == 'i' ? interfaces(s) : mode == 'r' ? routes(s) : sockets(s, all);
}
