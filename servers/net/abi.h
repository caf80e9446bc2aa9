/*
 * abi: the numbers and layouts lwIP speaks (Linux/glibc's, compiled into
 * Debian's liblwip.so.0) beside the ones Ember speaks, and the functions
 * that translate between them at the network server's boundary. abi.c
 * explains where each column comes from.
 *
 * Each table is one declarative list, X(name, ember, lwip, ...): enums,
 * lookup arrays and compile-time checks are all generated from it, so a
 * number is written once. Names with LX_ are lwIP's (the Linux ABI), names
 * with EMB_ are Ember's. Translation functions return a value >= 0 or a
 * negative errno in Ember's numbering.
 */
#ifndef NET_ABI_H
#define NET_ABI_H

#include <stddef.h>
#include <stdint.h>

// clang-format off

/* Error numbers: name, Ember (newlib 3.3.0), lwIP (glibc on Linux/x86-64).
 * Every name both C libraries define; aliases are handled in abi.c. */
#define ABI_ERRNOS(X) \
    X(EPERM, 1, 1)             X(ENOENT, 2, 2)            X(ESRCH, 3, 3) \
    X(EINTR, 4, 4)             X(EIO, 5, 5)               X(ENXIO, 6, 6) \
    X(E2BIG, 7, 7)             X(ENOEXEC, 8, 8)           X(EBADF, 9, 9) \
    X(ECHILD, 10, 10)          X(EAGAIN, 11, 11)          X(ENOMEM, 12, 12) \
    X(EACCES, 13, 13)          X(EFAULT, 14, 14)          X(ENOTBLK, 15, 15) \
    X(EBUSY, 16, 16)           X(EEXIST, 17, 17)          X(EXDEV, 18, 18) \
    X(ENODEV, 19, 19)          X(ENOTDIR, 20, 20)         X(EISDIR, 21, 21) \
    X(EINVAL, 22, 22)          X(ENFILE, 23, 23)          X(EMFILE, 24, 24) \
    X(ENOTTY, 25, 25)          X(ETXTBSY, 26, 26)         X(EFBIG, 27, 27) \
    X(ENOSPC, 28, 28)          X(ESPIPE, 29, 29)          X(EROFS, 30, 30) \
    X(EMLINK, 31, 31)          X(EPIPE, 32, 32)           X(EDOM, 33, 33) \
    X(ERANGE, 34, 34)          X(EDEADLK, 45, 35)         X(ENAMETOOLONG, 91, 36) \
    X(ENOLCK, 46, 37)          X(ENOSYS, 88, 38)          X(ENOTEMPTY, 90, 39) \
    X(ELOOP, 92, 40)           X(ENOMSG, 35, 42)          X(EIDRM, 36, 43) \
    X(ECHRNG, 37, 44)          X(EL2NSYNC, 38, 45)        X(EL3HLT, 39, 46) \
    X(EL3RST, 40, 47)          X(ELNRNG, 41, 48)          X(EUNATCH, 42, 49) \
    X(ENOCSI, 43, 50)          X(EL2HLT, 44, 51)          X(EBADE, 50, 52) \
    X(EBADR, 51, 53)           X(EXFULL, 52, 54)          X(ENOANO, 53, 55) \
    X(EBADRQC, 54, 56)         X(EBADSLT, 55, 57)         X(EBFONT, 57, 59) \
    X(ENOSTR, 60, 60)          X(ENODATA, 61, 61)         X(ETIME, 62, 62) \
    X(ENOSR, 63, 63)           X(ENONET, 64, 64)          X(ENOPKG, 65, 65) \
    X(EREMOTE, 66, 66)         X(ENOLINK, 67, 67)         X(EADV, 68, 68) \
    X(ESRMNT, 69, 69)          X(ECOMM, 70, 70)           X(EPROTO, 71, 71) \
    X(EMULTIHOP, 74, 72)       X(EDOTDOT, 76, 73)         X(EBADMSG, 77, 74) \
    X(EOVERFLOW, 139, 75)      X(ENOTUNIQ, 80, 76)        X(EBADFD, 81, 77) \
    X(EREMCHG, 82, 78)         X(ELIBACC, 83, 79)         X(ELIBBAD, 84, 80) \
    X(ELIBSCN, 85, 81)         X(ELIBMAX, 86, 82)         X(ELIBEXEC, 87, 83) \
    X(EILSEQ, 138, 84)         X(ESTRPIPE, 143, 86)       X(EUSERS, 131, 87) \
    X(ENOTSOCK, 108, 88)       X(EDESTADDRREQ, 121, 89)   X(EMSGSIZE, 122, 90) \
    X(EPROTOTYPE, 107, 91)     X(ENOPROTOOPT, 109, 92)    X(EPROTONOSUPPORT, 123, 93) \
    X(ESOCKTNOSUPPORT, 124, 94) X(EOPNOTSUPP, 95, 95)     X(EPFNOSUPPORT, 96, 96) \
    X(EAFNOSUPPORT, 106, 97)   X(EADDRINUSE, 112, 98)     X(EADDRNOTAVAIL, 125, 99) \
    X(ENETDOWN, 115, 100)      X(ENETUNREACH, 114, 101)   X(ENETRESET, 126, 102) \
    X(ECONNABORTED, 113, 103)  X(ECONNRESET, 104, 104)    X(ENOBUFS, 105, 105) \
    X(EISCONN, 127, 106)       X(ENOTCONN, 128, 107)      X(ESHUTDOWN, 110, 108) \
    X(ETOOMANYREFS, 129, 109)  X(ETIMEDOUT, 116, 110)     X(ECONNREFUSED, 111, 111) \
    X(EHOSTDOWN, 117, 112)     X(EHOSTUNREACH, 118, 113)  X(EALREADY, 120, 114) \
    X(EINPROGRESS, 119, 115)   X(ESTALE, 133, 116)        X(EDQUOT, 132, 122) \
    X(ENOMEDIUM, 135, 123)     X(ECANCELED, 140, 125)     X(EOWNERDEAD, 142, 130) \
    X(ENOTRECOVERABLE, 141, 131)

