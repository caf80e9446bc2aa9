/*
 * Privileges. Each case runs a body in a test process with restricted
 * privileges; the body records what the kernel answered in shared memory
 * and calls ktest when done.
 */
#include "ktest.h"

static volatile long results[16];
static endpoint_t other;

static int my_priv_id(void)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = KC_GETINFO;
    m.kc_getinfo.what = INFO_SELF;
    kernel_call(&m);
    return m.kc_getinfo.priv_id;
}

static void done(void)
{
    message m;

    memset(&m, 0, sizeof(m));
    ipc_call(self_ep, &m);
}

/* Run body in a process with privileges p; wait until it reports back. */
static int run_restricted(void (*body)(void *), struct priv_spec *p)
{
    message m;

    memset((void *)results, 0x55, sizeof(results));
    endpoint_t ep = spawn_process(body, NULL, p);
    CHECK(ep > 0, "spawn: %d", ep);
    EXPECT(ipc_receive(ep, &m), 0);
    kill_process(ep);
    return 0;
}

static void try_targets(void *arg)
{
    message m;
    (void)arg;

    memset(&m, 0, sizeof(m));
    results[0] = ipc_send(other, &m);
    results[1] = ipc_notify(other);
    results[2] = ipc_call(other, &m);
    results[3] = ipc_sendnb(other, &m);
    done();
}

/* Receive anything; answer whoever waits for an answer. */
static void idle_process(void *arg)
{
    message m;
    (void)arg;
    for (;;)
        if (ipc_receive(ANY, &m) == 0 && m.m_type != NOTIFY_MESSAGE)
            ipc_sendnb(m.m_source, &m);
}

int priv_ipc_target_denied(void)
{
    struct priv_spec p = test_priv(PRIV_ID_TEST);
    struct priv_spec q = test_priv(PRIV_ID_TEST + 1);

    other = spawn_process(idle_process, NULL, &q);
    CHECK(other > 0, "spawn");
    p.ipc_to = 1ull << my_priv_id(); /* only ktest */
    if (run_restricted(try_targets, &p) < 0)
        return -1;
    for (int i = 0; i < 4; i++)
        EXPECT(results[i], -ECALLDENIED);
    p.ipc_to |= 1ull << (PRIV_ID_TEST + 1); /* now allowed */
    if (run_restricted(try_targets, &p) < 0)
        return -1;
    EXPECT(results[0], 0);
    EXPECT(results[1], 0);
    kill_process(other);
    return 0;
}

static void try_kernel_calls(void *arg)
{
    message m;
    (void)arg;

    results[0] = sys_physzero(0x100000, 4096);
    results[1] = sys_vmmap(SELF, 0x10000000, 0x100000, 1, VMF_WRITE);
    results[2] = sys_privctl(SELF, PRIVCTL_GET, NULL);
    results[3] = sys_machine(MACHINE_HALT, 0);
    results[4] = sys_time(NULL, NULL, NULL);
    memset(&m, 0, sizeof(m));
    m.m_type = KC_MACHINE;
    results[5] = kernel_call(&m);
    done();
}

int priv_kernel_call_denied(void)
{
    struct priv_spec p = test_priv(PRIV_ID_TEST);

    if (run_restricted(try_kernel_calls, &p) < 0)
        return -1;
    for (int i = 0; i < 4; i++)
        EXPECT(results[i], -EPERM);
    EXPECT(results[4], 0); /* KC_TIME is in its set */
    EXPECT(results[5], -EPERM);
    return 0;
}

static void try_ports(void *arg)
{
    uint8_t v = 0;
    (void)arg;

    results[0] = sys_inb(0x80, &v);              /* allowed */
    results[1] = sys_inb(0x64, &v);              /* not allowed */
    results[2] = sys_outb(0x81, 0);              /* outside the one-port range */
    __asm__ volatile("inb $0x80, %0" : "=a"(v)); /* direct, through the TSS bitmap */
    results[3] = 1;
    done();
    __asm__ volatile("inb $0x64, %0" : "=a"(v)); /* direct and forbidden: #GP */
    results[4] = 1;
}

int priv_ioport(void)
{
    struct priv_spec p = test_priv(PRIV_ID_TEST);
    struct kc_getfault f;
    message m;

    p.io[0] = (struct io_range){ 0x80, 1 };
    p.nio = 1;
    memset((void *)results, 0x55, sizeof(results));
    endpoint_t ep = spawn_process(try_ports, NULL, &p);
    EXPECT(ipc_receive(ep, &m), 0);
    EXPECT(results[0], 0);
    EXPECT(results[1], -EPERM);
    EXPECT(results[2], -EPERM);
    EXPECT(results[3], 1);
    EXPECT(ipc_sendnb(ep, &m), 0); /* let it go on to the forbidden port */
    EXPECT(ipc_receive(SYSTEM, &m), 0);
    EXPECT(sys_getfault(&f), 0);
    EXPECT(f.ep, ep);
    EXPECT(f.vector, 13);
    EXPECT(results[4], 0x5555555555555555L);
    kill_process(ep);
    return 0;
}

static void try_irqs(void *arg)
{
    (void)arg;
    results[0] = sys_irqctl(IRQ_SETPOLICY, 5, 3);
    results[1] = sys_irqctl(IRQ_SETPOLICY, 3, 0);
    results[2] = sys_irqctl(IRQ_SETPOLICY, 99, 0);
    results[3] = sys_irqctl(IRQ_ENABLE, 5, 0);
    results[4] = sys_irqctl(IRQ_RELEASE, 5, 0);
    results[5] = sys_irqctl(IRQ_SETPOLICY, 5, 64);
    results[6] = sys_irqctl(42, 5, 0);
    done();
}

int priv_irq(void)
{
    struct priv_spec p = test_priv(PRIV_ID_TEST);

    p.irqs = 1ull << 5;
    if (run_restricted(try_irqs, &p) < 0)
        return -1;
    EXPECT(results[0], 0);
    EXPECT(results[1], -EPERM);
    EXPECT(results[2], -EINVAL);
    EXPECT(results[3], 0);
    EXPECT(results[4], 0);
    EXPECT(results[5], -EINVAL);
    EXPECT(results[6], -EINVAL);
    return 0;
}

static void user_body(void *arg)
{
    message m;
    (void)arg;

    memset(&m, 0, sizeof(m));
    results[0] = ipc_send(self_ep, &m);
    results[1] = ipc_receive(ANY, &m);
    results[2] = ipc_notify(self_ep);
    results[3] = kernel_call(&m);
    results[4] = ipc_call(other, &m); /* not a server it may call */
    results[5] = ipc_sendnb(self_ep, &m);
    done(); /* the one thing allowed: a call to a server */
}

int priv_user_only_calls(void)
{
    struct priv_spec q = test_priv(PRIV_ID_TEST + 1), user;

    other = spawn_process(idle_process, NULL, &q);
    memset(&user, 0, sizeof(user));
    user.id = PRIV_ID_USER;
    user.traps = TRAPS_USER;
    user.ipc_to = 1ull << my_priv_id();
    user.supervisor = self_ep;
    if (run_restricted(user_body, &user) < 0)
        return -1;
    for (int i = 0; i < 6; i++)
        EXPECT(results[i], -ECALLDENIED);
    kill_process(other);
    return 0;
}
