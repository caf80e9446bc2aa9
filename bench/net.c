/*
 * TCP over the loopback interface, between two processes: the round trip of
 * one byte (tcp_rtt, Nagle off) and bulk throughput (tcp_bulk: the client
 * streams 16 MiB, 1 MiB in quick mode, in 64 KiB writes and waits for the
 * server's one-byte acknowledgement of the last byte).
 *
 * The parent listens on 127.0.0.1 at a port the system picks, forks the
 * server, and connects. A system without sockets or without a loopback
 * interface gets the metric skipped with the failing call's error.
 *
 * tcp_host_rtt and tcp_host_bulk do the same with a peer on the host (-H
 * ADDRESS:PORT; bench/run.py runs it and QEMU's user network forwards
 * 10.0.2.2 to it), over the NIC: the first byte the client sends picks the
 * service, 'e' echo or 'b' followed by the acknowledgement interval as
 * eight bytes, most significant first.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#include "bench.h"

#define TCP_CHUNK      (64 * 1024)
#define TCP_BULK_FULL  (16ull * 1024 * 1024)
#define TCP_BULK_QUICK (1ull * 1024 * 1024)

static const struct bench_limits rtt_full = { 2000, 10, 10, 4.0 };
static const struct bench_limits rtt_quick = { 30, 3, 10, 0.3 };
static const struct bench_limits bulk_full = { 20, 3, 1, 8.0 };
static const struct bench_limits bulk_quick = { 2, 1, 1, 0.5 };

static char tcp_buffer[TCP_CHUNK];

/* A connected client socket and the server process at its other end. */
struct tcp_link {
    int fd;
    int pid;
    uint64_t bulk_bytes; /* the server acknowledges every bulk_bytes */
    const char *failed;  /* the call that failed, for the skip line */
};

typedef void (*tcp_server)(int fd, uint64_t bulk_bytes);

static void serve_echo(int fd, uint64_t bulk_bytes)
{
    char byte;

    (void)bulk_bytes;
    while (read(fd, &byte, 1) == 1) {
        if (write(fd, &byte, 1) != 1)
            return;
    }
}

static void serve_sink(int fd, uint64_t bulk_bytes)
{
    uint64_t received = 0;
    ssize_t n;

    while ((n = read(fd, tcp_buffer, sizeof(tcp_buffer))) > 0) {
        received += (uint64_t)n;
        if (received >= bulk_bytes) {
            received -= bulk_bytes;
            if (write(fd, "a", 1) != 1)
                return;
        }
    }
}

static int tcp_listen(struct tcp_link *link, struct sockaddr_in *addr)
{
    socklen_t len = sizeof(*addr);
    int fd;

    link->failed = "socket";
    if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
        return -errno;
    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    link->failed = "bind 127.0.0.1";
    if (bind(fd, (struct sockaddr *)addr, sizeof(*addr)) == 0) {
        link->failed = "listen";
        if (listen(fd, 1) == 0 && getsockname(fd, (struct sockaddr *)addr, &len) == 0)
            return fd;
    }
    int error = errno;
    close(fd);
    return -error;
}

/* The server child: accept one connection, serve it, exit. */
static void tcp_serve(int listen_fd, tcp_server serve, uint64_t bulk_bytes)
{
    int fd = accept(listen_fd, NULL, NULL);

    if (fd < 0)
        _exit(1);
    close(listen_fd);
    serve(fd, bulk_bytes);
    _exit(0);
}

