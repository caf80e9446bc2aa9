/*
 * The frames nettest speaks: an ARP request for the gateway of QEMU's user
 * network (10.0.2.2, asked by 10.0.2.15), a DHCP discover, and the test
 * frames the host-side injector exchanges with us (EtherType 0x88B5 and a
 * text). Parsers check every length before they read.
 */
#include "nettest.h"

#define ARP_LEN       42 /* Ethernet header + the ARP packet for IPv4 */
#define IP_HDR        20
#define UDP_HDR       8
#define BOOTP_LEN     300 /* the fixed part, the cookie and options, padded */
#define BOOTP_FIXED   236
#define DHCP_COOKIE   0x63825363u
#define DHCP_DISCOVER 1
#define DHCP_OFFER    2

const uint8_t our_ip[4] = { 10, 0, 2, 15 }, gateway_ip[4] = { 10, 0, 2, 2 };
static const uint8_t broadcast[NDEV_HWADDR_LEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, (uint16_t)(v >> 16));
    put16(p + 2, (uint16_t)v);
}

static uint16_t get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)get16(p) << 16 | get16(p + 2);
}

uint16_t frame_type(const uint8_t *f)
{
    return get16(f + 12);
}

static size_t eth_header(uint8_t *f, const uint8_t *dst, const uint8_t *src, uint16_t type)
{
    memcpy(f, dst, NDEV_HWADDR_LEN);
    memcpy(f + 6, src, NDEV_HWADDR_LEN);
    put16(f + 12, type);
    return NDEV_HDR_LEN;
}

size_t build_arp_request(uint8_t *f, const uint8_t *mac, const uint8_t *ip, const uint8_t *target)
{
    uint8_t *a = f + eth_header(f, broadcast, mac, ETH_ARP);

    put16(a, 1); /* Ethernet */
    put16(a + 2, ETH_IP);
    a[4] = 6;
    a[5] = 4;
    put16(a + 6, 1); /* request */
    memcpy(a + 8, mac, 6);
    memcpy(a + 14, ip, 4);
    memset(a + 18, 0, 6);
    memcpy(a + 24, target, 4);
    return ARP_LEN;
}

bool is_arp_reply(const uint8_t *f, size_t len, const uint8_t *mac, const uint8_t *from_ip,
                  uint8_t *from_mac)
{
    const uint8_t *a = f + NDEV_HDR_LEN;

    if (len < ARP_LEN || frame_type(f) != ETH_ARP || get16(a + 6) != 2)
        return false;
    if (memcmp(a + 14, from_ip, 4) != 0 || memcmp(a + 18, mac, 6) != 0)
        return false;
    memcpy(from_mac, a + 8, 6);
    return true;
}

static uint16_t ip_checksum(const uint8_t *p, size_t len)
{
    uint32_t sum = 0;

    for (size_t i = 0; i + 1 < len; i += 2)
        sum += get16(p + i);
    while (sum >> 16)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return (uint16_t)~sum;
}

size_t build_dhcp_discover(uint8_t *f, const uint8_t *mac, uint32_t xid)
{
    uint8_t *ip = f + eth_header(f, broadcast, mac, ETH_IP);
    uint8_t *udp = ip + IP_HDR, *b = udp + UDP_HDR;

    memset(ip, 0, IP_HDR + UDP_HDR + BOOTP_LEN);
    ip[0] = 0x45;
    put16(ip + 2, IP_HDR + UDP_HDR + BOOTP_LEN);
    ip[8] = 64; /* TTL */
    ip[9] = 17; /* UDP */
    put32(ip + 16, 0xFFFFFFFFu);
    put16(ip + 10, ip_checksum(ip, IP_HDR));
    put16(udp, 68);
    put16(udp + 2, 67);
    put16(udp + 4, UDP_HDR + BOOTP_LEN); /* checksum 0: none */
    b[0] = 1;                            /* BOOTREQUEST */
    b[1] = 1;
    b[2] = 6;
    put32(b + 4, xid);
    put16(b + 10, 0x8000); /* answer by broadcast */
    memcpy(b + 28, mac, 6);
    put32(b + BOOTP_FIXED, DHCP_COOKIE);
    uint8_t *o = b + BOOTP_FIXED + 4;
    const uint8_t options[] = { 53, 1, DHCP_DISCOVER, 55, 2, 1, 3, 255 };
    memcpy(o, options, sizeof(options));
    return NDEV_HDR_LEN + IP_HDR + UDP_HDR + BOOTP_LEN;
}

/* The DHCP message type in the options [o, end), or 0. */
static int dhcp_type(const uint8_t *o, const uint8_t *end)
{
    while (o < end && *o != 255) {
        if (*o == 0) {
            o++;
            continue;
        }
        if (o + 2 > end || o + 2 + o[1] > end)
            return 0;
        if (o[0] == 53 && o[1] == 1)
            return o[2];
        o += 2 + o[1];
    }
    return 0;
}

bool is_dhcp_offer(const uint8_t *f, size_t len, uint32_t xid, uint8_t *yiaddr, uint8_t *server)
{
    const uint8_t *ip = f + NDEV_HDR_LEN;

    if (len < NDEV_HDR_LEN + IP_HDR || frame_type(f) != ETH_IP || (ip[0] >> 4) != 4 || ip[9] != 17)
        return false;
    size_t ihl = (size_t)(ip[0] & 0xF) * 4;
    const uint8_t *udp = ip + ihl, *b = udp + UDP_HDR, *end = f + len;
    if (ihl < IP_HDR || b + BOOTP_FIXED + 4 > end || get16(udp + 2) != 68)
        return false;
    if (b[0] != 2 || get32(b + 4) != xid || get32(b + BOOTP_FIXED) != DHCP_COOKIE)
        return false;
    if (dhcp_type(b + BOOTP_FIXED + 4, end) != DHCP_OFFER)
        return false;
    memcpy(yiaddr, b + 16, 4);
    memcpy(server, ip + 12, 4);
    return true;
}

size_t build_test_frame(uint8_t *f, const uint8_t *dst, const uint8_t *src, const char *text)
{
    size_t n = eth_header(f, dst, src, ETH_TEST);
    size_t tl = strlen(text) + 1;

    memcpy(f + n, text, tl);
    n += tl;
    while (n < 60)
        f[n++] = 0;
    return n;
}

bool is_test_frame(const uint8_t *f, size_t len, const char *text)
{
    size_t tl = strlen(text);

    return len >= NDEV_HDR_LEN + tl && frame_type(f) == ETH_TEST &&
           memcmp(f + NDEV_HDR_LEN, text, tl) == 0;
}
