/*
 * The server library: what every server and driver does the same way.
 * The message loop answers rs's heartbeats itself; replies never block
 * (a client that stopped waiting loses its reply); late replies go through
 * the asynchronous send table so a server never blocks on a busy peer.
 * Grants are made in one table per process.
 */
#ifndef EMBER_SERVER_H
#define EMBER_SERVER_H

#include <ember/sys.h>
#include <ember/endpoints.h>
#include <ember/proto/common.h>

/* Start-up: remember our name and endpoint; panic if a well-known server
 * did not get its well-known endpoint. */
void srv_start(const char *name, endpoint_t expected);
extern endpoint_t srv_self;
extern const char *srv_name;

/* The next message for the server (heartbeats answered here). */
int srv_receive(message *m);

/* Reply with result in m_type, never blocking. */
void srv_reply(endpoint_t to, message *m, int result);

/* The same reply, sent by the next srv_receive together with its receive
 * (one trap, and a direct switch to the client). For the end of a message
 * loop's turn only: nothing that needs the client to have its answer may
 * come between this and srv_receive. */
void srv_reply_next(endpoint_t to, const message *m, int result);

/* Send without blocking now or later: the kernel delivers it when the
 * receiver next receives. Returns 0 or -EAGAIN when the table is full. */
int srv_async_send(endpoint_t to, const message *m);
/* Hold (true) or release (false) asynchronous sends: held ones are queued
 * and go to the kernel together at the release. */
void srv_async_hold(bool hold);

/* Stop with a message naming the server; for broken invariants only. */
_Noreturn void srv_panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Exit with SRV_EXIT_NODEV after saying why: no device to drive. */
_Noreturn void srv_no_device(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grants. */
grant_id_t grant_direct(endpoint_t grantee, const void *addr, size_t len, int rights);
grant_id_t grant_magic(endpoint_t grantee, endpoint_t owner, uint64_t addr, size_t len, int rights);
grant_id_t grant_indirect(endpoint_t grantee, endpoint_t owner, grant_id_t g, size_t off,
                          size_t len, int rights);
void grant_revoke(grant_id_t g);

/* The data store. */
int ds_publish(const char *key, uint64_t value);
int ds_lookup(const char *key, uint64_t *value);
int ds_retract(const char *key);
int ds_subscribe(const char *prefix);
int ds_check(char *key, size_t size, uint64_t *value);

#endif
