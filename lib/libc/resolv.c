/*
 * The resolver: /etc/hosts, then DNS over UDP (RFC 1035).
 *
 * /etc/resolv.conf names the servers ("nameserver ADDR", at most three;
 * Ember also takes "nameserver [ADDR]:PORT" for a server on another port)
 * and "options timeout:SECONDS attempts:N". With no nameserver line, the
 * servers DHCP learned are asked of the network server (SIOCGDNS). Each
 * attempt asks every server in turn and waits for its answer; an answer is
 * believed only if its id, question and source match the query.
 */
#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netdb.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include "resolv.h"

#define MAX_SERVERS 3
#define DNS_PORT    53
#define PACKET_MAX  1232 /* what we accept over UDP (no EDNS) */
#define QCLASS_IN   1
#define QTYPE_CNAME 5

struct res_conf {
    struct sockaddr_in server[MAX_SERVERS];
    int nservers;
    int timeout_s, attempts;
};

/* "ADDR" or "[ADDR]:PORT" into a server address. */
static int parse_server(const char *w, struct sockaddr_in *sa)
{
    char host[64];
    int port = DNS_PORT;

    if (w[0] == '[') {
        const char *close = strchr(w, ']');
        if (!close || (size_t)(close - w - 1) >= sizeof(host))
            return -1;
        memcpy(host, w + 1, (size_t)(close - w - 1));
        host[close - w - 1] = '\0';
        if (close[1] == ':')
            port = atoi(close + 2);
    } else {
        snprintf(host, sizeof(host), "%s", w);
    }
    memset(sa, 0, sizeof(*sa));
    sa->sin_len = sizeof(*sa);
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)port);
    return port > 0 && port < 65536 && inet_pton(AF_INET, host, &sa->sin_addr) == 1 ? 0 : -1;
}

static void conf_line(struct res_conf *c, char *line)
{
    char *w = strtok(line, " \t\r\n");

    if (!w)
        return;
    if (strcmp(w, "nameserver") == 0 && (w = strtok(NULL, " \t\r\n")) &&
        c->nservers < MAX_SERVERS && parse_server(w, &c->server[c->nservers]) == 0)
        c->nservers++;
    else if (strcmp(w, "options") == 0)
        while ((w = strtok(NULL, " \t\r\n"))) {
            if (strncmp(w, "timeout:", 8) == 0 && atoi(w + 8) > 0)
                c->timeout_s = atoi(w + 8);
            else if (strncmp(w, "attempts:", 9) == 0 && atoi(w + 9) > 0)
                c->attempts = atoi(w + 9);
        }
}

/* The servers DHCP learned, from the network server. */
static void conf_from_dhcp(struct res_conf *c)
{
    struct dns_servers d;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);

    if (fd < 0)
        return;
    if (ioctl(fd, SIOCGDNS, &d) == 0)
        for (uint32_t i = 0; i < d.count && i < DNS_SERVERS_MAX && c->nservers < MAX_SERVERS; i++) {
            struct sockaddr_in *sa = &c->server[c->nservers++];
            memset(sa, 0, sizeof(*sa));
            sa->sin_len = sizeof(*sa);
            sa->sin_family = AF_INET;
            sa->sin_port = htons(DNS_PORT);
            sa->sin_addr = d.addr[i];
        }
    close(fd);
}

static void conf_load(struct res_conf *c)
{
    char line[256];
    FILE *f = fopen("/etc/resolv.conf", "r");

    memset(c, 0, sizeof(*c));
    c->timeout_s = 2;
    c->attempts = 2;
    if (f) {
        while (fgets(line, sizeof(line), f))
            if (line[0] != '#' && line[0] != ';')
                conf_line(c, line);
        fclose(f);
    }
    if (c->nservers == 0)
        conf_from_dhcp(c);
}

