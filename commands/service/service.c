/*
 * service: start, stop and watch the system services through the
 * reincarnation server, rs (the protocol is lib/include/ember/proto/rs.h,
 * the calls rs_client.c).
 *
 *   service list
 *   service up PATH [-label L] [-args "ARGS"] [-period MS] [-norestart]
 *   service down | restart | refresh | kill | lookup LABEL
 *   service fi LABEL [-kind KIND] [-seed N] [-count N]
 *
 * up starts PATH as a service named L (default: PATH's last part, cut to
 * 15 characters) with ARGS, its heartbeat every MS milliseconds (0: rs's
 * default), restarted when it dies unless -norestart. down stops a
 * service for good; restart stops and starts it again; refresh does so
 * with fresh state; kill crashes it as a fault would, to watch rs bring
 * it back. fi injects COUNT faults (default 1) of KIND: crash, codeflip,
 * dataflip, regflip, loop, badptr, retval or random (the default),
 * chosen and placed by the SEED (default: from the clock). lookup
 * prints the endpoint of a service. rs answers root alone.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "service.h"

#define SERVICE_USAGE                                                                              \
    "list\n"                                                                                       \
    "       service up PATH [-label L] [-args \"ARGS\"] [-period MS] [-norestart]\n"               \
    "       service down | restart | refresh | kill | lookup LABEL\n"                              \
    "       service fi LABEL [-kind KIND] [-seed N] [-count N]"
#define PATH_LEN 48  /* rs's limit on a program's path, with its NUL */
#define ARGS_LEN 128 /* and on its arguments */

static const struct {
    const char *name;
    enum rs_fi_kind kind;
} fi_kinds[] = {
    { "crash", FI_CRASH },      { "codeflip", FI_CODE_FLIP }, { "dataflip", FI_DATA_FLIP },
    { "regflip", FI_REG_FLIP }, { "loop", FI_LOOP },          { "badptr", FI_BAD_POINTER },
    { "retval", FI_RETVAL },    { "random", FI_RANDOM },
};

_Noreturn void service_fail(int r, const char *what, const char *label)
{
    const char *l = label ? label : "";
    const char *sep = label ? " " : "";

    switch (-r) {
    case ENOSYS:
        cmd_diex(1, "%s%s%s: rs does not support this request yet (%s)", what, sep, l,
                 strerror(ENOSYS));
    case EIO:
        cmd_diex(1, "%s%s%s: cannot reach rs", what, sep, l);
    case EPERM:
        cmd_diex(1,
                 "%s%s%s: not allowed (rs answers root alone, and never replaces "
                 "pm, vm, vfs or ds)",
                 what, sep, l);
    case ESRCH:
        cmd_diex(1, "%s: no service is labelled '%s'", what, l);
    case EEXIST:
        cmd_diex(1, "%s: a service labelled '%s' is already there", what, l);
    default:
        cmd_diex(1, "%s%s%s: %s", what, sep, l, strerror(-r));
    }
}

/* A decimal number from an option's argument; dies on anything else. */
static long number(const char *opt, const char *text, long min, long max)
{
    char *end;
    long n;

    errno = 0;
    n = strtol(text, &end, 0);
    if (!*text || *end || errno || n < min || n > max)
        cmd_diex(2, "%s: '%s' is not a number from %ld to %ld", opt, text, min, max);
    return n;
}

static const char *option_argument(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc)
        cmd_diex(2, "%s needs an argument", argv[*i]);
    return argv[++*i];
}

/* The program's absolute path, checked to be there and executable. */
static void resolve_path(const char *given, char *path, size_t size)
{
    char cwd[256];
    int n;

    if (given[0] == '/')
        n = snprintf(path, size, "%s", given);
    else if (getcwd(cwd, sizeof(cwd)))
        n = snprintf(path, size, "%s/%s", strcmp(cwd, "/") == 0 ? "" : cwd, given);
    else
        cmd_die(1, "cannot tell where %s is", given);
    if (n < 0 || (size_t)n >= size || strlen(path) >= PATH_LEN)
        cmd_diex(1, "%s: the path is too long for rs (at most %d characters)", path, PATH_LEN - 1);
    if (access(path, X_OK) < 0)
        cmd_die(1, "%s", path);
}

/* The label a path gets by default: its last part, cut to fit. */
static void default_label(const char *path, char *label)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

    snprintf(label, RS_LABEL_MAX, "%s", base);
}

