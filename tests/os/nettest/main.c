/*
 * nettest: the network drivers' test suite, run as a boot module after ds,
 * pci and the driver. It plays the network server's part against the
 * driver published as "drv.net.LABEL".
 *
 *   nettest LABEL [user|socket|CASE...] [seed=N] [halt]
 *
 * "user" (the default) runs the cases for QEMU's user network: ARP and
 * DHCP with its gateway, statistics, and the abuse of the protocol.
 * "socket" runs the cases that need the host-side injector of the QEMU
 * socket netdev (tests/system/test_nics.py). Each case prints its name and
 * "ok" or "FAIL"; the run ends with "nettest: N passed, N failed" and, with
 * "halt", stops the machine (status 0 when every case passed).
 */
#include <stdlib.h>
#include "nettest.h"

static const struct nettest_case cases[] = {
    { "init_reports_mac_and_link", false, init_reports_mac_and_link },
    { "conf_checks_modes", false, conf_checks_modes },
    { "arp_request_gets_reply", false, arp_request_gets_reply },
    { "dhcp_discover_gets_offer", false, dhcp_discover_gets_offer },
    { "stats_count_the_traffic", false, stats_count_the_traffic },
    { "recv_bad_grant_costs_only_its_buffer", false, recv_bad_grant_costs_only_its_buffer },
    { "reinit_drops_old_session", false, reinit_drops_old_session },
    { "send_thousand_garbage_frames", false, send_thousand_garbage_frames },
    { "malformed_sends_refused", false, malformed_sends_refused },
    { "malformed_recvs_and_stats_refused", false, malformed_recvs_and_stats_refused },
    { "stranger_is_refused", false, stranger_is_refused },
    { "unknown_calls_refused", false, unknown_calls_refused },
    { "fuzz_requests", false, fuzz_requests },
    { "alive_after_abuse", false, alive_after_abuse },
    { "driver_restart_is_replayed", false, driver_restart_is_replayed },
    { "receive_garbage_frames", true, receive_garbage_frames },
};

#define NCASES  ((int)(sizeof(cases) / sizeof(cases[0])))
#define FIND_MS 20000

static uint64_t rnd_state;

uint64_t rnd(void)
{
    rnd_state ^= rnd_state >> 12;
    rnd_state ^= rnd_state << 25;
    rnd_state ^= rnd_state >> 27;
    return rnd_state * 0x2545F4914F6CDD1Dull;
}

uint64_t rnd_below(uint64_t n)
{
    return n ? rnd() % n : 0;
}

void rnd_fill(void *p, size_t n)
{
    uint8_t *b = p;

    for (size_t i = 0; i < n; i++)
        b[i] = (uint8_t)rnd();
}

static const struct nettest_case *find_case(const char *name)
{
    for (int i = 0; i < NCASES; i++)
        if (strcmp(cases[i].name, name) == 0)
            return &cases[i];
    return NULL;
}

static int run_case(const struct nettest_case *c)
{
    printf("nettest: %s ...\n", c->name);
    fflush(stdout);
    int r = c->run();
    printf("nettest: %s %s\n", c->name, r == 0 ? "ok" : "FAIL");
    fflush(stdout);
    return r;
}

struct options {
    const char *label;
    bool halt, socket;
    const char *named[NCASES + 1];
    int nnamed;
    bool unknown; /* a name that is no case: it fails, and only named cases run */
};

static void parse(int argc, char **argv, struct options *o)
{
    uint64_t tsc = 0;

    memset(o, 0, sizeof(*o));
    sys_time(NULL, &tsc, NULL);
    rnd_state = tsc | 1;
    o->label = argc > 1 ? argv[1] : "e1000_0";
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "halt") == 0)
            o->halt = true;
        else if (strcmp(argv[i], "socket") == 0)
            o->socket = true;
        else if (strncmp(argv[i], "seed=", 5) == 0)
            rnd_state = strtoull(argv[i] + 5, NULL, 0) | 1;
        else if (strcmp(argv[i], "user") == 0)
            continue;
        else if (find_case(argv[i]) && o->nnamed < NCASES)
            o->named[o->nnamed++] = argv[i];
        else {
            printf("nettest: no case named %s\n", argv[i]);
            o->unknown = true;
        }
    }
}

int main(int argc, char **argv)
{
    struct options o;
    int passed = 0, failed = 0;

    parse(argc, argv, &o);
    printf("nettest: driver %s, seed %#llx\n", o.label, (unsigned long long)rnd_state);
    if (driver_find(o.label, FIND_MS) < 0) {
        printf("nettest: no driver published as " NDEV_DS_PREFIX "%s\n", o.label);
        failed++;
    } else if (o.nnamed || o.unknown) {
        for (int i = 0; i < o.nnamed; i++)
            run_case(find_case(o.named[i])) == 0 ? passed++ : failed++;
    } else {
        for (int i = 0; i < NCASES; i++)
            if (cases[i].socket == o.socket)
                run_case(&cases[i]) == 0 ? passed++ : failed++;
    }
    failed += o.unknown;
    printf("nettest: %d passed, %d failed\n", passed, failed);
    fflush(stdout);
    if (o.halt)
        sys_machine(MACHINE_HALT, failed ? 1 : 0);
    return failed ? 1 : 0;
}
