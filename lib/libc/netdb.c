/*
 * getaddrinfo, getnameinfo and the older gethostbyname family, on the
 * resolver (resolv.c): numeric addresses first, then /etc/hosts, then DNS.
 * For AF_UNSPEC, IPv4 addresses come before IPv6 ones. Services are
 * numbers or the names in the small table below.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <netdb.h>
#include "resolv.h"

int h_errno;

static const struct service {
    const char *name;
    int port;
} services[] = {
    { "echo", 7 },    { "discard", 9 }, { "daytime", 13 }, { "ftp", 21 },        { "ssh", 22 },
    { "telnet", 23 }, { "smtp", 25 },   { "time", 37 },    { "domain", 53 },     { "bootps", 67 },
    { "bootpc", 68 }, { "tftp", 69 },   { "http", 80 },    { "www", 80 },        { "pop3", 110 },
    { "ntp", 123 },   { "imap", 143 },  { "https", 443 },  { "http-alt", 8080 },
};

#define NSERVICES (int)(sizeof(services) / sizeof(services[0]))

/* A service name or number to a port in host order; -1 if unknown. */
static int service_port(const char *serv, int numeric_only)
{
    char *end;
    long v = strtol(serv, &end, 10);

    if (*serv && !*end)
        return v >= 0 && v <= 65535 ? (int)v : -1;
    if (numeric_only)
        return -1;
    for (int i = 0; i < NSERVICES; i++)
        if (strcasecmp(serv, services[i].name) == 0)
            return services[i].port;
    return -1;
}

static const char *service_name(int port)
{
    for (int i = 0; i < NSERVICES; i++)
        if (services[i].port == port)
            return services[i].name;
    return NULL;
}

/* One result: the address, for one socket type. */
static struct addrinfo *ai_new(int family, int socktype, const void *addr, int port,
                               const char *canon)
{
    size_t alen = family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
    struct addrinfo *ai = calloc(1, sizeof(*ai) + alen);

    if (!ai)
        return NULL;
    ai->ai_family = family;
    ai->ai_socktype = socktype;
    ai->ai_protocol = socktype == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
    ai->ai_addrlen = (socklen_t)alen;
    ai->ai_addr = (struct sockaddr *)(ai + 1);
    if (family == AF_INET) {
        struct sockaddr_in *sin = (struct sockaddr_in *)ai->ai_addr;
        sin->sin_len = sizeof(*sin);
        sin->sin_family = AF_INET;
        sin->sin_port = htons((uint16_t)port);
        memcpy(&sin->sin_addr, addr, 4);
    } else {
        struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ai->ai_addr;
        sin6->sin6_len = sizeof(*sin6);
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons((uint16_t)port);
        memcpy(&sin6->sin6_addr, addr, 16);
    }
    if (canon && !(ai->ai_canonname = strdup(canon))) {
        free(ai);
        return NULL;
    }
    return ai;
}

void freeaddrinfo(struct addrinfo *ai)
{
    while (ai) {
        struct addrinfo *next = ai->ai_next;
        free(ai->ai_canonname);
        free(ai);
        ai = next;
    }
}

/* Append a result per socket type for each address of a. */
static int add_results(struct addrinfo ***tail, const struct res_answer *a, int socktype, int port,
                       bool canon)
{
    static const int types[] = { SOCK_STREAM, SOCK_DGRAM };

    for (int i = 0; i < a->count; i++)
        for (int t = 0; t < 2; t++) {
            if (socktype && socktype != types[t])
                continue;
            struct addrinfo *ai =
                ai_new(a->family, types[t], &a->addr[i], port, canon && !**tail ? a->canon : NULL);
            if (!ai)
                return EAI_MEMORY;
            **tail = ai;
            *tail = &ai->ai_next;
        }
    return 0;
}

/* The addresses of node for one family: numeric, the unspecified or
 * loopback address for a missing node, or the resolver's. */
