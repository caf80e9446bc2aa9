/*
 * route: show and change the IPv4 routes.
 *
 *   route [-n]                              the routing table
 *   route add default [gw] GATEWAY [dev IFACE]
 *   route del default
 *
 * lwIP routes to the interface whose network holds the destination, else
 * through the default gateway (<net/route.h>), so those are the routes
 * there are. Changes are root's. Exit status 0, 1 on an error, 2 on a
 * usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/route.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "cmd.h"

#define USAGE "[-n] | add default [gw] GATEWAY [dev IFACE] | del default"

static int open_socket(void)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);

    if (s < 0)
        cmd_die(1, "cannot reach the network server");
    return s;
}

static const char *addr_or(struct in_addr a, const char *zero, char *buf)
{
    return a.s_addr ? inet_ntop(AF_INET, &a, buf, INET_ADDRSTRLEN) : zero;
}

static int show(int s)
{
    struct rt_list l;
    char d[INET_ADDRSTRLEN], g[INET_ADDRSTRLEN], m[INET_ADDRSTRLEN];

    if (ioctl(s, SIOCGRTLIST, &l) < 0)
        cmd_die(1, "cannot read the routes");
    printf("%-16s %-16s %-16s %-5s %s\n", "Destination", "Gateway", "Genmask", "Flags", "Iface");
    for (uint32_t i = 0; i < l.count && i < RT_LIST_MAX; i++) {
        struct rtreq *r = &l.route[i];
        char flags[4] = "U";
        if (r->rt_flags & RTF_GATEWAY)
            strcat(flags, "G");
        printf("%-16s %-16s %-16s %-5s %s\n", addr_or(r->rt_dst.sin_addr, "default", d),
               addr_or(r->rt_gateway.sin_addr, "*", g),
               inet_ntop(AF_INET, &r->rt_mask.sin_addr, m, sizeof(m)), flags, r->rt_ifname);
    }
    return fflush(stdout) == 0 ? 0 : 1;
}

static int change(int s, int add, char **args, int n)
{
    struct rtreq r;

    memset(&r, 0, sizeof(r));
    if (n < 1 || strcmp(args[0], "default") != 0)
        cmd_usage(USAGE);
    r.rt_dst.sin_family = r.rt_mask.sin_family = r.rt_gateway.sin_family = AF_INET;
    int i = 1;
    if (add) {
        if (i < n && strcmp(args[i], "gw") == 0)
            i++;
        if (i >= n || inet_pton(AF_INET, args[i], &r.rt_gateway.sin_addr) != 1)
            cmd_usage(USAGE);
        i++;
        r.rt_flags = RTF_UP | RTF_GATEWAY;
    }
    if (i + 1 < n && strcmp(args[i], "dev") == 0) {
        snprintf(r.rt_ifname, sizeof(r.rt_ifname), "%s", args[i + 1]);
        i += 2;
    }
    if (i != n)
        cmd_usage(USAGE);
    if (ioctl(s, add ? SIOCADDRT : SIOCDELRT, &r) < 0)
        cmd_die(1, "cannot %s the default route", add ? "add" : "delete");
    return 0;
}

int main(int argc, char **argv)
{
    int opt;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "n")) != -1)
        if (opt != 'n')
            cmd_usage(USAGE);
    int s = open_socket();
    if (optind == argc)
        return show(s);
    if (strcmp(argv[optind], "add") == 0)
        return change(s, 1, argv + optind + 1, argc - optind - 1);
    if (strcmp(argv[optind], "del") == 0 || strcmp(argv[optind], "delete") == 0)
        return change(s, 0, argv + optind + 1, argc - optind - 1);
    cmd_usage(USAGE);
}
