/* Shared by nettest's parts: the checks, the session with the driver, frames. */
#ifndef NETTEST_H
#define NETTEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ember/server.h>
#include "ndev_client.h"

#define FAIL(...)                                                                                  \
    do {                                                                                           \
        printf("    %s:%d: ", __FILE__, __LINE__);                                                 \
        printf(__VA_ARGS__);                                                                       \
        printf("\n");                                                                              \
        return -1;                                                                                 \
    } while (0)

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond))                                                                               \
            FAIL(__VA_ARGS__);                                                                     \
    } while (0)

#define EXPECT(expr, want)                                                                         \
    do {                                                                                           \
        long got_ = (long)(expr);                                                                  \
        if (got_ != (long)(want))                                                                  \
            FAIL("%s = %ld, expected %s (%ld)", #expr, got_, #want, (long)(want));                 \
    } while (0)

struct nettest_case {
    const char *name;
    bool socket; /* needs the host-side frame injector (QEMU socket netdev) */
    int (*run)(void);
};

/* ---- the session with the driver (session.c) ---- */

#define RX_BUFS    32
#define FRAME_BUF  2048
#define ANSWER_TAB 1024

struct driver {
    struct ndev_peer peer; /* its endpoint, our session */
    char label[20];
    uint8_t mac[NDEV_HWADDR_LEN];
    uint32_t link, mbps;
    unsigned max_sends, max_recvs;
    unsigned rx_posted;             /* our buffers the driver holds */
    uint64_t frames_in, bytes_in;   /* frames delivered to us */
    uint64_t frames_out, bytes_out; /* SENDs answered with their length */
    unsigned statuses;              /* NDEV_STATUS messages seen */
    unsigned pongs;                 /* heartbeats answered */
    bool ready;                     /* ensure_session() has set it up */
};

extern struct driver drv;

int driver_find(const char *label, unsigned timeout_ms);
uint32_t next_id(void);
uint64_t after_ms(unsigned ms);
/* Take one message, or wait until the deadline (uptime ns) passes; false
 * once it has. Answers are filed, frames queued, sends counted. */
bool pump_until(uint64_t deadline);
void sleep_ms(unsigned ms);
/* The answer to request id (filed or yet to come); false on timeout. */
bool wait_answer(uint32_t id, message *m, unsigned timeout_ms);

/* Issue a request through a stub, taking answers while our own async
 * table is full. */
#define ISSUE(call)                                                                                \
    ({                                                                                             \
        int r_, n_ = 0;                                                                            \
        while ((r_ = (call)) == -EAGAIN && n_++ < 1000)                                            \
            pump_until(after_ms(2));                                                               \
        r_;                                                                                        \
    })

/* Requests answered at once: the result, or -ETIMEDOUT. */
int session_init(message *answer);
int session_conf(unsigned mode, grant_id_t mcast, unsigned count);
int session_stats(struct ndev_stats *st, size_t len);
int ensure_session(void);

/* Our receive buffers: hand the driver more, up to n in all; each is
 * handed back as soon as its frame is taken. */
int rx_post_buffers(unsigned n);
/* The next frame received, copied to buf; 0 on timeout. */
int rx_frame(uint8_t *buf, size_t size, unsigned timeout_ms);
void rx_flush(void);
extern unsigned rx_failed;     /* RECV answers with an error */
extern unsigned rx_bad_length; /* RECV answers with an impossible length */
extern unsigned ds_changes;    /* notifications from ds (subscriptions) */
extern int rx_last_error;

/* Send one frame from our memory, gathered from nseg pieces; the answer's
 * result (the length) or a negative error. */
int send_frame(const void *frame, size_t len, unsigned nseg);
/* The same without waiting; the answer is counted when it comes. */
int send_frame_async(const void *frame, size_t len, unsigned nseg, uint32_t *id);
unsigned sends_in_flight(void);
/* Wait until every asynchronous send is answered. */
int send_drain(unsigned timeout_ms);
/* Called with each asynchronous send's answer (set by a case, or NULL). */
extern void (*send_answered)(uint32_t id, int result);

/* ---- frames (frames.c) ---- */

#define ETH_ARP  0x0806
#define ETH_IP   0x0800
#define ETH_TEST 0x88B5 /* IEEE local experimental: the injector's markers */

extern const uint8_t our_ip[4], gateway_ip[4];

size_t build_arp_request(uint8_t *f, const uint8_t *mac, const uint8_t *ip, const uint8_t *target);
bool is_arp_reply(const uint8_t *f, size_t len, const uint8_t *mac, const uint8_t *from_ip,
                  uint8_t *from_mac);
size_t build_dhcp_discover(uint8_t *f, const uint8_t *mac, uint32_t xid);
bool is_dhcp_offer(const uint8_t *f, size_t len, uint32_t xid, uint8_t *yiaddr, uint8_t *server);
size_t build_test_frame(uint8_t *f, const uint8_t *dst, const uint8_t *src, const char *text);
bool is_test_frame(const uint8_t *f, size_t len, const char *text);
uint16_t frame_type(const uint8_t *f);

/* ---- randomness (main.c) ---- */
uint64_t rnd(void);
uint64_t rnd_below(uint64_t n);
void rnd_fill(void *p, size_t n);

/* ---- shared steps (t_traffic.c) ---- */
/* Ask the gateway for its MAC address (a few tries); 0 when it answered. */
int arp_exchange(uint8_t *gateway_mac);

/* ---- the cases ---- */
int init_reports_mac_and_link(void);
int conf_checks_modes(void);
int arp_request_gets_reply(void);
int dhcp_discover_gets_offer(void);
int stats_count_the_traffic(void);
int recv_bad_grant_costs_only_its_buffer(void);
int send_thousand_garbage_frames(void);
int malformed_sends_refused(void);
int malformed_recvs_and_stats_refused(void);
int stranger_is_refused(void);
int unknown_calls_refused(void);
int fuzz_requests(void);
int alive_after_abuse(void);
int reinit_drops_old_session(void);
int receive_garbage_frames(void);
int driver_restart_is_replayed(void);

/* respawn.c: start a boot module's program again, as rs would. */
endpoint_t respawn_module(const struct kinfo_module *mod);

#endif
