/*
 * Constants at the network server's boundary: Ember's numbers on one side,
 * lwIP's on the other, translated here and nowhere else.
 *
 * Which numbers lwIP uses. Debian builds liblwip.so.0 from lwIP 2.1.3's unix
 * port with the lwipopts.h and arch/cc.h that liblwip-dev ships (they come
 * from the GNU Hurd's lwIP translator). lwIP can define its own errno values
 * and socket constants, but this build does not:
 *
 *  - errno: cc.h sets LWIP_ERRNO_STDINCLUDE on Linux, so lwip/errno.h just
 *    includes glibc's <errno.h>; every errno lwIP stores through
 *    __errno_location() is a Linux number (lwip_ioctl stores 38, Linux's
 *    ENOSYS, for an unknown request).
 *  - sockets: lwipopts.h sets LWIP_SOCKET_EXTERNAL_HEADERS with
 *    posix/sockets.h and posix/inet.h, which include glibc's <sys/socket.h>,
 *    <netinet/in.h>, <netinet/tcp.h>, <poll.h>, <fcntl.h> and <sys/ioctl.h>.
 *    lwIP's own definitions in lwip/sockets.h are compiled out, so AF_*,
 *    SOCK_*, SOL_SOCKET, SO_*, IP_*, IPV6_*, TCP_*, MSG_*, POLL*,
 *    O_NONBLOCK, F_GETFL/F_SETFL and FIONREAD/FIONBIO are glibc's. The
 *    machine code agrees: lwip_ioctl compares the request with 0x541b and
 *    0x5421, lwip_setsockopt the level with 1 (SOL_SOCKET) and 0x29. Only
 *    what glibc lacks comes from posix/sockets.h: UDPLITE_SEND_CSCOV 1,
 *    UDPLITE_RECV_CSCOV 2 and lwIP's private TCP_KEEPALIVE 0xff (which
 *    Ember does not offer).
 *  - layouts: glibc's struct sockaddr_in and sockaddr_in6 (a 16-bit family,
 *    no length byte: HAVE_SA_LEN is 0), struct timeval from <sys/time.h>
 *    (LWIP_TIMEVAL_PRIVATE 0), struct linger, ip_mreq and ipv6_mreq.
 *
 * Ember's numbers. Error numbers are newlib's, which the kernel and every
 * server use (lib/include/ember/errno.h); socket numbers are those of
 * Ember's <sys/socket.h> and <netinet/in.h>: 4.4BSD's, as NetBSD and
 * therefore MINIX 3 have them, with BSD's length-prefixed socket addresses;
 * poll bits stay the SVR4 values lwIP uses. Built for Ember, this file
 * checks the Ember column against those headers and newlib's <errno.h>; the
 * host test checks the lwIP column against glibc's. The option values that are structures (timeval, linger, in_addr,
 * ip_mreq, ipv6_mreq) have the same layout on both sides, which the Ember
 * build checks for timeval; the server copies them as they are, after
 * checking their size against struct abi_sockopt.
 */
#include <string.h>

#include "abi.h"

#define ERRNO_LIMIT 160 /* above every errno in either column */
#define LENGTH(a)   (sizeof(a) / sizeof((a)[0]))

struct abi_pair {
    long ember, lwip;
};

struct abi_optrow {
    int em_level, em_name, lx_level, lx_name;
    enum abi_optkind kind;
};

