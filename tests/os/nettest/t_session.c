/* Cases: the session's requests: INIT, CONF, STATS, and starting over. */
#include "nettest.h"

#define LINK_WAIT_MS 5000

int init_reports_mac_and_link(void)
{
    static const uint8_t zero[NDEV_HWADDR_LEN];
    message m;

    EXPECT(session_init(&m), 0);
    const struct ndev_init_reply *a = NDEV_MSG(&m, ndev_init_reply);
    EXPECT(m.m_type, NDEV_INIT_REPLY);
    CHECK(memcmp(drv.mac, zero, NDEV_HWADDR_LEN) != 0 && !(drv.mac[0] & 1),
          "not a unicast address");
    EXPECT(a->max_frame, NDEV_FRAME_MAX);
    CHECK(a->max_sends > 0 && a->max_recvs >= RX_BUFS, "queues: %u sends, %u buffers", a->max_sends,
          a->max_recvs);
    CHECK(memchr(a->name, '\0', sizeof(a->name)) && strcmp(a->name, drv.label) == 0,
          "the driver calls itself %.20s", a->name);
    printf("nettest: mac %02x:%02x:%02x:%02x:%02x:%02x\n", drv.mac[0], drv.mac[1], drv.mac[2],
           drv.mac[3], drv.mac[4], drv.mac[5]);
    uint64_t deadline = after_ms(LINK_WAIT_MS);
    while (!(drv.link & NDEV_LINK_UP) && pump_until(deadline))
        ;
    CHECK(drv.link & NDEV_LINK_UP, "the link stayed down");
    printf("nettest: link up, %u Mbit/s\n", drv.mbps);
    return 0;
}

int conf_checks_modes(void)
{
    static uint8_t groups[2][NDEV_HWADDR_LEN] = { { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 },
                                                  { 0x33, 0x33, 0x00, 0x00, 0x00, 0x01 } };
    static uint8_t not_group[1][NDEV_HWADDR_LEN] = { { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 } };
    message m;

    EXPECT(session_init(&m), 0);
    EXPECT(session_conf(NDEV_MODE_ALL + 1, GRANT_INVALID, 0), -EINVAL);
    EXPECT(session_conf(0xFFFFFFFFu, GRANT_INVALID, 0), -EINVAL);
    EXPECT(session_conf(NDEV_MODE_MCAST_LIST, GRANT_INVALID, NDEV_MCAST_MAX + 1), -EINVAL);
    EXPECT(session_conf(NDEV_MODE_MCAST_LIST, GRANT_INVALID, 2), -EFAULT);
    grant_id_t g = grant_direct(drv.peer.ep, groups, sizeof(groups), GRANT_READ);
    EXPECT(session_conf(NDEV_MODE_MCAST_LIST, g, 3), -EFAULT); /* beyond the grant */
    EXPECT(session_conf(NDEV_MODE_MCAST_LIST | NDEV_MODE_UNICAST, g, 2), 0);
    grant_revoke(g);
    EXPECT(session_conf(NDEV_MODE_MCAST_LIST, g, 2), -EFAULT); /* revoked */
    g = grant_direct(drv.peer.ep, not_group, sizeof(not_group), GRANT_READ);
    EXPECT(session_conf(NDEV_MODE_MCAST_LIST, g, 1), -EINVAL);
    grant_revoke(g);
    EXPECT(session_conf(NDEV_MODE_PROMISC, GRANT_INVALID, 0), 0);
    EXPECT(session_conf(NDEV_MODE_DOWN, GRANT_INVALID, 0), 0);
    EXPECT(session_conf(NDEV_MODE_UNICAST | NDEV_MODE_BCAST, GRANT_INVALID, 0), 0);
    return 0;
}

