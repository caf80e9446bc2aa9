/*
 * The network device protocol, spoken by the network server to each NIC
 * driver (the driver side is lib/libnetdriver; docs/netdrivers.md tells
 * the whole story).
 *
 * Every request carries an id the server chooses; the driver answers each
 * request exactly once with a message of the matching *_REPLY type that
 * carries the same id. Answers always travel by the asynchronous send
 * table, so the driver never blocks on the server, and may come later than
 * the request: a SEND is answered when its frame has been copied out of the
 * server's memory (the server may then reuse the buffer), a RECV when a
 * frame has been copied into the buffer. The server therefore receives
 * every driver message in its main loop, matching answers by id, and
 * should itself send requests without blocking (srv_async_send).
 *
 * Sessions. NDEV_INIT binds the driver to the caller and starts a new
 * session, numbered by the server: whatever earlier requests were still
 * pending are dropped unanswered, reception goes back to NDEV_MODE_DOWN.
 * Every request carries its session's number, and one from another
 * session is dropped unanswered too: asynchronous messages may overtake
 * each other, and a RECV sent before an INIT must never fill a buffer
 * after it. So a server waits for the INIT's answer before it sends
 * anything else. Any other request from another endpoint, or before INIT,
 * is refused with EPERM.
 *
 * Restarts. A driver publishes its endpoint in ds under "drv.net.<label>"
 * (NDEV_DS_PREFIX). A restarted driver publishes a new endpoint under the
 * same label; a server subscribed to the prefix learns of it, forgets
 * what was pending at the dead instance (its grants named the old
 * endpoint), and replays the interface: INIT, CONF, fresh RECV buffers,
 * and the SENDs it still wants to go out.
 *
 * Link changes arrive unasked as NDEV_STATUS (id 0).
 */
#ifndef EMBER_PROTO_NDEV_H
#define EMBER_PROTO_NDEV_H

#include <ember/proto/common.h>

enum ndev_call {
    NDEV_INIT = NDEV_BASE + 1, /* id, session -> NDEV_INIT_REPLY */
    NDEV_CONF,                 /* id, session, mode, multicast list -> NDEV_CONF_REPLY */
    NDEV_SEND,                 /* id, session, segments (grant, len) -> NDEV_SEND_REPLY: bytes */
    NDEV_RECV,                 /* id, session, grant, len -> NDEV_RECV_REPLY: frame length */
    NDEV_STATS,                /* id, session, grant, len -> NDEV_STATS_REPLY: bytes */

    /* from the driver */
    NDEV_INIT_REPLY = NDEV_BASE + 0x40, /* struct ndev_init_reply */
    NDEV_CONF_REPLY,                    /* struct ndev_reply */
    NDEV_SEND_REPLY,                    /* struct ndev_send_reply */
    NDEV_RECV_REPLY,                    /* struct ndev_recv_reply */
    NDEV_STATS_REPLY,                   /* struct ndev_reply: bytes copied */
    NDEV_STATUS,                        /* struct ndev_status, unasked */
};

#define NDEV_DS_PREFIX "drv.net."

#define NDEV_HWADDR_LEN 6
#define NDEV_HDR_LEN    14   /* destination, source, type */
#define NDEV_FRAME_MIN  14   /* the shortest frame SEND takes */
#define NDEV_FRAME_MAX  1514 /* the longest frame, without the FCS */
#define NDEV_SEGS_MAX   5    /* grants one SEND may gather a frame from */
#define NDEV_MCAST_MAX  16   /* addresses in a CONF multicast list */

/* Reception modes (NDEV_CONF). The driver delivers exactly the frames the
 * mode admits, filtering in software what its hardware cannot. */
#define NDEV_MODE_DOWN       0x00 /* receive nothing */
#define NDEV_MODE_UNICAST    0x01 /* frames to our own address */
#define NDEV_MODE_BCAST      0x02 /* broadcast frames */
#define NDEV_MODE_MCAST_LIST 0x04 /* multicast frames to the listed groups */
#define NDEV_MODE_MCAST_ALL  0x08 /* every multicast frame */
#define NDEV_MODE_PROMISC    0x10 /* every frame */
#define NDEV_MODE_ALL        0x1F

/* Link state (init reply, NDEV_STATUS). */
#define NDEV_LINK_UP     0x1
#define NDEV_LINK_DUPLEX 0x2 /* full duplex */

/* Every request starts with these two words. */
struct ndev_init {
    uint32_t id;
    uint32_t session; /* NDEV_INIT: the new session's number */
};

struct ndev_conf {
    uint32_t id;
    uint32_t session;
    uint32_t mode;        /* NDEV_MODE_* */
    grant_id_t mcast;     /* with NDEV_MODE_MCAST_LIST: count addresses of 6 bytes */
    uint32_t mcast_count; /* at most NDEV_MCAST_MAX */
};

struct ndev_seg {
    grant_id_t grant; /* readable by the driver */
    uint32_t len;
};

/* A frame gathered from count segments, in order; the frame's length, the
 * sum of theirs, is NDEV_FRAME_MIN..NDEV_FRAME_MAX. */
struct ndev_send {
    uint32_t id;
    uint32_t session;
    uint32_t count; /* 1..NDEV_SEGS_MAX */
    uint32_t flags; /* NDEV_SEND_MORE */
    struct ndev_seg seg[NDEV_SEGS_MAX];
};

/* A hint: another SEND follows at once. The driver may keep the frame in
 * its queue and start the device once for the batch, at the first SEND
 * without the flag (or sooner: any other event, a full queue). */
#define NDEV_SEND_MORE 0x1