static int family_lookup(const char *node, int family, int flags, struct res_answer *a)
{
    memset(a, 0, sizeof(*a));
    a->family = family;
    if (!node) {
        a->count = 1;
        if (family == AF_INET)
            a->addr[0].v4.s_addr = htonl(flags & AI_PASSIVE ? INADDR_ANY : INADDR_LOOPBACK);
        else if (!(flags & AI_PASSIVE))
            a->addr[0].v6 = in6addr_loopback;
        return 0;
    }
    if (inet_pton(family, node, &a->addr[0]) == 1 ||
        (family == AF_INET && inet_aton(node, &a->addr[0].v4))) {
        a->count = 1;
        snprintf(a->canon, sizeof(a->canon), "%s", node);
        return 0;
    }
    if (flags & AI_NUMERICHOST)
        return EAI_NONAME;
    return __res_lookup(node, family, a);
}

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
                struct addrinfo **res)
{
    int family = hints ? hints->ai_family : AF_UNSPEC;
    int socktype = hints ? hints->ai_socktype : 0, flags = hints ? hints->ai_flags : 0;
    int port = 0, err = EAI_NONAME;
    struct addrinfo *head = NULL, **tail = &head;
    static struct res_answer a; /* large: not on the stack */

    if (!node && !service)
        return EAI_NONAME;
    if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6)
        return EAI_FAMILY;
    if (socktype && socktype != SOCK_STREAM && socktype != SOCK_DGRAM)
        return EAI_SOCKTYPE;
    if (service && (port = service_port(service, flags & AI_NUMERICSERV)) < 0)
        return EAI_SERVICE;
    uint8_t numeric[16];
    if (node && inet_pton(AF_INET6, node, numeric) == 1)
        flags |= AI_NUMERICHOST; /* an IPv6 literal is no name for IPv4 either */
    for (int f = 0; f < 2; f++) {
        int fam = f == 0 ? AF_INET : AF_INET6;
        if (family != AF_UNSPEC && family != fam)
            continue;
        int r = family_lookup(node, fam, flags, &a);
        if (r == 0)
            r = add_results(&tail, &a, socktype, port, flags & AI_CANONNAME);
        if (r == EAI_MEMORY) {
            freeaddrinfo(head);
            return r;
        }
        if (r != EAI_NONAME)
            err = r;
        if (head && family == AF_UNSPEC && !node)
            break; /* one wildcard or loopback address is enough */
    }
    if (!head)
        return err;
    *res = head;
    return 0;
}

const char *gai_strerror(int code)
{
    switch (code) {
    case 0:
        return "Success";
    case EAI_AGAIN:
        return "Temporary failure in name resolution";
    case EAI_BADFLAGS:
        return "Invalid flags";
    case EAI_FAIL:
        return "Non-recoverable failure in name resolution";
    case EAI_FAMILY:
        return "Address family not supported";
    case EAI_MEMORY:
        return "Memory allocation failure";
    case EAI_NONAME:
        return "Name or service not known";
    case EAI_SERVICE:
        return "Service not supported for socket type";
    case EAI_SOCKTYPE:
        return "Socket type not supported";
    case EAI_SYSTEM:
        return "System error";
    case EAI_OVERFLOW:
        return "Argument buffer overflow";
    default:
        return "Unknown error";
    }
}

int getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host, socklen_t hostlen,
                char *serv, socklen_t servlen, int flags)
{
    const void *addr;
    int port;

    if (!sa)
        return EAI_FAMILY;
    if (sa->sa_family == AF_INET && salen >= sizeof(struct sockaddr_in)) {
        addr = &((const struct sockaddr_in *)sa)->sin_addr;
        port = ntohs(((const struct sockaddr_in *)sa)->sin_port);
    } else if (sa->sa_family == AF_INET6 && salen >= sizeof(struct sockaddr_in6)) {
        addr = &((const struct sockaddr_in6 *)sa)->sin6_addr;
        port = ntohs(((const struct sockaddr_in6 *)sa)->sin6_port);
    } else {
        return EAI_FAMILY;
    }
    if (host && hostlen) {
        if (flags & NI_NUMERICHOST || !__res_hosts_name(addr, sa->sa_family, host, hostlen)) {
            if (flags & NI_NAMEREQD)
                return EAI_NONAME;
            if (!inet_ntop(sa->sa_family, addr, host, hostlen))
                return EAI_OVERFLOW;
        }
    }
    if (serv && servlen) {
        const char *name = flags & NI_NUMERICSERV ? NULL : service_name(port);
        int n = name ? snprintf(serv, servlen, "%s", name) : snprintf(serv, servlen, "%d", port);
        if (n < 0 || (socklen_t)n >= servlen)
            return EAI_OVERFLOW;
    }
    return 0;
}

/* gethostbyname and friends: one static result, as POSIX allows. */
static struct {
    struct hostent h;
    char name[RES_NAME_MAX];
    char *aliases[1];
    char *addrs[RES_MAX_ADDRS + 1];
    struct res_answer answer;
} host_result;

