/*
 * Internet address conversions: inet_aton and inet_addr (BSD's forms:
 * a.b.c.d, a.b.c, a.b, a, each part decimal, octal or hex), inet_pton and
 * inet_ntop (strict dotted quads; IPv6 with "::" and a trailing dotted
 * quad, printed in RFC 5952's shortest form), interface names and indexes.
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <sys/socket.h>

const struct in6_addr in6addr_any = IN6ADDR_ANY_INIT;
const struct in6_addr in6addr_loopback = IN6ADDR_LOOPBACK_INIT;

int inet_aton(const char *cp, struct in_addr *addr)
{
    unsigned long part[4];
    int n = 0;

    for (;;) {
        char *end;
        if (!isdigit((unsigned char)*cp))
            return 0;
        errno = 0;
        part[n] = strtoul(cp, &end, 0);
        if (errno || n == 4)
            return 0;
        n++;
        cp = end;
        if (*cp != '.')
            break;
        cp++;
    }
    if (*cp && !isspace((unsigned char)*cp))
        return 0;
    unsigned long v = part[n - 1], limit = 0xffffffffUL >> (8 * (n - 1));
    if (v > limit)
        return 0;
    for (int i = 0; i < n - 1; i++) {
        if (part[i] > 0xff)
            return 0;
        v |= part[i] << (24 - 8 * i);
    }
    if (addr)
        addr->s_addr = htonl((uint32_t)v);
    return 1;
}

in_addr_t inet_addr(const char *cp)
{
    struct in_addr a;

    return inet_aton(cp, &a) ? a.s_addr : INADDR_NONE;
}

char *inet_ntoa(struct in_addr addr)
{
    static char buf[INET_ADDRSTRLEN];

    return (char *)inet_ntop(AF_INET, &addr, buf, sizeof(buf));
}

/* Exactly four decimal parts of at most three digits, each 0..255. */
static int pton4(const char *s, uint8_t *out)
{
    for (int i = 0; i < 4; i++) {
        int v = 0, digits = 0;
        while (isdigit((unsigned char)*s) && digits < 4) {
            v = v * 10 + (*s++ - '0');
            digits++;
        }
        if (digits == 0 || digits > 3 || v > 255)
            return 0;
        out[i] = (uint8_t)v;
        if (i < 3 && *s++ != '.')
            return 0;
    }
    return *s == '\0';
}

static int hexval(int c)
{
    if (isdigit(c))
        return c - '0';
    c = tolower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int pton6(const char *s, uint8_t *out)
{
    uint16_t word[8];
    int n = 0, gap = -1;

    if (s[0] == ':' && s[1] == ':') {
        gap = 0;
        s += 2;
    } else if (*s == ':') {
        return 0;
    }
    while (*s) {
        if (n == 8)
            return 0;
        if (strchr(s, '.') && !strchr(s, ':')) { /* a trailing dotted quad */
            uint8_t v4[4];
            if (n > 6 || !pton4(s, v4))
                return 0;
            word[n++] = (uint16_t)(v4[0] << 8 | v4[1]);
            word[n++] = (uint16_t)(v4[2] << 8 | v4[3]);
            break;
        }
        int v = 0, digits = 0, h;
        while ((h = hexval((unsigned char)*s)) >= 0 && digits < 5) {
            v = v * 16 + h;
            s++;
            digits++;
        }
        if (digits == 0 || digits > 4)
            return 0;
        word[n++] = (uint16_t)v;
        if (*s == '\0')
            break;
        if (*s++ != ':')
            return 0;
        if (*s == ':') {
            if (gap >= 0)
                return 0;
            gap = n;
            s++;
        } else if (*s == '\0') {
            return 0;
        }
    }
    if ((gap < 0 && n != 8) || (gap >= 0 && n > 7))
        return 0;
    memset(out, 0, 16);
    int tail = gap < 0 ? 0 : n - gap, head = n - tail;
    for (int i = 0; i < head; i++)
        out[2 * i] = (uint8_t)(word[i] >> 8), out[2 * i + 1] = (uint8_t)word[i];
    for (int i = 0; i < tail; i++) {
        int at = 8 - tail + i;
        out[2 * at] = (uint8_t)(word[head + i] >> 8), out[2 * at + 1] = (uint8_t)word[head + i];
    }
    return 1;
}

int inet_pton(int af, const char *src, void *dst)
{
    if (af == AF_INET)
        return pton4(src, dst);
    if (af == AF_INET6)
        return pton6(src, dst);
    errno = EAFNOSUPPORT;
    return -1;
}

/* The longest run of at least two zero words, for "::". */
static void zero_run(const uint16_t *w, int *start, int *len)
{
    *start = -1, *len = 0;
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && w[j] == 0)
            j++;
        if (j - i > *len && j - i >= 2)
            *start = i, *len = j - i;
        i = j > i ? j : i + 1;
    }
}

static const char *ntop6(const uint8_t *a, char *dst, socklen_t size)
{
    char buf[INET6_ADDRSTRLEN], *p = buf;
    uint16_t w[8];
    int start, len;

    for (int i = 0; i < 8; i++)
        w[i] = (uint16_t)(a[2 * i] << 8 | a[2 * i + 1]);
    zero_run(w, &start, &len);
    bool mapped = start == 0 && len == 5 && w[5] == 0xffff; /* ::ffff:a.b.c.d */
    for (int i = 0; i < 8; i++) {
        if (i == start) {
            *p++ = ':';
            if (i == 0)
                *p++ = ':';
            i += len - 1;
            continue;
        }
        if (mapped && i == 6) {
            p += sprintf(p, "%u.%u.%u.%u", a[12], a[13], a[14], a[15]);
            break;
        }
        p += sprintf(p, "%x%s", w[i], i < 7 ? ":" : "");
    }
    *p = '\0';
    if (strlen(buf) >= size) {
        errno = ENOSPC;
        return NULL;
    }
    return strcpy(dst, buf);
}

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
    const uint8_t *a = src;

    if (af == AF_INET6)
        return ntop6(a, dst, size);
    if (af != AF_INET) {
        errno = EAFNOSUPPORT;
        return NULL;
    }
    char buf[INET_ADDRSTRLEN];
    snprintf(buf, sizeof(buf), "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
    if (strlen(buf) >= size) {
        errno = ENOSPC;
        return NULL;
    }
    return strcpy(dst, buf);
}

/* Interface names and indexes, asked of the network server. */
static int ifreq_call(unsigned long request, struct ifreq *ifr)
{
    int fd = socket(AF_INET, SOCK_DGRAM, 0);

    if (fd < 0)
        return -1;
    int r = ioctl(fd, request, ifr);
    close(fd);
    return r;
}

unsigned int if_nametoindex(const char *name)
{
    struct ifreq ifr;

    memset(&ifr, 0, sizeof(ifr));
    snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
    return ifreq_call(SIOCGIFINDEX, &ifr) < 0 ? 0 : (unsigned)ifr.ifr_index;
}

char *if_indextoname(unsigned int index, char *name)
{
    struct if_list *list = malloc(sizeof(*list));

    if (!list)
        return NULL;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    int r = fd < 0 ? -1 : ioctl(fd, SIOCGIFLIST, list);
    if (fd >= 0)
        close(fd);
    char *found = NULL;
    for (uint32_t i = 0; r >= 0 && i < list->count && i < IF_LIST_MAX; i++)
        if (list->info[i].index == index)
            found = strcpy(name, list->info[i].name);
    free(list);
    if (!found)
        errno = ENXIO;
    return found;
}
