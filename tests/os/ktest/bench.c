/*
 * Kernel IPC benchmarks, in TSC ticks: under QEMU's -icount shift=0 the TSC
 * counts instructions executed, so the figures are instruction counts,
 * exact and repeatable. Each figure is the median over batches of the mean
 * per operation in a batch, user stub to user stub.
 */
#include <stdlib.h>
#include "ktest.h"

#define BATCH 200

static uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static uint64_t median(uint64_t *v, int n)
{
    qsort(v, (size_t)n, sizeof(v[0]), cmp_u64);
    return v[n / 2];
}

static void reply_server(void *arg)
{
    message m;
    (void)arg;

    if (ipc_receive(ANY, &m) < 0)
        return;
    for (;;)
        if (ipc_replyrecv(m.m_source, ANY, &m) < 0)
            return;
}

static uint64_t measure_calls(endpoint_t server, int rounds)
{
    uint64_t per[rounds];
    message m;

    memset(&m, 0, sizeof(m));
    for (int r = 0; r < rounds; r++) {
        uint64_t t0 = rdtsc();
        for (int i = 0; i < BATCH; i++)
            ipc_call(server, &m);
        per[r] = (rdtsc() - t0) / BATCH;
    }
    return median(per, rounds);
}

static endpoint_t notify_partner;

static void notify_echo(void *arg)
{
    message m;
    (void)arg;
    while (ipc_receive(ANY, &m) == 0)
        ipc_notify(m.m_source);
}

static uint64_t measure_notify(int rounds)
{
    uint64_t per[rounds];
    message m;

    for (int r = 0; r < rounds; r++) {
        uint64_t t0 = rdtsc();
        for (int i = 0; i < BATCH; i++) {
            ipc_notify(notify_partner);
            ipc_receive(notify_partner, &m);
        }
        per[r] = (rdtsc() - t0) / BATCH;
    }
    return median(per, rounds);
}

static uint64_t measure_kcall(int rounds, int op)
{
    uint64_t per[rounds];
    message m;

    for (int r = 0; r < rounds; r++) {
        uint64_t t0 = rdtsc();
        for (int i = 0; i < BATCH; i++) {
            if (op) {
                memset(&m, 0, sizeof(m));
                m.m_type = KC_GETINFO;
                m.kc_getinfo.what = INFO_SELF;
                kernel_call(&m);
            } else {
                ipc_trap(63, ANY, &m); /* refused at once: the bare trap */
            }
        }
        per[r] = (rdtsc() - t0) / BATCH;
    }
    return median(per, rounds);
}

void run_benchmarks(int rounds)
{
    struct priv_spec p = test_priv(PRIV_ID_TEST);
    struct kinfo_kernel k;

    sys_getinfo(INFO_KERNEL, &k, sizeof(k), NULL);
    endpoint_t proc = spawn_process(reply_server, NULL, &p);
    endpoint_t thr = spawn_thread(reply_server, NULL);
    notify_partner = spawn_thread(notify_echo, NULL);
    measure_calls(proc, 2); /* warm up */
    uint64_t as = measure_calls(proc, rounds);
    uint64_t th = measure_calls(thr, rounds);
    uint64_t nt = measure_notify(rounds);
    uint64_t kc = measure_kcall(rounds, 1);
    uint64_t trap = measure_kcall(rounds, 0);
    printf("BENCH-KERNEL tsc_hz %lu Hz\n", k.tsc_hz);
    printf("BENCH-KERNEL ipc_call_reply_address_spaces %lu ticks ref=seL4-x86_64:757-cycles\n", as);
    printf("BENCH-KERNEL ipc_call_reply_threads %lu ticks\n", th);
    printf("BENCH-KERNEL notify_round_trip %lu ticks\n", nt);
    printf("BENCH-KERNEL null_kernel_call %lu ticks\n", kc);
    printf("BENCH-KERNEL null_trap %lu ticks\n", trap);
    kill_process(proc);
    kill_process(thr);
    kill_process(notify_partner);
}
