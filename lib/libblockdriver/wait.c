/*
 * Waiting for the device. A driver is one thread: while it waits for its
 * device it still receives, because that is how interrupts and alarms
 * arrive (as notifications from HARDWARE and CLOCK). Requests that arrive
 * meanwhile are kept in a queue the main loop drains first; each client
 * has at most one request outstanding (it is blocked in its call), so the
 * queue holds one per client, and a full queue answers EAGAIN.
 *
 * Every wait has a deadline, set as the process's alarm. A CLOCK
 * notification can be stale (an alarm that fired just as a wait ended), so
 * the deadline is checked against the clock, not inferred from the
 * notification. Interrupt hooks are numbered by their line; the kernel
 * masks a line each time it fires and we unmask it once the driver has
 * looked at the device.
 */
#include <string.h>
#include "bdr.h"

#define QUEUE_SIZE 64

static message queue[QUEUE_SIZE];
static int queue_head, queue_count;
static uint64_t irq_lines; /* lines attached, by number (= hook bit) */

uint64_t bdr_now(void)
{
    return sys_uptime_ns();
}

static void queue_push(message *m)
{
    if (queue_count == QUEUE_SIZE) {
        srv_reply(m->m_source, m, -EAGAIN);
        return;
    }
    queue[(queue_head + queue_count++) % QUEUE_SIZE] = *m;
}

bool bdr_queue_pop(message *m)
{
    if (queue_count == 0)
        return false;
    *m = queue[queue_head];
    queue_head = (queue_head + 1) % QUEUE_SIZE;
    queue_count--;
    return true;
}

int bdr_irq_attach(int irq)
{
    if (irq < 0 || irq >= 64)
        return -EINVAL;
    int r = sys_irqctl(IRQ_SETPOLICY, irq, irq);
    if (r == 0)
        irq_lines |= 1ull << irq;
    return r;
}

static void reenable(uint64_t fired)
{
    fired &= irq_lines;
    for (int irq = 0; fired; irq++, fired >>= 1)
        if (fired & 1)
            sys_irqctl(IRQ_ENABLE, irq, 0);
}

/* A notification in the main loop or a sleep: a late or spurious
 * interrupt is shown to the driver, then its lines unmasked; stale alarms
 * and other notifications mean nothing here. */
void bdr_notification(const message *m)
{
    if (m->m_source != HARDWARE)
        return;
    if (bdr_drv && bdr_drv->interrupt)
        bdr_drv->interrupt(m->notify.irqs);
    reenable(m->notify.irqs);
}

/* Receive the next notification; keep requests for later. */
static void receive_notification(message *m)
{
    for (;;) {
        if (srv_receive(m) < 0)
            continue;
        if (is_notify(m))
            return;
        queue_push(m);
    }
}

int bdr_wait(bool (*done)(void *arg), void *arg, uint64_t timeout_ns)
{
    message m;
    int r;

    if (done(arg))
        return 0;
    uint64_t deadline = bdr_now() + timeout_ns;
    sys_setalarm(deadline, 0, NULL);
    for (;;) {
        receive_notification(&m);
        if (m.m_source == HARDWARE) {
            bool ok = done(arg);
            reenable(m.notify.irqs);
            if (ok) {
                r = 0;
                break;
            }
        } else if (m.m_source == CLOCK && bdr_now() >= deadline) {
            r = done(arg) ? 0 : -ETIMEDOUT;
            break;
        }
    }
    sys_setalarm(0, 0, NULL);
    return r;
}

void bdr_sleep(uint64_t ns)
{
    uint64_t deadline = bdr_now() + ns;
    message m;

    sys_setalarm(deadline, 0, NULL);
    for (;;) {
        receive_notification(&m);
        if (m.m_source == CLOCK && bdr_now() >= deadline)
            break;
        bdr_notification(&m);
    }
}

int bdr_poll(bool (*cond)(void *arg), void *arg, uint64_t poll_ns, uint64_t timeout_ns)
{
    uint64_t deadline = bdr_now() + timeout_ns;

    for (;;) {
        if (cond(arg))
            return 0;
        if (bdr_now() >= deadline)
            return -ETIMEDOUT;
        bdr_sleep(poll_ns);
    }
}
