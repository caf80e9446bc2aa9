/* Notifications (coalescing, alarms) and the asynchronous send table. */
#include "ktest.h"

static volatile uint32_t gate;
static volatile int got_notifies, got_end;
static volatile endpoint_t notifier;

static void wait_gate(void)
{
    while (!gate)
        sys_futex_wait(&gate, 0, 0);
}

/* Busy until the gate opens, then count what arrives until an END message. */
static void counting_receiver(void *arg)
{
    message m;
    (void)arg;

    wait_gate();
    for (;;) {
        if (ipc_receive(ANY, &m) < 0)
            return;
        if (m.m_type == NOTIFY_MESSAGE && m.m_source == notifier)
            got_notifies++;
        else if (m.m_type == 99) {
            got_end = 1;
            return;
        }
    }
}

int notify_coalescing(void)
{
    message m;

    gate = 0;
    got_notifies = got_end = 0;
    notifier = self_ep;
    endpoint_t r = spawn_thread(counting_receiver, NULL);
    CHECK(wait_flags(r, 0x40) == 0, "receiver not waiting at its gate");
    for (int i = 0; i < 5; i++)
        EXPECT(ipc_notify(r), 0); /* never blocks, although r is busy */
    gate = 1;
    sys_futex_wake(&gate, 1);
    memset(&m, 0, sizeof(m));
    m.m_type = 99;
    EXPECT(ipc_send(r, &m), 0);
    for (int i = 0; i < 200 && !got_end; i++)
        sleep_ms(1);
    CHECK(got_end, "END message not received");
    EXPECT(got_notifies, 1); /* five notifications, one delivery */
    return 0;
}

int notify_alarm(void)
{
    message m;
    uint64_t start = now_ns(), prev = 1;

    EXPECT(sys_setalarm(30 * 1000000ull, 1, &prev), 0);
    EXPECT(prev, 0);
    EXPECT(ipc_receive(CLOCK, &m), 0);
    EXPECT(m.m_source, CLOCK);
    EXPECT(m.m_type, NOTIFY_MESSAGE);
    uint64_t took = now_ns() - start;
    CHECK(took >= 25 * 1000000ull, "alarm after %lu ns, expected about 30 ms", took);
    /* A cancelled alarm reports its deadline and never fires. */
    EXPECT(sys_setalarm(10 * 1000000000ull, 1, NULL), 0);
    EXPECT(sys_setalarm(0, 0, &prev), 0);
    CHECK(prev > 0, "cancel returned no previous deadline");
    return 0;
}

/* sys_uptime_ns reads the kernel's uptime from the TSC with the scale
 * KC_TIME gave once: it falls between two kernel readings around it, on
 * its first call (which asks the kernel) and on later ones. */
int uptime_without_a_call(void)
{
    for (int i = 0; i < 200; i++) {
        uint64_t before = 0, after = 0;
        EXPECT(sys_time(&before, NULL, NULL), 0);
        uint64_t mine = sys_uptime_ns();
        EXPECT(sys_time(&after, NULL, NULL), 0);
        CHECK(before <= mine && mine <= after, "uptime %lu not within the kernel's [%lu, %lu]",
              mine, before, after);
        if (i % 50 == 0)
            sleep_ms(2);
    }
    return 0;
}

static volatile int async_seen[4];
static volatile int async_count;

static void async_receiver(void *arg)
{
    message m;
    (void)arg;

    wait_gate();
    while (async_count < 3 && ipc_receive(ANY, &m) == 0)
        async_seen[async_count++] = m.m_type;
}

