/*
 * ps: report processes.
 *
 *   ps [-aAdefjl] [-o format]... [-p pids] [-u users]
 *   ps [aux...]                       (BSD style: letters without '-')
 *
 * The table comes from pm (getprocs(), lib/include/ember/info.h), sorted
 * by process id. Formats:
 *
 *   default   PID TTY TIME CMD
 *   -f        UID PID PPID C STIME TTY TIME CMD
 *   -l        S UID PID PPID C SZ TTY TIME CMD     (-lf: both)
 *   -j        PID PGID SID TTY TIME CMD
 *   -o list   the columns named, "name=header" renames one (an empty
 *             header for every column drops the header line); `ps -o
 *             help` lists the names
 *   BSD u     USER PID %CPU %MEM VSZ RSS TT STAT START TIME COMMAND
 *   BSD       PID TT STAT TIME COMMAND
 *
 * select.c says which processes are shown and column.c what each
 * column means. C and %CPU are the share of one processor used since
 * the process started; TIME is its processor time; CMD is the program's
 * name (pm does not keep the arguments). The exit status is 1 when no
 * process was selected, so "ps -p PID" tells whether PID exists.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "ps.h"

#define PS_USAGE  "[-aAdefjl] [-o format] [-p pids] [-u users]\n       ps [aux]"
#define CELL_SIZE 64
#define NS_PER_S  1000000000ull

/* The formats: column names, each with ":HEADER" where the header is
 * not the column's own. */
static const char fmt_default[] = "pid tty:TTY time comm:CMD";
static const char fmt_full[] = "user:UID pid ppid c stime tty:TTY time args:CMD";
static const char fmt_long[] = "s uid pid ppid c sz tty:TTY time comm:CMD";
static const char fmt_long_full[] = "s user:UID pid ppid c sz stime tty:TTY time args:CMD";
static const char fmt_jobs[] = "pid pgid sid tty:TTY time comm:CMD";
static const char fmt_bsd_user[] = "user pid pcpu pmem vsz rss tty stat start time args";
static const char fmt_bsd[] = "pid tty stat time args";

struct request {
    struct selection sel;
    struct column cols[MAX_LIST];
    int ncols;
    bool full, lng, jobs, bsd_user;
};

static void add_column(struct request *rq, const char *name, const char *header)
{
    const struct column_kind *kind = column_find(name);

    if (!kind) {
        cmd_warnx("unknown column '%s'; the columns are:", name);
        column_list_names();
        exit(2);
    }
    if (rq->ncols == MAX_LIST)
        cmd_diex(2, "too many columns");
    rq->cols[rq->ncols].kind = kind;
    snprintf(rq->cols[rq->ncols].header, sizeof(rq->cols[0].header), "%s",
             header ? header : column_default_header(kind));
    rq->ncols++;
}

static void add_format(struct request *rq, const char *format)
{
    char copy[128];

    snprintf(copy, sizeof(copy), "%s", format);
    for (char *name = strtok(copy, " "); name; name = strtok(NULL, " ")) {
        char *header = strchr(name, ':');
        if (header)
            *header++ = '\0';
        add_column(rq, name, header);
    }
}

/* -o: names split at commas and blanks; "name=header" takes the rest of
 * the argument as the header, as POSIX asks, except that an empty header
 * followed by a comma ("pid=,comm=") ends there, as is common. */
static void add_option_format(struct request *rq, const char *arg)
{
    char *copy = strdup(arg), *p;

    if (!copy)
        cmd_diex(1, "out of memory");
    if (strcmp(copy, "help") == 0) {
        column_list_names();
        exit(0);
    }
    for (p = copy; *p;) {
        size_t len = strcspn(p, ", \t=");
        if (len == 0) {
            p++;
            continue;
        }
        char stop = p[len];
        p[len] = '\0';
        if (stop == '=' && p[len + 1] != ',') {
            add_column(rq, p, p + len + 1);
            break;
        }
        add_column(rq, p, stop == '=' ? "" : NULL);
        if (stop == '\0')
            break;
        p += len + 1 + (stop == '=');
    }
    free(copy);
}

/* BSD options: one word of letters, no '-'. */
static void parse_bsd(const char *word, struct request *rq)
{
    for (const char *c = word; *c; c++) {
        switch (*c) {
        case 'a':
            rq->sel.all_users = true;
            break;
        case 'x':
            rq->sel.any_tty = true;
            break;
        case 'u':
            rq->bsd_user = true;
            break;
        case 'l':
            rq->lng = true;
            break;
        case 'w':
            break; /* wide: lines are never cut */
        default:
            cmd_usage(PS_USAGE);
        }
    }
    rq->sel.all = rq->sel.all_users && rq->sel.any_tty;
    if (!rq->ncols)
        add_format(rq, rq->bsd_user ? fmt_bsd_user : rq->lng ? fmt_long : fmt_bsd);
}

