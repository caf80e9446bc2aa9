/* The service command's requests (root only) and lookups by services. */
#include <stdio.h>
#include <string.h>
#include "rs.h"

#define FIRST_DYNAMIC_PRIV 20
#define LAST_DYNAMIC_PRIV  39

/* Is the caller root (or a system process)? Asked of pm. */
static bool privileged(endpoint_t ep)
{
    static struct pm_procinfo procs[256];
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = PM_GETPROCS;
    m.pm_getprocs.buf = (uint64_t)procs;
    m.pm_getprocs.size = sizeof(procs);
    int n = ipc_call(PM_EP, &m) < 0 ? 0 : m.m_type;
    for (int i = 0; i < n; i++)
        if (procs[i].ep == ep)
            return procs[i].uid == 0;
    return true; /* not a process pm knows: a boot service */
}

static struct service *named(message *m)
{
    m->rs_req.label[RS_LABEL_MAX - 1] = '\0';
    return svc_by_label(m->rs_req.label);
}

static int free_priv_id(void)
{
    for (int id = FIRST_DYNAMIC_PRIV; id <= LAST_DYNAMIC_PRIV; id++) {
        bool used = false;
        for (int i = 0; i < NR_SERVICES; i++)
            used |= services[i].used && services[i].priv.id == id;
        if (!used)
            return id;
    }
    return -1;
}

static int copy_string(endpoint_t who, uint64_t addr, uint32_t len, char *buf, size_t size)
{
    if (len == 0 || len > size)
        return -EINVAL;
    if (sys_vircopy(who, addr, SELF, (uint64_t)buf, len) < 0)
        return -EFAULT;
    buf[len - 1] = '\0';
    return 0;
}

int do_up(message *m)
{
    struct rs_req *q = &m->rs_req;
    struct service *s;
    char path[48], args[128] = "";
    int id, r;

    if (!privileged(m->m_source))
        return -EPERM;
    q->label[RS_LABEL_MAX - 1] = '\0';
    if ((r = copy_string(m->m_source, q->path, q->path_len, path, sizeof(path))) < 0 ||
        (q->args_len &&
         (r = copy_string(m->m_source, q->args, q->args_len, args, sizeof(args))) < 0))
        return r;
    if (!q->label[0])
        return -EINVAL;
    if ((s = svc_by_label(q->label))) {
        if (s->ep != NONE || (s->state != RS_STATE_DOWN && s->state != RS_STATE_FAILED))
            return -EEXIST;
        image_drop(s); /* a stopped service of that name: its entry is reused */
        s->used = false;
    }
    if ((id = free_priv_id()) < 0 || !(s = svc_new(q->label)))
        return -ENOSPC;
    snprintf(s->path, sizeof(s->path), "%s", path);
    snprintf(s->args, sizeof(s->args), "%s", args);
    s->priv = default_priv(id);
    s->period_ms = q->period_ms;
    s->flags = (uint32_t)q->flags;
    config_apply(s);
    if ((r = image_read(s)) < 0 || (r = svc_start(s)) < 0) {
        image_drop(s);
        s->used = false;
        return r;
    }
    rs_log("service %s up (%s, endpoint %d)", s->label, s->path, s->ep);
    m->rs_reply.ep = s->ep;
    m->rs_reply.pid = s->pid;
    return 0;
}

/* down, restart, refresh, kill: all end the running instance. */
static int stop(message *m, int state, const char *reason)
{
    struct service *s = named(m);

    if (!privileged(m->m_source))
        return -EPERM;
    if (!s)
        return -ESRCH;
    if (s->flags & RS_NORESTART && state != RS_STATE_DOWN && s->ep != NONE &&
        (s->ep == DS_EP || s->ep == PM_EP || s->ep == VM_EP || s->ep == VFS_EP))
        return -EPERM; /* the core servers cannot be replaced */
    if (s->ep == NONE) {
        if (state == RS_STATE_DOWN)
            return 0;
        s->state = RS_STATE_RESTARTING;
        s->restart_at = now_ms();
        timers_update();
        return 0;
    }
    s->state = state;
    if (state == RS_STATE_RESTARTING)
        s->backoff_ms = 0, s->up_since = 0;
    svc_kill(s, reason);
    return 0;
}

int do_down(message *m)
{
    return stop(m, RS_STATE_DOWN, "stopped by request");
}
int do_restart(message *m)
{
    return stop(m, RS_STATE_RESTARTING, "restart requested");
}
/* Restart with the program read afresh (a new version of a service
 * started from a file). */
int do_refresh(message *m)
{
    struct service *s = named(m);

    if (s && s->image_owned && privileged(m->m_source)) {
        int r = image_read(s);
        if (r < 0)
            return r;
    }
    return stop(m, RS_STATE_RESTARTING, "refresh requested");
}
int do_kill(message *m)
{
    return stop(m, RS_STATE_RESTARTING, "killed on purpose");
}

int do_fi(message *m)
{
    struct service *s = named(m);
    uint64_t seed = m->rs_reply.seed;

    if (!privileged(m->m_source))
        return -EPERM;
    if (!s || s->ep == NONE)
        return -ESRCH;
    if (s->flags & RS_NORESTART)
        return -EPERM; /* a fault in a server that is never restarted would be fatal */
    int count = m->rs_req.flags > 0 ? m->rs_req.flags : 1, kind = m->rs_req.period_ms, done = 0;
    for (int i = 0; i < count; i++)
        if (inject_fault(s, kind, &seed) == 0)
            done++;
    m->rs_reply.seed = (uint64_t)done;
    return done ? 0 : -EINVAL;
}

static void info_of(const struct service *s, struct rs_service_info *out)
{
    memset(out, 0, sizeof(*out));
    memcpy(out->label, s->label, sizeof(out->label));
    snprintf(out->path, sizeof(out->path), "%s", s->path);
    out->ep = s->ep;
    out->pid = s->pid;
    out->restarts = s->restarts;
    out->state = s->state;
    out->period_ms = s->period_ms;
    out->flags = s->flags;
    out->up_since_ns = s->up_since * 1000000;
    out->last_restart_ns = s->last_restart * 1000000;
    snprintf(out->last_reason, sizeof(out->last_reason), "%s", s->reason);
}

int do_list(message *m)
{
    struct rs_service_info info;
    uint64_t n = 0;

    for (int i = 0; i < NR_SERVICES; i++) {
        if (!services[i].used)
            continue;
        if ((n + 1) * sizeof(info) > m->rs_req.path_len)
            return -E2BIG;
        info_of(&services[i], &info);
        if (sys_vircopy(SELF, (uint64_t)&info, m->m_source, m->rs_req.path + n * sizeof(info),
                        sizeof(info)) < 0)
            return -EFAULT;
        n++;
    }
    return (int)n;
}

int do_lookup(message *m)
{
    struct service *s = named(m);

    if (!s || s->ep == NONE)
        return -ESRCH;
    m->rs_reply.ep = s->ep;
    return 0;
}
