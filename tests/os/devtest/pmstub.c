/*
 * The stand-in for pm: this program again, started in pm's slot (see
 * main.c). It keeps the PM_SIGNAL_PGRP messages the tty driver sends, and
 * hands them, oldest first, to whoever asks with DEVTEST_TAKE_SIGNAL: the
 * reply's m_type is the number waiting (0: none), pm_signal_pgrp the
 * oldest, and w[1] its sender.
 */
#include "devtest.h"

#define LOG_SIZE 32

struct signal_record {
    int pgrp, sig;
    endpoint_t from;
};

static struct signal_record records[LOG_SIZE];
static int nrecords;

static void record(const message *m)
{
    if (nrecords == LOG_SIZE)
        return;
    records[nrecords++] =
        (struct signal_record){ m->pm_signal_pgrp.pgrp, m->pm_signal_pgrp.sig, m->m_source };
}

static void hand_out(message *m)
{
    int waiting = nrecords;

    memset(m->raw, 0, sizeof(m->raw));
    if (waiting > 0) {
        m->pm_signal_pgrp.pgrp = records[0].pgrp;
        m->pm_signal_pgrp.sig = records[0].sig;
        m->w[1] = (uint64_t)records[0].from;
        memmove(&records[0], &records[1], (size_t)(nrecords - 1) * sizeof(records[0]));
        nrecords--;
    }
    srv_reply(m->m_source, m, waiting);
}

_Noreturn void pm_stub_run(void)
{
    message m;

    srv_start("devtest-pm", PM_EP);
    for (;;) {
        if (srv_receive(&m) < 0 || is_notify(&m))
            continue;
        if (m.m_type == PM_SIGNAL_PGRP)
            record(&m); /* asynchronous: no reply */
        else if (m.m_type == DEVTEST_TAKE_SIGNAL)
            hand_out(&m);
        else
            srv_reply(m.m_source, &m, -ENOSYS);
    }
}

/* The oldest signal the tty driver sent to pm, waiting up to timeout_ms. */
int take_signal(int *pgrp, int *sig, int timeout_ms)
{
    uint64_t deadline = now_ms() + (uint64_t)timeout_ms;

    for (;;) {
        message m;
        memset(&m, 0, sizeof(m));
        m.m_type = DEVTEST_TAKE_SIGNAL;
        int r = raw_call(PM_EP, &m);
        if (r < 0)
            return r;
        if (r > 0) {
            *pgrp = m.pm_signal_pgrp.pgrp;
            *sig = m.pm_signal_pgrp.sig;
            return (endpoint_t)m.w[1] == tty_ep ? 0 : -EPERM;
        }
        if (now_ms() >= deadline)
            return -ETIMEDOUT;
        sleep_ms(10);
    }
}

void forget_signals(void)
{
    int pgrp, sig;

    while (take_signal(&pgrp, &sig, 0) == 0)
        ;
}
