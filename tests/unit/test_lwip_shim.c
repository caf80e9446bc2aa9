/*
 * The glibc-ABI shim and the translation tables of the network server
 * (servers/net), on the host, without lwIP: the shim's thread blocks, its
 * mutexes and condition variables on host futexes (timed waits included),
 * its glibc look-alikes (ctype, clocks, fortified functions, refusals), and
 * abi.c's tables. The lwIP column of those tables and the shim's storage
 * types are checked here at compile time against glibc's headers (and
 * lwIP's, for the two constants lwIP defines itself); the Ember column of
 * the errno table against newlib's header when newlib has been built.
 * test_lwip_loader.c runs lwIP itself on all of it.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* glibc's <netinet/tcp.h> and lwipopts.h both define TCP_MSS; lwIP's
 * posix/sockets.h supplies the UDP-Lite options glibc lacks. */
#include <netinet/tcp.h>
#undef TCP_MSS
#include "lwip/sockets.h"

#include "abi.h"
#include "shim.h"

#define MS 1000000ll

/* The lwIP column of abi.h is glibc's (or lwIP's own where glibc has none). */
#define GLIBC_SAYS(name, ember, lwip)        _Static_assert(lwip == name, #name);
#define GLIBC_SAYS_OPT(level, name, e, l, k) _Static_assert(l == name, #name);
ABI_ERRNOS(GLIBC_SAYS)
ABI_FAMILIES(GLIBC_SAYS)
ABI_SOCKTYPES(GLIBC_SAYS)
ABI_LEVELS(GLIBC_SAYS)
ABI_MSGFLAGS(GLIBC_SAYS)
ABI_POLLBITS(GLIBC_SAYS)
ABI_FILEFLAGS(GLIBC_SAYS)
ABI_IOCTLS(GLIBC_SAYS)
ABI_SOCKOPTS(GLIBC_SAYS_OPT)
_Static_assert(LX_CLOCK_REALTIME == CLOCK_REALTIME && LX_CLOCK_MONOTONIC == CLOCK_MONOTONIC &&
                   LX_CLOCK_BOOTTIME == CLOCK_BOOTTIME,
               "clocks");
_Static_assert(sizeof(pthread_mutex_t) == sizeof(struct lx_mutex) &&
                   offsetof(pthread_mutex_t, __data.__kind) == offsetof(struct lx_mutex, kind),
               "pthread_mutex_t");
_Static_assert(sizeof(pthread_cond_t) == sizeof(struct lx_cond), "pthread_cond_t");
_Static_assert(sizeof(pthread_condattr_t) == sizeof(struct lx_condattr), "pthread_condattr_t");
_Static_assert(sizeof(pthread_mutexattr_t) == sizeof(struct lx_mutexattr), "pthread_mutexattr_t");
_Static_assert(sizeof(pthread_t) == sizeof(lx_pthread_t), "pthread_t");
_Static_assert(sizeof(struct timespec) == sizeof(struct lx_timespec) &&
                   sizeof(struct timeval) == sizeof(struct lx_timeval),
               "time structures");
_Static_assert(sizeof(struct sockaddr_in) == sizeof(struct lx_sockaddr_in) &&
                   offsetof(struct sockaddr_in, sin_port) ==
                       offsetof(struct lx_sockaddr_in, sin_port) &&
                   offsetof(struct sockaddr_in, sin_addr) ==
                       offsetof(struct lx_sockaddr_in, sin_addr),
               "sockaddr_in");
_Static_assert(sizeof(struct sockaddr_in6) == sizeof(struct lx_sockaddr_in6) &&
                   offsetof(struct sockaddr_in6, sin6_addr) ==
                       offsetof(struct lx_sockaddr_in6, sin6_addr) &&
                   offsetof(struct sockaddr_in6, sin6_scope_id) ==
                       offsetof(struct lx_sockaddr_in6, sin6_scope_id),
               "sockaddr_in6");