int stats_count_the_traffic(void)
{
    struct ndev_stats st, part;
    uint8_t gw[NDEV_HWADDR_LEN];

    EXPECT(ensure_session(), 0);
    EXPECT(arp_exchange(gw), 0);
    EXPECT(send_drain(3000), 0);
    EXPECT(session_stats(&st, sizeof(st)), sizeof(st));
    printf("nettest: stats in %llu/%llu (errors %llu, dropped %llu, filtered %llu), "
           "out %llu/%llu (errors %llu)\n",
           (unsigned long long)st.in_packets, (unsigned long long)st.in_bytes,
           (unsigned long long)st.in_errors, (unsigned long long)st.in_dropped,
           (unsigned long long)st.in_filtered, (unsigned long long)st.out_packets,
           (unsigned long long)st.out_bytes, (unsigned long long)st.out_errors);
    EXPECT(st.out_packets, drv.frames_out);
    EXPECT(st.out_bytes, drv.bytes_out);
    CHECK(st.in_packets >= drv.frames_in && st.in_bytes >= drv.bytes_in,
          "the driver delivered fewer frames than we took");
    CHECK(drv.frames_in >= 1 && st.in_packets >= 1, "no frame counted in");

    memset(&part, 0xAA, sizeof(part));
    EXPECT(session_stats(&part, 16), 16);
    CHECK(part.in_packets >= st.in_packets && part.in_errors == 0xAAAAAAAAAAAAAAAAull,
          "a short STATS wrote beyond its length");
    EXPECT(session_stats(&part, 0), 0);
    EXPECT(session_stats(&part, 1u << 30), sizeof(part));

    uint32_t id = next_id();
    message m;
    EXPECT(ISSUE(ndc_stats(&drv.peer, id, GRANT_INVALID, sizeof(st))), 0);
    CHECK(wait_answer(id, &m, 3000), "no answer");
    EXPECT(NDEV_MSG(&m, ndev_reply)->result, -EFAULT);
    EXPECT(m.m_type, NDEV_STATS_REPLY);
    return 0;
}

/* A new INIT drops the buffers of the old session: as many can be handed
 * over again as the driver holds at most. */
int reinit_drops_old_session(void)
{
    static uint8_t spare[FRAME_BUF];
    message m;
    uint8_t gw[NDEV_HWADDR_LEN];

    EXPECT(ensure_session(), 0);
    EXPECT(session_init(&m), 0); /* DOWN: nothing is received now */
    EXPECT(rx_post_buffers(RX_BUFS), 0);
    grant_id_t g = grant_direct(drv.peer.ep, spare, sizeof(spare), GRANT_WRITE);
    unsigned extra = drv.max_recvs - RX_BUFS;
    uint32_t ids[256];
    for (unsigned i = 0; i < extra && i < 256; i++) {
        ids[i] = next_id();
        EXPECT(ISSUE(ndc_recv(&drv.peer, ids[i], g, sizeof(spare))), 0);
    }
    uint32_t over = next_id();
    EXPECT(ISSUE(ndc_recv(&drv.peer, over, g, sizeof(spare))), 0);
    CHECK(wait_answer(over, &m, 3000), "no answer to the buffer too many");
    EXPECT(NDEV_MSG(&m, ndev_reply)->result, -EAGAIN);

    uint32_t old_session = drv.peer.session;
    EXPECT(session_init(&m), 0); /* drops all of them */
    grant_revoke(g);
    /* a request of the old session is dropped unanswered */
    uint32_t stale = next_id();
    struct ndev_peer old = { drv.peer.ep, old_session };
    struct ndev_stats st;
    grant_id_t sg = grant_direct(drv.peer.ep, &st, sizeof(st), GRANT_WRITE);
    EXPECT(ISSUE(ndc_stats(&old, stale, sg, sizeof(st))), 0);
    CHECK(!wait_answer(stale, &m, 300), "a request of the old session was answered");
    grant_revoke(sg);
    EXPECT(ensure_session(), 0);
    EXPECT(arp_exchange(gw), 0);
    for (unsigned i = 0; i < extra && i < 256; i++)
        CHECK(!wait_answer(ids[i], &m, 0), "dropped buffer %u was answered: %d", i,
              NDEV_MSG(&m, ndev_reply)->result);
    return 0;
}
