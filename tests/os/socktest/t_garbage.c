/*
 * Cases: calls no correct program makes. Wrong descriptors, families,
 * types, lengths and options through libc; then thousands of socket
 * messages to vfs with random fields, sent by hand; then a message
 * straight to the network server, which an ordinary process may not send.
 * Each gets an error (or, by chance, succeeds); vfs and the network
 * server go on working.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <ember/endpoints.h>
#include <ember/sys.h>
#include <ember/proto/sock.h>
#include "socktest.h"

#define FUZZ_MESSAGES 4000
#define FUZZ_SOCKETS  4
#define FUZZ_SECONDS  120

int garbage_socket_calls_are_errors(void)
{
    struct sockaddr_in a = loopback(0);
    int p[2], v = 1, s = socket(AF_INET, SOCK_STREAM, 0);
    char buf[8];

    CHECK(s >= 0 && pipe(p) == 0, "socket, pipe");
    FAILS(socket(12345, SOCK_STREAM, 0), EAFNOSUPPORT);
    CHECK(socket(AF_INET, 77, 0) == -1 && errno != 0, "a socket of type 77");
    CHECK(socket(AF_INET, SOCK_DGRAM, 12345) == -1 && errno != 0, "UDP with protocol 12345");
    FAILS(bind(-1, (struct sockaddr *)&a, sizeof(a)), EBADF);
    FAILS(bind(999, (struct sockaddr *)&a, sizeof(a)), EBADF);
    FAILS(bind(p[0], (struct sockaddr *)&a, sizeof(a)), ENOTSOCK);
    FAILS(listen(1, 1), ENOTSOCK);
    FAILS(accept(p[1], NULL, NULL), ENOTSOCK);
    FAILS(send(p[1], "x", 1, 0), ENOTSOCK);
    FAILS(bind(s, (struct sockaddr *)&a, 0), EINVAL);
    FAILS(bind(s, (struct sockaddr *)&a, 3), EINVAL);
    CHECK(bind(s, (struct sockaddr *)&a, 1 << 30) == -1, "an address of 1 GiB");
    FAILS(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, 0), EINVAL);
    CHECK(setsockopt(s, 0x7777, 0x7777, &v, sizeof(v)) == -1, "level 0x7777");
    CHECK(setsockopt(s, SOL_SOCKET, 0x7777, &v, sizeof(v)) == -1, "option 0x7777");
    FAILS(shutdown(s, 99), EINVAL);
    CHECK(recv(s, buf, sizeof(buf), 0) == -1, "recv on an unconnected socket");
    CHECK(send(s, buf, sizeof(buf), MSG_NOSIGNAL) == -1, "send on an unconnected socket");
    CHECK(sendto(s, buf, (size_t)1 << 40, MSG_NOSIGNAL, NULL, 0) == -1, "send of 1 TiB");
    FAILS(accept(s, NULL, NULL), EINVAL); /* not listening */
    close(p[0]);
    close(p[1]);
    close(s);
    return 0;
}

static uint64_t rnd_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
    rnd_state ^= rnd_state >> 12;
    rnd_state ^= rnd_state << 25;
    rnd_state ^= rnd_state >> 27;
    return rnd_state * 0x2545F4914F6CDD1Dull;
}

static char scratch[256];

/* A pointer and a length for a random call: often sane, often not. */
static void fuzz_buffer(uint64_t *ptr, uint64_t *len)
{
    switch (rnd() % 5) {
    case 0:
        *ptr = (uint64_t)scratch;
        *len = rnd() % (sizeof(scratch) + 1);
        return;
    case 1:
        *ptr = 0;
        break;
    case 2:
        *ptr = (uint64_t)NULL_PAGE;
        break;
    case 3:
        *ptr = (uint64_t)KERNEL_HALF;
        break;
    default:
        *ptr = rnd() | 1ull << 63; /* never ours */
        break;
    }
    *len = rnd() % 3 == 0 ? rnd() : rnd() % 4096;
}

static void fuzz_message(message *m, const int *fds)
{
    uint64_t addrlen;

    memset(m, 0, sizeof(*m));
    m->m_type = VFS_SOCKET + (int)(rnd() % 13);
    m->vfs_sock.fd = rnd() % 4 ? fds[rnd() % FUZZ_SOCKETS] : (int)(rnd() % 40) - 5;
    m->vfs_sock.flags = rnd() % 2 ? (int32_t)rnd() : (int32_t)(rnd() % 0x200);
    fuzz_buffer(&m->vfs_sock.buf, &m->vfs_sock.len);
    fuzz_buffer(&m->vfs_sock.addr, &addrlen);
    m->vfs_sock.addrlen = (uint32_t)addrlen;
    m->vfs_sock.arg = rnd() % 2 ? (int32_t)rnd() : (int32_t)(rnd() % 32);
    m->vfs_sock.arg2 = rnd() % 2 ? (int32_t)rnd() : (int32_t)(rnd() % 8);
    m->vfs_sock.arg3 = rnd() % 2 ? (int32_t)rnd() : (int32_t)(rnd() % 260);
    if (m->m_type == VFS_SOCKET || m->m_type == VFS_ACCEPT) /* nothing that could wait */
        m->vfs_sock.arg2 |= SOCK_NONBLOCK, m->vfs_sock.arg |= SOCK_NONBLOCK;
}

/* In a child: the messages, on non-blocking sockets only (a blocking
 * call that waits forever would be a correct answer, not a failure).
 * Every socket a call creates is made non-blocking before the next. */
static void fuzz_child(void)
{
    int fds[FUZZ_SOCKETS];
    uint16_t port;
    message m;

    signal(SIGPIPE, SIG_IGN);
    alarm(FUZZ_SECONDS);
    fds[0] = tcp_listener(&port, SOCK_NONBLOCK);
    fds[1] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    fds[2] = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    fds[3] = socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    for (int i = 0; i < FUZZ_MESSAGES; i++) {
        fuzz_message(&m, fds);
        if (ipc_call(VFS_EP, &m) < 0)
            _exit(2);
        for (int fd = 3; fd < 64; fd++)
            if (fcntl(fd, F_GETFL) >= 0)
                fcntl(fd, F_SETFL, O_NONBLOCK);
    }
    _exit(0);
}

int random_socket_messages_to_vfs(void)
{
    int c, s;

    pid_t pid = fork();
    CHECK(pid >= 0, "fork");
    if (pid == 0)
        fuzz_child();
    int st = child_status(pid, (FUZZ_SECONDS + 10) * 1000);
    CHECK(st == 0, "the fuzzing child: status %d", st);
    CHECK(tcp_pair(&c, &s) == 0, "sockets after the fuzzing");
    CHECK(send(c, "ok", 2, 0) == 2, "send");
    char buf[4];
    CHECK(recv(s, buf, sizeof(buf), 0) == 2, "recv");
    close(c);
    close(s);
    printf("socktest: %d random socket messages to vfs\n", FUZZ_MESSAGES);
    return 0;
}

/* The network server takes calls only from vfs, and the kernel lets no
 * ordinary process send to it at all. */
int net_server_refuses_ordinary_processes(void)
{
    message m;

    if (net_ep < 0) {
        printf("    (no stranger=EP given: nothing to check)\n");
        return 0;
    }
    for (int type = SOCK_BASE; type < SOCK_BASE + 20; type++) {
        memset(&m, 0xa5, sizeof(m));
        m.m_type = type;
        int r = ipc_call(net_ep, &m);
        CHECK(r == -ECALLDENIED, "a call of type %#x to the network server: %d", type, r);
    }
    return 0;
}
