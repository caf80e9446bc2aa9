/*
 * A client of the reincarnation server (lib/include/ember/proto/rs.h):
 * one stub per call. Each returns 0 (RS_LIST: the count) or a negative
 * errno value: rs's own answer, or -EIO when rs cannot be reached and
 * -ENOSYS when the call is refused or rs does not know it. Used by
 * service and, for the file system servers they start and stop, by
 * mount and umount (their Makefiles take it from here).
 */
#ifndef RS_CLIENT_H
#define RS_CLIENT_H

#include <stdint.h>
#include <ember/proto/rs.h>

struct rs_up_request {
    const char *path;  /* the program, an absolute path */
    const char *args;  /* its arguments, blank separated, or NULL */
    const char *label; /* its name with rs and ds */
    int period_ms;     /* heartbeat period, 0: rs's default */
    int flags;         /* RS_NORESTART, RS_KEEP_STATE */
};

int rs_up(const struct rs_up_request *rq, endpoint_t *ep, int *pid);
int rs_down(const char *label);
int rs_restart(const char *label);
int rs_refresh(const char *label);
int rs_kill(const char *label);
int rs_fi(const char *label, enum rs_fi_kind kind, uint64_t seed, int count, uint64_t *injected);
int rs_list(struct rs_service_info *buf, int max);
int rs_lookup(const char *label, endpoint_t *ep);

#endif
