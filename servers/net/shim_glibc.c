/*
 * The rest of glibc's ABI that lwIP imports: the fortified (__*_chk)
 * functions _FORTIFY_SOURCE substituted, the ctype table behind isdigit and
 * friends, clock_gettime with Linux's clock numbers, and the refusals.
 *
 * Fortified functions check the destination size the compiler knew and end
 * the process on overflow, as glibc's __chk_fail does; then they do the
 * plain C library's work. The printf-family ones ignore the flag (glibc's
 * %n checks) since the formats are lwIP's own constants.
 *
 * __ctype_b_loc returns glibc's classification table for the C locale:
 * 384 unsigned shorts indexed from -128, with glibc's bit assignment (on a
 * little-endian machine _ISbit(n) is bit n+8 for n < 8 and bit n-8 above).
 * lwIP's address parsers use isdigit, isxdigit, isspace and islower through
 * it. Characters 128-255 and EOF have no class, as in glibc's C locale.
 *
 * clock_gettime is the shim's because lwIP passes Linux's clock numbers
 * (CLOCK_MONOTONIC is 1 there, 4 in newlib). The time structure's layout is
 * the same in both libraries.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "plat.h"
#include "shim.h"

#define NS_PER_SEC 1000000000ull

static _Noreturn void chk_fail(const char *what)
{
    fprintf(stderr, "net: buffer overflow detected by %s in lwIP\n", what);
    shim_fatal("fortified function failed");
}

void *shim_memcpy_chk(void *dst, const void *src, size_t len, size_t dstlen)
{
    if (dstlen < len)
        chk_fail("__memcpy_chk");
    return memcpy(dst, src, len);
}

int shim_printf_chk(int flag, const char *fmt, ...)
{
    va_list ap;

    (void)flag;
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

int shim_snprintf_chk(char *s, size_t maxlen, int flag, size_t slen, const char *fmt, ...)
{
    va_list ap;

    (void)flag;
    if (slen < maxlen)
        chk_fail("__snprintf_chk");
    va_start(ap, fmt);
    int n = vsnprintf(s, maxlen, fmt, ap);
    va_end(ap);
    return n;
}

/* FD_SET's index check: the word of a 1024-bit fd_set that holds fd. */
long shim_fdelt_chk(long fd)
{
    if (fd < 0 || fd >= 1024)
        chk_fail("__fdelt_chk");
    return fd / 64;
}

/* glibc's class bits (little-endian _ISbit). */
enum {
    CT_UPPER = 1 << 8,
    CT_LOWER = 1 << 9,
    CT_ALPHA = 1 << 10,
    CT_DIGIT = 1 << 11,
    CT_XDIGIT = 1 << 12,
    CT_SPACE = 1 << 13,
    CT_PRINT = 1 << 14,
    CT_GRAPH = 1 << 15,
    CT_BLANK = 1 << 0,
    CT_CNTRL = 1 << 1,
    CT_PUNCT = 1 << 2,
    CT_ALNUM = 1 << 3,
};

#define CT(c)       [128 + (c)]
#define CTR(lo, hi) [128 + (lo)... 128 + (hi)]
#define PUNCT       (CT_PUNCT | CT_PRINT | CT_GRAPH)
#define UPPER       (CT_UPPER | CT_ALPHA | CT_ALNUM | CT_PRINT | CT_GRAPH)
#define LOWER       (CT_LOWER | CT_ALPHA | CT_ALNUM | CT_PRINT | CT_GRAPH)

static const uint16_t ctype_table[384] = {
    CTR(0, 8) = CT_CNTRL,
    CT('\t') = CT_CNTRL | CT_SPACE | CT_BLANK,
    CTR('\n', '\r') = CT_CNTRL | CT_SPACE,
    CTR(14, 31) = CT_CNTRL,
    CT(' ') = CT_SPACE | CT_BLANK | CT_PRINT,
    CTR('!', '/') = PUNCT,
    CTR('0', '9') = CT_DIGIT | CT_XDIGIT | CT_ALNUM | CT_PRINT | CT_GRAPH,
    CTR(':', '@') = PUNCT,
    CTR('A', 'F') = UPPER | CT_XDIGIT,
    CTR('G', 'Z') = UPPER,
    CTR('[', '`') = PUNCT,
    CTR('a', 'f') = LOWER | CT_XDIGIT,
    CTR('g', 'z') = LOWER,
    CTR('{', '~') = PUNCT,
    CT(127) = CT_CNTRL,
};

static const uint16_t *ctype_origin = ctype_table + 128;

const uint16_t **shim_ctype_b_loc(void)
{
    return &ctype_origin;
}

int64_t shim_clock_now(int lx_clock)
{
    switch (lx_clock) {
    case LX_CLOCK_REALTIME:
    case LX_CLOCK_REALTIME_COARSE:
        return (int64_t)plat_wall_ns();
    case LX_CLOCK_MONOTONIC:
    case LX_CLOCK_MONOTONIC_RAW:
    case LX_CLOCK_MONOTONIC_COARSE:
    case LX_CLOCK_BOOTTIME:
        return (int64_t)plat_time_ns();
    }
    return -1;
}

int shim_clock_gettime(int lx_clock, struct lx_timespec *ts)
{
    int64_t now = shim_clock_now(lx_clock);

    if (now < 0) {
        shim_self()->lx_errno = LX_EINVAL;
        return -1;
    }
    ts->tv_sec = now / (int64_t)NS_PER_SEC;
    ts->tv_nsec = now % (int64_t)NS_PER_SEC;
    return 0;
}

/* lwIP's errno is not the C library's, so its perror cannot print it. */
void shim_perror(const char *s)
{
    const char *sep = s && *s ? ": " : "";

    fprintf(stderr, "%s%slwIP errno %d\n", s ? s : "", sep, shim_errno());
}

/* Stands in for the POSIX calls only lwIP's serial and tap drivers make
 * (open, read, write, ioctl, fcntl, select, sigaction, system, tc*): the
 * server has no such devices to give them. Every one of them reports
 * failure as -1 with errno set, and the x86-64 calling convention lets one
 * function that ignores its arguments serve them all. */
long shim_unsupported(void)
{
    shim_self()->lx_errno = LX_ENOSYS;
    return -1;
}