static void parse(int argc, char **argv, struct request *rq)
{
    int opt;

    memset(rq, 0, sizeof(*rq));
    if (argc == 2 && argv[1][0] != '-') {
        parse_bsd(argv[1], rq);
        return;
    }
    while ((opt = getopt(argc, argv, "aAdefjlo:p:u:U:")) != -1) {
        switch (opt) {
        case 'a':
            rq->sel.all_users = rq->sel.no_leaders = true;
            break;
        case 'A':
        case 'e':
            rq->sel.all = true;
            break;
        case 'd':
            rq->sel.no_leaders = true;
            break;
        case 'f':
            rq->full = true;
            break;
        case 'l':
            rq->lng = true;
            break;
        case 'j':
            rq->jobs = true;
            break;
        case 'o':
            add_option_format(rq, optarg);
            break;
        case 'p':
            if (ps_parse_pids(optarg, &rq->sel) < 0)
                exit(2);
            break;
        case 'u':
        case 'U':
            if (ps_parse_users(optarg, &rq->sel) < 0)
                exit(2);
            break;
        default:
            cmd_usage(PS_USAGE);
        }
    }
    if (optind != argc)
        cmd_usage(PS_USAGE);
    if (rq->ncols == 0)
        add_format(rq, rq->full && rq->lng ? fmt_long_full
                       : rq->full          ? fmt_full
                       : rq->lng           ? fmt_long
                       : rq->jobs          ? fmt_jobs
                                           : fmt_default);
}

static int by_pid(const void *a, const void *b)
{
    const struct pm_procinfo *x = a, *y = b;

    return (x->pid > y->pid) - (x->pid < y->pid);
}

/* The process table, grown until it fits, and what the columns need. */
static void take_snapshot(struct snapshot *s)
{
    static char tty[32];
    uint64_t total = 0, free_pages = 0;
    int max = 64, n;

    memset(s, 0, sizeof(*s));
    for (;;) {
        s->procs = realloc(s->procs, (size_t)max * sizeof(*s->procs));
        if (!s->procs)
            cmd_diex(1, "out of memory");
        if ((n = getprocs(s->procs, max)) >= 0)
            break;
        if (errno != E2BIG || max >= 65536)
            cmd_die(1, "cannot read the process table from pm");
        max *= 2;
    }
    qsort(s->procs, (size_t)n, sizeof(*s->procs), by_pid);
    s->count = n;
    s->uptime_ns = uptime_ns();
    s->now = time(NULL);
    s->boot = s->now - (time_t)(s->uptime_ns / NS_PER_S);
    if (meminfo(&total, &free_pages) == 0)
        s->mem_kb = total * 4;
    s->my_sid = getsid(0);
    const char *name = ttyname(0);
    snprintf(tty, sizeof(tty), "%s", !name ? "?" : strncmp(name, "/dev/", 5) ? name : name + 5);
    s->my_tty = tty;
}

static void print_row(const struct request *rq, char (*cells)[CELL_SIZE], const int *width)
{
    for (int c = 0; c < rq->ncols; c++) {
        bool last = c == rq->ncols - 1;
        if (column_left(rq->cols[c].kind))
            printf("%-*s", last ? 0 : width[c], cells[c]);
        else
            printf("%*s", width[c], cells[c]);
        fputs(last ? "\n" : " ", stdout);
    }
}

/*
 * Format every cell first: a column is as wide as its widest cell. Returns
 * how many processes were listed.
 */
static int print_table(const struct request *rq, const struct snapshot *s)
{
    char(*cells)[CELL_SIZE] = calloc((size_t)(s->count + 1) * (size_t)rq->ncols, CELL_SIZE);
    int width[MAX_LIST] = { 0 }, rows = 1;
    bool header = false;

    if (!cells)
        cmd_diex(1, "out of memory");
    for (int c = 0; c < rq->ncols; c++) {
        snprintf(cells[c], CELL_SIZE, "%s", rq->cols[c].header);
        header |= rq->cols[c].header[0] != '\0';
    }
    for (int i = 0; i < s->count; i++) {
        if (!ps_selected(&rq->sel, &s->procs[i], s))
            continue;
        for (int c = 0; c < rq->ncols; c++)
            column_format(rq->cols[c].kind, &s->procs[i], s, cells[rows * rq->ncols + c],
                          CELL_SIZE);
        rows++;
    }
    for (int r = header ? 0 : 1; r < rows; r++)
        for (int c = 0; c < rq->ncols; c++) {
            int len = (int)strlen(cells[r * rq->ncols + c]);
            width[c] = len > width[c] ? len : width[c];
        }
    for (int r = header ? 0 : 1; r < rows; r++)
        print_row(rq, cells + r * rq->ncols, width);
    free(cells);
    return rows - 1;
}

int main(int argc, char **argv)
{
    static struct request rq;
    struct snapshot snap;
    int listed;

    cmd_setname(argv[0]);
    parse(argc, argv, &rq);
    take_snapshot(&snap);
    listed = print_table(&rq, &snap);
    if (fflush(stdout) != 0)
        cmd_die(1, "cannot write the table");
    return listed > 0 ? 0 : 1;
}
