/*
 * Cases: real traffic with QEMU's user network: ARP with the gateway
 * (10.0.2.2), DHCP (QEMU offers 10.0.2.15), and a receive buffer with a
 * bad grant among good ones.
 */
#include "nettest.h"

#define TRIES      4
#define REPLY_MS   1000
#define OFFERED_IP "10.0.2.15"

/* Wait for a frame that match() accepts, until the deadline. */
static int wait_frame(uint8_t *buf, unsigned ms, bool (*match)(const uint8_t *, size_t, void *),
                      void *arg)
{
    uint64_t deadline = after_ms(ms);

    for (;;) {
        uint64_t now = after_ms(0);
        if (now >= deadline)
            return 0;
        int n = rx_frame(buf, FRAME_BUF, (unsigned)((deadline - now) / 1000000) + 1);
        if (n > 0 && match(buf, (size_t)n, arg))
            return n;
    }
}

static bool arp_match(const uint8_t *f, size_t len, void *gw)
{
    return is_arp_reply(f, len, drv.mac, gateway_ip, gw);
}

int arp_exchange(uint8_t *gateway_mac)
{
    uint8_t req[64], buf[FRAME_BUF];
    size_t len = build_arp_request(req, drv.mac, our_ip, gateway_ip);

    for (int t = 0; t < TRIES; t++) {
        int r = send_frame(req, len, 1 + (unsigned)t % 2);
        if (r != (int)len)
            return r < 0 ? r : -EIO;
        if (wait_frame(buf, REPLY_MS, arp_match, gateway_mac) > 0)
            return 0;
    }
    return -ETIMEDOUT;
}

int arp_request_gets_reply(void)
{
    uint8_t gw[NDEV_HWADDR_LEN];

    EXPECT(ensure_session(), 0);
    EXPECT(arp_exchange(gw), 0);
    printf("nettest: 10.0.2.2 is at %02x:%02x:%02x:%02x:%02x:%02x\n", gw[0], gw[1], gw[2], gw[3],
           gw[4], gw[5]);
    return 0;
}

struct offer {
    uint32_t xid;
    uint8_t yiaddr[4], server[4];
};

static bool offer_match(const uint8_t *f, size_t len, void *arg)
{
    struct offer *o = arg;

    return is_dhcp_offer(f, len, o->xid, o->yiaddr, o->server);
}

int dhcp_discover_gets_offer(void)
{
    static uint8_t req[FRAME_BUF];
    uint8_t buf[FRAME_BUF];
    struct offer o = { .xid = (uint32_t)rnd() };
    char ip[16];

    EXPECT(ensure_session(), 0);
    size_t len = build_dhcp_discover(req, drv.mac, o.xid);
    int got = 0;
    for (int t = 0; t < TRIES && !got; t++) {
        EXPECT(send_frame(req, len, 3), len); /* gathered from three grants */
        got = wait_frame(buf, REPLY_MS, offer_match, &o);
    }
    CHECK(got > 0, "no DHCP offer");
    snprintf(ip, sizeof(ip), "%u.%u.%u.%u", o.yiaddr[0], o.yiaddr[1], o.yiaddr[2], o.yiaddr[3]);
    printf("nettest: DHCP offer %s from %u.%u.%u.%u\n", ip, o.server[0], o.server[1], o.server[2],
           o.server[3]);
    CHECK(strcmp(ip, OFFERED_IP) == 0, "offered %s, expected " OFFERED_IP, ip);
    return 0;
}

/* The first buffer's grant is bad: the driver answers it EFAULT when a
 * frame comes, and the frame goes to the next buffer. */
int recv_bad_grant_costs_only_its_buffer(void)
{
    message m;
    uint8_t gw[NDEV_HWADDR_LEN];
    uint32_t id = next_id();

    EXPECT(session_init(&m), 0);
    EXPECT(ISSUE(ndc_recv(&drv.peer, id, (grant_id_t)0x7ABC0123, NDEV_FRAME_MAX)), 0);
    EXPECT(session_conf(NDEV_MODE_UNICAST | NDEV_MODE_BCAST, GRANT_INVALID, 0), 0);
    EXPECT(rx_post_buffers(RX_BUFS), 0);
    EXPECT(arp_exchange(gw), 0);
    CHECK(wait_answer(id, &m, 3000), "the bad buffer was never answered");
    EXPECT(m.m_type, NDEV_RECV_REPLY);
    EXPECT(NDEV_MSG(&m, ndev_reply)->result, -EFAULT);
    drv.ready = true;
    return 0;
}