/* The query: header, one question. Returns its length or -1. */
static int build_query(uint8_t *q, uint16_t id, const char *name, int qtype)
{
    uint8_t *p = q + 12;
    size_t len = strlen(name);

    if (len == 0 || len > 253)
        return -1;
    memset(q, 0, 12);
    q[0] = (uint8_t)(id >> 8), q[1] = (uint8_t)id;
    q[2] = 0x01; /* RD: recursion desired */
    q[5] = 1;    /* one question */
    for (const char *s = name; *s;) {
        const char *dot = strchr(s, '.');
        size_t l = dot ? (size_t)(dot - s) : strlen(s);
        if (l == 0 && !dot)
            break;
        if (l == 0 || l > 63)
            return -1;
        *p++ = (uint8_t)l;
        memcpy(p, s, l);
        p += l;
        s += l + (dot ? 1 : 0);
    }
    *p++ = 0;
    *p++ = (uint8_t)(qtype >> 8), *p++ = (uint8_t)qtype;
    *p++ = 0, *p++ = QCLASS_IN;
    return (int)(p - q);
}

/* Expand the (possibly compressed) name at *at into out; advance *at past
 * it in the message. Returns 0 or -1 for a malformed name. */
static int read_name(const uint8_t *msg, int len, int *at, char *out, size_t size)
{
    int pos = *at, jumps = 0, end = -1;
    size_t n = 0;

    for (;;) {
        if (pos >= len)
            return -1;
        int l = msg[pos];
        if ((l & 0xc0) == 0xc0) {
            if (pos + 1 >= len || ++jumps > 16)
                return -1;
            if (end < 0)
                end = pos + 2;
            pos = (l & 0x3f) << 8 | msg[pos + 1];
            continue;
        }
        if (l & 0xc0)
            return -1;
        pos++;
        if (l == 0)
            break;
        if (pos + l > len || n + (size_t)l + 2 > size)
            return -1;
        if (n)
            out[n++] = '.';
        memcpy(out + n, msg + pos, (size_t)l);
        n += (size_t)l;
        pos += l;
    }
    out[n] = '\0';
    *at = end >= 0 ? end : pos;
    return 0;
}

static int get16(const uint8_t *p)
{
    return p[0] << 8 | p[1];
}

/* Collect the answers of type qtype (following CNAMEs) from a reply.
 * Returns 0, EAI_NONAME or EAI_FAIL. */
static int parse_reply(const uint8_t *msg, int len, uint16_t id, const char *name, int qtype,
                       struct res_answer *out)
{
    char qname[RES_NAME_MAX], rname[RES_NAME_MAX];
    int at = 12;

    if (len < 12 || get16(msg) != id || !(msg[2] & 0x80))
        return EAI_FAIL;
    int rcode = msg[3] & 0xf, qd = get16(msg + 4), an = get16(msg + 6);
    if (rcode == 3)
        return EAI_NONAME;
    if (rcode != 0 || qd != 1 || read_name(msg, len, &at, qname, sizeof(qname)) < 0 ||
        strcasecmp(qname, name) != 0 || at + 4 > len)
        return EAI_FAIL;
    at += 4;
    snprintf(out->canon, sizeof(out->canon), "%s", name);
    for (int i = 0; i < an; i++) {
        if (read_name(msg, len, &at, rname, sizeof(rname)) < 0 || at + 10 > len)
            return EAI_FAIL;
        int type = get16(msg + at), rdlen = get16(msg + at + 8);
        at += 10;
        if (at + rdlen > len)
            return EAI_FAIL;
        if (type == QTYPE_CNAME && strcasecmp(rname, out->canon) == 0) {
            int p = at;
            if (read_name(msg, len, &p, out->canon, sizeof(out->canon)) < 0)
                return EAI_FAIL;
        } else if (type == qtype && out->count < RES_MAX_ADDRS && rdlen == (qtype == 1 ? 4 : 16)) {
            memcpy(&out->addr[out->count++], msg + at, (size_t)rdlen);
        }
        at += rdlen;
    }
    return out->count ? 0 : EAI_NONAME;
}

