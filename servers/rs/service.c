/* The service table, and starting and restarting one service. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <ember/execframe.h>
#include "rs.h"

struct service services[NR_SERVICES];

uint64_t now_ms(void)
{
    return sys_uptime_ns() / 1000000;
}

void rs_log(const char *fmt, ...)
{
    char buf[200];
    va_list ap;
    int n = snprintf(buf, sizeof(buf), "rs: ");

    va_start(ap, fmt);
    vsnprintf(buf + n, sizeof(buf) - (size_t)n - 1, fmt, ap);
    va_end(ap);
    strcat(buf, "\n");
    sys_kprint(buf, strlen(buf));
}

struct service *svc_by_label(const char *label)
{
    for (int i = 0; i < NR_SERVICES; i++)
        if (services[i].used && strcmp(services[i].label, label) == 0)
            return &services[i];
    return NULL;
}

struct service *svc_by_ep(endpoint_t ep)
{
    for (int i = 0; i < NR_SERVICES; i++)
        if (services[i].used && services[i].ep == ep && ep != NONE)
            return &services[i];
    return NULL;
}

struct service *svc_by_pid(int pid)
{
    for (int i = 0; i < NR_SERVICES; i++)
        if (services[i].used && services[i].pid == pid && pid > 0)
            return &services[i];
    return NULL;
}

struct service *svc_new(const char *label)
{
    for (int i = 0; i < NR_SERVICES; i++) {
        struct service *s = &services[i];
        if (s->used)
            continue;
        memset(s, 0, sizeof(*s));
        s->used = true;
        s->ep = NONE;
        snprintf(s->label, sizeof(s->label), "%s", label);
        snprintf(s->path, sizeof(s->path), "/sbin/%s", label);
        return s;
    }
    return NULL;
}

static int pm_call(message *m)
{
    int r = ipc_call(PM_EP, m);

    return r < 0 ? r : m->m_type;
}

/* An empty child of rs from pm, the program loaded into it by rs, then
 * started by pm. */
static int spawn(struct service *s, endpoint_t *ep, int *pid)
{
    static char frame[1024];
    char args[sizeof(s->args)], *argv[16];
    uint64_t entry, sp;
    message m;
    int argc = 0;

    snprintf(args, sizeof(args), "%s", s->args);
    argv[argc++] = s->label;
    for (char *a = strtok(args, " "); a && argc < 15; a = strtok(NULL, " "))
        argv[argc++] = a;
    argv[argc] = NULL;
    char *envp[] = { "EMBER_KCONSOLE=1", NULL }; /* no terminal: log on the kernel console */
    long len = exec_frame_build(frame, sizeof(frame), argv, envp);
    if (len < 0)
        return (int)len;
    memset(&m, 0, sizeof(m));
    m.m_type = PM_SRV_FORK;
    int r = pm_call(&m);
    if (r < 0)
        return r;
    *ep = m.pm_fork.ep;
    *pid = m.pm_fork.pid;
    if ((r = image_load(s, *ep, frame, (uint32_t)len, &entry, &sp)) < 0)
        return r;
    memset(&m, 0, sizeof(m));
    m.m_type = PM_SRV_EXEC;
    m.pm_exec.target = *ep;
    m.pm_exec.path = entry;
    m.pm_exec.frame = sp;
    memcpy(m.pm_exec.name, s->label, sizeof(m.pm_exec.name) - 1);
    return pm_call(&m);
}

int svc_start(struct service *s)
{
    endpoint_t ep = NONE;
    int pid = 0;

    learn_segments(s);
    int r = spawn(s, &ep, &pid);

    if (r == 0) {
        s->priv.supervisor = PM_EP;
        r = sys_privctl(ep, PRIVCTL_SET, &s->priv);
    }
    if (r < 0) {
        if (ep != NONE) {
            message m = { .m_type = PM_SRV_KILL };
            m.pm_getep.ep = ep;
            pm_call(&m);
        }
        rs_log("cannot start %s from %s: error %d", s->label, s->path, r);
        return r;
    }
    s->ep = ep;
    s->pid = pid;
    s->state = RS_STATE_UP;
    s->up_since = now_ms();
    s->ping_sent = s->ping_answered = 0;
    /* Only a first start gets START_MS to answer: a restart is held to the
     * period at once, or a hang injected before its first ping (the fault
     * campaign injects as soon as the driver is back) goes unseen. */
    s->ready = s->restarts > 0;
    s->hang_suspect = false;
    ds_publish(s->label, (uint64_t)ep);
    sys_runctl(ep, RUNCTL_RESUME);
    return 0;
}

/* The service is gone (reason says why): restart it after its back-off,
 * unless it is to stay down or keeps dying at once. */
void svc_died(struct service *s, const char *reason)
{
    uint64_t now = now_ms();

    if (!s->reason[0] || s->state != RS_STATE_RESTARTING)
        snprintf(s->reason, sizeof(s->reason), "%s", reason);
    s->ep = NONE;
    s->pid = 0;
    if (s->state == RS_STATE_DOWN || (s->flags & RS_NORESTART)) {
        s->state = RS_STATE_DOWN;
        rs_log("service %s stopped (%s)", s->label, s->reason);
        return;
    }
    /* A crash loop: it died soon after its start, never having answered
     * a heartbeat. One that was serving is restarted at once. */
    bool healthy = s->ping_answered > 0 || now - s->up_since >= STABLE_MS;
    if (!healthy) {
        s->fast_deaths++;
        s->backoff_ms = s->backoff_ms ? s->backoff_ms * 2 : BACKOFF_MIN_MS;
        if (s->backoff_ms > BACKOFF_MAX_MS)
            s->backoff_ms = BACKOFF_MAX_MS;
    } else {
        s->fast_deaths = 0;
        s->backoff_ms = 0;
    }
    if (s->fast_deaths > MAX_FAST_DEATHS) {
        s->state = RS_STATE_FAILED;
        rs_log("service %s died %u times in a row (%s): giving up", s->label, s->fast_deaths,
               s->reason);
        return;
    }
    s->state = RS_STATE_RESTARTING;
    s->restart_at = now + s->backoff_ms;
    rs_log("service %s died (%s); restart %u in %u ms", s->label, s->reason, s->restarts + 1,
           s->backoff_ms);
    timers_update();
}

/* End a live service (hang, request, fault): pm kills it, reports the
 * death to rs, and svc_died restarts it. */
void svc_kill(struct service *s, const char *reason)
{
    message m;

    snprintf(s->reason, sizeof(s->reason), "%s", reason);
    s->state = s->state == RS_STATE_DOWN ? RS_STATE_DOWN : RS_STATE_RESTARTING;
    memset(&m, 0, sizeof(m));
    m.m_type = PM_SRV_KILL;
    m.pm_getep.ep = s->ep;
    pm_call(&m);
}