int async_send_table(void)
{
    static async_msg_t table[4];

    gate = 0;
    async_count = 0;
    endpoint_t r = spawn_thread(async_receiver, NULL);
    CHECK(wait_flags(r, 0x40) == 0, "receiver not waiting at its gate");
    memset(table, 0, sizeof(table));
    for (int i = 0; i < 3; i++) {
        table[i].flags = ASYNC_VALID;
        table[i].dst = r;
        table[i].msg.m_type = 10 + i;
    }
    table[3].flags = ASYNC_VALID;
    table[3].dst = MAKE_EP(3, 1000); /* nobody */
    EXPECT(ipc_senda(table, 4), 0);  /* returns at once: r is busy */
    CHECK(table[3].flags & ASYNC_DONE, "entry to a dead endpoint not marked done");
    EXPECT(table[3].result, -EDEADSRCDST);
    CHECK(!(table[0].flags & ASYNC_DONE), "entry delivered before the receiver received");
    gate = 1;
    sys_futex_wake(&gate, 1);
    for (int i = 0; i < 200 && async_count < 3; i++)
        sleep_ms(1);
    EXPECT(async_count, 3);
    for (int i = 0; i < 3; i++) {
        EXPECT(async_seen[i], 10 + i); /* in table order */
        CHECK(table[i].flags & ASYNC_DONE, "entry %d not marked done", i);
        EXPECT(table[i].result, 0);
    }
    EXPECT(ipc_senda((async_msg_t *)0xFFFF800000000000ull, 1), -EFAULT);
    return 0;
}

static volatile int clock_first_type = -1, clock_first_source, later_types[2], later_count;
static volatile endpoint_t clock_sender;

/* Receive from CLOCK while a process's notification and asynchronous
 * message wait: the alarm comes first; the others stay for receive(ANY). */
static void clock_receiver(void *arg)
{
    message m;
    (void)arg;

    wait_gate();
    sys_setalarm(5 * 1000000ull, 1, NULL);
    if (ipc_receive(CLOCK, &m) == 0) {
        clock_first_source = m.m_source;
        clock_first_type = m.m_type;
    }
    while (later_count < 2 && ipc_receive(ANY, &m) == 0)
        if (m.m_source == clock_sender)
            later_types[later_count++] = m.m_type;
}

int receive_from_clock_takes_only_the_clock(void)
{
    static async_msg_t table[1];

    gate = 0;
    later_count = 0;
    clock_first_type = -1;
    clock_sender = self_ep;
    endpoint_t r = spawn_thread(clock_receiver, NULL);
    CHECK(wait_flags(r, 0x40) == 0, "receiver not waiting at its gate");
    memset(table, 0, sizeof(table));
    table[0].flags = ASYNC_VALID;
    table[0].dst = r;
    table[0].msg.m_type = 42;
    EXPECT(ipc_senda(table, 1), 0);
    EXPECT(ipc_notify(r), 0);
    gate = 1;
    sys_futex_wake(&gate, 1);
    for (int i = 0; i < 300 && later_count < 2; i++)
        sleep_ms(1);
    EXPECT(clock_first_source, CLOCK);
    EXPECT(clock_first_type, NOTIFY_MESSAGE);
    EXPECT(later_count, 2);
    CHECK((later_types[0] == 42) != (later_types[1] == 42), "the asynchronous message was lost");
    CHECK((later_types[0] == NOTIFY_MESSAGE) != (later_types[1] == NOTIFY_MESSAGE),
          "the notification was lost");
    return 0;
}

/* Notify its caller, then reply: the notification must wait. */
static void notify_then_reply(void *arg)
{
    message m;
    (void)arg;

    if (ipc_receive(ANY, &m) < 0)
        return;
    endpoint_t caller = m.m_source;
    ipc_notify(caller);
    memset(&m, 0, sizeof(m));
    m.m_type = 77;
    ipc_send(caller, &m);
    ipc_receive(ANY, &m); /* stay alive: a dead notifier's notifications are dropped */
}

int notify_does_not_end_a_call(void)
{
    message m;
    endpoint_t server = spawn_thread(notify_then_reply, NULL);

    memset(&m, 0, sizeof(m));
    EXPECT(ipc_call(server, &m), 0);
    EXPECT(m.m_source, server);
    EXPECT(m.m_type, 77); /* the reply, not the notification sent before it */
    EXPECT(ipc_receive(server, &m), 0);
    EXPECT(m.m_type, NOTIFY_MESSAGE); /* which waited for the next receive */
    kill_process(server);
    return 0;
}
