/*
 * The TCP metrics on a C library without sockets: each reports a skip line
 * with the reason. The Makefile builds this file instead of net.c when the
 * libc lacks the socket headers, so the same bench starts measuring TCP as
 * soon as the system gains them.
 */
#include "bench.h"

#define NO_SOCKETS "no sockets in this system's libc (no <sys/socket.h>)"

void bench_tcp_rtt(const struct bench_config *config)
{
    (void)config;
    report_skip("tcp_rtt", NO_SOCKETS);
}

void bench_tcp_bulk(const struct bench_config *config)
{
    (void)config;
    report_skip("tcp_bulk", NO_SOCKETS);
}

void bench_tcp_host_rtt(const struct bench_config *config)
{
    (void)config;
    report_skip("tcp_host_rtt", NO_SOCKETS);
}

void bench_tcp_host_bulk(const struct bench_config *config)
{
    (void)config;
    report_skip("tcp_host_bulk", NO_SOCKETS);
}
