/*
 * ktest: the kernel's own test suite, run as a boot module.
 *
 *   ktest [quick|all|bench|CASE...] [halt]
 *
 * prints one line per case and a closing "N passed, N failed"; "bench"
 * prints the IPC figures instead. With "halt" the machine stops afterwards
 * (status 0 when every case passed), which ends QEMU under "qemuexit".
 */
#include <stdlib.h>
#include "ktest.h"

static const struct ktest_case cases[] = {
    { "ipc_call_reply_threads", false, ipc_call_reply_threads },
    { "ipc_call_reply_processes", false, ipc_call_reply_processes },
    { "ipc_receive_from_any_and_one", false, ipc_receive_from_any_and_one },
    { "ipc_sendnb_busy_receiver", false, ipc_sendnb_busy_receiver },
    { "ipc_dead_and_stale_endpoints", false, ipc_dead_and_stale_endpoints },
    { "ipc_deadlock_cycle", false, ipc_deadlock_cycle },
    { "ipc_bad_traps", false, ipc_bad_traps },
    { "notify_coalescing", false, notify_coalescing },
    { "notify_alarm", false, notify_alarm },
    { "uptime_without_a_call", false, uptime_without_a_call },
    { "async_send_table", false, async_send_table },
    { "receive_from_clock_takes_only_the_clock", false, receive_from_clock_takes_only_the_clock },
    { "notify_does_not_end_a_call", false, notify_does_not_end_a_call },
    { "grant_good_copies", false, grant_good_copies },
    { "grant_errors", false, grant_errors },
    { "grant_indirect_and_depth", false, grant_indirect_and_depth },
    { "priv_ipc_target_denied", false, priv_ipc_target_denied },
    { "priv_kernel_call_denied", false, priv_kernel_call_denied },
    { "priv_ioport", false, priv_ioport },
    { "priv_irq", false, priv_irq },
    { "priv_user_only_calls", false, priv_user_only_calls },
    { "fault_divide_by_zero", false, fault_divide_by_zero },
    { "fault_null_dereference", false, fault_null_dereference },
    { "fault_invalid_opcode", false, fault_invalid_opcode },
    { "fault_jump_into_kernel", false, fault_jump_into_kernel },
    { "fault_others_keep_running", false, fault_others_keep_running },
    { "thread_fs_base", false, thread_fs_base },
    { "futex_wait_wake", false, futex_wait_wake },
    { "clear_ends_every_thread_of_a_process", false, clear_ends_every_thread_of_a_process },
    { "bad_pointers", false, bad_pointers },
    { "fuzz_kernel_calls", true, fuzz_kernel_calls },
};

#define NCASES ((int)(sizeof(cases) / sizeof(cases[0])))

static int run_case(const struct ktest_case *c)
{
    printf("ktest: %s ...\n", c->name);
    int r = c->run();
    printf("ktest: %s %s\n", c->name, r == 0 ? "ok" : "FAIL");
    return r;
}

static const struct ktest_case *find_case(const char *name)
{
    for (int i = 0; i < NCASES; i++)
        if (strcmp(cases[i].name, name) == 0)
            return &cases[i];
    return NULL;
}

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    bool halt = false, all = false, bench = false, named = false;

    self_ep = sys_self();
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "halt") == 0)
            halt = true;
        else if (strcmp(argv[i], "all") == 0)
            all = true;
        else if (strcmp(argv[i], "bench") == 0)
            bench = true;
        else if (strcmp(argv[i], "quick") != 0)
            named = true;
    }
    if (bench) {
        run_benchmarks(51);
    } else {
        for (int i = 0; i < NCASES; i++) {
            bool chosen = false;
            for (int a = 1; a < argc; a++)
                chosen |= strcmp(argv[a], cases[i].name) == 0;
            if (named ? !chosen : (cases[i].slow && !all))
                continue;
            if (run_case(&cases[i]) == 0)
                passed++;
            else
                failed++;
        }
        for (int a = 1; a < argc; a++)
            if (named && strcmp(argv[a], "halt") && strcmp(argv[a], "all") &&
                strcmp(argv[a], "quick") && !find_case(argv[a])) {
                printf("ktest: no case named %s\n", argv[a]);
                failed++;
            }
        printf("ktest: %d passed, %d failed\n", passed, failed);
    }
    fflush(stdout);
    if (halt)
        sys_machine(MACHINE_HALT, failed ? 1 : 0);
    return failed ? 1 : 0;
}
