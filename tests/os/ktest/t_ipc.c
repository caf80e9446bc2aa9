/* IPC: call and reply, receive from ANY and from one, non-blocking send,
 * dead and stale endpoints, deadlock cycles, bad trap numbers. */
#include "ktest.h"

#define ECHO_ADD  1
#define ECHO_STOP 2

/* Reply to each message with its first word plus one, until ECHO_STOP. */
static void echo_server(void *arg)
{
    message m;
    (void)arg;

    int r = ipc_receive(ANY, &m);
    while (r == 0 && m.m_type != ECHO_STOP) {
        m.w[0] += 1;
        r = ipc_replyrecv(m.m_source, ANY, &m);
    }
    if (r == 0)
        ipc_sendnb(m.m_source, &m);
}

static int echo_round_trips(endpoint_t server)
{
    message m;

    for (uint64_t i = 0; i < 100; i++) {
        memset(&m, 0, sizeof(m));
        m.m_type = ECHO_ADD;
        m.w[0] = i;
        m.w[6] = 0xABCDEF;
        EXPECT(ipc_call(server, &m), 0);
        EXPECT(m.m_source, server);
        EXPECT(m.w[0], i + 1);
        EXPECT(m.w[6], 0xABCDEF);
    }
    m.m_type = ECHO_STOP;
    EXPECT(ipc_call(server, &m), 0);
    return 0;
}

int ipc_call_reply_threads(void)
{
    endpoint_t server = spawn_thread(echo_server, NULL);

    CHECK(server > 0, "spawn_thread: %d", server);
    return echo_round_trips(server);
}

int ipc_call_reply_processes(void)
{
    struct priv_spec p = test_priv(PRIV_ID_TEST);
    endpoint_t server = spawn_process(echo_server, NULL, &p);

    CHECK(server > 0, "spawn_process: %d", server);
    int r = echo_round_trips(server);
    kill_process(server);
    return r;
}

static volatile endpoint_t first_source, second_source;
static volatile endpoint_t wanted;

static void picky_receiver(void *arg)
{
    message m;
    (void)arg;

    while (wanted == NONE) /* both senders block before we receive */
        sleep_ms(1);
    ipc_receive(wanted, &m);
    first_source = m.m_source;
    ipc_receive(ANY, &m);
    second_source = m.m_source;
}

static void send_to(void *arg)
{
    message m;

    memset(&m, 0, sizeof(m));
    ipc_send(*(endpoint_t *)arg, &m);
}

int ipc_receive_from_any_and_one(void)
{
    static endpoint_t receiver;

    first_source = second_source = NONE;
    wanted = NONE;
    receiver = spawn_thread(picky_receiver, NULL);
    endpoint_t a = spawn_thread(send_to, &receiver);
    CHECK(wait_flags(a, 0x2) == 0, "first sender did not block");
    endpoint_t b = spawn_thread(send_to, &receiver);
    CHECK(wait_flags(b, 0x2) == 0, "second sender did not block");
    wanted = b;
    for (int i = 0; i < 100 && second_source == NONE; i++)
        sleep_ms(5);
    EXPECT(first_source, b);  /* from one: b, although a came first */
    EXPECT(second_source, a); /* then ANY: a, still waiting */
    return 0;
}

static volatile int busy_flag;

static void busy_thread(void *arg)
{
    (void)arg;
    while (busy_flag)
        sys_futex_wait((volatile uint32_t *)&busy_flag, 1, 0);
}

int ipc_sendnb_busy_receiver(void)
{
    message m;

    busy_flag = 1;
    endpoint_t t = spawn_thread(busy_thread, NULL);
    CHECK(wait_flags(t, 0x40) == 0, "thread did not wait on its futex");
    memset(&m, 0, sizeof(m));
    EXPECT(ipc_sendnb(t, &m), -ENOTREADY);
    busy_flag = 0;
    sys_futex_wake((volatile uint32_t *)&busy_flag, 1);
    return 0;
}

static void idle_thread(void *arg)
{
    message m;
    (void)arg;
    ipc_receive(ANY, &m);
}

int ipc_dead_and_stale_endpoints(void)
{
    message m;
    endpoint_t t = spawn_thread(idle_thread, NULL);

    memset(&m, 0, sizeof(m));
    CHECK(t > 0, "spawn");
    EXPECT(sys_clear(t, 0), 0);
    EXPECT(ipc_send(t, &m), -EDEADSRCDST);
    EXPECT(ipc_call(t, &m), -EDEADSRCDST);
    EXPECT(ipc_notify(t), -EDEADSRCDST);
    EXPECT(ipc_receive(t, &m), -EDEADSRCDST);
    /* A live slot under an older generation is a stranger: refused. */
    endpoint_t live = spawn_thread(idle_thread, NULL);
    endpoint_t stale = MAKE_EP(EP_GEN(live) - 1, EP_SLOT(live));
    EXPECT(ipc_send(stale, &m), -EDEADSRCDST);
    EXPECT(ipc_send(live, &m), 0); /* the live one still works */
    EXPECT(ipc_send(MAKE_EP(5, NR_SLOTS - 1), &m), -EDEADSRCDST);
    EXPECT(ipc_send(-77, &m), -EDEADSRCDST);
    return 0;
}

static void call_back(void *arg)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = 7;
    ipc_call(*(endpoint_t *)arg, &m);
}

int ipc_deadlock_cycle(void)
{
    message m;
    endpoint_t peer = spawn_thread(call_back, &self_ep);

    CHECK(wait_flags(peer, 0x2 | 0x4) == 0, "peer did not block calling us");
    memset(&m, 0, sizeof(m));
    EXPECT(ipc_call(peer, &m), -ELOCKED); /* peer waits for us, we would wait for it */
    EXPECT(ipc_send(peer, &m), -ELOCKED);
    EXPECT(ipc_send(self_ep, &m), -ELOCKED); /* the smallest cycle */
    EXPECT(ipc_receive(peer, &m), 0);        /* resolve it: take its call, answer it */
    EXPECT(m.m_type, 7);
    EXPECT(ipc_send(peer, &m), 0);
    return 0;
}

int ipc_bad_traps(void)
{
    message m;

    memset(&m, 0, sizeof(m));
    EXPECT(ipc_trap(0, ANY, &m), -EBADCALL);
    EXPECT(ipc_trap(99, ANY, &m), -EBADCALL);
    EXPECT(ipc_trap(-1, ANY, &m), -EBADCALL);
    m.m_type = 999;
    EXPECT(kernel_call(&m), -EBADCALL);
    m.m_type = 0;
    EXPECT(kernel_call(&m), -EBADCALL);
    EXPECT(ipc_receive(-9, &m), -EINVAL);
    return 0;
}
