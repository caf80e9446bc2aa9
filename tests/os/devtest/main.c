/*
 * devtest: ds, the memory driver and the tty driver, tested from inside
 * the OS, before vfs exists. devtest plays vfs's part: it finds the
 * drivers in ds, sends them CDEV and BDEV requests with grants over its
 * own buffers, and checks the answers, one line per case, then
 * "devtest: N passed, N failed"; with "halt" it stops the machine (status
 * 0 when every case passed).
 *
 *   devtest [CASE...] [keyboard] [halt]   the tester (all cases but
 *                                         console_keyboard by default)
 *   devtest pm                            the stand-in for pm (pmstub.c)
 *
 * Cases that need someone at the serial console print
 * "devtest: type WHAT" and wait; tests/system/test_devices.py answers.
 *
 * The boot image (test_devices.py builds it):
 *   slot 0  ds                    DS_EP, as always
 *   slot 1  memory                rs's slot: there is no rs here
 *   slot 2  devtest pm            pm's slot: receives PM_SIGNAL_PGRP
 *   slot 3  tty @io=... @irq=...  vm's slot: there is no vm here
 *   slot 4  devtest ... halt      vfs's slot: the tester
 *   slot 5  ramdisk @data         a data file, the memory driver's disk
 *
 * Why these slots. A driver that cannot answer at once says EDONTREPLY and
 * sends the result later, as an asynchronous VFS_DEV_REPLY (select events
 * as VFS_DEV_SELECT) to the process that asked, which in the system is
 * vfs. The tester sits in vfs's slot, so it stands exactly where vfs will:
 * every late message a driver sends towards vfs reaches it. The tty
 * driver's signals go to pm (PM_EP) as asynchronous PM_SIGNAL_PGRP
 * messages. One process holds one slot, and the tester's must be vfs's,
 * so a second instance of this program takes pm's slot, records the
 * signals, and tells the tester on request (DEVTEST_TAKE_SIGNAL). The
 * drivers fill the slots of rs and vm, which nothing here calls: no copy
 * can fault, since the kernel premaps all of a boot process's memory.
 */
#include <stdlib.h>
#include "devtest.h"

endpoint_t memory_ep = NONE, tty_ep = NONE;
struct ident me = { 100, 100, 100 };

static const struct devtest_case cases[] = {
    { "ds_publish_lookup", ds_publish_lookup },
    { "ds_lookup_missing_key", ds_lookup_missing_key },
    { "ds_retract_key", ds_retract_key },
    { "ds_bad_requests", ds_bad_requests },
    { "ds_foreign_key_refused", ds_foreign_key_refused },
    { "ds_dead_owner_replaced", ds_dead_owner_replaced },
    { "ds_subscribe_notify_check", ds_subscribe_notify_check },
    { "ds_subscribe_sees_existing_keys", ds_subscribe_sees_existing_keys },
    { "ds_table_full", ds_table_full },
    { "mem_null", mem_null },
    { "mem_zero", mem_zero },
    { "mem_full", mem_full },
    { "mem_random", mem_random },
    { "mem_bad_requests", mem_bad_requests },
    { "ramdisk_open_and_size", ramdisk_open_and_size },
    { "ramdisk_read_pattern", ramdisk_read_pattern },
    { "ramdisk_write_read_back", ramdisk_write_read_back },
    { "ramdisk_bounds", ramdisk_bounds },
    { "ramdisk_bad_grants", ramdisk_bad_grants },
    { "tty_open_console", tty_open_console },
    { "tty_write_serial", tty_write_serial },
    { "tty_default_termios", tty_default_termios },
    { "tty_canonical_read", tty_canonical_read },
    { "tty_erase", tty_erase },
    { "tty_kill_line", tty_kill_line },
    { "tty_eof", tty_eof },
    { "tty_raw_vmin", tty_raw_vmin },
    { "tty_vtime_timeout", tty_vtime_timeout },
    { "tty_nonblocking_read", tty_nonblocking_read },
    { "tty_interrupt_signal", tty_interrupt_signal },
    { "tty_select_notify", tty_select_notify },
    { "tty_flow_control", tty_flow_control },
    { "tty_job_control", tty_job_control },
    { "tty_background_read", tty_background_read },
    { "tty_window_size", tty_window_size },
    { "tty_session_released", tty_session_released },
    { "tty_bad_requests", tty_bad_requests },
    { "console_output", console_output },
    { "console_scrolling", console_scrolling },
    { "console_keyboard", console_keyboard },
    { "drivers_survive_garbage", drivers_survive_garbage },
};

#define NCASES ((int)(sizeof(cases) / sizeof(cases[0])))

/* Wait for a driver's label in ds: it publishes once it has started. */
static endpoint_t find_driver(const char *label)
{
    uint64_t ep;

    for (int tries = 0; tries < 1000; tries++) {
        if (ds_lookup(label, &ep) == 0)
            return (endpoint_t)ep;
        sleep_ms(10);
    }
    printf("devtest: %s never appeared in ds\n", label);
    return NONE;
}

static bool chosen(const struct devtest_case *c, int argc, char **argv, bool keyboard)
{
    bool named = false;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], c->name) == 0)
            return true;
        named |= strcmp(argv[i], "halt") && strcmp(argv[i], "keyboard");
    }
    return !named && (keyboard || strcmp(c->name, "console_keyboard") != 0);
}

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    bool halt = false, keyboard = false;

    if (argc > 1 && strcmp(argv[1], "pm") == 0)
        pm_stub_run();
    for (int i = 1; i < argc; i++) {
        halt |= strcmp(argv[i], "halt") == 0;
        keyboard |= strcmp(argv[i], "keyboard") == 0;
    }
    srv_start("devtest", VFS_EP);
    setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, for the typist */
    memory_ep = find_driver("memory");
    tty_ep = find_driver("tty");
    for (int i = 0; i < NCASES; i++) {
        if (!chosen(&cases[i], argc, argv, keyboard))
            continue;
        int r = cases[i].run();
        printf("devtest: %s %s\n", cases[i].name, r == 0 ? "ok" : "FAIL");
        if (r == 0)
            passed++;
        else
            failed++;
    }
    printf("devtest: %d passed, %d failed\n", passed, failed);
    fflush(stdout);
    if (halt)
        sys_machine(MACHINE_HALT, failed ? 1 : 0);
    return failed ? 1 : 0;
}
