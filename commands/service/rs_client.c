/* Calls to rs (rs_client.h). */
#include <errno.h>
#include <string.h>
#include <ember/endpoints.h>
#include <ember/ipc.h>
#include <ember/sys.h>

#include "rs_client.h"

/* Send m to rs and wait; rs's result or an error of the IPC itself. */
static int call(message *m)
{
    int r = ipc_call(RS_EP, m);

    if (r < 0)
        return r == -ECALLDENIED ? -ENOSYS : -EIO;
    return m->m_type;
}

/* A request naming one service. -EINVAL if the label does not fit. */
static int label_request(message *m, int type, const char *label)
{
    memset(m, 0, sizeof(*m));
    m->m_type = type;
    if (strlen(label) >= RS_LABEL_MAX)
        return -EINVAL;
    strcpy(m->rs_req.label, label);
    return 0;
}

static int label_call(int type, const char *label)
{
    message m;
    int r = label_request(&m, type, label);

    return r < 0 ? r : call(&m);
}

int rs_up(const struct rs_up_request *rq, endpoint_t *ep, int *pid)
{
    message m;
    int r = label_request(&m, RS_UP, rq->label);

    if (r < 0)
        return r;
    m.rs_req.path = (uint64_t)(uintptr_t)rq->path;
    m.rs_req.path_len = (uint32_t)strlen(rq->path) + 1;
    if (rq->args) {
        m.rs_req.args = (uint64_t)(uintptr_t)rq->args;
        m.rs_req.args_len = (uint32_t)strlen(rq->args) + 1;
    }
    m.rs_req.period_ms = rq->period_ms;
    m.rs_req.flags = rq->flags;
    if ((r = call(&m)) >= 0) {
        if (ep)
            *ep = m.rs_reply.ep;
        if (pid)
            *pid = m.rs_reply.pid;
    }
    return r;
}

int rs_down(const char *label)
{
    return label_call(RS_DOWN, label);
}

int rs_restart(const char *label)
{
    return label_call(RS_RESTART, label);
}

int rs_refresh(const char *label)
{
    return label_call(RS_REFRESH, label);
}

int rs_kill(const char *label)
{
    return label_call(RS_KILL, label);
}

/* The seed travels in the reply's field, which rs reads before it
 * answers in it with the number of faults injected. */
int rs_fi(const char *label, enum rs_fi_kind kind, uint64_t seed, int count, uint64_t *injected)
{
    message m;
    int r = label_request(&m, RS_FI, label);

    if (r < 0)
        return r;
    m.rs_req.period_ms = (int32_t)kind;
    m.rs_req.flags = count;
    m.rs_reply.seed = seed;
    if ((r = call(&m)) >= 0 && injected)
        *injected = m.rs_reply.seed;
    return r;
}

int rs_list(struct rs_service_info *buf, int max)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = RS_LIST;
    m.rs_req.path = (uint64_t)(uintptr_t)buf;
    m.rs_req.path_len = (uint32_t)((size_t)max * sizeof(*buf));
    return call(&m);
}

int rs_lookup(const char *label, endpoint_t *ep)
{
    message m;
    int r = label_request(&m, RS_LOOKUP, label);

    if (r < 0)
        return r;
    if ((r = call(&m)) >= 0 && ep)
        *ep = m.rs_reply.ep;
    return r;
}
