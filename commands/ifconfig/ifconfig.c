/*
 * ifconfig: show and configure the network interfaces.
 *
 *   ifconfig [-a]                        every interface
 *   ifconfig IFACE                       one interface
 *   ifconfig IFACE ADDR[/PREFIX] [netmask MASK] [up|down]
 *   ifconfig IFACE netmask MASK | up | down | dhcp
 *
 * Everything goes through ioctls on a socket (<net/if.h>), which vfs
 * forwards to the network server; changes are root's. Exit status 0, 1 on
 * an error, 2 on a usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

#include "cmd.h"

#define USAGE "[-a] [IFACE [ADDR[/PREFIX]] [netmask MASK] [up|down|dhcp]]"

static int sock = -1;

static void open_socket(void)
{
    if ((sock = socket(AF_INET, SOCK_DGRAM, 0)) < 0)
        cmd_die(1, "cannot reach the network server");
}

static const char *ntoa(struct in_addr a)
{
    static char buf[4][INET_ADDRSTRLEN];
    static int next;
    char *b = buf[next++ % 4];

    return inet_ntop(AF_INET, &a, b, INET_ADDRSTRLEN);
}

static void print_flags(uint32_t f)
{
    static const struct {
        uint32_t bit;
        const char *name;
    } names[] = { { IFF_UP, "UP" },
                  { IFF_BROADCAST, "BROADCAST" },
                  { IFF_LOOPBACK, "LOOPBACK" },
                  { IFF_RUNNING, "RUNNING" },
                  { IFF_MULTICAST, "MULTICAST" } };
    const char *sep = "";

    printf("flags=%u<", f);
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (f & names[i].bit) {
            printf("%s%s", sep, names[i].name);
            sep = ",";
        }
    printf(">");
}

static void print_iface(const struct if_info *in)
{
    char a6[INET6_ADDRSTRLEN];

    printf("%s: ", in->name);
    print_flags(in->flags);
    printf(" mtu %u\n", in->mtu);
    if (in->addr.s_addr) {
        printf("        inet %s netmask %s", ntoa(in->addr), ntoa(in->netmask));
        if (in->flags & IFF_BROADCAST)
            printf(" broadcast %s", ntoa(in->broadcast));
        if (in->config == IFCONF_DHCP)
            printf(" (dhcp, lease %u s)", in->lease_left);
        printf("\n");
    } else if (in->config == IFCONF_DHCP) {
        printf("        inet (dhcp: no lease yet)\n");
    }
    for (int i = 0; i < in->naddr6 && i < IF_INFO_ADDR6; i++)
        printf("        inet6 %s%s\n", inet_ntop(AF_INET6, &in->addr6[i], a6, sizeof(a6)),
               in->addr6_state[i] == 1 ? " tentative" : "");
    if (in->hwaddr_len == 6) {
        const uint8_t *h = in->hwaddr;
        printf("        ether %02x:%02x:%02x:%02x:%02x:%02x", h[0], h[1], h[2], h[3], h[4], h[5]);
        if (in->driver[0])
            printf("  driver %s", in->driver);
        if (in->link_mbps)
            printf(" %u Mb/s", in->link_mbps);
        if (in->driver_restarts)
            printf(", restarted %u times", in->driver_restarts);
        printf("\n");
    }
    printf("        RX packets %llu bytes %llu errors %llu dropped %llu\n",
           (unsigned long long)in->in_packets, (unsigned long long)in->in_bytes,
           (unsigned long long)in->in_errors, (unsigned long long)in->in_dropped);
    printf("        TX packets %llu bytes %llu errors %llu dropped %llu\n",
           (unsigned long long)in->out_packets, (unsigned long long)in->out_bytes,
           (unsigned long long)in->out_errors, (unsigned long long)in->out_dropped);
}

static int show(const char *only)
{
    struct if_list *l = malloc(sizeof(*l));
    int found = 0;

    if (!l || ioctl(sock, SIOCGIFLIST, l) < 0)
        cmd_die(1, "cannot list the interfaces");
    for (uint32_t i = 0; i < l->count && i < IF_LIST_MAX; i++) {
        if (only && strcmp(only, l->info[i].name) != 0)
            continue;
        if (found++)
            printf("\n");
        print_iface(&l->info[i]);
    }
    free(l);
    if (only && !found)
        cmd_diex(1, "%s: no such interface", only);
    return fflush(stdout) == 0 ? 0 : 1;
}

/* ADDR or ADDR/PREFIX; a prefix sets *mask. */
static struct in_addr parse_addr(const char *s, struct in_addr *mask, int *has_mask)
{
    char buf[32];
    struct in_addr a;
    const char *slash = strchr(s, '/');

