/*
 * Cases: another process blocked in accept or recv while the socket's
 * other references go, the blocked process dies, or a signal comes. The
 * socket lives as long as any descriptor names it; a death or a signal
 * ends the wait (the server gets SOCK_CANCEL) and never leaves the
 * socket or its port behind.
 */
#include <signal.h>
#include <sys/wait.h>
#include "socktest.h"

#define SETTLE_US 300000 /* for a child to reach its blocking call */

static int connect_to(uint16_t port)
{
    struct sockaddr_in a = loopback(port);
    int c = socket(AF_INET, SOCK_STREAM, 0);

    if (c >= 0 && connect(c, (struct sockaddr *)&a, sizeof(a)) < 0) {
        close(c);
        return -1;
    }
    return c;
}

int close_while_another_process_blocks_in_accept(void)
{
    uint16_t port;
    int l = tcp_listener(&port, 0);

    CHECK(l >= 0, "listener");
    pid_t pid = fork();
    CHECK(pid >= 0, "fork");
    if (pid == 0) {
        int s = accept(l, NULL, NULL);
        _exit(s >= 0 && write(s, "hi", 2) == 2 ? 0 : 1);
    }
    usleep(SETTLE_US);
    close(l); /* the child's descriptor keeps the socket listening */
    int c = connect_to(port);
    CHECK(c >= 0, "connect after the close");
    char buf[4];
    CHECK(recv(c, buf, sizeof(buf), 0) == 2, "the child's greeting");
    CHECK(child_status(pid, 5000) == 0, "the child's accept failed");
    close(c);
    return 0;
}

int close_while_another_process_blocks_in_recv(void)
{
    int c, s;

    CHECK(tcp_pair(&c, &s) == 0, "tcp_pair");
    pid_t pid = fork();
    CHECK(pid >= 0, "fork");
    if (pid == 0) {
        char buf[8];
        close(c);
        _exit(recv(s, buf, sizeof(buf), 0) == 0 ? 0 : 1);
    }
    usleep(SETTLE_US);
    close(s); /* the child's copy goes on waiting */
    usleep(SETTLE_US);
    CHECK(waitpid(pid, NULL, WNOHANG) == 0, "the child's recv ended at our close");
    close(c); /* the peer's end: the child sees the end of the stream */
    int st = child_status(pid, 5000);
    CHECK(st == 0, "the child's recv: status %d", st);
    return 0;
}

int death_while_blocked_in_accept_frees_the_port(void)
{
    uint16_t port;
    int l = tcp_listener(&port, 0);

    CHECK(l >= 0, "listener");
    pid_t pid = fork();
    CHECK(pid >= 0, "fork");
    if (pid == 0) {
        accept(l, NULL, NULL);
        _exit(1);
    }
    close(l);
    usleep(SETTLE_US);
    kill(pid, SIGKILL);
    CHECK(child_status(pid, 5000) == 128 + SIGKILL, "the child did not die");
    /* its socket is gone: the port is free again */
    int l2 = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = loopback(port);
    CHECK(l2 >= 0, "socket");
    CHECK(bind(l2, (struct sockaddr *)&a, sizeof(a)) == 0, "bind to the dead listener's port");
    CHECK(listen(l2, 1) == 0, "listen");
    int c = connect_to(port);
    CHECK(c >= 0, "connect");
    int s = accept(l2, NULL, NULL);
    CHECK(s >= 0, "accept");
    close(s);
    close(c);
    close(l2);
    return 0;
}

static void on_usr1(int sig)
{
    (void)sig;
}

int signal_ends_a_blocked_recv(void)
{
    int c, s;

    CHECK(tcp_pair(&c, &s) == 0, "tcp_pair");
    pid_t pid = fork();
    CHECK(pid >= 0, "fork");
    if (pid == 0) {
        struct sigaction sa;
        char buf[8];
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = on_usr1; /* no SA_RESTART */
        sigaction(SIGUSR1, &sa, NULL);
        if (recv(s, buf, sizeof(buf), 0) != -1 || errno != EINTR)
            _exit(1);
        _exit(recv(s, buf, sizeof(buf), 0) == 5 ? 0 : 2);
    }
    usleep(SETTLE_US);
    kill(pid, SIGUSR1);
    usleep(SETTLE_US);
    CHECK(send(c, "after", 5, 0) == 5, "send");
    int st = child_status(pid, 5000);
    CHECK(st == 0, "the child: status %d", st);
    close(c);
    close(s);
    return 0;
}