#define ABI_PAIR(name, ember, lwip) { ember, lwip },
#define ABI_OPTROW(level, name, ember, lwip, kind)                                                 \
    { EMB_##level, EMB_##name, LX_##level, LX_##name, ABI_OPT_##kind },

static const struct abi_pair families[] = { ABI_FAMILIES(ABI_PAIR) };
static const struct abi_pair socktypes[] = { ABI_SOCKTYPES(ABI_PAIR) };
static const struct abi_pair msgflags[] = { ABI_MSGFLAGS(ABI_PAIR) };
static const struct abi_pair pollbits[] = { ABI_POLLBITS(ABI_PAIR) };
static const struct abi_pair fileflags[] = { ABI_FILEFLAGS(ABI_PAIR) };
static const struct abi_pair ioctls[] = { ABI_IOCTLS(ABI_PAIR) };
static const struct abi_optrow sockopts[] = { ABI_SOCKOPTS(ABI_OPTROW) };

static const size_t optsizes[] = {
    [ABI_OPT_INT] = 4,      [ABI_OPT_BYTE] = 1,     [ABI_OPT_ERRNO] = 4,
    [ABI_OPT_SOCKTYPE] = 4, [ABI_OPT_TIMEVAL] = 16, [ABI_OPT_LINGER] = 8,
    [ABI_OPT_IN_ADDR] = 4,  [ABI_OPT_IP_MREQ] = 8,  [ABI_OPT_IPV6_MREQ] = 20,
};

#define ABI_EM_OF_LX(name, ember, lwip) [lwip] = ember,
#define ABI_LX_OF_EM(name, ember, lwip) [ember] = lwip,

static const uint8_t errno_em_of_lx[ERRNO_LIMIT] = { ABI_ERRNOS(ABI_EM_OF_LX) };
static const uint8_t errno_lx_of_em[ERRNO_LIMIT] = {
    [EMB_ENOTSUP] = LX_EOPNOTSUPP, /* newlib's two aliases, then the table */
    [EMB_EDEADLOCK] = LX_EDEADLK,
    ABI_ERRNOS(ABI_LX_OF_EM)
};

#ifdef __ember__
#define __LINUX_ERRNO_EXTENSIONS__ /* newlib hides the System V names without it */
#include <errno.h>
#include <fcntl.h>
#include <sys/time.h>
#include <stddef.h>
#define ABI_CHECK_ERRNO(name, ember, lwip) _Static_assert(ember == name, #name " is newlib's");
ABI_ERRNOS(ABI_CHECK_ERRNO)
_Static_assert(EMB_ENOTSUP == ENOTSUP && EMB_EDEADLOCK == EDEADLOCK, "newlib's aliases");
_Static_assert(EMB_O_NONBLOCK == O_NONBLOCK, "O_NONBLOCK is newlib's");
_Static_assert(sizeof(struct timeval) == sizeof(struct lx_timeval) &&
                   offsetof(struct timeval, tv_usec) == offsetof(struct lx_timeval, tv_usec),
               "newlib's struct timeval has glibc's layout");

/* The Ember column is what Ember's socket headers say. */
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#define ABI_CHECK_NAME(name, ember, lwip)                                                          \
    _Static_assert(ember == name, #name " is <sys/socket.h>'s");
#define ABI_CHECK_OPT(level, name, ember, lwip, k)                                                 \
    _Static_assert(ember == name && EMB_##level == level, #name " is Ember's");
ABI_FAMILIES(ABI_CHECK_NAME)
ABI_SOCKTYPES(ABI_CHECK_NAME)
ABI_LEVELS(ABI_CHECK_NAME)
ABI_MSGFLAGS(ABI_CHECK_NAME)
ABI_POLLBITS(ABI_CHECK_NAME)
ABI_IOCTLS(ABI_CHECK_NAME)
ABI_SOCKOPTS(ABI_CHECK_OPT)
_Static_assert(EMB_SOCK_CLOEXEC == SOCK_CLOEXEC && EMB_SOCK_NONBLOCK == SOCK_NONBLOCK,
               "socket type flags");
_Static_assert(sizeof(struct sockaddr_in) == sizeof(struct emb_sockaddr_in) &&
                   offsetof(struct sockaddr_in, sin_addr) ==
                       offsetof(struct emb_sockaddr_in, sin_addr),
               "struct sockaddr_in");
_Static_assert(sizeof(struct sockaddr_in6) == sizeof(struct emb_sockaddr_in6) &&
                   offsetof(struct sockaddr_in6, sin6_addr) ==
                       offsetof(struct emb_sockaddr_in6, sin6_addr),
               "struct sockaddr_in6");
#endif

_Static_assert(sizeof(struct lx_sockaddr_in) == 16 && sizeof(struct lx_sockaddr_in6) == 28,
               "glibc's socket addresses");
_Static_assert(sizeof(struct emb_sockaddr_in) == 16 && sizeof(struct emb_sockaddr_in6) == 28,
               "BSD's socket addresses");

int abi_errno_from_lwip(int lx_errno)
{
    if (lx_errno == 0)
        return 0;
    if (lx_errno < 0 || lx_errno >= ERRNO_LIMIT || !errno_em_of_lx[lx_errno])
        return EMB_EIO;
    return errno_em_of_lx[lx_errno];
}

int abi_errno_to_lwip(int em_errno)
{
    if (em_errno == 0)
        return 0;
    if (em_errno < 0 || em_errno >= ERRNO_LIMIT || !errno_lx_of_em[em_errno])
        return LX_EIO;
    return errno_lx_of_em[em_errno];
}

/* The row of t whose Ember (to_lwip) or lwIP value is v, or NULL. */
static const struct abi_pair *pair_find(const struct abi_pair *t, size_t n, long v, int to_lwip)
{
    for (size_t i = 0; i < n; i++)
        if ((to_lwip ? t[i].ember : t[i].lwip) == v)
            return &t[i];
    return NULL;
}

int abi_family_to_lwip(int em_family)
{
    const struct abi_pair *p = pair_find(families, LENGTH(families), em_family, 1);

    return p ? (int)p->lwip : -EMB_EAFNOSUPPORT;
}

int abi_socktype_to_lwip(int em_type)
{
    const struct abi_pair *p = pair_find(socktypes, LENGTH(socktypes), em_type, 1);

    return p ? (int)p->lwip : -EMB_EPROTOTYPE;
}

int abi_socktype_from_lwip(int lx_type)
{
    const struct abi_pair *p = pair_find(socktypes, LENGTH(socktypes), lx_type, 0);

    return p ? (int)p->ember : -EMB_EPROTOTYPE;
}

int abi_sockopt_to_lwip(int em_level, int em_name, struct abi_sockopt *out)
{
    for (size_t i = 0; i < LENGTH(sockopts); i++) {
        const struct abi_optrow *o = &sockopts[i];
        if (o->em_level != em_level || o->em_name != em_name)
            continue;
        out->level = o->lx_level;
        out->name = o->lx_name;
        out->kind = o->kind;
        out->size = optsizes[o->kind];
        if (o->em_level == EMB_IPPROTO_IPV6 && o->em_name == EMB_IPV6_CHECKSUM)
            out->level = LX_IPPROTO_RAW; /* where lwIP's sockets.c looks for it */
        return 0;
    }
    return -EMB_ENOPROTOOPT;
}

int abi_optint_from_lwip(enum abi_optkind kind, int lx_value)
{
    if (kind == ABI_OPT_ERRNO)
        return abi_errno_from_lwip(lx_value);
    if (kind == ABI_OPT_SOCKTYPE) {
        int em = abi_socktype_from_lwip(lx_value);
        return em < 0 ? lx_value : em;
    }
    return lx_value;
}

/* Maps a word of flag bits through t. With strict, a bit without a
 * counterpart makes the whole word -EINVAL; otherwise it is dropped. */
static int bits_map(const struct abi_pair *t, size_t n, int bits, int to_lwip, int strict)
{
    int out = 0;

    for (size_t i = 0; i < n; i++) {
        int from = (int)(to_lwip ? t[i].ember : t[i].lwip);
        if (bits & from) {
            out |= (int)(to_lwip ? t[i].lwip : t[i].ember);
            bits &= ~from;
        }
    }
    return strict && bits ? -EMB_EINVAL : out;
}

int abi_msgflags_to_lwip(int em_flags)
{
    return bits_map(msgflags, LENGTH(msgflags), em_flags, 1, 1);
}

int abi_msgflags_from_lwip(int lx_flags)
{
    return bits_map(msgflags, LENGTH(msgflags), lx_flags, 0, 0);
}

int abi_pollbits_to_lwip(int em_events)
{
    return bits_map(pollbits, LENGTH(pollbits), em_events, 1, 1);
}

int abi_pollbits_from_lwip(int lx_events)
{
    return bits_map(pollbits, LENGTH(pollbits), lx_events, 0, 0);
}

/* F_SETFL ignores the flags lwIP has no use for, as POSIX allows. */
int abi_fileflags_to_lwip(int em_flags)
{
    return (em_flags & 3) | bits_map(fileflags, LENGTH(fileflags), em_flags & ~3, 1, 0);
}

int abi_fileflags_from_lwip(int lx_flags)
{
    return (lx_flags & 3) | bits_map(fileflags, LENGTH(fileflags), lx_flags & ~3, 0, 0);
}

long abi_ioctl_to_lwip(long em_request)
{
    const struct abi_pair *p = pair_find(ioctls, LENGTH(ioctls), em_request, 1);

    return p ? p->lwip : -EMB_ENOTTY;
}

int abi_sockaddr_to_lwip(const void *em_addr, size_t len, union lx_sockaddr *out)
{
    union emb_sockaddr in;

    memset(out, 0, sizeof(*out));
    if (len < sizeof(in.sa))
        return -EMB_EINVAL;
    memset(&in, 0, sizeof(in));
    memcpy(&in, em_addr, len < sizeof(in) ? len : sizeof(in));
    if (in.sa.family == EMB_AF_INET) {
        if (len < sizeof(in.in))
            return -EMB_EINVAL;
        out->in.sin_family = LX_AF_INET;
        out->in.sin_port = in.in.sin_port;
        out->in.sin_addr = in.in.sin_addr;
        return sizeof(out->in);
    }
    if (in.sa.family == EMB_AF_INET6) {
        if (len < sizeof(in.in6))
            return -EMB_EINVAL;
        out->in6.sin6_family = LX_AF_INET6;
        out->in6.sin6_port = in.in6.sin6_port;
        out->in6.sin6_flowinfo = in.in6.sin6_flowinfo;
        memcpy(out->in6.sin6_addr, in.in6.sin6_addr, sizeof(out->in6.sin6_addr));
        out->in6.sin6_scope_id = in.in6.sin6_scope_id;
        return sizeof(out->in6);
    }
    return -EMB_EAFNOSUPPORT;
}

int abi_sockaddr_from_lwip(const void *lx_addr, size_t len, union emb_sockaddr *out)
{
    union lx_sockaddr in;

    memset(out, 0, sizeof(*out));
    if (len < sizeof(in.family))
        return -EMB_EINVAL;
    memset(&in, 0, sizeof(in));
    memcpy(&in, lx_addr, len < sizeof(in) ? len : sizeof(in));
    if (in.family == LX_AF_INET) {
        if (len < sizeof(in.in))
            return -EMB_EINVAL;
        out->in = (struct emb_sockaddr_in){ .sin_len = sizeof(out->in),
                                            .sin_family = EMB_AF_INET,
                                            .sin_port = in.in.sin_port,
                                            .sin_addr = in.in.sin_addr };
        return sizeof(out->in);
    }
    if (in.family == LX_AF_INET6) {
        if (len < sizeof(in.in6))
            return -EMB_EINVAL;
        out->in6.sin6_len = sizeof(out->in6);
        out->in6.sin6_family = EMB_AF_INET6;
        out->in6.sin6_port = in.in6.sin6_port;
        out->in6.sin6_flowinfo = in.in6.sin6_flowinfo;
        memcpy(out->in6.sin6_addr, in.in6.sin6_addr, sizeof(out->in6.sin6_addr));
        out->in6.sin6_scope_id = in.in6.sin6_scope_id;
        return sizeof(out->in6);
    }
    return -EMB_EAFNOSUPPORT;
}