static struct hostent *fill_hostent(const char *name)
{
    struct res_answer *a = &host_result.answer;

    snprintf(host_result.name, sizeof(host_result.name), "%s", a->canon[0] ? a->canon : name);
    host_result.h.h_name = host_result.name;
    host_result.aliases[0] = NULL;
    host_result.h.h_aliases = host_result.aliases;
    host_result.h.h_addrtype = a->family;
    host_result.h.h_length = a->family == AF_INET ? 4 : 16;
    for (int i = 0; i <= a->count; i++)
        host_result.addrs[i] = i < a->count ? (char *)&a->addr[i] : NULL;
    host_result.h.h_addr_list = host_result.addrs;
    return &host_result.h;
}

struct hostent *gethostbyname2(const char *name, int af)
{
    if (af != AF_INET && af != AF_INET6) {
        h_errno = NO_RECOVERY;
        return NULL;
    }
    int r = family_lookup(name, af, 0, &host_result.answer);
    if (r != 0) {
        h_errno = r == EAI_AGAIN ? TRY_AGAIN : r == EAI_NONAME ? HOST_NOT_FOUND : NO_RECOVERY;
        return NULL;
    }
    return fill_hostent(name);
}

struct hostent *gethostbyname(const char *name)
{
    return gethostbyname2(name, AF_INET);
}

struct hostent *gethostbyaddr(const void *addr, socklen_t len, int type)
{
    struct res_answer *a = &host_result.answer;
    char name[RES_NAME_MAX];

    if ((type != AF_INET || len != 4) && (type != AF_INET6 || len != 16)) {
        h_errno = NO_RECOVERY;
        return NULL;
    }
    if (!__res_hosts_name(addr, type, name, sizeof(name))) {
        h_errno = HOST_NOT_FOUND;
        return NULL;
    }
    memset(a, 0, sizeof(*a));
    a->family = type;
    a->count = 1;
    memcpy(&a->addr[0], addr, len);
    snprintf(a->canon, sizeof(a->canon), "%s", name);
    return fill_hostent(name);
}

struct servent *getservbyname(const char *name, const char *proto)
{
    static struct servent s;
    static char *none[1];
    int port = service_port(name, 0);

    if (port < 0)
        return NULL;
    s.s_name = (char *)name;
    s.s_aliases = none;
    s.s_port = htons((uint16_t)port);
    s.s_proto = (char *)(proto ? proto : "tcp");
    return &s;
}

struct servent *getservbyport(int port, const char *proto)
{
    static struct servent s;
    static char *none[1];
    const char *name = service_name(ntohs((uint16_t)port));

    if (!name)
        return NULL;
    s.s_name = (char *)name;
    s.s_aliases = none;
    s.s_port = port;
    s.s_proto = (char *)(proto ? proto : "tcp");
    return &s;
}

static const struct protoent *proto_table(void)
{
    static char *none[1];
    static const struct protoent t[] = {
        { "ip", none, IPPROTO_IP },
        { "icmp", none, IPPROTO_ICMP },
        { "tcp", none, IPPROTO_TCP },
        { "udp", none, IPPROTO_UDP },
        { "ipv6", none, IPPROTO_IPV6 },
        { "ipv6-icmp", none, IPPROTO_ICMPV6 },
        { NULL, NULL, 0 },
    };
    return t;
}

struct protoent *getprotobyname(const char *name)
{
    for (const struct protoent *p = proto_table(); p->p_name; p++)
        if (strcasecmp(p->p_name, name) == 0)
            return (struct protoent *)p;
    return NULL;
}

struct protoent *getprotobynumber(int proto)
{
    for (const struct protoent *p = proto_table(); p->p_name; p++)
        if (p->p_proto == proto)
            return (struct protoent *)p;
    return NULL;
}

const char *hstrerror(int err)
{
    switch (err) {
    case HOST_NOT_FOUND:
        return "Unknown host";
    case TRY_AGAIN:
        return "Host name lookup failure";
    case NO_RECOVERY:
        return "Unknown server error";
    case NO_DATA:
        return "No address associated with name";
    default:
        return "Resolver error";
    }
}

void herror(const char *s)
{
    if (s && *s)
        fprintf(stderr, "%s: %s\n", s, hstrerror(h_errno));
    else
        fprintf(stderr, "%s\n", hstrerror(h_errno));
}
