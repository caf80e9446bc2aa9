/* Shared by the kernel test cases. */
#ifndef KTEST_H
#define KTEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ember/sys.h>

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

struct ktest_case {
    const char *name;
    bool slow;
    int (*run)(void);
};

extern endpoint_t self_ep;

/* spawn.c: test processes and threads. */
#define PRIV_ID_TEST 40 /* priv ids 40.. are for test processes */
endpoint_t spawn_process(void (*fn)(void *), void *arg, const struct priv_spec *priv);
endpoint_t spawn_thread(void (*fn)(void *), void *arg);
void kill_process(endpoint_t ep);
struct priv_spec test_priv(int id);
int wait_flags(endpoint_t ep, int flags);
void sleep_ms(unsigned ms);
uint64_t now_ns(void);

/* Cases, by group. */
int ipc_call_reply_threads(void);
int ipc_call_reply_processes(void);
int ipc_receive_from_any_and_one(void);
int ipc_sendnb_busy_receiver(void);
int ipc_dead_and_stale_endpoints(void);
int ipc_deadlock_cycle(void);
int ipc_bad_traps(void);
int notify_coalescing(void);
int notify_alarm(void);
int uptime_without_a_call(void);
int async_send_table(void);
int receive_from_clock_takes_only_the_clock(void);
int notify_does_not_end_a_call(void);
int grant_good_copies(void);
int grant_errors(void);
int grant_indirect_and_depth(void);
int priv_ipc_target_denied(void);
int priv_kernel_call_denied(void);
int priv_ioport(void);
int priv_irq(void);
int priv_user_only_calls(void);
int fault_divide_by_zero(void);
int fault_null_dereference(void);
int fault_invalid_opcode(void);
int fault_jump_into_kernel(void);
int fault_others_keep_running(void);
int thread_fs_base(void);
int futex_wait_wake(void);
int clear_ends_every_thread_of_a_process(void);
int bad_pointers(void);
int fuzz_kernel_calls(void);
void run_benchmarks(int rounds);

#endif