static int tcp_connect(struct tcp_link *link, const struct sockaddr_in *addr)
{
    int one = 1;

    link->failed = "socket";
    if ((link->fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
        return -errno;
    link->failed = "connect 127.0.0.1";
    if (connect(link->fd, (const struct sockaddr *)addr, sizeof(*addr)) < 0)
        return -errno;
    link->failed = "setsockopt TCP_NODELAY";
    if (setsockopt(link->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) < 0)
        return -errno;
    return 0;
}

static int tcp_start(struct tcp_link *link, tcp_server serve)
{
    struct sockaddr_in addr;
    int listen_fd = tcp_listen(link, &addr);
    int rc;

    link->fd = -1;
    link->pid = -1;
    if (listen_fd < 0)
        return listen_fd;
    link->failed = "fork";
    link->pid = fork();
    if (link->pid == 0)
        tcp_serve(listen_fd, serve, link->bulk_bytes);
    rc = link->pid < 0 ? -errno : tcp_connect(link, &addr);
    close(listen_fd);
    return rc;
}

/* How long the server may take to see the connection's end and exit. */
#define TCP_SERVER_EXIT_S 10

static void tcp_stop(struct tcp_link *link, int rc)
{
    if (link->fd >= 0)
        close(link->fd);
    if (rc < 0)
        child_stop(link->pid);
    else if (link->pid > 0 && child_wait_for(link->pid, TCP_SERVER_EXIT_S) == -ETIMEDOUT)
        printf("BENCH-NOTE the TCP server did not see the client's close within %d s: killed\n",
               TCP_SERVER_EXIT_S);
}

static int op_tcp_round_trip(void *state)
{
    struct tcp_link *link = state;
    char byte = 'r';
    ssize_t n = write(link->fd, &byte, 1);

    if (n == 1)
        n = read(link->fd, &byte, 1);
    if (n == 1)
        return 0;
    return n < 0 ? -errno : -EPIPE;
}

static int op_tcp_bulk(void *state)
{
    struct tcp_link *link = state;
    char ack;

    for (uint64_t sent = 0; sent < link->bulk_bytes;) {
        ssize_t n = write(link->fd, tcp_buffer, TCP_CHUNK);
        if (n <= 0)
            return n < 0 ? -errno : -EPIPE;
        sent += (uint64_t)n;
    }
    return read(link->fd, &ack, 1) == 1 ? 0 : -EPIPE;
}

/* On a link tcp_start or host_start gave (rc: its result), run the
 * sampler on op, report, clean up. */
static void link_metric(struct bench_sampler *s, struct tcp_link *link, int rc, bench_op op)
{
    if (rc < 0) {
        report_error(s->metric, link->failed, rc);
    } else {
        rc = link->bulk_bytes ? sample_throughput(s, op, link, link->bulk_bytes)
                              : sample_ops(s, op, link);
        if (rc < 0)
            report_error(s->metric, "send or receive", rc);
        else if (link->bulk_bytes)
            report_mbs(s);
        else
            report_ticks(s);
    }
    tcp_stop(link, rc);
}

/* Connect to a new server, run the sampler on op, report, clean up. */
static void tcp_metric(struct bench_sampler *s, tcp_server serve, bench_op op, uint64_t bulk_bytes)
{
    struct tcp_link link = { .bulk_bytes = bulk_bytes };

    link_metric(s, &link, tcp_start(&link, serve), op);
}

void bench_tcp_rtt(const struct bench_config *config)
{
    struct bench_sampler s;

    if (sampler_init(&s, "tcp_rtt", config, &rtt_full, &rtt_quick) < 0) {
        report_error("tcp_rtt", "malloc", ENOMEM);
        return;
    }
    tcp_metric(&s, serve_echo, op_tcp_round_trip, 0);
    sampler_free(&s);
}

void bench_tcp_bulk(const struct bench_config *config)
{
    struct bench_sampler s;

    memset(tcp_buffer, 't', sizeof(tcp_buffer));
    if (sampler_init(&s, "tcp_bulk", config, &bulk_full, &bulk_quick) < 0) {
        report_error("tcp_bulk", "malloc", ENOMEM);
        return;
    }
    tcp_metric(&s, serve_sink, op_tcp_bulk, config->quick ? TCP_BULK_QUICK : TCP_BULK_FULL);
    sampler_free(&s);
}

/* The host's peer from -H ADDRESS:PORT: 0, or -EINVAL. */
static int host_address(const char *spec, struct sockaddr_in *addr)
{
    char host[64];
    const char *colon = strrchr(spec, ':');
    char *end;
    long port;

    if (!colon || (size_t)(colon - spec) >= sizeof(host))
        return -EINVAL;
    port = strtol(colon + 1, &end, 10);
    if (*end || port <= 0 || port > 65535)
        return -EINVAL;
    snprintf(host, sizeof(host), "%.*s", (int)(colon - spec), spec);
    memset(addr, 0, sizeof(*addr));
    addr->sin_family = AF_INET;
    addr->sin_port = htons((uint16_t)port);
    return inet_pton(AF_INET, host, &addr->sin_addr) == 1 ? 0 : -EINVAL;
}

/* Connect to the host's peer and ask it for a service (see the top). */
static int host_start(struct tcp_link *link, const char *spec)
{
    struct sockaddr_in addr;
    unsigned char hello[9];
    size_t len = 1;
    int rc;

    link->fd = -1;
    link->pid = -1;
    link->failed = "-H ADDRESS:PORT";
    if ((rc = host_address(spec, &addr)) < 0)
        return rc;
    if ((rc = tcp_connect(link, &addr)) < 0) {
        link->failed = "connect to the host";
        return rc;
    }
    hello[0] = link->bulk_bytes ? 'b' : 'e';
    if (link->bulk_bytes) {
        for (int i = 0; i < 8; i++)
            hello[1 + i] = (unsigned char)(link->bulk_bytes >> (56 - 8 * i));
        len = sizeof(hello);
    }
    link->failed = "send to the host";
    return write(link->fd, hello, len) == (ssize_t)len ? 0 : -errno;
}

static void host_metric(struct bench_sampler *s, const char *host, bench_op op, uint64_t bulk_bytes)
{
    struct tcp_link link = { .bulk_bytes = bulk_bytes };

    link_metric(s, &link, host_start(&link, host), op);
}

void bench_tcp_host_rtt(const struct bench_config *config)
{
    struct bench_sampler s;

    if (!config->host) {
        report_skip("tcp_host_rtt", "no host peer given (-H ADDRESS:PORT)");
        return;
    }
    if (sampler_init(&s, "tcp_host_rtt", config, &rtt_full, &rtt_quick) < 0) {
        report_error("tcp_host_rtt", "malloc", ENOMEM);
        return;
    }
    host_metric(&s, config->host, op_tcp_round_trip, 0);
    sampler_free(&s);
}

void bench_tcp_host_bulk(const struct bench_config *config)
{
    struct bench_sampler s;

    if (!config->host) {
        report_skip("tcp_host_bulk", "no host peer given (-H ADDRESS:PORT)");
        return;
    }
    memset(tcp_buffer, 't', sizeof(tcp_buffer));
    if (sampler_init(&s, "tcp_host_bulk", config, &bulk_full, &bulk_quick) < 0) {
        report_error("tcp_host_bulk", "malloc", ENOMEM);
        return;
    }
    host_metric(&s, config->host, op_tcp_bulk, config->quick ? TCP_BULK_QUICK : TCP_BULK_FULL);
    sampler_free(&s);
}