/* The server numbers its SENDs in sequence and takes one answer for a run
 * of them: if this SEND's id is the previous SEND's id plus one, and that
 * one carried the flag too, the driver may answer the two (and so a whole
 * run) with one NDEV_SEND_REPLY that names the run's last id and counts
 * the SENDs it answers: ids id - count + 1 .. id, every frame sent. A
 * frame that fails is answered alone, as is every SEND without the flag.
 * So each SEND is still answered exactly once, at a message's cost per
 * batch instead of per frame. */
#define NDEV_SEND_JOIN 0x2

/* The segments are frames of their own, not pieces of one: count frames
 * with ids id, id + 1, ..., each as if sent by a SEND of its own (the
 * flags apply to each). The driver takes all or refuses all, with one
 * answer for the lot (count, last id). max_sends counts these frames. */
#define NDEV_SEND_FRAMES 0x4

/* Empty buffers for received frames, each writable, at least
 * NDEV_FRAME_MAX bytes: grant, then the more in more_grant (ids id + 1,
 * id + 2, ...). Buffers are filled in the order they were given. A RECV
 * the driver cannot take whole is refused whole (one answer: see
 * struct ndev_recv_reply). */
#define NDEV_RECV_MORE 8 /* buffers in a RECV besides the first */
struct ndev_recv {
    uint32_t id;
    uint32_t session;
    grant_id_t grant;
    uint32_t len;   /* of each buffer */
    uint32_t flags; /* NDEV_RECV_JOIN */
    uint32_t more;  /* 0..NDEV_RECV_MORE */
    grant_id_t more_grant[NDEV_RECV_MORE];
};

/* As NDEV_SEND_JOIN: buffers whose ids follow one another and that all
 * carry the flag may be answered together, by one NDEV_RECV_REPLY for up
 * to NDEV_RECV_JOIN_MAX frames. */
#define NDEV_RECV_JOIN     0x1
#define NDEV_RECV_JOIN_MAX 16

struct ndev_stats_req {
    uint32_t id;
    uint32_t session;
    grant_id_t grant; /* writable: struct ndev_stats (or its first len bytes) */
    uint32_t len;
};

/* Counters since the driver started. A frame counts once, in the first
 * class that applies: in_errors (the device or the driver found it bad),
 * in_dropped (good, but no buffer was waiting), in_filtered (not for us),
 * in_packets (delivered). out_packets counts frames handed to the device,
 * out_errors requests refused and frames the device could not send. */
struct ndev_stats {
    uint64_t in_packets, in_bytes, in_errors, in_dropped, in_filtered;
    uint64_t out_packets, out_bytes, out_errors;
};

struct ndev_init_reply {
    uint32_t id;
    int32_t result; /* 0 or a negative error */
    uint8_t hwaddr[NDEV_HWADDR_LEN];
    uint16_t max_frame; /* NDEV_FRAME_MAX */
    uint32_t link;      /* NDEV_LINK_* */
    uint32_t link_mbps; /* 0 when unknown */
    uint16_t max_sends; /* SEND requests (frames) the driver holds at once; more get EAGAIN */
    uint16_t max_recvs; /* RECV buffers the driver holds at once; more get EAGAIN */
    char name[20];      /* the driver's label, NUL-terminated */
};

struct ndev_reply {
    uint32_t id;
    int32_t result; /* >= 0 as each call says, or a negative error */
};

/* A SEND's answer: struct ndev_reply's fields, then how many SENDs it
 * answers (NDEV_SEND_JOIN): ids id - count + 1 .. id; result is their
 * frames' bytes together. */
struct ndev_send_reply {
    uint32_t id;
    int32_t result;
    uint32_t count; /* 1 unless joined */
};

/* A RECV's answer: buffers id - count + 1 .. id (count is 1 unless
 * joined, or for a RECV refused whole). result: the frame's length, or a
 * negative error for all count buffers, or for joined frames their
 * lengths together, each in len[] (in order). */
struct ndev_recv_reply {
    uint32_t id;
    int32_t result;
    uint32_t count;
    uint16_t len[NDEV_RECV_JOIN_MAX];
};

struct ndev_status {
    uint32_t id; /* 0 */
    uint32_t link;
    uint32_t link_mbps;
};

/* A layout must fit a message's payload (MSG_PAYLOAD in ipc.h). */
#define NDEV_CHECK_LAYOUT(type) _Static_assert(sizeof(type) <= 56, #type " too large")
NDEV_CHECK_LAYOUT(struct ndev_init);
NDEV_CHECK_LAYOUT(struct ndev_conf);
NDEV_CHECK_LAYOUT(struct ndev_send);
NDEV_CHECK_LAYOUT(struct ndev_recv);
NDEV_CHECK_LAYOUT(struct ndev_stats_req);
NDEV_CHECK_LAYOUT(struct ndev_init_reply);
NDEV_CHECK_LAYOUT(struct ndev_reply);
NDEV_CHECK_LAYOUT(struct ndev_send_reply);
NDEV_CHECK_LAYOUT(struct ndev_recv_reply);
NDEV_CHECK_LAYOUT(struct ndev_status);

#define NDEV_LAYOUTS                                                                               \
    struct ndev_init ndev_init;                                                                    \
    struct ndev_conf ndev_conf;                                                                    \
    struct ndev_send ndev_send;                                                                    \
    struct ndev_recv ndev_recv;                                                                    \
    struct ndev_stats_req ndev_stats_req;                                                          \
    struct ndev_init_reply ndev_init_reply;                                                        \
    struct ndev_reply ndev_reply;                                                                  \
    struct ndev_send_reply ndev_send_reply;                                                        \
    struct ndev_recv_reply ndev_recv_reply;                                                        \
    struct ndev_status ndev_status;

#endif