    snprintf(buf, sizeof(buf), "%.*s", slash ? (int)(slash - s) : (int)strlen(s), s);
    if (inet_pton(AF_INET, buf, &a) != 1)
        cmd_diex(2, "%s: not an IPv4 address", s);
    if (slash) {
        char *end;
        long bits = strtol(slash + 1, &end, 10);
        if (*end || bits < 0 || bits > 32)
            cmd_diex(2, "%s: bad prefix length", s);
        mask->s_addr = htonl(bits ? 0xffffffffu << (32 - bits) : 0);
        *has_mask = 1;
    }
    return a;
}

static void set(unsigned long request, const char *ifname, struct in_addr addr, const char *what)
{
    struct ifreq r;
    struct sockaddr_in *sin = (struct sockaddr_in *)&r.ifr_addr;

    memset(&r, 0, sizeof(r));
    snprintf(r.ifr_name, sizeof(r.ifr_name), "%s", ifname);
    sin->sin_family = AF_INET;
    sin->sin_len = sizeof(*sin);
    sin->sin_addr = addr;
    if (ioctl(sock, request, &r) < 0)
        cmd_die(1, "%s: cannot set the %s", ifname, what);
}

static void set_flags(const char *ifname, int up)
{
    struct ifreq r;

    memset(&r, 0, sizeof(r));
    snprintf(r.ifr_name, sizeof(r.ifr_name), "%s", ifname);
    if (ioctl(sock, SIOCGIFFLAGS, &r) < 0)
        cmd_die(1, "%s", ifname);
    r.ifr_flags = (short)(up ? (r.ifr_flags | IFF_UP) : (r.ifr_flags & ~IFF_UP));
    if (ioctl(sock, SIOCSIFFLAGS, &r) < 0)
        cmd_die(1, "%s: cannot bring it %s", ifname, up ? "up" : "down");
}

static int configure(const char *ifname, char **args, int n)
{
    struct in_addr addr = { 0 }, mask = { 0 };
    int has_addr = 0, has_mask = 0, up = -1, dhcp = 0;

    for (int i = 0; i < n; i++) {
        if (strcmp(args[i], "up") == 0)
            up = 1;
        else if (strcmp(args[i], "down") == 0)
            up = 0;
        else if (strcmp(args[i], "dhcp") == 0)
            dhcp = 1;
        else if (strcmp(args[i], "netmask") == 0 && i + 1 < n) {
            if (inet_pton(AF_INET, args[++i], &mask) != 1)
                cmd_diex(2, "%s: not a netmask", args[i]);
            has_mask = 1;
        } else if (!has_addr && (args[i][0] >= '0' && args[i][0] <= '9')) {
            addr = parse_addr(args[i], &mask, &has_mask);
            has_addr = 1;
        } else {
            cmd_usage(USAGE);
        }
    }
    if (dhcp && (has_addr || has_mask))
        cmd_usage(USAGE);
    if (has_addr)
        set(SIOCSIFADDR, ifname, addr, "address");
    if (has_mask)
        set(SIOCSIFNETMASK, ifname, mask, "netmask");
    if (dhcp)
        set(SIOCSIFDHCP, ifname, addr, "configuration (dhcp)");
    if (up >= 0)
        set_flags(ifname, up);
    return 0;
}

int main(int argc, char **argv)
{
    int opt;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "a")) != -1)
        if (opt != 'a')
            cmd_usage(USAGE);
    open_socket();
    if (optind == argc)
        return show(NULL);
    if (optind + 1 == argc)
        return show(argv[optind]);
    return configure(argv[optind], argv + optind + 1, argc - optind - 1);
}
