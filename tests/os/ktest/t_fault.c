/* Faults in user processes: each stops alone and its supervisor is told. */
#include "ktest.h"

static void divide_by_zero(void *arg)
{
    uint32_t quotient, zero = 0;

    __asm__ volatile("divl %2" : "=a"(quotient) : "a"(1), "r"(zero), "d"(0));
    *(volatile uint32_t *)arg = quotient;
}

static void null_dereference(void *arg)
{
    (void)arg;
    *(volatile int *)0 = 1;
}

static void invalid_opcode(void *arg)
{
    (void)arg;
    __asm__ volatile("ud2");
}

static void jump_into_kernel(void *arg)
{
    (void)arg;
    ((void (*)(void))0xFFFFFFFF80100000ull)();
}

/* Start body in a process supervised by us; wait for its fault report. */
static int expect_fault(void (*body)(void *), int vector, uint64_t addr, bool check_addr)
{
    static int sink;
    struct priv_spec p = test_priv(PRIV_ID_TEST);
    struct kc_getfault f;
    message m;

    endpoint_t ep = spawn_process(body, &sink, &p);
    CHECK(ep > 0, "spawn: %d", ep);
    sys_setalarm(2000000000ull, 1, NULL);
    EXPECT(ipc_receive(ANY, &m), 0);
    sys_setalarm(0, 0, NULL);
    CHECK(m.m_source == SYSTEM, "no fault report within 2 s (got source %d)", m.m_source);
    EXPECT(sys_getfault(&f), 0);
    EXPECT(f.ep, ep);
    EXPECT(f.kind, FAULT_EXCEPTION);
    EXPECT(f.vector, vector);
    if (check_addr)
        EXPECT(f.addr, addr);
    EXPECT(sys_getfault(&f), 0); /* reported once */
    EXPECT(f.ep, NONE);
    kill_process(ep);
    return 0;
}

int fault_divide_by_zero(void)
{
    return expect_fault(divide_by_zero, 0, 0, false);
}
int fault_null_dereference(void)
{
    return expect_fault(null_dereference, 14, 0, true);
}
int fault_invalid_opcode(void)
{
    return expect_fault(invalid_opcode, 6, 0, false);
}

int fault_jump_into_kernel(void)
{
    return expect_fault(jump_into_kernel, 14, 0xFFFFFFFF80100000ull, true);
}

static void echo_once_forever(void *arg)
{
    message m;
    (void)arg;

    if (ipc_receive(ANY, &m) < 0)
        return;
    for (;;) {
        m.w[0]++;
        if (ipc_replyrecv(m.m_source, ANY, &m) < 0)
            return;
    }
}

/* A faulted process sits stopped while the rest of the system works on. */
int fault_others_keep_running(void)
{
    struct priv_spec p = test_priv(PRIV_ID_TEST), q = test_priv(PRIV_ID_TEST + 1);
    static int sink;
    message m;

    endpoint_t server = spawn_process(echo_once_forever, NULL, &q);
    endpoint_t bad = spawn_process(null_dereference, &sink, &p);
    EXPECT(ipc_receive(SYSTEM, &m), 0);
    for (int i = 0; i < 10; i++) {
        memset(&m, 0, sizeof(m));
        m.w[0] = (uint64_t)i;
        EXPECT(ipc_call(server, &m), 0);
        EXPECT(m.w[0], i + 1);
    }
    EXPECT(ipc_sendnb(bad, &m), -ENOTREADY); /* stopped: not receiving */
    kill_process(bad);
    kill_process(server);
    return 0;
}