/* Address families: name, Ember, lwIP. */
#define ABI_FAMILIES(X) X(AF_UNSPEC, 0, 0) X(AF_INET, 2, 2) X(AF_INET6, 24, 10)

/* Socket types (the flag bits are Ember's alone: lwIP takes none). */
#define ABI_SOCKTYPES(X) X(SOCK_STREAM, 1, 1) X(SOCK_DGRAM, 2, 2) X(SOCK_RAW, 3, 3)

/* Socket option levels. Protocol numbers are IANA's everywhere. */
#define ABI_LEVELS(X) \
    X(SOL_SOCKET, 0xffff, 1)   X(IPPROTO_IP, 0, 0)        X(IPPROTO_TCP, 6, 6) \
    X(IPPROTO_IPV6, 41, 41)    X(IPPROTO_UDPLITE, 136, 136) X(IPPROTO_RAW, 255, 255)

/* Socket options lwIP implements: level, name, Ember, lwIP, value kind.
 * One quirk is kept in code: lwIP takes IPV6_CHECKSUM at level IPPROTO_RAW. */
#define ABI_SOCKOPTS(X) \
    X(SOL_SOCKET, SO_ACCEPTCONN, 0x0002, 30, INT) \
    X(SOL_SOCKET, SO_REUSEADDR, 0x0004, 2, INT) \
    X(SOL_SOCKET, SO_KEEPALIVE, 0x0008, 9, INT) \
    X(SOL_SOCKET, SO_BROADCAST, 0x0020, 6, INT) \
    X(SOL_SOCKET, SO_LINGER, 0x0080, 13, LINGER) \
    X(SOL_SOCKET, SO_SNDBUF, 0x1001, 7, INT) \
    X(SOL_SOCKET, SO_RCVBUF, 0x1002, 8, INT) \
    X(SOL_SOCKET, SO_ERROR, 0x1007, 4, ERRNO) \
    X(SOL_SOCKET, SO_TYPE, 0x1008, 3, SOCKTYPE) \
    X(SOL_SOCKET, SO_SNDTIMEO, 0x100b, 21, TIMEVAL) \
    X(SOL_SOCKET, SO_RCVTIMEO, 0x100c, 20, TIMEVAL) \
    X(IPPROTO_IP, IP_TOS, 3, 1, INT) \
    X(IPPROTO_IP, IP_TTL, 4, 2, INT) \
    X(IPPROTO_IP, IP_MULTICAST_IF, 9, 32, IN_ADDR) \
    X(IPPROTO_IP, IP_MULTICAST_TTL, 10, 33, BYTE) \
    X(IPPROTO_IP, IP_MULTICAST_LOOP, 11, 34, BYTE) \
    X(IPPROTO_IP, IP_ADD_MEMBERSHIP, 12, 35, IP_MREQ) \
    X(IPPROTO_IP, IP_DROP_MEMBERSHIP, 13, 36, IP_MREQ) \
    X(IPPROTO_TCP, TCP_NODELAY, 1, 1, INT) \
    X(IPPROTO_TCP, TCP_KEEPIDLE, 3, 4, INT) \
    X(IPPROTO_TCP, TCP_KEEPINTVL, 5, 5, INT) \
    X(IPPROTO_TCP, TCP_KEEPCNT, 6, 6, INT) \
    X(IPPROTO_IPV6, IPV6_CHECKSUM, 26, 7, INT) \
    X(IPPROTO_IPV6, IPV6_V6ONLY, 27, 26, INT) \
    X(IPPROTO_IPV6, IPV6_JOIN_GROUP, 12, 20, IPV6_MREQ) \
    X(IPPROTO_IPV6, IPV6_LEAVE_GROUP, 13, 21, IPV6_MREQ) \
    X(IPPROTO_UDPLITE, UDPLITE_SEND_CSCOV, 10, 1, INT) \
    X(IPPROTO_UDPLITE, UDPLITE_RECV_CSCOV, 11, 2, INT)

