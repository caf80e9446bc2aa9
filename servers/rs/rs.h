/*
 * rs's service table. A service is a system process rs watches: a boot
 * process it adopted, or one it started (RS_UP). rs is the parent of every
 * service (pm makes it so), so pm tells it of each death; hangs it finds
 * itself with heartbeats (SRV_PING, answered by the server library). A dead
 * or hung service is started again from the program image rs keeps
 * (load.c) with the same privileges, after a delay that doubles while it
 * keeps dying.
 */
#ifndef RS_H
#define RS_H

#include <stdbool.h>
#include <stdint.h>
#include <ember/server.h>
#include <ember/proto/rs.h>
#include <ember/proto/pm.h>

#define NR_SERVICES     48
#define BACKOFF_MIN_MS  10
#define BACKOFF_MAX_MS  5000
#define STABLE_MS       2000  /* up this long, or answering a heartbeat: not a crash loop */
#define START_MS        30000 /* to answer the first heartbeat: the most a start-up may take */
#define MAX_FAST_DEATHS 100   /* deaths in a row before either: give up */

struct segment {
    uint64_t start, len;
};

struct service {
    bool used;
    char label[RS_LABEL_MAX];
    char path[48];
    char args[128];
    endpoint_t ep;
    int pid;
    struct priv_spec priv;
    int period_ms;
    uint32_t flags;
    int state;
    uint32_t restarts;
    uint32_t fast_deaths;
    uint32_t backoff_ms;
    uint64_t up_since, last_restart, restart_at;
    uint64_t ping_sent, ping_answered;
    bool hang_suspect; /* overdue at the last tick: killed at the next one */
    bool ready;        /* past its start-up: it answered a heartbeat, or is a boot service */
    char reason[32];
    uint64_t image, image_len; /* its program: a boot module mapped into rs, or a file read in */
    bool image_owned;          /* read from a file (ours to unmap) */
    struct segment code, data; /* where fault injection flips bits */
};

extern struct service services[NR_SERVICES];

/* service.c */
struct service *svc_by_label(const char *label);
struct service *svc_by_ep(endpoint_t ep);
struct service *svc_by_pid(int pid);
struct service *svc_new(const char *label);
int svc_start(struct service *s);
void svc_died(struct service *s, const char *reason);
void svc_kill(struct service *s, const char *reason);
uint64_t now_ms(void);
void rs_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* config.c */
void config_load(const char *path);
void config_apply(struct service *s);
struct priv_spec default_priv(int id);

/* monitor.c */
void adopt_boot_services(void);
void reap_children(void);
void heartbeat_tick(void);
void timers_update(void);

/* calls.c */
int do_up(message *m);
int do_down(message *m);
int do_restart(message *m);
int do_refresh(message *m);
int do_kill(message *m);
int do_fi(message *m);
int do_list(message *m);
int do_lookup(message *m);

/* load.c */
int image_read(struct service *s);
void image_drop(struct service *s);
int image_load(const struct service *s, endpoint_t ep, void *frame, uint32_t len, uint64_t *entry,
               uint64_t *sp);

/* fi.c */
int inject_fault(struct service *s, int kind, uint64_t *seed);
void learn_segments(struct service *s);

#endif
