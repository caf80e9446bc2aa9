/*
 * Network interfaces. The ioctls below go to any socket; vfs forwards them
 * to the network server. Besides BSD's per-address requests, Ember has one
 * request that tells everything about every interface (SIOCGIFLIST, used
 * by ifconfig and netstat -i) and one that starts DHCP on an interface.
 */
#ifndef _NET_IF_H
#define _NET_IF_H

#include <stdint.h>
#include <sys/ioctl.h>
#include <netinet/in.h>

#define IFNAMSIZ    16
#define IF_NAMESIZE IFNAMSIZ

/* Interface flags. */
#define IFF_UP        0x0001
#define IFF_BROADCAST 0x0002
#define IFF_LOOPBACK  0x0008
#define IFF_RUNNING   0x0040 /* the link is up */
#define IFF_MULTICAST 0x8000

struct ifreq {
    char ifr_name[IFNAMSIZ];
    union {
        struct sockaddr ifru_addr;
        short ifru_flags;
        int ifru_mtu;
        int ifru_index;
    } ifr_ifru;
};
#define ifr_addr      ifr_ifru.ifru_addr
#define ifr_netmask   ifr_ifru.ifru_addr
#define ifr_broadaddr ifr_ifru.ifru_addr
#define ifr_flags     ifr_ifru.ifru_flags
#define ifr_mtu       ifr_ifru.ifru_mtu
#define ifr_index     ifr_ifru.ifru_index

/* How an interface got its IPv4 address. */
#define IFCONF_NONE   0
#define IFCONF_STATIC 1
#define IFCONF_DHCP   2

#define IF_INFO_ADDR6 4

/* Everything about one interface (SIOCGIFLIST). */
struct if_info {
    char name[IFNAMSIZ];
    char driver[IFNAMSIZ]; /* the NIC driver's label, "" for lo */
    uint32_t index;
    uint32_t flags; /* IFF_* */
    uint32_t mtu;
    uint32_t link_mbps;
    uint8_t hwaddr[6];
    uint8_t hwaddr_len;
    uint8_t config;     /* IFCONF_*: how the address was set */
    uint8_t dhcp_bound; /* config is IFCONF_DHCP and a lease is held */
    uint8_t naddr6;
    uint8_t addr6_state[IF_INFO_ADDR6]; /* 1: tentative, 2: preferred */
    uint8_t pad[2];
    struct in_addr addr, netmask, broadcast, gateway;
    struct in6_addr addr6[IF_INFO_ADDR6];
    uint32_t driver_restarts; /* times the driver came back and was replayed */
    uint32_t lease_left;      /* DHCP: seconds until the lease ends */
    uint64_t in_packets, in_bytes, in_errors, in_dropped;
    uint64_t out_packets, out_bytes, out_errors, out_dropped;
};

#define IF_LIST_MAX 8
struct if_list {
    uint32_t count;
    uint32_t pad;
    struct if_info info[IF_LIST_MAX];
};

/* Name servers learned by DHCP (the resolver's fallback when
 * /etc/resolv.conf names none). */
#define DNS_SERVERS_MAX 3
struct dns_servers {
    uint32_t count;
    struct in_addr addr[DNS_SERVERS_MAX];
};

#define SIOCGIFADDR    _IOWR('i', 33, struct ifreq)
#define SIOCSIFADDR    _IOW('i', 12, struct ifreq)
#define SIOCGIFNETMASK _IOWR('i', 37, struct ifreq)
#define SIOCSIFNETMASK _IOW('i', 22, struct ifreq)
#define SIOCGIFBRDADDR _IOWR('i', 35, struct ifreq)
#define SIOCGIFFLAGS   _IOWR('i', 17, struct ifreq)
#define SIOCSIFFLAGS   _IOW('i', 16, struct ifreq) /* IFF_UP on or off */
#define SIOCGIFMTU     _IOWR('i', 126, struct ifreq)
#define SIOCGIFINDEX   _IOWR('i', 32, struct ifreq)
#define SIOCGIFLIST    _IOR('i', 80, struct if_list)
#define SIOCSIFDHCP    _IOW('i', 81, struct ifreq) /* start DHCP on ifr_name */
#define SIOCGDNS       _IOR('i', 82, struct dns_servers)

struct if_nameindex {
    unsigned int if_index;
    char *if_name;
};

#ifdef __cplusplus
extern "C" {
#endif

unsigned int if_nametoindex(const char *name);
char *if_indextoname(unsigned int index, char *name);

#ifdef __cplusplus
}
#endif

#endif
