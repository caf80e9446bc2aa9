/*
 * Case (run as a service: service up /usr/tests/socktest -args
 * garbage_messages_to_net_from_a_service -norestart): a system process,
 * which the kernel lets send to anyone, sends the network server
 * thousands of messages with random contents: socket calls (only vfs may
 * make them: EPERM), other calls (ENOSYS), NIC drivers' answers and link
 * news from a stranger, answers of no kind, notifications. The server must
 * answer what it answers, ignore the rest, and stay the same instance.
 */
#include <ember/proto/ndev.h>
#include <ember/proto/sock.h>
#include <ember/server.h>
#include <ember/sys.h>
#include "socktest.h"

#define SERVICE_MESSAGES 5000

static uint64_t state = 0x2545F4914F6CDD1Dull;

static uint64_t next(void)
{
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545F4914F6CDD1Dull;
}

static void fill(message *m, int type)
{
    uint8_t *b = (uint8_t *)m;

    for (size_t i = 0; i < sizeof(*m); i++)
        b[i] = (uint8_t)next();
    m->m_type = type;
}

/* A call the server answers: the answer it must give. */
static int call_once(endpoint_t net, int type, int want)
{
    message m;

    fill(&m, type);
    int r = ipc_call(net, &m);
    CHECK(r == 0 && m.m_type == want, "type %#x: ipc %d, answer %d, not %d", type, r, m.m_type,
          want);
    return 0;
}

/* Something the server answers not at all: sent without waiting. */
static void send_once(endpoint_t net, int type)
{
    message m;

    fill(&m, type);
    ipc_sendnb(net, &m);
}

int garbage_messages_to_net_from_a_service(void)
{
    uint64_t ep;

    CHECK(ds_lookup(SOCK_DS_KEY, &ep) == 0, "no %s in ds", SOCK_DS_KEY);
    endpoint_t net = (endpoint_t)ep;
    for (int i = 0; i < SERVICE_MESSAGES; i++) {
        int r = 0;
        switch (next() % 6) {
        case 0:
        case 1:
            r = call_once(net, SOCK_BASE + 1 + (int)(next() % (SOCK_REPLY - SOCK_BASE - 1)),
                          -EPERM);
            break;
        case 2:
            r = call_once(net, next() % 2 ? SOCK_REPLY : SOCK_BASE + 0x7f00 + (int)(next() % 256),
                          -ENOSYS);
            break;
        case 3:
            send_once(net, NDEV_INIT_REPLY + (int)(next() % (NDEV_STATUS - NDEV_INIT_REPLY + 1)));
            break;
        case 4:
            send_once(net, -(int)(next() % 1000));
            break;
        default:
            ipc_notify(net);
            break;
        }
        if (r < 0)
            return r;
    }
    CHECK(ds_lookup(SOCK_DS_KEY, &ep) == 0 && (endpoint_t)ep == net, "the server changed");
    printf("socktest: %d messages to the network server\n", SERVICE_MESSAGES);
    return 0;
}