static int cmd_up(int argc, char **argv)
{
    struct rs_up_request rq = { 0 };
    char path[256], label[RS_LABEL_MAX];
    endpoint_t ep;
    int pid, r;

    if (argc < 2)
        cmd_usage(SERVICE_USAGE);
    resolve_path(argv[1], path, sizeof(path));
    default_label(path, label);
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "-label") == 0) {
            const char *l = option_argument(argc, argv, &i);
            if (!*l || strlen(l) >= RS_LABEL_MAX)
                cmd_diex(2, "-label: '%s' is not 1 to %d characters", l, RS_LABEL_MAX - 1);
            strcpy(label, l);
        } else if (strcmp(argv[i], "-args") == 0) {
            rq.args = option_argument(argc, argv, &i);
            if (strlen(rq.args) >= ARGS_LEN)
                cmd_diex(1, "-args: too long for rs (at most %d characters)", ARGS_LEN - 1);
        } else if (strcmp(argv[i], "-period") == 0) {
            rq.period_ms = (int)number("-period", option_argument(argc, argv, &i), 0, 3600000);
        } else if (strcmp(argv[i], "-norestart") == 0) {
            rq.flags |= RS_NORESTART;
        } else {
            cmd_usage(SERVICE_USAGE);
        }
    }
    rq.path = path;
    rq.label = label;
    if ((r = rs_up(&rq, &ep, &pid)) < 0)
        service_fail(r, "up", label);
    printf("%s: up, endpoint %d, pid %d\n", label, ep, pid);
    return 0;
}

static enum rs_fi_kind fi_kind(const char *name)
{
    for (size_t i = 0; i < sizeof(fi_kinds) / sizeof(fi_kinds[0]); i++)
        if (strcmp(fi_kinds[i].name, name) == 0)
            return fi_kinds[i].kind;
    cmd_warnx("-kind: unknown kind '%s'; the kinds are:", name);
    for (size_t i = 0; i < sizeof(fi_kinds) / sizeof(fi_kinds[0]); i++)
        fprintf(stderr, "%s%s", i ? " " : "", fi_kinds[i].name);
    fputc('\n', stderr);
    exit(2);
}

static int cmd_fi(int argc, char **argv)
{
    enum rs_fi_kind kind = FI_RANDOM;
    uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32), injected = 0;
    int count = 1, r;

    if (argc < 2)
        cmd_usage(SERVICE_USAGE);
    const char *label = argv[1];
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "-kind") == 0)
            kind = fi_kind(option_argument(argc, argv, &i));
        else if (strcmp(argv[i], "-seed") == 0)
            seed = (uint64_t)number("-seed", option_argument(argc, argv, &i), 0, LONG_MAX);
        else if (strcmp(argv[i], "-count") == 0)
            count = (int)number("-count", option_argument(argc, argv, &i), 1, 1000000);
        else
            cmd_usage(SERVICE_USAGE);
    }
    if ((r = rs_fi(label, kind, seed, count, &injected)) < 0)
        service_fail(r, "fi", label);
    printf("%s: %llu fault%s injected\n", label, (unsigned long long)injected,
           injected == 1 ? "" : "s");
    return 0;
}

/* down, restart, refresh, kill, lookup: a label and nothing else. */
static int cmd_label(const char *verb, int argc, char **argv)
{
    static const struct {
        const char *verb;
        int (*call)(const char *label);
        const char *done;
    } calls[] = {
        { "down", rs_down, "stopped" },
        { "restart", rs_restart, "restarting" },
        { "refresh", rs_refresh, "restarting with fresh state" },
        { "kill", rs_kill, "killed; rs restarts it" },
    };
    endpoint_t ep;
    int r;

    if (argc != 2)
        cmd_usage(SERVICE_USAGE);
    if (strcmp(verb, "lookup") == 0) {
        if ((r = rs_lookup(argv[1], &ep)) < 0)
            service_fail(r, verb, argv[1]);
        printf("%d\n", ep);
        return 0;
    }
    for (size_t i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
        if (strcmp(verb, calls[i].verb) != 0)
            continue;
        if ((r = calls[i].call(argv[1])) < 0)
            service_fail(r, verb, argv[1]);
        printf("%s: %s\n", argv[1], calls[i].done);
        return 0;
    }
    cmd_usage(SERVICE_USAGE);
}

int main(int argc, char **argv)
{
    cmd_setname(argv[0]);
    if (argc < 2)
        cmd_usage(SERVICE_USAGE);
    const char *verb = argv[1];
    if (strcmp(verb, "list") == 0) {
        if (argc != 2)
            cmd_usage(SERVICE_USAGE);
        return service_list();
    }
    if (strcmp(verb, "up") == 0)
        return cmd_up(argc - 1, argv + 1);
    if (strcmp(verb, "fi") == 0)
        return cmd_fi(argc - 1, argv + 1);
    return cmd_label(verb, argc - 1, argv + 1);
}