static int64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

static void sleep_ms(int ms)
{
    struct timespec ts = { 0, ms * MS };

    nanosleep(&ts, NULL);
}

/* ---- the shim ---- */

static void test_shim_tls_block_layout(void **state)
{
    struct shim_tcb *t = shim_self();

    (void)state;
    assert_ptr_equal(t->self, t);
    assert_ptr_equal(*(void **)t, t);
    assert_int_equal(*(uint64_t *)((char *)t + 0x28), shim_canary());
    assert_int_not_equal(shim_canary(), 0);
    assert_int_equal(shim_canary() & 0xff, 0);
    assert_ptr_equal(shim_errno_location(), &t->lx_errno);
    assert_int_equal(shim_pthread_self(), (lx_pthread_t)(uintptr_t)t);
}

static void test_shim_timed_wait_returns_on_time(void **state)
{
    struct lx_condattr attr;
    struct lx_cond cond;
    struct lx_mutex mutex = { 0 };
    struct lx_timespec deadline;

    (void)state;
    shim_pthread_condattr_init(&attr);
    assert_int_equal(shim_pthread_condattr_setclock(&attr, LX_CLOCK_MONOTONIC), 0);
    assert_int_equal(shim_pthread_condattr_setclock(&attr, 99), LX_EINVAL);
    shim_pthread_cond_init(&cond, &attr);
    assert_int_equal(shim_clock_gettime(LX_CLOCK_MONOTONIC, &deadline), 0);
    int64_t start = now_ns();
    deadline.tv_nsec += 50 * MS;
    if (deadline.tv_nsec >= 1000000000)
        deadline.tv_sec++, deadline.tv_nsec -= 1000000000;
    shim_pthread_mutex_lock(&mutex);
    assert_int_equal(shim_pthread_cond_timedwait(&cond, &mutex, &deadline), LX_ETIMEDOUT);
    int64_t waited = now_ns() - start;
    assert_int_equal(shim_pthread_mutex_unlock(&mutex), 0);
    assert_true(waited >= 50 * MS - MS && waited < 500 * MS);
    deadline.tv_nsec = 1000000000;
    assert_int_equal(shim_pthread_cond_timedwait(&cond, &mutex, &deadline), LX_EINVAL);
}

struct handoff {
    struct lx_mutex mutex;
    struct lx_cond cond;
    int ready, woken, counter;
};

static void *signal_later(void *arg)
{
    struct handoff *h = arg;

    sleep_ms(20);
    shim_pthread_mutex_lock(&h->mutex);
    h->ready = 1;
    shim_pthread_cond_broadcast(&h->cond);
    shim_pthread_mutex_unlock(&h->mutex);
    return NULL;
}

static void *wait_for_ready(void *arg)
{
    struct handoff *h = arg;

    shim_pthread_mutex_lock(&h->mutex);
    while (!h->ready)
        shim_pthread_cond_wait(&h->cond, &h->mutex);
    h->woken++;
    shim_pthread_cond_broadcast(&h->cond);
    shim_pthread_mutex_unlock(&h->mutex);
    return NULL;
}

static lx_pthread_t threads[16]; /* keeps the shim's thread blocks reachable */
static int nthreads;

static void spawn(void *(*fn)(void *), void *arg)
{
    assert_true(nthreads < 16);
    assert_int_equal(shim_pthread_create(&threads[nthreads++], NULL, fn, arg), 0);
}

