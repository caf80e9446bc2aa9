/*
 * service list: rs's table of services, one line each:
 *
 *   LABEL   ENDPOINT  PID RESTARTS STATE  PERIOD      UP PATH          LAST
 *   tty         1030    9        0 up     1000ms  0:05:12 /sbin/tty     -
 *
 * PERIOD is the heartbeat period ("-": none), UP how long the current
 * instance has run, LAST why rs last restarted it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <ember/info.h>

#include "cmd.h"
#include "service.h"

#define NS_PER_S 1000000000ull

static const char *state_name(int state)
{
    switch (state) {
    case RS_STATE_UP:
        return "up";
    case RS_STATE_RESTARTING:
        return "restarting";
    case RS_STATE_DOWN:
        return "down";
    case RS_STATE_FAILED:
        return "failed";
    default:
        return "?";
    }
}

static void up_time(const struct rs_service_info *s, uint64_t now_ns, char *buf, size_t size)
{
    if (s->state != RS_STATE_UP || !s->up_since_ns || s->up_since_ns > now_ns) {
        snprintf(buf, size, "-");
        return;
    }
    unsigned long long secs = (now_ns - s->up_since_ns) / NS_PER_S;
    snprintf(buf, size, "%llu:%02llu:%02llu", secs / 3600, secs / 60 % 60, secs % 60);
}

static void print_service(const struct rs_service_info *s, uint64_t now_ns)
{
    char period[16], up[24];

    if (s->period_ms > 0)
        snprintf(period, sizeof(period), "%dms", s->period_ms);
    else
        snprintf(period, sizeof(period), "-");
    up_time(s, now_ns, up, sizeof(up));
    printf("%-15.*s %8d %5d %8u %-10s %6s %9s %-20.*s %.*s\n", RS_LABEL_MAX, s->label, s->ep,
           s->pid, s->restarts, state_name(s->state), period, up, (int)sizeof(s->path), s->path,
           (int)sizeof(s->last_reason), s->last_reason[0] ? s->last_reason : "-");
}

int service_list(void)
{
    struct rs_service_info *buf = NULL;
    int max = 32, n;

    for (;;) {
        buf = realloc(buf, (size_t)max * sizeof(*buf));
        if (!buf)
            cmd_diex(1, "out of memory");
        if ((n = rs_list(buf, max)) != -E2BIG || max >= 4096)
            break;
        max *= 2;
    }
    if (n < 0)
        service_fail(n, "list", NULL);
    uint64_t now = uptime_ns();
    printf("%-15s %8s %5s %8s %-10s %6s %9s %-20s %s\n", "LABEL", "ENDPOINT", "PID", "RESTARTS",
           "STATE", "PERIOD", "UP", "PATH", "LAST");
    for (int i = 0; i < n; i++)
        print_service(&buf[i], now);
    free(buf);
    return fflush(stdout) == 0 ? 0 : 1;
}
