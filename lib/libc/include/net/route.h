/*
 * Routes. lwIP routes to the interface whose network holds the
 * destination, else through the default interface's gateway; so a route is
 * an interface's own network (RTF_UP) or the default route (RTF_GATEWAY).
 * SIOCADDRT with destination 0.0.0.0/0 sets the default gateway (and its
 * interface, the one whose network holds the gateway, unless rt_ifname
 * names one); SIOCDELRT removes it.
 */
#ifndef _NET_ROUTE_H
#define _NET_ROUTE_H

#include <stdint.h>
#include <net/if.h>

#define RTF_UP      0x1
#define RTF_GATEWAY 0x2
#define RTF_HOST    0x4

struct rtreq {
    struct sockaddr_in rt_dst;
    struct sockaddr_in rt_mask;
    struct sockaddr_in rt_gateway;
    char rt_ifname[IFNAMSIZ];
    uint32_t rt_flags;
    uint32_t pad;
};

#define RT_LIST_MAX 16
struct rt_list {
    uint32_t count;
    uint32_t pad;
    struct rtreq route[RT_LIST_MAX];
};

#define SIOCADDRT   _IOW('r', 10, struct rtreq)
#define SIOCDELRT   _IOW('r', 11, struct rtreq)
#define SIOCGRTLIST _IOR('r', 12, struct rt_list)

#endif
