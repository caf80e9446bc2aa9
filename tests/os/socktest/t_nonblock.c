/*
 * Cases: non-blocking sockets. Calls that cannot finish now say EAGAIN
 * (or EINPROGRESS for connect); select and poll say when they can.
 */
#include <fcntl.h>
#include <poll.h>
#include <sys/select.h>
#include "socktest.h"

static int poll_one(int fd, short events, int ms)
{
    struct pollfd p = { fd, events, 0 };

    int r = poll(&p, 1, ms);
    return r < 0 ? -1 : r == 0 ? 0 : p.revents;
}

static int select_read(int fd, int ms)
{
    fd_set r;
    struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };

    FD_ZERO(&r);
    FD_SET(fd, &r);
    int n = select(fd + 1, &r, NULL, NULL, &tv);
    return n < 0 ? -1 : n == 1 && FD_ISSET(fd, &r);
}

int nonblocking_accept_connect_recv(void)
{
    uint16_t port;
    int l = tcp_listener(&port, SOCK_NONBLOCK);
    struct sockaddr_in a = loopback(port);
    char buf[8];

    CHECK(l >= 0, "listener");
    FAILS(accept(l, NULL, NULL), EAGAIN);
    int c = socket(AF_INET, SOCK_STREAM, 0);
    CHECK(c >= 0, "socket");
    CHECK(fcntl(c, F_SETFL, fcntl(c, F_GETFL) | O_NONBLOCK) == 0, "fcntl");
    errno = 0;
    int r = connect(c, (struct sockaddr *)&a, sizeof(a));
    CHECK(r == 0 || errno == EINPROGRESS, "connect: %d", r);
    CHECK(poll_one(c, POLLOUT, 3000) & POLLOUT, "poll for the connection");
    CHECK(poll_one(l, POLLIN, 3000) & POLLIN, "poll on the listener");
    int s = accept(l, NULL, NULL);
    CHECK(s >= 0, "accept");
    CHECK(fcntl(s, F_SETFL, O_NONBLOCK) == 0, "fcntl");
    FAILS(recv(s, buf, sizeof(buf), 0), EAGAIN);
    FAILS(read(s, buf, sizeof(buf)), EAGAIN);
    int u = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in any = loopback(0);
    CHECK(u >= 0 && bind(u, (struct sockaddr *)&any, sizeof(any)) == 0, "udp");
    FAILS(recvfrom(u, buf, sizeof(buf), 0, NULL, NULL), EAGAIN);
    FAILS(recv(c, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
    close(u);
    close(s);
    close(c);
    close(l);
    return 0;
}

int select_and_poll_on_nonblocking_sockets(void)
{
    int c, s;
    char buf[8];

    CHECK(tcp_pair(&c, &s) == 0, "tcp_pair");
    CHECK(fcntl(s, F_SETFL, O_NONBLOCK) == 0 && fcntl(c, F_SETFL, O_NONBLOCK) == 0, "fcntl");
    CHECK(select_read(s, 0) == 0, "readable with nothing sent");
    CHECK(poll_one(s, POLLIN, 0) == 0, "poll: readable with nothing sent");
    CHECK(poll_one(c, POLLOUT, 1000) & POLLOUT, "not writable");
    long long start = now_ms();
    CHECK(select_read(s, 300) == 0, "select without data");
    CHECK(now_ms() - start >= 250, "select did not wait (%lld ms)", now_ms() - start);
    CHECK(send(c, "ping", 4, 0) == 4, "send");
    CHECK(select_read(s, 3000) == 1, "select with data");
    CHECK(poll_one(s, POLLIN, 3000) & POLLIN, "poll with data");
    CHECK(recv(s, buf, sizeof(buf), 0) == 4, "recv");
    FAILS(recv(s, buf, sizeof(buf), 0), EAGAIN);
    close(c);
    int ev = poll_one(s, POLLIN, 3000);
    CHECK(ev > 0, "no event for the peer's close");
    CHECK(recv(s, buf, sizeof(buf), 0) == 0, "no end of stream");
    close(s);
    return 0;
}
