/*
 * rstest: drives rs through its protocol and checks that services come
 * back: a killed driver is restarted and serves again; a driver made to
 * loop forever is found hung within two heartbeat periods and restarted,
 * even the one that serves the root file system; the list shows the
 * restarts and their reasons; bad requests are refused.
 *
 *   rstest [CASE...]   one line per case, then "rstest: N passed, N failed"
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <ember/endpoints.h>
#include <ember/sys.h>
#include <ember/proto/rs.h>

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("    ");                                                                        \
            printf(__VA_ARGS__);                                                                   \
            printf("\n");                                                                          \
            return -1;                                                                             \
        }                                                                                          \
    } while (0)

static int rs_call(int call, const char *label, int a, int b, uint64_t seed, message *m)
{
    memset(m, 0, sizeof(*m));
    m->m_type = call;
    snprintf(m->rs_req.label, sizeof(m->rs_req.label), "%s", label);
    m->rs_req.period_ms = a;
    m->rs_req.flags = b;
    m->rs_reply.seed = seed;
    int r = ipc_call(RS_EP, m);
    return r < 0 ? r : m->m_type;
}

static int find(const char *label, struct rs_service_info *out)
{
    static struct rs_service_info v[48];
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = RS_LIST;
    m.rs_req.path = (uint64_t)v;
    m.rs_req.path_len = sizeof(v);
    int n = ipc_call(RS_EP, &m) < 0 ? -1 : m.m_type;
    for (int i = 0; i < n; i++)
        if (strcmp(v[i].label, label) == 0) {
            *out = v[i];
            return 0;
        }
    return -1;
}

static uint64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Wait until label runs as a new instance (endpoint != old); its info. */
static int await_restart(const char *label, endpoint_t old, uint64_t limit_ms,
                         struct rs_service_info *info)
{
    uint64_t start = now_ms();

    while (now_ms() - start < limit_ms) {
        if (find(label, info) == 0 && info->ep != old && info->ep != NONE &&
            info->state == RS_STATE_UP)
            return (int)(now_ms() - start);
        usleep(20000);
    }
    return -1;
}

/* /dev/zero answers: the memory driver serves. */
static int memory_serves(void)
{
    char buf[64];
    int fd = open("/dev/zero", O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf));

    if (fd >= 0)
        close(fd);
    return n == sizeof(buf) && buf[0] == 0 && buf[63] == 0;
}

static int killed_driver_comes_back(void)
{
    struct rs_service_info before, after;
    message m;

    CHECK(find("tty", &before) == 0, "tty is not in the list");
    CHECK(rs_call(RS_KILL, "tty", 0, 0, 0, &m) == 0, "RS_KILL refused");
    int ms = await_restart("tty", before.ep, 5000, &after);
    CHECK(ms >= 0, "tty did not come back within 5 s");
    CHECK(after.restarts == before.restarts + 1, "restarts %u -> %u", before.restarts,
          after.restarts);
    CHECK(strstr(after.last_reason, "killed"), "reason '%s'", after.last_reason);
    printf("    tty back after %d ms\n", ms);
    printf("    and this line went through the new tty\n");
    return 0;
}

static int hung_driver_is_detected_and_restarted(void)
{
    struct rs_service_info before, after;
    message m;

    CHECK(find("memory", &before) == 0 && before.period_ms > 0, "memory has no heartbeat");
    uint64_t t0 = now_ms();
    CHECK(rs_call(RS_FI, "memory", FI_LOOP, 1, 7, &m) == 0, "RS_FI refused");
    int ms = await_restart("memory", before.ep, 10000, &after);
    CHECK(ms >= 0, "memory not restarted within 10 s");
    uint64_t took = now_ms() - t0;
    CHECK(strcmp(after.last_reason, "hang") == 0, "reason '%s'", after.last_reason);
    CHECK(took <= 2 * (uint64_t)before.period_ms + 500, "restarted after %lu ms, period %d",
          (unsigned long)took, before.period_ms);
    CHECK(memory_serves(), "/dev/zero does not answer after the restart");
    printf("    hang found and memory restarted in %lu ms (period %d ms)\n", (unsigned long)took,
           before.period_ms);
    return 0;
}

static int crashes_of_every_kind_are_survived(void)
{
    struct rs_service_info before, after;
    message m;
    static const int kinds[] = { FI_CRASH, FI_BAD_POINTER, FI_REG_FLIP, FI_DATA_FLIP,
                                 FI_CODE_FLIP };

    for (unsigned i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        CHECK(find("memory", &before) == 0, "memory is gone");
        CHECK(rs_call(RS_FI, "memory", kinds[i], 1, 100 + i, &m) == 0, "RS_FI %d refused",
              kinds[i]);
        for (int k = 0; k < 20; k++)
            memory_serves(); /* use it: the fault may need work to show */
        if (await_restart("memory", before.ep, 100, &after) < 0 && !memory_serves())
            CHECK(await_restart("memory", before.ep, 10000, &after) >= 0,
                  "fault kind %d: memory neither serves nor came back", kinds[i]);
        CHECK(memory_serves() ||
                  (await_restart("memory", before.ep, 10000, &after) >= 0 && memory_serves()),
              "fault kind %d: /dev/zero broken afterwards", kinds[i]);
    }
    return 0;
}

static int bad_requests_are_refused(void)
{
    message m;

    CHECK(rs_call(RS_KILL, "no-such", 0, 0, 0, &m) == -ESRCH, "kill of an unknown label");
    CHECK(rs_call(RS_FI, "pm", FI_CRASH, 1, 1, &m) < 0, "a fault injected into pm");
    CHECK(rs_call(RS_KILL, "vfs", 0, 0, 0, &m) < 0, "vfs killed on request");
    CHECK(rs_call(9999, "tty", 0, 0, 0, &m) == -ENOSYS, "an unknown call");
    return 0;
}

struct rs_case {
    const char *name;
    int (*run)(void);
};

static const struct rs_case cases[] = {
    { "killed_driver_comes_back", killed_driver_comes_back },
    { "hung_driver_is_detected_and_restarted", hung_driver_is_detected_and_restarted },
    { "crashes_of_every_kind_are_survived", crashes_of_every_kind_are_survived },
    { "bad_requests_are_refused", bad_requests_are_refused },
};

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;

    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        bool chosen = argc < 2;
        for (int a = 1; a < argc; a++)
            chosen |= strcmp(argv[a], cases[i].name) == 0;
        if (!chosen)
            continue;
        printf("rstest: %s ...\n", cases[i].name);
        fflush(stdout);
        int r = cases[i].run();
        printf("rstest: %s %s\n", cases[i].name, r == 0 ? "ok" : "FAIL");
        r == 0 ? passed++ : failed++;
    }
    printf("rstest: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
