/* Shared by devtest's cases: checks, the drivers, and requests to them. */
#ifndef DEVTEST_H
#define DEVTEST_H

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/termios.h>
#include <ember/server.h>
#include <ember/devices.h>

#define FAIL(...)                                                                                  \
    do {                                                                                           \
        printf("    %s:%d: ", __FILE__, __LINE__);                                                 \
        printf(__VA_ARGS__);                                                                       \
        printf("\n");                                                                              \
        return -1;                                                                                 \
    } while (0)

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond))                                                                               \
            FAIL(__VA_ARGS__);                                                                     \
    } while (0)

#define EXPECT(expr, want)                                                                         \
    do {                                                                                           \
        long got_ = (long)(expr);                                                                  \
        if (got_ != (long)(want))                                                                  \
            FAIL("%s = %ld, expected %s (%ld)", #expr, got_, #want, (long)(want));                 \
    } while (0)

struct devtest_case {
    const char *name;
    int (*run)(void);
};

/* The drivers under test, found in ds. */
extern endpoint_t memory_ep, tty_ep;

/* The identity requests carry (vfs passes the caller's). */
struct ident {
    int pid, pgrp, sid;
};
extern struct ident me;

/* The serial console's minor, as opening /dev/console answered it. */
#define SERIAL0 TTY_MINOR_SERIAL(0)

/* client.c: requests as vfs makes them. A request answered EDONTREPLY
 * keeps its grant; the caller waits for the late reply, then revokes it. */
struct pending {
    uint32_t id;
    grant_id_t grant;
};
int cdev_open(endpoint_t ep, int minor, int flags);
int cdev_close(endpoint_t ep, int minor);
int cdev_io(endpoint_t ep, int call, int minor, void *buf, size_t len, int flags,
            struct pending *p);
int cdev_io_grant(endpoint_t ep, int call, int minor, grant_id_t g, size_t len, int flags);
int cdev_ioctl(endpoint_t ep, int minor, unsigned long request, void *arg, struct pending *p);
int cdev_select(endpoint_t ep, int minor, int ops);
int cdev_cancel(endpoint_t ep, int minor, uint32_t id);
int bdev(endpoint_t ep, int call, int minor, uint64_t pos, void *buf, size_t len, uint64_t *size);
int raw_call(endpoint_t ep, message *m);
int wait_reply(endpoint_t from, struct pending *p, int timeout_ms);
int wait_select(endpoint_t from, int *minor, int timeout_ms);
bool wait_notify(endpoint_t from, int timeout_ms);
void sleep_ms(unsigned ms);
uint64_t now_ms(void);
void prompt(const char *what);
int tty_set_mode(int minor, bool canonical, int vmin, int vtime);
int tty_restore(int minor);

/* pmstub.c: the stand-in for pm at PM_EP, and asking it what arrived. */
#define DEVTEST_TAKE_SIGNAL 0x7E01
_Noreturn void pm_stub_run(void);
int take_signal(int *pgrp, int *sig, int timeout_ms);
void forget_signals(void);

/* The cases. */
int ds_publish_lookup(void);
int ds_lookup_missing_key(void);
int ds_retract_key(void);
int ds_bad_requests(void);
int ds_foreign_key_refused(void);
int ds_dead_owner_replaced(void);
int ds_subscribe_notify_check(void);
int ds_subscribe_sees_existing_keys(void);
int ds_table_full(void);
int mem_null(void);
int mem_zero(void);
int mem_full(void);
int mem_random(void);
int mem_bad_requests(void);
int ramdisk_open_and_size(void);
int ramdisk_read_pattern(void);
int ramdisk_write_read_back(void);
int ramdisk_bounds(void);
int ramdisk_bad_grants(void);
int tty_open_console(void);
int tty_write_serial(void);
int tty_default_termios(void);
int tty_canonical_read(void);
int tty_erase(void);
int tty_kill_line(void);
int tty_eof(void);
int tty_raw_vmin(void);
int tty_vtime_timeout(void);
int tty_nonblocking_read(void);
int tty_interrupt_signal(void);
int tty_select_notify(void);
int tty_flow_control(void);
int tty_job_control(void);
int tty_background_read(void);
int tty_window_size(void);
int tty_session_released(void);
int tty_bad_requests(void);
int console_output(void);
int console_scrolling(void);
int console_keyboard(void);
int drivers_survive_garbage(void);

#endif