static void test_shim_condition_wakes_waiters(void **state)
{
    static struct handoff h; /* the threads may outlive this frame */
    struct lx_timespec deadline;

    (void)state;
    memset(&h, 0, sizeof(h));
    for (int i = 0; i < 3; i++)
        spawn(wait_for_ready, &h);
    spawn(signal_later, &h);
    shim_clock_gettime(LX_CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 5;
    int64_t start = now_ns();
    shim_pthread_mutex_lock(&h.mutex);
    while (h.woken < 3)
        assert_int_equal(shim_pthread_cond_timedwait(&h.cond, &h.mutex, &deadline), 0);
    shim_pthread_mutex_unlock(&h.mutex);
    assert_true(now_ns() - start < 2000 * MS);
}

/* A counting thread's end: tell the test it is done. */
static void *counted(struct handoff *h)
{
    shim_pthread_mutex_lock(&h->mutex);
    h->woken++;
    shim_pthread_cond_signal(&h->cond);
    shim_pthread_mutex_unlock(&h->mutex);
    return NULL;
}

/* Run four threads of fn on a fresh h until each is done; h->counter. */
static int count_with(void *(*fn)(void *), struct handoff *h)
{
    memset(h, 0, sizeof(*h));
    for (int i = 0; i < 4; i++)
        spawn(fn, h);
    shim_pthread_mutex_lock(&h->mutex);
    while (h->woken < 4)
        shim_pthread_cond_wait(&h->cond, &h->mutex);
    shim_pthread_mutex_unlock(&h->mutex);
    return h->counter;
}

static void *count_under_lock(void *arg)
{
    struct handoff *h = arg;

    for (int i = 0; i < 20000; i++) {
        shim_pthread_mutex_lock(&h->mutex);
        h->counter++;
        shim_pthread_mutex_unlock(&h->mutex);
    }
    return counted(h);
}

static void test_shim_mutex_excludes(void **state)
{
    static struct handoff h; /* the threads may outlive this frame */

    (void)state;
    assert_int_equal(count_with(count_under_lock, &h), 4 * 20000);
}

/* sys_arch_protect as lwIP uses it: nested protects in one thread, and
 * threads that exclude each other between the outermost pair. */
static void *count_protected(void *arg)
{
    struct handoff *h = arg;

    for (int i = 0; i < 20000; i++) {
        int level = shim_sys_arch_protect();
        shim_sys_arch_protect(); /* nested, as pbuf_free inside memp code */
        int seen = h->counter;   /* a read and a late write: lost without the lock */
        for (volatile int k = 0; k < 50; k++)
            ;
        h->counter = seen + 1;
        shim_sys_arch_unprotect(level);
        shim_sys_arch_unprotect(level);
    }
    return counted(h);
}

static void test_shim_protect_is_recursive_and_excludes(void **state)
{
    static struct handoff h;

    (void)state;
    shim_sys_arch_unprotect(0); /* not held: nothing, as lwIP's port */
    assert_int_equal(count_with(count_protected, &h), 4 * 20000);
}

/* glibc's static initialisers and attributes mean what they say to the shim. */
static void test_shim_mutex_kinds(void **state)
{
    pthread_mutex_t glibc_recursive = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
    struct lx_mutex *m = (struct lx_mutex *)&glibc_recursive, checked;
    struct lx_mutexattr attr;

    (void)state;
    assert_int_equal(shim_pthread_mutex_lock(m), 0);
    assert_int_equal(shim_pthread_mutex_lock(m), 0);
    assert_int_equal(shim_pthread_mutex_destroy(m), LX_EBUSY);
    assert_int_equal(shim_pthread_mutex_unlock(m), 0);
    assert_int_equal(shim_pthread_mutex_unlock(m), 0);
    assert_int_equal(shim_pthread_mutex_unlock(m), LX_EPERM);
    assert_int_equal(shim_pthread_mutex_destroy(m), 0);
    shim_pthread_mutexattr_init(&attr);
    assert_int_equal(shim_pthread_mutexattr_settype(&attr, 7), LX_EINVAL);
    assert_int_equal(shim_pthread_mutexattr_settype(&attr, LX_MUTEX_ERRORCHECK), 0);
    shim_pthread_mutex_init(&checked, &attr);
    assert_int_equal(shim_pthread_mutex_lock(&checked), 0);
    assert_int_equal(shim_pthread_mutex_lock(&checked), LX_EDEADLK);
    assert_int_equal(shim_pthread_mutex_trylock(&checked), LX_EBUSY);
    assert_int_equal(shim_pthread_mutex_unlock(&checked), 0);
    assert_int_equal(shim_pthread_mutex_trylock(&checked), 0);
    assert_int_equal(shim_pthread_mutex_unlock(&checked), 0);

    pthread_condattr_t glibc_attr; /* glibc encodes the clock as the shim does */
    pthread_condattr_init(&glibc_attr);
    pthread_condattr_setclock(&glibc_attr, CLOCK_MONOTONIC);
    struct lx_condattr mine;
    shim_pthread_condattr_init(&mine);
    shim_pthread_condattr_setclock(&mine, LX_CLOCK_MONOTONIC);
    assert_memory_equal(&glibc_attr, &mine, sizeof(mine));
}

static void test_shim_ctype_matches_glibc(void **state)
{
    const uint16_t *mine = *shim_ctype_b_loc();
    const unsigned short *glibc = *__ctype_b_loc();

    (void)state;
    for (int c = -128; c < 256; c++)
        if (mine[c] != glibc[c])
            fail_msg("class of %d: shim %#x, glibc %#x", c, mine[c], glibc[c]);
}

static void test_shim_clock_gettime(void **state)
{
    struct lx_timespec mine;
    struct timespec host;

    (void)state;
    assert_int_equal(shim_clock_gettime(LX_CLOCK_MONOTONIC, &mine), 0);
    clock_gettime(CLOCK_MONOTONIC, &host);
    int64_t gap = (host.tv_sec - mine.tv_sec) * 1000000000ll + (host.tv_nsec - mine.tv_nsec);
    assert_true(gap >= 0 && gap < 50 * MS);
    assert_int_equal(shim_clock_gettime(99, &mine), -1);
    assert_int_equal(shim_errno(), LX_EINVAL);
}

/* Runs fn in a child with stderr closed; true if it died of SIGABRT. */
static int aborts(void (*fn)(void))
{
    pid_t pid = fork();
    int status;

    if (pid == 0) {
        close(2);
        fn();
        _exit(0);
    }
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void overflow_memcpy(void)
{
    char small[4];

    shim_memcpy_chk(small, "0123456789", 10, sizeof(small));
}

static void smash_stack(void)
{
    shim_stack_chk_fail();
}

static void test_shim_fortified_functions(void **state)
{
    char buf[16];

    (void)state;
    assert_ptr_equal(shim_memcpy_chk(buf, "abc", 4, sizeof(buf)), buf);
    assert_int_equal(shim_snprintf_chk(buf, sizeof(buf), 1, sizeof(buf), "%d-%s", 42, "x"), 4);
    assert_string_equal(buf, "42-x");
    assert_int_equal(shim_fdelt_chk(130), 2);
    assert_true(aborts(overflow_memcpy));
    assert_true(aborts(smash_stack));
}

static void test_shim_refuses_serial_port_calls(void **state)
{
    int (*open_fn)(const char *, int) = (int (*)(const char *, int))shim_resolve("open", NULL);
    int (*tcgetattr_fn)(int, void *) = (int (*)(int, void *))shim_resolve("tcgetattr", NULL);
    char termios[64];

    (void)state;
    assert_int_equal(open_fn("/dev/ttyS0", 2), -1);
    assert_int_equal(shim_errno(), LX_ENOSYS);
    assert_int_equal(tcgetattr_fn(3, termios), -1);
    assert_null(shim_resolve("_ITM_registerTMCloneTable", NULL));
}

/* ---- the translation tables ---- */

static void test_abi_errno_round_trip(void **state)
{
#define ROUND_TRIP(name, ember, lwip)                                                              \
    assert_int_equal(abi_errno_from_lwip(lwip), ember);                                            \
    assert_int_equal(abi_errno_to_lwip(ember), lwip);
    (void)state;
    ABI_ERRNOS(ROUND_TRIP)
    assert_int_equal(abi_errno_from_lwip(LX_EADDRINUSE), 112);
    assert_int_equal(abi_errno_from_lwip(LX_EWOULDBLOCK), EMB_EAGAIN);
    assert_int_equal(abi_errno_from_lwip(EKEYREVOKED), EMB_EIO); /* Linux only */
    assert_int_equal(abi_errno_from_lwip(-5), EMB_EIO);
    assert_int_equal(abi_errno_from_lwip(0), 0);
    assert_int_equal(abi_errno_to_lwip(EMB_ENOTSUP), LX_EOPNOTSUPP);
    assert_int_equal(abi_errno_to_lwip(EMB_EDEADLOCK), LX_EDEADLK);
    assert_int_equal(abi_errno_to_lwip(1000), LX_EIO);
}

/* The Ember column against newlib's own header, when it has been built. */
static void test_abi_errno_matches_newlib(void **state)
{
    FILE *f = fopen(NEWLIB_ERRNO_H, "r");
    char line[256], name[64];
    int value, checked = 0;

    (void)state;
    if (!f)
        skip();
    while (fgets(line, sizeof(line), f)) {
        if (sscanf(line, "#define %63s %d", name, &value) != 2 || name[0] != 'E')
            continue;
#define AGAINST_NEWLIB(n, ember, lwip)                                                             \
    if (strcmp(name, #n) == 0 && value != ember)                                                   \
        fail_msg("%s is %d in newlib, %d in abi.h", name, value, ember);                           \
    checked += strcmp(name, #n) == 0;
        ABI_ERRNOS(AGAINST_NEWLIB)
    }
    fclose(f);
    assert_true(checked >= 100);
}

static void test_abi_socket_constants(void **state)
{
    struct abi_sockopt o;

    (void)state;
    assert_int_equal(abi_family_to_lwip(EMB_AF_INET6), AF_INET6);
    assert_int_equal(abi_family_to_lwip(99), -EMB_EAFNOSUPPORT);
    assert_int_equal(abi_socktype_to_lwip(EMB_SOCK_DGRAM), SOCK_DGRAM);
    assert_int_equal(abi_socktype_to_lwip(EMB_SOCK_DGRAM | EMB_SOCK_NONBLOCK), -EMB_EPROTOTYPE);
    assert_int_equal(abi_sockopt_to_lwip(0xffff, 0x100c, &o), 0);
    assert_true(o.level == SOL_SOCKET && o.name == SO_RCVTIMEO && o.kind == ABI_OPT_TIMEVAL);
    assert_int_equal(o.size, sizeof(struct timeval));
    assert_int_equal(abi_sockopt_to_lwip(EMB_IPPROTO_IPV6, EMB_IPV6_CHECKSUM, &o), 0);
    assert_true(o.level == IPPROTO_RAW && o.name == IPV6_CHECKSUM);
    assert_int_equal(abi_sockopt_to_lwip(EMB_SOL_SOCKET, 0x4000, &o), -EMB_ENOPROTOOPT);
    assert_int_equal(abi_sockopt_to_lwip(EMB_IPPROTO_TCP, EMB_TCP_KEEPIDLE, &o), 0);
    assert_true(o.name == TCP_KEEPIDLE && o.size == sizeof(int));
    assert_int_equal(abi_optint_from_lwip(ABI_OPT_ERRNO, ECONNREFUSED), EMB_ECONNREFUSED);
    assert_int_equal(abi_optint_from_lwip(ABI_OPT_SOCKTYPE, SOCK_STREAM), EMB_SOCK_STREAM);
    assert_int_equal(abi_msgflags_to_lwip(EMB_MSG_DONTWAIT | EMB_MSG_PEEK),
                     MSG_DONTWAIT | MSG_PEEK);
    assert_int_equal(abi_msgflags_to_lwip(0x100000), -EMB_EINVAL);
    assert_int_equal(abi_msgflags_from_lwip(MSG_TRUNC | MSG_CONFIRM), EMB_MSG_TRUNC);
    assert_int_equal(abi_pollbits_to_lwip(EMB_POLLIN | EMB_POLLOUT), POLLIN | POLLOUT);
    assert_int_equal(abi_fileflags_to_lwip(EMB_O_NONBLOCK | 2), O_NONBLOCK | O_RDWR);
    assert_int_equal(abi_fileflags_from_lwip(O_NONBLOCK | O_RDWR), EMB_O_NONBLOCK | 2);
    assert_int_equal(abi_ioctl_to_lwip(EMB_FIONBIO), FIONBIO);
    assert_int_equal(abi_ioctl_to_lwip(0x5401), -EMB_ENOTTY);
}

static void test_abi_socket_addresses(void **state)
{
    struct emb_sockaddr_in6 in6 = { sizeof(in6), EMB_AF_INET6, htons(80), 7, { [15] = 1 }, 3 };
    struct emb_sockaddr_in in = { sizeof(in), EMB_AF_INET, htons(53), htonl(0x7f000001), { 0 } };
    union lx_sockaddr lx;
    union emb_sockaddr back;

    (void)state;
    assert_int_equal(abi_sockaddr_to_lwip(&in6, sizeof(in6), &lx), sizeof(struct sockaddr_in6));
    const struct sockaddr_in6 *glibc6 = (const struct sockaddr_in6 *)&lx;
    assert_true(glibc6->sin6_family == AF_INET6 && glibc6->sin6_port == htons(80));
    assert_true(glibc6->sin6_addr.s6_addr[15] == 1 && glibc6->sin6_scope_id == 3);
    assert_int_equal(abi_sockaddr_from_lwip(&lx, sizeof(lx.in6), &back), sizeof(in6));
    assert_memory_equal(&back.in6, &in6, sizeof(in6));
    assert_int_equal(abi_sockaddr_to_lwip(&in, sizeof(in), &lx), sizeof(struct sockaddr_in));
    assert_true(lx.in.sin_family == AF_INET && lx.in.sin_addr == htonl(0x7f000001));
    assert_int_equal(abi_sockaddr_from_lwip(&lx, sizeof(lx.in), &back), sizeof(in));
    assert_memory_equal(&back.in, &in, sizeof(in));
    assert_int_equal(abi_sockaddr_to_lwip(&in, 8, &lx), -EMB_EINVAL);
    assert_int_equal(abi_sockaddr_to_lwip(&in, 1, &lx), -EMB_EINVAL);
    assert_int_equal(abi_sockaddr_from_lwip(&lx, 0, &back), -EMB_EINVAL);
    in.sin_family = 1;
    assert_int_equal(abi_sockaddr_to_lwip(&in, sizeof(in), &lx), -EMB_EAFNOSUPPORT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shim_tls_block_layout),
        cmocka_unit_test(test_shim_timed_wait_returns_on_time),
        cmocka_unit_test(test_shim_condition_wakes_waiters),
        cmocka_unit_test(test_shim_mutex_excludes),
        cmocka_unit_test(test_shim_protect_is_recursive_and_excludes),
        cmocka_unit_test(test_shim_mutex_kinds),
        cmocka_unit_test(test_shim_ctype_matches_glibc),
        cmocka_unit_test(test_shim_clock_gettime),
        cmocka_unit_test(test_shim_fortified_functions),
        cmocka_unit_test(test_shim_refuses_serial_port_calls),
        cmocka_unit_test(test_abi_errno_round_trip),
        cmocka_unit_test(test_abi_errno_matches_newlib),
        cmocka_unit_test(test_abi_socket_constants),
        cmocka_unit_test(test_abi_socket_addresses),
    };

    if (shim_init() < 0)
        return 1;
    return cmocka_run_group_tests(tests, NULL, NULL);
}
