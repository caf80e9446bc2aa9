/*
 * disktest: the in-OS test of a block driver, through the BDEV protocol
 * with grants over the test's own buffers (a boot module).
 *
 *   disktest label=NAME size=BYTES pcidev=VVVV:DDDD [dev=EP] [pci=EP]
 *            [scratch=MINOR] [pattern=N] [speed=MIB] [badpos=BYTES]
 *            [quick|all|CASE...] [halt]
 *
 * finds the driver in ds under NAME and the PCI bus driver as "pci" (or
 * takes their endpoints from dev= and pci=, without ds), checks that the
 * disk has SIZE bytes, that minors 1..N hold the pattern the system test
 * wrote, and overwrites only minor MINOR (default 3). VVVV:DDDD is the
 * disk's PCI function (hex vendor and device). The slow cases ("all")
 * measure throughput and, last, kill the driver to see its claim lapse;
 * device_error_gives_eio runs only when named, against a device set up to
 * fail at BYTES into the scratch minor.
 * One line per case, then "disktest: N passed, N failed"; with "halt" the
 * machine stops with status 0 when every case passed.
 */
#include <stdlib.h>
#include "disktest.h"

#define FIND_TIMEOUT_NS (20000ull * 1000000)

static const struct disktest_case cases[] = {
    { "size_matches_disk", QUICK, size_matches_disk },
    { "partitions_match_mbr", QUICK, partitions_match_mbr },
    { "partition_contents", QUICK, partition_contents },
    { "absent_partition_minor", QUICK, absent_partition_minor },
    { "write_read_aligned", QUICK, write_read_aligned },
    { "write_read_unaligned", QUICK, write_read_unaligned },
    { "write_larger_than_a_command", QUICK, write_larger_than_a_command },
    { "partition_offsets_on_write", QUICK, partition_offsets_on_write },
    { "out_of_range_requests", QUICK, out_of_range_requests },
    { "malformed_requests", QUICK, malformed_requests },
    { "bad_grants", QUICK, bad_grants },
    { "pci_claim_rules", QUICK, pci_claim_rules },
    { "bdev_garbage", QUICK, bdev_garbage },
    { "pci_garbage", QUICK, pci_garbage },
    { "sequential_throughput", SLOW, sequential_throughput },
    { "pci_claim_after_driver_death", SLOW, pci_claim_after_driver_death },
    { "device_error_gives_eio", EXPLICIT, device_error_gives_eio },
    { "slow_device_times_out", EXPLICIT, slow_device_times_out },
};

#define NCASES ((int)(sizeof(cases) / sizeof(cases[0])))

struct run_options {
    const char *label;
    bool halt, all, named;
};

static const struct disktest_case *find_case(const char *name)
{
    for (int i = 0; i < NCASES; i++)
        if (strcmp(cases[i].name, name) == 0)
            return &cases[i];
    return NULL;
}

static void parse_pcidev(const char *s)
{
    char *end;

    disk.pci_vendor = (uint16_t)strtoul(s, &end, 16);
    if (*end == ':')
        disk.pci_device = (uint16_t)strtoul(end + 1, NULL, 16);
}

static bool parse_word(const char *w, struct run_options *o)
{
    if (strncmp(w, "label=", 6) == 0)
        o->label = w + 6;
    else if (strncmp(w, "size=", 5) == 0)
        disk.size = strtoull(w + 5, NULL, 0);
    else if (strncmp(w, "dev=", 4) == 0)
        disk.driver = (endpoint_t)strtol(w + 4, NULL, 0);
    else if (strncmp(w, "pci=", 4) == 0)
        disk.pci = (endpoint_t)strtol(w + 4, NULL, 0);
    else if (strncmp(w, "pcidev=", 7) == 0)
        parse_pcidev(w + 7);
    else if (strncmp(w, "badpos=", 7) == 0)
        disk.bad_pos = strtoull(w + 7, NULL, 0);
    else if (strncmp(w, "scratch=", 8) == 0)
        disk.scratch = atoi(w + 8);
    else if (strncmp(w, "pattern=", 8) == 0)
        disk.pattern_minors = atoi(w + 8);
    else if (strncmp(w, "speed=", 6) == 0)
        disk.speed_bytes = strtoull(w + 6, NULL, 0) * MiB;
    else if (strcmp(w, "halt") == 0)
        o->halt = true;
    else if (strcmp(w, "all") == 0)
        o->all = true;
    else if (strcmp(w, "quick") != 0)
        return false;
    return true;
}

/* A service through ds; it may still be starting. */
static int find_service(const char *label, endpoint_t *ep)
{
    uint64_t deadline = now_ns() + FIND_TIMEOUT_NS, value;
    int r;

    if (*ep != NONE)
        return 0;
    while ((r = ds_lookup(label, &value)) == -ENOENT && now_ns() < deadline) {
        message m;
        sys_setalarm(20 * 1000000ull, 1, NULL);
        ipc_receive(CLOCK, &m);
    }
    if (r == 0)
        *ep = (endpoint_t)value;
    return r;
}

static int run_case(const struct disktest_case *c)
{
    printf("disktest: %s ...\n", c->name);
    int r = c->run();
    printf("disktest: %s %s\n", c->name, r == 0 ? "ok" : "FAIL");
    return r;
}

static bool chosen(const struct disktest_case *c, int argc, char **argv,
                   const struct run_options *o)
{
    if (!o->named)
        return c->kind == QUICK || (c->kind == SLOW && o->all);
    for (int a = 1; a < argc; a++)
        if (strcmp(argv[a], c->name) == 0)
            return true;
    return false;
}

int main(int argc, char **argv)
{
    struct run_options o = { "virtio-blk", QUICK, false, false };
    int passed = 0, failed = 0;

    disk = (struct disk_facts){
        .driver = NONE, .scratch = 3, .pattern_minors = 2, .speed_bytes = 16 * MiB, .pci = NONE
    };
    for (int i = 1; i < argc; i++)
        if (!parse_word(argv[i], &o)) {
            o.named = true;
            if (!find_case(argv[i])) {
                printf("disktest: no case named %s\n", argv[i]);
                failed++;
            }
        }
    int r = find_service(o.label, &disk.driver);
    if (r == 0)
        find_service("pci", &disk.pci);
    if (r < 0) {
        printf("disktest: no driver \"%s\" in ds (error %d)\n", o.label, r);
        failed++;
    } else {
        printf("disktest: driver %s at endpoint %d\n", o.label, disk.driver);
        for (int i = 0; i < NCASES; i++)
            if (chosen(&cases[i], argc, argv, &o))
                run_case(&cases[i]) == 0 ? passed++ : failed++;
    }
    printf("disktest: %d passed, %d failed\n", passed, failed);
    fflush(stdout);
    if (o.halt)
        sys_machine(MACHINE_HALT, failed ? 1 : 0);
    return failed ? 1 : 0;
}