/* send/recv flags (bits). */
#define ABI_MSGFLAGS(X) \
    X(MSG_OOB, 0x1, 0x1)       X(MSG_PEEK, 0x2, 0x2)      X(MSG_DONTROUTE, 0x4, 0x4) \
    X(MSG_EOR, 0x8, 0x80)      X(MSG_TRUNC, 0x10, 0x20)   X(MSG_CTRUNC, 0x20, 0x8) \
    X(MSG_WAITALL, 0x40, 0x100) X(MSG_DONTWAIT, 0x80, 0x40) X(MSG_NOSIGNAL, 0x400, 0x4000)

/* poll events (bits). */
#define ABI_POLLBITS(X) \
    X(POLLIN, 0x1, 0x1)        X(POLLPRI, 0x2, 0x2)       X(POLLOUT, 0x4, 0x4) \
    X(POLLERR, 0x8, 0x8)       X(POLLHUP, 0x10, 0x10)     X(POLLNVAL, 0x20, 0x20) \
    X(POLLRDNORM, 0x40, 0x40)  X(POLLRDBAND, 0x80, 0x80)  X(POLLWRNORM, 0x100, 0x100) \
    X(POLLWRBAND, 0x200, 0x200)

/* File status flags seen through lwip_fcntl (F_GETFL 3 and F_SETFL 4 in both;
 * the access mode in the low two bits is the same too). */
#define ABI_FILEFLAGS(X) X(O_NONBLOCK, 0x4000, 0x800)

