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
