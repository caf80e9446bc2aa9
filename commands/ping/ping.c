/*
 * ping: send ICMP echo requests to a host and report the replies.
 *
 *   ping [-c COUNT] [-i SECONDS] [-W SECONDS] [-s SIZE] HOST
 *
 * One request every interval (1 s), COUNT of them (default: until
 * interrupted); after the last, replies are awaited for -W seconds (2).
 * Needs a raw socket, so root. Each reply prints its size, sender,
 * sequence number, TTL and round trip; the end, the totals. Exit status 0
 * if any reply came, 1 if none did, 2 on an error.
 */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include "cmd.h"

#define USAGE    "[-c COUNT] [-i SECONDS] [-W SECONDS] [-s SIZE] HOST"
#define ECHO     8
#define REPLY    0
#define HDR      8 /* ICMP header: type, code, checksum, id, sequence */
#define MAX_DATA 1400

static volatile sig_atomic_t stop;
static unsigned sent, received;
static double rtt_min = 1e9, rtt_max, rtt_sum;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static double now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}

static uint16_t checksum(const uint8_t *p, size_t len)
{
    uint32_t sum = 0;

    for (size_t i = 0; i + 1 < len; i += 2)
        sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (len & 1)
        sum += (uint32_t)p[len - 1] << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return htons((uint16_t)~sum);
}

static void send_echo(int s, const struct sockaddr_in *to, uint16_t id, uint16_t seq, int size)
{
    uint8_t pkt[HDR + MAX_DATA];
    double t = now_ms();

    memset(pkt, 0, sizeof(pkt));
    pkt[0] = ECHO;
    memcpy(pkt + 4, &id, 2);
    uint16_t nseq = htons(seq);
    memcpy(pkt + 6, &nseq, 2);
    if (size >= (int)sizeof(t))
        memcpy(pkt + HDR, &t, sizeof(t));
    for (int i = (int)sizeof(t); i < size; i++)
        pkt[HDR + i] = (uint8_t)i;
    uint16_t sum = checksum(pkt, (size_t)(HDR + size));
    memcpy(pkt + 2, &sum, 2);
    if (sendto(s, pkt, (size_t)(HDR + size), 0, (const struct sockaddr *)to, sizeof(*to)) < 0)
        cmd_warn("sendto");
    else
        sent++;
}

/* A reply to one of ours: print it. */
static void take_reply(const uint8_t *buf, ssize_t n, uint16_t id, const struct sockaddr_in *from)
{
    char a[INET_ADDRSTRLEN];

    if (n < 20)
        return;
    int ihl = (buf[0] & 0x0f) * 4, ttl = buf[8];
    if (n < ihl + HDR || buf[ihl] != REPLY || memcmp(buf + ihl + 4, &id, 2) != 0)
        return;
    uint16_t seq;
    memcpy(&seq, buf + ihl + 6, 2);
    double sent_at = 0, rtt = -1;
    if (n >= ihl + HDR + (ssize_t)sizeof(sent_at)) {
        memcpy(&sent_at, buf + ihl + HDR, sizeof(sent_at));
        rtt = now_ms() - sent_at;
    }
    received++;
    printf("%zd bytes from %s: icmp_seq=%u ttl=%d", n - ihl,
           inet_ntop(AF_INET, &from->sin_addr, a, sizeof(a)), ntohs(seq), ttl);
    if (rtt >= 0) {
        printf(" time=%.3f ms", rtt);
        rtt_sum += rtt;
        rtt_min = rtt < rtt_min ? rtt : rtt_min;
        rtt_max = rtt > rtt_max ? rtt : rtt_max;
    }
    printf("\n");
    fflush(stdout);
}

/* Wait up to ms for replies. */
static void listen_for(int s, uint16_t id, double ms)
{
    double end = now_ms() + ms;
    uint8_t buf[2048];

    while (!stop) {
        double left = end - now_ms();
        if (left <= 0)
            return;
        struct pollfd p = { s, POLLIN, 0 };
        if (poll(&p, 1, (int)left + 1) <= 0)
            continue;
        struct sockaddr_in from;
        socklen_t len = sizeof(from);
        ssize_t n = recvfrom(s, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
        if (n > 0)
            take_reply(buf, n, id, &from);
    }
}

static long number(const char *s, long lo, long hi)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (*s == '\0' || *end || v < lo || v > hi)
        cmd_diex(2, "%s: not a number in %ld..%ld", s, lo, hi);
    return v;
}

int main(int argc, char **argv)
{
    long count = -1, interval = 1, wait_s = 2, size = 56;
    int opt;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "c:i:W:s:")) != -1) {
        if (opt == 'c')
            count = number(optarg, 1, 1000000);
        else if (opt == 'i')
            interval = number(optarg, 0, 3600);
        else if (opt == 'W')
            wait_s = number(optarg, 0, 3600);
        else if (opt == 's')
            size = number(optarg, 0, MAX_DATA);
        else
            cmd_usage(USAGE);
    }
    if (optind + 1 != argc)
        cmd_usage(USAGE);
    struct addrinfo hints = { .ai_family = AF_INET, .ai_socktype = SOCK_DGRAM }, *ai;
    int r = getaddrinfo(argv[optind], NULL, &hints, &ai);
    if (r != 0)
        cmd_diex(2, "%s: %s", argv[optind], gai_strerror(r));
    struct sockaddr_in to;
    memcpy(&to, ai->ai_addr, sizeof(to));
    freeaddrinfo(ai);
    int s = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
    if (s < 0)
        cmd_die(2, "raw socket");
    signal(SIGINT, on_signal);
    uint16_t id = htons((uint16_t)getpid());
    char a[INET_ADDRSTRLEN];
    printf("PING %s (%s): %ld data bytes\n", argv[optind],
           inet_ntop(AF_INET, &to.sin_addr, a, sizeof(a)), size);
    for (uint16_t seq = 1; !stop && (count < 0 || seq <= count); seq++) {
        send_echo(s, &to, id, seq, (int)size);
        bool last = count > 0 && seq == count;
        listen_for(s, id, last ? (double)wait_s * 1000 : (double)interval * 1000);
    }
    printf("--- %s ping statistics ---\n", argv[optind]);
    printf("%u packets transmitted, %u received, %u%% packet loss\n", sent, received,
           sent ? (sent - received) * 100 / sent : 0);
    if (received)
        printf("round-trip min/avg/max = %.3f/%.3f/%.3f ms\n", rtt_min, rtt_sum / received,
               rtt_max);
    return received ? 0 : 1;
}