/* ioctl requests lwip_ioctl answers. */
/* Ember's encode direction and size (<sys/ioctl.h>: _IOR is 2 << 30). */
#define ABI_IOCTLS(X) X(FIONREAD, 0x8004667f, 0x541b) X(FIONBIO, 0x4004667e, 0x5421)

// clang-format on

#define ABI_EMB_NAME(name, ember, lwip)          EMB_##name = ember,
#define ABI_LX_NAME(name, ember, lwip)           LX_##name = lwip,
#define ABI_EMB_OPT(level, name, ember, lwip, k) EMB_##name = ember,
#define ABI_LX_OPT(level, name, ember, lwip, k)  LX_##name = lwip,

/* newlib has two numbers Linux folds into others: ENOTSUP (Linux's is
 * EOPNOTSUPP) and EDEADLOCK (Linux's is EDEADLK). */
enum {
    ABI_ERRNOS(ABI_EMB_NAME) EMB_EWOULDBLOCK = EMB_EAGAIN,
    EMB_ENOTSUP = 134,
    EMB_EDEADLOCK = 56
};
enum { ABI_ERRNOS(ABI_LX_NAME) LX_EWOULDBLOCK = LX_EAGAIN, LX_ENOTSUP = LX_EOPNOTSUPP };
enum { ABI_FAMILIES(ABI_EMB_NAME) ABI_SOCKTYPES(ABI_EMB_NAME) ABI_LEVELS(ABI_EMB_NAME) };
enum { ABI_FAMILIES(ABI_LX_NAME) ABI_SOCKTYPES(ABI_LX_NAME) ABI_LEVELS(ABI_LX_NAME) };
enum { ABI_MSGFLAGS(ABI_EMB_NAME) ABI_POLLBITS(ABI_EMB_NAME) ABI_FILEFLAGS(ABI_EMB_NAME) };
enum { ABI_MSGFLAGS(ABI_LX_NAME) ABI_POLLBITS(ABI_LX_NAME) ABI_FILEFLAGS(ABI_LX_NAME) };
enum { ABI_IOCTLS(ABI_EMB_NAME) ABI_IOCTLS(ABI_LX_NAME) };
enum { ABI_SOCKOPTS(ABI_EMB_OPT) };
enum { ABI_SOCKOPTS(ABI_LX_OPT) };

/* Ember's socket-type flags (lwIP has none: the server applies them). */
#define EMB_SOCK_CLOEXEC  0x10000000
#define EMB_SOCK_NONBLOCK 0x20000000
#define EMB_SOCK_FLAGS    (EMB_SOCK_CLOEXEC | EMB_SOCK_NONBLOCK)

/* The clocks lwIP's sys_arch asks for (clock_gettime, condattr_setclock). */
enum {
    LX_CLOCK_REALTIME = 0,
    LX_CLOCK_MONOTONIC = 1,
    LX_CLOCK_MONOTONIC_RAW = 4,
    LX_CLOCK_REALTIME_COARSE = 5,
    LX_CLOCK_MONOTONIC_COARSE = 6,
    LX_CLOCK_BOOTTIME = 7,
};

/* glibc's time structures on x86-64 (newlib's have the same layout; abi.c
 * checks that when built for Ember). */
struct lx_timespec {
    int64_t tv_sec;
    int64_t tv_nsec;
};

struct lx_timeval {
    int64_t tv_sec;
    int64_t tv_usec;
};

/* Socket addresses. lwIP's are Linux's: a 16-bit family first. Ember's are
 * 4.4BSD's: a length byte, then an 8-bit family. Ports and addresses are in
 * network byte order in both. */
struct lx_sockaddr_in {
    uint16_t sin_family;
    uint16_t sin_port;
    uint32_t sin_addr;
    uint8_t sin_zero[8];
};

struct lx_sockaddr_in6 {
    uint16_t sin6_family;
    uint16_t sin6_port;
    uint32_t sin6_flowinfo;
    uint8_t sin6_addr[16];
    uint32_t sin6_scope_id;
};