/* Ask one server once; 0, EAI_NONAME, or EAI_AGAIN (no usable answer). */
static int ask(int fd, const struct sockaddr_in *server, const uint8_t *q, int qlen, uint16_t id,
               const char *name, int qtype, int timeout_ms, struct res_answer *out)
{
    uint8_t reply[PACKET_MAX];

    if (sendto(fd, q, (size_t)qlen, 0, (const struct sockaddr *)server, sizeof(*server)) < 0)
        return EAI_AGAIN;
    struct pollfd pfd = { fd, POLLIN, 0 };
    while (poll(&pfd, 1, timeout_ms) > 0) {
        struct sockaddr_in from;
        socklen_t fromlen = sizeof(from);
        ssize_t n = recvfrom(fd, reply, sizeof(reply), 0, (struct sockaddr *)&from, &fromlen);
        if (n < 0)
            return EAI_AGAIN;
        if (from.sin_addr.s_addr != server->sin_addr.s_addr || from.sin_port != server->sin_port)
            continue; /* not from the server we asked */
        out->count = 0;
        int r = parse_reply(reply, (int)n, id, name, qtype, out);
        if (r == 0 || r == EAI_NONAME)
            return r;
    }
    return EAI_AGAIN;
}

int __res_dns(const char *name, int qtype, struct res_answer *out)
{
    struct res_conf c;
    uint8_t q[PACKET_MAX];
    struct timespec now;

    conf_load(&c);
    if (c.nservers == 0)
        return EAI_AGAIN;
    clock_gettime(CLOCK_MONOTONIC, &now);
    uint16_t id = (uint16_t)(now.tv_nsec ^ (now.tv_nsec >> 16) ^ getpid());
    int qlen = build_query(q, id, name, qtype);
    if (qlen < 0)
        return EAI_NONAME;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0)
        return EAI_SYSTEM;
    out->family = qtype == 1 ? AF_INET : AF_INET6;
    int r = EAI_AGAIN;
    for (int a = 0; a < c.attempts && r == EAI_AGAIN; a++)
        for (int s = 0; s < c.nservers && r == EAI_AGAIN; s++)
            r = ask(fd, &c.server[s], q, qlen, id, name, qtype, c.timeout_s * 1000, out);
    close(fd);
    return r;
}

/* Each /etc/hosts line: an address, then names. */
static int hosts_find(const char *name, int family, struct res_answer *out)
{
    char line[512];
    FILE *f = fopen("/etc/hosts", "r");

    if (!f)
        return EAI_NONAME;
    while (fgets(line, sizeof(line), f) && out->count < RES_MAX_ADDRS) {
        line[strcspn(line, "#")] = '\0';
        char *addr = strtok(line, " \t\r\n"), *w;
        union {
            struct in_addr v4;
            struct in6_addr v6;
        } a;
        if (!addr || inet_pton(family, addr, &a) != 1)
            continue;
        char *official = NULL; /* the line's first name is the canonical one */
        while ((w = strtok(NULL, " \t\r\n"))) {
            if (!official)
                official = w;
            if (strcasecmp(w, name) == 0) {
                memcpy(&out->addr[out->count++], &a, sizeof(a));
                if (!out->canon[0])
                    snprintf(out->canon, sizeof(out->canon), "%s", official);
                break;
            }
        }
    }
    fclose(f);
    return out->count ? 0 : EAI_NONAME;
}

const char *__res_hosts_name(const void *addr, int family, char *buf, size_t size)
{
    char line[512];
    FILE *f = fopen("/etc/hosts", "r");
    size_t alen = family == AF_INET ? 4 : 16;
    const char *found = NULL;

    if (!f)
        return NULL;
    while (!found && fgets(line, sizeof(line), f)) {
        line[strcspn(line, "#")] = '\0';
        char *a = strtok(line, " \t\r\n"), *name = a ? strtok(NULL, " \t\r\n") : NULL;
        uint8_t bin[16];
        if (name && inet_pton(family, a, bin) == 1 && memcmp(bin, addr, alen) == 0)
            found = strncpy(buf, name, size);
    }
    fclose(f);
    if (found && size)
        buf[size - 1] = '\0';
    return found;
}

int __res_lookup(const char *name, int family, struct res_answer *out)
{
    memset(out, 0, sizeof(*out));
    out->family = family;
    if (hosts_find(name, family, out) == 0)
        return 0;
    memset(out, 0, sizeof(*out));
    return __res_dns(name, family == AF_INET ? 1 : 28, out);
}
