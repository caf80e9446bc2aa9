/*
 * Cases: bad user pointers. The network server copies through grants
 * over the caller's memory; an address the caller does not have must end
 * the call with EFAULT, and leave the socket and the server working.
 */
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include "socktest.h"

static void *const bad[] = { NULL_PAGE, KERNEL_HALF };

static int udp_faults(void)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0), v = 1;
    struct sockaddr_in a = loopback(0), to;
    socklen_t len = sizeof(a);
    char buf[16];

    CHECK(s >= 0, "socket");
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        FAILS(bind(s, bad[i], sizeof(a)), EFAULT);
        FAILS(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, bad[i], sizeof(int)), EFAULT);
        FAILS(getsockopt(s, SOL_SOCKET, SO_TYPE, bad[i], &len), EFAULT);
        FAILS(getsockname(s, bad[i], &len), EFAULT);
        FAILS(ioctl(s, FIONREAD, bad[i]), EFAULT);
    }
    CHECK(bind(s, (struct sockaddr *)&a, sizeof(a)) == 0, "bind");
    CHECK(getsockname(s, (struct sockaddr *)&to, &len) == 0, "getsockname");
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        FAILS(sendto(s, bad[i], 8, 0, (struct sockaddr *)&to, sizeof(to)), EFAULT);
        FAILS(sendto(s, "x", 1, 0, bad[i], sizeof(to)), EFAULT);
    }
    CHECK(setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v)) == 0, "setsockopt");
    CHECK(sendto(s, "datagram", 8, 0, (struct sockaddr *)&to, sizeof(to)) == 8, "sendto");
    FAILS(recv(s, NULL_PAGE, sizeof(buf), 0), EFAULT);
    /* the datagram may be gone with the failed copy; a new one comes through */
    CHECK(sendto(s, "datagram", 8, 0, (struct sockaddr *)&to, sizeof(to)) == 8, "sendto");
    CHECK(recv(s, buf, sizeof(buf), 0) == 8 && memcmp(buf, "datagram", 8) == 0, "recv");
    close(s);
    return 0;
}

static int tcp_faults(void)
{
    int c, s;
    char buf[16];

    CHECK(tcp_pair(&c, &s) == 0, "tcp_pair");
    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        FAILS(send(c, bad[i], 100, 0), EFAULT);
        FAILS(write(c, bad[i], 100), EFAULT);
    }
    CHECK(send(c, "stream", 6, 0) == 6, "send");
    FAILS(read(s, NULL_PAGE, sizeof(buf)), EFAULT);
    FAILS(recv(s, KERNEL_HALF, sizeof(buf), 0), EFAULT);
    CHECK(send(c, "after", 5, 0) == 5, "send");
    usleep(100000);
    /* the faults cost no byte of the stream */
    size_t got = 0;
    while (got < 11) {
        ssize_t n = recv(s, buf + got, sizeof(buf) - got, 0);
        CHECK(n > 0, "recv after the faults: %ld", (long)n);
        got += (size_t)n;
    }
    CHECK(memcmp(buf, "streamafter", 11) == 0, "the stream says %.11s", buf);
    close(c);
    close(s);
    return 0;
}

int bad_pointers_are_efault(void)
{
    return udp_faults() < 0 || tcp_faults() < 0 ? -1 : 0;
}

/* A receive that waits, with a bad buffer: the late answer is EFAULT. */
int blocked_recv_with_bad_pointer_is_efault(void)
{
    int c, s;

    CHECK(tcp_pair(&c, &s) == 0, "tcp_pair");
    pid_t pid = fork();
    CHECK(pid >= 0, "fork");
    if (pid == 0) {
        ssize_t n = recv(s, NULL_PAGE, 64, 0);
        _exit(n == -1 && errno == EFAULT ? 0 : 1);
    }
    usleep(300000); /* let the child block */
    CHECK(send(c, "late", 4, 0) == 4, "send");
    int st = child_status(pid, 5000);
    CHECK(st == 0, "the child's recv: status %d", st);
    close(c);
    close(s);
    return 0;
}

/* The calls that give back a length, each with a bad pointer for that
 * length (and recvmsg with a bad message header); run in a child, as a
 * C library that follows the pointer itself kills the caller. */
static int bad_lengths(void)
{
    int c, s, u = socket(AF_INET, SOCK_DGRAM, 0), v;
    struct sockaddr_in a = loopback(0), to;
    socklen_t *const lens[] = { (socklen_t *)1, NULL_PAGE, KERNEL_HALF };
    socklen_t len = sizeof(to);
    char buf[16];

    CHECK(u >= 0 && bind(u, (struct sockaddr *)&a, sizeof(a)) == 0, "udp socket");
    CHECK(getsockname(u, (struct sockaddr *)&to, &len) == 0, "getsockname");
    CHECK(tcp_pair(&c, &s) == 0, "tcp_pair");
    uint16_t port;
    int l = tcp_listener(&port, 0);
    CHECK(l >= 0, "tcp_listener");
    for (unsigned i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
        FAILS(getsockopt(u, SOL_SOCKET, SO_TYPE, &v, lens[i]), EFAULT);
        FAILS(getsockname(u, (struct sockaddr *)&a, lens[i]), EFAULT);
        FAILS(getpeername(c, (struct sockaddr *)&a, lens[i]), EFAULT);
        FAILS(accept(l, (struct sockaddr *)&a, lens[i]), EFAULT);
        FAILS(recvfrom(u, buf, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *)&a, lens[i]), EFAULT);
        FAILS(recvmsg(u, (struct msghdr *)lens[i], 0), EFAULT);
        FAILS(sendmsg(u, (struct msghdr *)lens[i], 0), EFAULT);
    }
    /* the sockets still work */
    len = sizeof(a);
    CHECK(getpeername(c, (struct sockaddr *)&a, &len) == 0 && len == sizeof(a), "getpeername");
    CHECK(sendto(u, "datagram", 8, 0, (struct sockaddr *)&to, sizeof(to)) == 8, "sendto");
    len = sizeof(a);
    CHECK(recvfrom(u, buf, sizeof(buf), 0, (struct sockaddr *)&a, &len) == 8 && len == sizeof(a),
          "recvfrom after the faults");
    close(l);
    close(c);
    close(s);
    close(u);
    return 0;
}

int bad_length_pointers_are_efault(void)
{
    /* booted straight into this case, the network server may not be up yet */
    int s, tries = 0;
    while ((s = socket(AF_INET, SOCK_DGRAM, 0)) < 0 && tries++ < 100)
        usleep(100000);
    close(s);
    pid_t pid = fork();

    CHECK(pid >= 0, "fork");
    if (pid == 0)
        _exit(bad_lengths() == 0 ? 0 : 1);
    int st = child_status(pid, 20000);
    CHECK(st == 0, "the calls with bad lengths: status %d", st);
    return 0;
}