union lx_sockaddr {
    uint16_t family;
    struct lx_sockaddr_in in;
    struct lx_sockaddr_in6 in6;
};

struct emb_sockaddr_in {
    uint8_t sin_len;
    uint8_t sin_family;
    uint16_t sin_port;
    uint32_t sin_addr;
    uint8_t sin_zero[8];
};

struct emb_sockaddr_in6 {
    uint8_t sin6_len;
    uint8_t sin6_family;
    uint16_t sin6_port;
    uint32_t sin6_flowinfo;
    uint8_t sin6_addr[16];
    uint32_t sin6_scope_id;
};

union emb_sockaddr {
    struct {
        uint8_t len, family;
    } sa;
    struct emb_sockaddr_in in;
    struct emb_sockaddr_in6 in6;
};

/* What an option's value is, so the server knows its size and whether the
 * value itself needs translating. */
enum abi_optkind {
    ABI_OPT_INT,       /* int */
    ABI_OPT_BYTE,      /* unsigned char (an int is accepted too) */
    ABI_OPT_ERRNO,     /* int holding an errno (SO_ERROR) */
    ABI_OPT_SOCKTYPE,  /* int holding a socket type (SO_TYPE) */
    ABI_OPT_TIMEVAL,   /* struct timeval */
    ABI_OPT_LINGER,    /* struct linger: two ints */
    ABI_OPT_IN_ADDR,   /* struct in_addr */
    ABI_OPT_IP_MREQ,   /* struct ip_mreq: two in_addr */
    ABI_OPT_IPV6_MREQ, /* struct ipv6_mreq: in6_addr, unsigned interface index */
};

struct abi_sockopt {
    int level, name; /* lwIP's numbers */
    enum abi_optkind kind;
    size_t size; /* the value's size in bytes, the same on both sides */
};

/* Errors: lwIP's errno (what shim_errno() holds after a failed lwip_* call)
 * to Ember's, and back. Numbers without a counterpart become EIO. */
int abi_errno_from_lwip(int lx_errno);
int abi_errno_to_lwip(int em_errno);

/* Ember's family, type (without EMB_SOCK_FLAGS) or level to lwIP's, or
 * -EAFNOSUPPORT / -EPROTOTYPE / -ENOPROTOOPT. */
int abi_family_to_lwip(int em_family);
int abi_socktype_to_lwip(int em_type);
int abi_socktype_from_lwip(int lx_type);

/* Ember's option to lwIP's; -ENOPROTOOPT if lwIP has no such option. */
int abi_sockopt_to_lwip(int em_level, int em_name, struct abi_sockopt *out);

/* An int option value lwIP returned, in Ember's terms (SO_ERROR, SO_TYPE). */
int abi_optint_from_lwip(enum abi_optkind kind, int lx_value);

/* Flag words: Ember's bits to lwIP's (-EINVAL for a bit lwIP lacks) and
 * lwIP's to Ember's (bits Ember lacks are dropped). */
int abi_msgflags_to_lwip(int em_flags);
int abi_msgflags_from_lwip(int lx_flags);
int abi_pollbits_to_lwip(int em_events);
int abi_pollbits_from_lwip(int lx_events);
int abi_fileflags_to_lwip(int em_flags);
int abi_fileflags_from_lwip(int lx_flags);

/* An ioctl request to lwIP's number, or -ENOTTY. */
long abi_ioctl_to_lwip(long em_request);

/* Socket addresses: len bytes of one side's address to the other's layout.
 * Returns the new length, or -EAFNOSUPPORT / -EINVAL (too short). */
int abi_sockaddr_to_lwip(const void *em_addr, size_t len, union lx_sockaddr *out);
int abi_sockaddr_from_lwip(const void *lx_addr, size_t len, union emb_sockaddr *out);

#endif
