/*
 * Every column ps can print: its -o name, its header, whether it is text
 * (left-aligned) or a number, and how a process's value is written.
 * Values pm does not report (the controlling terminal of processes in
 * other sessions, memory sizes while pm leaves them zero) show as the
 * best that is known: "?" or 0.
 */
#include <pwd.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>

#include "ps.h"

#define NS_PER_SEC 1000000000ull
#define PAGE_KB    4

typedef void format_fn(const struct pm_procinfo *p, const struct snapshot *s, char *buf,
                       size_t size);

struct column_kind {
    const char *name;
    const char *header;
    bool left;
    format_fn *format;
};

static void fmt_pid(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    (void)s;
    snprintf(b, n, "%d", p->pid);
}

static void fmt_ppid(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    (void)s;
    snprintf(b, n, "%d", p->ppid);
}

static void fmt_pgid(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    (void)s;
    snprintf(b, n, "%d", p->pgrp);
}

static void fmt_sid(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    (void)s;
    snprintf(b, n, "%d", p->sid);
}

static void fmt_uid(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    (void)s;
    snprintf(b, n, "%d", p->uid);
}

static void fmt_user(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    struct passwd *pw = getpwuid((uid_t)p->uid);

    if (pw)
        snprintf(b, n, "%s", pw->pw_name);
    else
        fmt_uid(p, s, b, n);
}

static void fmt_gid(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    (void)s;
    snprintf(b, n, "%d", p->gid);
}

static void fmt_group(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    struct group *gr = getgrgid((gid_t)p->gid);

    if (gr)
        snprintf(b, n, "%s", gr->gr_name);
    else
        fmt_gid(p, s, b, n);
}

static void fmt_state(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    (void)s;
    snprintf(b, n, "%c", p->state ? p->state : '?');
}

/* BSD STAT: the state, then s for a session leader. */
static void fmt_stat(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    (void)s;
    snprintf(b, n, "%c%s", p->state ? p->state : '?', p->sid == p->pid ? "s" : "");
}

/* Per cent of one processor used since the process started, in tenths. */
static unsigned cpu_tenths(const struct pm_procinfo *p, const struct snapshot *s)
{
    uint64_t alive = s->uptime_ns > p->start_ns ? s->uptime_ns - p->start_ns : 0;

    return alive ? (unsigned)(p->user_ns * 1000 / alive) : 0;
}

static void fmt_c(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    snprintf(b, n, "%u", cpu_tenths(p, s) / 10);
}

static void fmt_pcpu(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    unsigned t = cpu_tenths(p, s);

    snprintf(b, n, "%u.%u", t / 10, t % 10);
}

static void fmt_pmem(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    unsigned t = s->mem_kb ? (unsigned)(p->mem_kb * 1000 / s->mem_kb) : 0;

    snprintf(b, n, "%u.%u", t / 10, t % 10);
}

static void fmt_vsz(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    (void)s;
    snprintf(b, n, "%llu", (unsigned long long)p->mem_kb);
}

static void fmt_sz(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    (void)s;
    snprintf(b, n, "%llu", (unsigned long long)(p->mem_kb + PAGE_KB - 1) / PAGE_KB);
}

/* [dd-]hh:mm:ss */
static void duration(uint64_t secs, bool short_form, char *b, size_t n)
{
    unsigned long long d = secs / 86400, h = secs / 3600 % 24, m = secs / 60 % 60, sec = secs % 60;

    if (d)
        snprintf(b, n, "%llu-%02llu:%02llu:%02llu", d, h, m, sec);
    else if (h || !short_form)
        snprintf(b, n, "%02llu:%02llu:%02llu", h, m, sec);
    else
        snprintf(b, n, "%02llu:%02llu", m, sec);
}

static void fmt_time(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    (void)s;
    duration(p->user_ns / NS_PER_SEC, false, b, n);
}

static void fmt_etime(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    uint64_t alive = s->uptime_ns > p->start_ns ? s->uptime_ns - p->start_ns : 0;

    duration(alive / NS_PER_SEC, true, b, n);
}

/* The start: the time of day within the last day, else the date. */
static void fmt_stime(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    time_t start = s->boot + (time_t)(p->start_ns / NS_PER_SEC);
    struct tm *tm = localtime(&start);

    if (!tm || strftime(b, n, s->now - start < 86400 ? "%H:%M" : "%b%d", tm) == 0)
        snprintf(b, n, "?");
}

static void fmt_tty(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    snprintf(b, n, "%s", p->sid == s->my_sid ? s->my_tty : "?");
}

static void fmt_comm(const struct pm_procinfo *p, const struct snapshot *s, char *b, size_t n)
{
    (void)s;
    snprintf(b, n, "%.*s%s", (int)sizeof(p->name), p->name, p->state == 'Z' ? " <defunct>" : "");
}

/* pm keeps a program's name, not its arguments: args and cmd show the
 * name too. */
static const struct column_kind kinds[] = {
    { "pid", "PID", false, fmt_pid },
    { "ppid", "PPID", false, fmt_ppid },
    { "pgid", "PGID", false, fmt_pgid },
    { "sid", "SID", false, fmt_sid },
    { "uid", "UID", false, fmt_uid },
    { "user", "USER", true, fmt_user },
    { "ruser", "RUSER", true, fmt_user },
    { "gid", "GID", false, fmt_gid },
    { "group", "GROUP", true, fmt_group },
    { "s", "S", true, fmt_state },
    { "state", "S", true, fmt_state },
    { "stat", "STAT", true, fmt_stat },
    { "c", "C", false, fmt_c },
    { "pcpu", "%CPU", false, fmt_pcpu },
    { "pmem", "%MEM", false, fmt_pmem },
    { "vsz", "VSZ", false, fmt_vsz },
    { "rss", "RSS", false, fmt_vsz },
    { "sz", "SZ", false, fmt_sz },
    { "time", "TIME", false, fmt_time },
    { "etime", "ELAPSED", false, fmt_etime },
    { "stime", "STIME", true, fmt_stime },
    { "start", "START", true, fmt_stime },
    { "tty", "TT", true, fmt_tty },
    { "comm", "COMMAND", true, fmt_comm },
    { "args", "COMMAND", true, fmt_comm },
    { "cmd", "CMD", true, fmt_comm },
};

#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))

const struct column_kind *column_find(const char *name)
{
    for (size_t i = 0; i < NKINDS; i++)
        if (strcmp(kinds[i].name, name) == 0)
            return &kinds[i];
    return NULL;
}

const char *column_default_header(const struct column_kind *kind)
{
    return kind->header;
}

bool column_left(const struct column_kind *kind)
{
    return kind->left;
}

void column_format(const struct column_kind *kind, const struct pm_procinfo *p,
                   const struct snapshot *snap, char *buf, size_t size)
{
    kind->format(p, snap, buf, size);
}

void column_list_names(void)
{
    for (size_t i = 0; i < NKINDS; i++)
        fprintf(stderr, "%s%s", i ? " " : "", kinds[i].name);
    fputc('\n', stderr);
}
