/*
 * Watching services: adopting the boot processes, learning of deaths from
 * pm, heartbeats, and the timer that drives restarts and pings.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <ember/proto/vm.h>
#include "rs.h"

#define TICK_MS 50

/* The servers with fixed endpoints are never restarted: rs only lists them. */
static bool essential(endpoint_t ep)
{
    return ep == DS_EP || ep == RS_EP || ep == PM_EP || ep == VM_EP || ep == VFS_EP;
}

/* The pid of the boot process at ep, named name: alive, or already a
 * zombie (a driver with no device may be gone before rs looks). */
static int pid_of(endpoint_t ep, const char *name)
{
    static struct pm_procinfo procs[256];
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = PM_GETPROCS;
    m.pm_getprocs.buf = (uint64_t)procs;
    m.pm_getprocs.size = sizeof(procs);
    int n = ipc_call(PM_EP, &m) < 0 ? 0 : m.m_type;
    for (int i = 0; i < n; i++)
        if (procs[i].ep == ep ||
            (procs[i].state == 'Z' && strncmp(procs[i].name, name, sizeof(procs[i].name)) == 0))
            return procs[i].pid;
    return 0;
}

/* Keep the boot module of a service mapped (vm maps it read-only): rs
 * restarts boot services from there, with no file system involved. */
static void map_image(struct service *s, int module)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = VM_MAP_MODULE;
    m.vm_mem.len = (uint64_t)module;
    if (ipc_call(VM_EP, &m) < 0 || m.m_type < 0) {
        rs_log("cannot map the boot module of %s: %s will not be restarted", s->label, s->label);
        return;
    }
    s->image = m.vm_mem.addr;
    s->image_len = m.vm_mem.len;
    s->image_owned = false;
}

void adopt_boot_services(void)
{
    static struct kinfo_module mods[32];
    int n = 0;

    if (sys_getinfo(INFO_MODULES, mods, sizeof(mods), &n) < 0)
        srv_panic("cannot read the boot module list");
    for (int i = 0; i < n; i++) {
        if (mods[i].ep == NONE || mods[i].ep == RS_EP)
            continue;
        struct service *s = svc_new(mods[i].name);
        if (!s)
            break;
        s->ep = mods[i].ep;
        s->pid = pid_of(s->ep, mods[i].name);
        s->state = RS_STATE_UP;
        s->up_since = now_ms();
        s->ready = true; /* the kernel started it before rs: its heartbeat period applies */
        if (essential(s->ep))
            s->flags |= RS_NORESTART;
        sys_privctl(s->ep, PRIVCTL_GET, &s->priv);
        if (!essential(s->ep)) {
            ds_publish(s->label, (uint64_t)s->ep);
            map_image(s, i);
            learn_segments(s);
        }
    }
}

static void describe(int status, char *buf, size_t size)
{
    if (WIFSIGNALED(status))
        snprintf(buf, size, "signal %d", WTERMSIG(status));
    else
        snprintf(buf, size, "exit %d", WEXITSTATUS(status));
}

/* pm told us some children died: collect every one. */
void reap_children(void)
{
    message m;
    char why[32];

    for (;;) {
        memset(&m, 0, sizeof(m));
        m.m_type = PM_WAITPID;
        m.pm_waitpid.pid = -1;
        m.pm_waitpid.options = WNOHANG;
        if (ipc_call(PM_EP, &m) < 0 || m.m_type <= 0)
            return;
        struct service *s = svc_by_pid(m.m_type);
        if (!s)
            continue;
        describe(m.pm_waitpid.status, why, sizeof(why));
        if (WIFEXITED(m.pm_waitpid.status) && WEXITSTATUS(m.pm_waitpid.status) == SRV_EXIT_NODEV) {
            s->state = RS_STATE_DOWN; /* nothing to drive: it stays down */
            snprintf(why, sizeof(why), "no device");
        }
        svc_died(s, why);
    }
}

static void ping(struct service *s, uint64_t now)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = SRV_PING;
    s->ping_sent = now;
    srv_async_send(s->ep, &m);
}

void heartbeat_tick(void)
{
    uint64_t now = now_ms();

    for (int i = 0; i < NR_SERVICES; i++) {
        struct service *s = &services[i];
        if (!s->used)
            continue;
        if (s->state == RS_STATE_RESTARTING && s->ep == NONE && now >= s->restart_at) {
            s->restarts++;
            s->last_restart = now;
            if (svc_start(s) == 0)
                rs_log("service %s restarted (endpoint %d)", s->label, s->ep);
            else
                svc_died(s, "start failed");
            continue;
        }
        if (s->state != RS_STATE_UP || s->period_ms <= 0)
            continue;
        /* Ping every half period; unanswered for a whole period means hung:
         * a hang is found within 1.5 periods (and a tick) of its start. An
         * overdue ping is only suspect at first: the kernel hands rs its
         * clock notification before the messages queued behind it, so an
         * answer that came while rs was busy (restarting another service)
         * may still be waiting. It gets one round of receiving, up to the
         * next tick, to arrive.
         * A service answers from its receive loop, which it reaches once
         * its start-up is over: the first answer says it is ready. Until
         * then (a service's first start by rs; a boot service and a
         * restarted one are held to the period at once, or a hang injected
         * before rs's first ping would go unseen for START_MS) it has
         * START_MS, not a period, as a start-up (the network
         * server's loads lwIP and faults in its heap) may take seconds on
         * a busy machine, and a kill would only start it all over. */
        bool waiting = s->ping_sent > s->ping_answered;
        bool started = s->ready;
        uint64_t limit = started ? (uint64_t)s->period_ms : START_MS;
        bool overdue = waiting && now - s->ping_sent >= limit;
        if (overdue && s->hang_suspect) {
            if (started)
                rs_log("service %s missed its heartbeat (%d ms): hung; killing it", s->label,
                       s->period_ms);
            else
                rs_log("service %s did not finish its start-up in %d ms: hung; killing it",
                       s->label, START_MS);
            svc_kill(s, "hang");
        } else if (!waiting && now - s->ping_sent >= (uint64_t)s->period_ms / 2) {
            ping(s, now);
        }
        s->hang_suspect = overdue;
    }
    timers_update();
}

void timers_update(void)
{
    uint64_t next = 0, now = now_ms();

    for (int i = 0; i < NR_SERVICES; i++) {
        struct service *s = &services[i];
        uint64_t t = 0;
        if (!s->used)
            continue;
        if (s->state == RS_STATE_RESTARTING && s->ep == NONE)
            t = s->restart_at;
        else if (s->state == RS_STATE_UP && s->period_ms > 0)
            t = now + TICK_MS;
        if (t && (!next || t < next))
            next = t;
    }
    if (next)
        sys_setalarm((next > now ? next - now : 1) * 1000000, 1, NULL);
    else
        sys_setalarm(0, 0, NULL);
}
