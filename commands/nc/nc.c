/*
 * nc: copy standard input to a network connection and the connection to
 * standard output.
 *
 *   nc [-uvz] [-w SECONDS] HOST PORT          connect
 *   nc -l [-46ukv] [-s ADDR] [-w SECONDS] [-p] PORT
 *                                            listen for one peer (-k: one after
 *                                            another), on IPv4 (-4, the default)
 *                                            or IPv6 (-6)
 *
 * With TCP, the end of standard input shuts down our sending side and nc
 * goes on until the peer closes. With UDP (-u), each read of standard
 * input is one datagram; a listener answers the first peer that writes.
 * -w bounds connecting and, once standard input has ended, the silence
 * nc waits through. -z only connects (a port probe); -v reports on
 * stderr. Exit status 0, 1 on a network error, 2 on a usage error.
 */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "cmd.h"

#define USAGE "[-uvz] [-w SECONDS] HOST PORT | -l [-46ukv] [-s ADDR] [-w SECONDS] [-p] PORT"
#define BUF   16384

static bool udp, verbose, listening, keep, probe;
static int family = AF_INET; /* a listener's */
static int wait_s = -1;

static bool write_all(int fd, const char *buf, size_t n)
{
    while (n) {
        ssize_t w = write(fd, buf, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        buf += w;
        n -= (size_t)w;
    }
    return true;
}

/* Copy both ways until the peer is done; 0, or 1 after a network error. */
static int relay(int s)
{
    char buf[BUF];
    bool in_open = true;

    for (;;) {
        struct pollfd p[2] = { { s, POLLIN, 0 }, { 0, POLLIN, 0 } };
        int timeout = !in_open && wait_s >= 0 ? wait_s * 1000 : -1;
        int n = poll(p, in_open ? 2 : 1, timeout);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            cmd_warn("poll");
            return 1;
        }
        if (n == 0)
            return 0; /* silence after the end of input */
        if (p[0].revents) {
            ssize_t r = recv(s, buf, sizeof(buf), 0);
            if (r < 0) {
                cmd_warn("read");
                return 1;
            }
            if (r == 0 && !udp)
                return 0;
            if (!write_all(1, buf, (size_t)r)) {
                cmd_warn("write");
                return 1;
            }
        }
        if (in_open && p[1].revents) {
            ssize_t r = read(0, buf, sizeof(buf));
            if (r <= 0) {
                in_open = false;
                if (!udp)
                    shutdown(s, SHUT_WR);
                if (udp && wait_s < 0)
                    return 0;
                continue;
            }
            if (send(s, buf, (size_t)r, 0) != r) {
                cmd_warn("write to the network");
                return 1;
            }
        }
    }
}

static int connect_to(const char *host, const char *port)
{
    struct addrinfo hints = { .ai_socktype = udp ? SOCK_DGRAM : SOCK_STREAM }, *res, *ai;
    int r = getaddrinfo(host, port, &hints, &res), s = -1;

    if (r != 0)
        cmd_diex(1, "%s: %s", host, gai_strerror(r));
    for (ai = res; ai; ai = ai->ai_next) {
        if ((s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol)) < 0)
            continue;
        if (wait_s > 0) {
            struct timeval tv = { wait_s, 0 };
            setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
        }
        if (connect(s, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
        int e = errno;
        close(s);
        s = -1;
        errno = e;
    }
    freeaddrinfo(res);
    if (s < 0) {
        cmd_warn("connect to %s port %s", host, port);
        exit(1);
    }
    if (verbose)
        fprintf(stderr, "Connection to %s %s port [%s] succeeded!\n", host, port,
                udp ? "udp" : "tcp");
    return s;
}

static int listener(const char *addr, const char *port)
{
    struct addrinfo hints = { .ai_family = family,
                              .ai_socktype = udp ? SOCK_DGRAM : SOCK_STREAM,
                              .ai_flags = AI_PASSIVE },
                    *ai;
    int r = getaddrinfo(addr, port, &hints, &ai), on = 1;

    if (r != 0)
        cmd_diex(1, "%s: %s", addr ? addr : port, gai_strerror(r));
    int s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (s < 0)
        cmd_die(1, "socket");
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    if (bind(s, ai->ai_addr, ai->ai_addrlen) < 0)
        cmd_die(1, "bind to port %s", port);
    freeaddrinfo(ai);
    if (!udp && listen(s, 5) < 0)
        cmd_die(1, "listen");
    if (verbose)
        fprintf(stderr, "Listening on port %s (%s)\n", port, udp ? "udp" : "tcp");
    return s;
}

/* UDP listener: the first datagram names the peer we then talk to. */
static int udp_serve(int s)
{
    char buf[BUF];
    struct sockaddr_storage from;
    socklen_t len = sizeof(from);
    ssize_t n = recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);

    if (n < 0 || connect(s, (struct sockaddr *)&from, len) < 0) {
        cmd_warn("receive");
        return 1;
    }
    if (!write_all(1, buf, (size_t)n))
        return 1;
    return relay(s);
}

static int serve(int s)
{
    if (udp)
        return udp_serve(s);
    int status;
    do {
        int c = accept(s, NULL, NULL);
        if (c < 0) {
            cmd_warn("accept");
            return 1;
        }
        if (verbose)
            fprintf(stderr, "Connection received\n");
        status = relay(c);
        close(c);
    } while (keep);
    return status;
}

int main(int argc, char **argv)
{
    const char *source = NULL, *port = NULL;
    int opt;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "46lukvzs:p:w:")) != -1) {
        switch (opt) {
        case '4':
            family = AF_INET;
            break;
        case '6':
            family = AF_INET6;
            break;
        case 'l':
            listening = true;
            break;
        case 'u':
            udp = true;
            break;
        case 'k':
            keep = true;
            break;
        case 'v':
            verbose = true;
            break;
        case 'z':
            probe = true;
            break;
        case 's':
            source = optarg;
            break;
        case 'p':
            port = optarg;
            break;
        case 'w':
            wait_s = atoi(optarg);
            if (wait_s < 0)
                cmd_usage(USAGE);
            break;
        default:
            cmd_usage(USAGE);
        }
    }
    int left = argc - optind;
    if (listening) {
        if ((port && left != 0) || (!port && left != 1) || probe)
            cmd_usage(USAGE);
        return serve(listener(source, port ? port : argv[optind]));
    }
    if (left != 2 || port)
        cmd_usage(USAGE);
    int s = connect_to(argv[optind], argv[optind + 1]);
    return probe ? 0 : relay(s);
}
