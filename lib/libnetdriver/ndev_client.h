/*
 * The network server's side of the ndev protocol (<ember/proto/ndev.h>):
 * one stub per request. A struct ndev_peer names a driver and the current
 * session with it; ndc_init() starts the next session, and the other stubs
 * tag their requests with it. Wait for the INIT's answer before sending
 * more (the protocol's rule).
 *
 * Each stub sends without blocking, through the asynchronous send table,
 * and returns 0, -EAGAIN when the table is full (receive some answers,
 * then try again), or another negative error. Answers arrive as messages
 * from the driver; match them by id.
 */
#ifndef NDEV_CLIENT_H
#define NDEV_CLIENT_H

#include <stddef.h>
#include <ember/server.h>
#include "ndev_msg.h"

struct ndev_peer {
    endpoint_t ep;    /* the driver */
    uint32_t session; /* the current session's number */
};

int ndc_init(struct ndev_peer *p, uint32_t id);
int ndc_conf(const struct ndev_peer *p, uint32_t id, unsigned mode, grant_id_t mcast,
             unsigned count);
/* flags: NDEV_SEND_MORE when another SEND follows at once. */
int ndc_send(const struct ndev_peer *p, uint32_t id, const struct ndev_seg *seg, unsigned count,
             unsigned flags);
int ndc_recv(const struct ndev_peer *p, uint32_t id, grant_id_t grant, size_t len);
/* count buffers (1..1 + NDEV_RECV_MORE), ids id, id + 1, ...; flags:
 * NDEV_RECV_JOIN. */
int ndc_recvv(const struct ndev_peer *p, uint32_t id, const grant_id_t *grants, unsigned count,
              size_t len, unsigned flags);
int ndc_stats(const struct ndev_peer *p, uint32_t id, grant_id_t grant, size_t len);

/* Where the driver labelled label is now (its ds entry), or a negative error. */
int ndc_lookup(const char *label, endpoint_t *drv);

#endif
