/*
 * ps: the pieces. ps.c reads the options and prints; select.c decides
 * which processes are shown; column.c knows every column ps can print.
 */
#ifndef PS_H
#define PS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <ember/info.h>

#define MAX_LIST 64 /* entries of a -p, -u or -o list */

/* What every column's formatter may need besides the process. */
struct snapshot {
    struct pm_procinfo *procs;
    int count;
    uint64_t uptime_ns;
    time_t now;
    time_t boot;        /* now less the uptime */
    uint64_t mem_kb;    /* all the memory vm manages, for %MEM */
    int my_sid;         /* the caller's session: its terminal is known */
    const char *my_tty; /* that terminal's name, "?" if none */
};

/* Which processes to show. */
struct selection {
    bool all;        /* -e, -A, BSD "ax" */
    bool all_users;  /* -a, BSD "a": anyone's, but only with a terminal */
    bool no_leaders; /* -a, -d: not session leaders */
    bool any_tty;    /* BSD "x": also those without a terminal */
    int npids, nusers;
    int pids[MAX_LIST];
    int uids[MAX_LIST];
};

/* One printed column: the name of its kind and its header. */
struct column {
    const struct column_kind *kind;
    char header[32];
};

/* select.c */
bool ps_selected(const struct selection *sel, const struct pm_procinfo *p,
                 const struct snapshot *snap);
int ps_parse_pids(const char *list, struct selection *sel);
int ps_parse_users(const char *list, struct selection *sel);

/* column.c */
const struct column_kind *column_find(const char *name);
const char *column_default_header(const struct column_kind *kind);
bool column_left(const struct column_kind *kind);
void column_format(const struct column_kind *kind, const struct pm_procinfo *p,
                   const struct snapshot *snap, char *buf, size_t size);
void column_list_names(void);

#endif
