/*
 * threadtest: libc's POSIX threads, in the OS.
 *
 *   threadtest [CASE...]   one line per case, then "threadtest: N passed, N failed"
 *
 * Threads need the kernel's thread calls, which system processes have:
 * run it as a service (service up /usr/tests/threadtest -norestart); it
 * prints on the kernel console. Run as an ordinary process, only the case
 * "ordinary" applies: pthread_create answers EAGAIN there, and mutexes,
 * condition variables and once still work in the one thread.
 *
 * Threads allocate from a heap the first thread has grown and touched:
 * vm does not serve other threads' page faults yet, and pm does not know
 * other threads either (their sleeps fail at once with ESRCH).
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("    %s:%d: ", __FILE__, __LINE__);                                             \
            printf(__VA_ARGS__);                                                                   \
            printf("\n");                                                                          \
            return -1;                                                                             \
        }                                                                                          \
    } while (0)

#define NTHREADS 4
#define ROUNDS   20000

static long long now_ns(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void *square(void *arg)
{
    long v = (long)arg;
    return (void *)(v * v);
}

static int t_create_join(void)
{
    pthread_t t[NTHREADS];

    for (long i = 0; i < NTHREADS; i++)
        CHECK(pthread_create(&t[i], NULL, square, (void *)(i + 2)) == 0, "create %ld", i);
    for (long i = 0; i < NTHREADS; i++) {
        void *r;
        CHECK(pthread_join(t[i], &r) == 0, "join %ld", i);
        CHECK((long)r == (i + 2) * (i + 2), "thread %ld returned %ld", i, (long)r);
    }
    CHECK(pthread_join(pthread_self(), NULL) == EDEADLK, "joining oneself");
    return 0;
}

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *count(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&counter_lock);
        long v = counter;
        if (i % 1000 == 0)
            usleep(100); /* invite a race the lock must prevent */
        counter = v + 1;
        pthread_mutex_unlock(&counter_lock);
    }
    return NULL;
}

static int t_mutex_excludes(void)
{
    pthread_t t[NTHREADS];

    counter = 0;
    for (int i = 0; i < NTHREADS; i++)
        CHECK(pthread_create(&t[i], NULL, count, NULL) == 0, "create");
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    CHECK(counter == (long)NTHREADS * ROUNDS, "counter %ld, want %ld", counter,
          (long)NTHREADS * ROUNDS);
    return 0;
}

static pthread_mutex_t rec;

static void *try_rec(void *arg)
{
    (void)arg;
    return (void *)(long)pthread_mutex_trylock(&rec);
}

static int t_mutex_kinds(void)
{
    pthread_mutexattr_t a;
    pthread_mutex_t ec;
    pthread_t t;
    void *r;

    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&rec, &a);
    CHECK(pthread_mutex_lock(&rec) == 0 && pthread_mutex_lock(&rec) == 0, "recursive lock");
    pthread_create(&t, NULL, try_rec, NULL);
    pthread_join(t, &r);
    CHECK((long)r == EBUSY, "another thread's trylock: %ld", (long)r);
    CHECK(pthread_mutex_unlock(&rec) == 0 && pthread_mutex_unlock(&rec) == 0, "unlock twice");
    CHECK(pthread_mutex_unlock(&rec) == EPERM, "a third unlock");
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&ec, &a);
    CHECK(pthread_mutex_lock(&ec) == 0, "errorcheck lock");
    CHECK(pthread_mutex_lock(&ec) == EDEADLK, "relock says EDEADLK");
    CHECK(pthread_mutex_unlock(&ec) == 0, "errorcheck unlock");
    CHECK(pthread_mutex_destroy(&ec) == 0, "destroy");
    return 0;
}

static pthread_mutex_t q_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t q_cond = PTHREAD_COND_INITIALIZER;
static int queue[64], q_head, q_count;

static void *producer(void *arg)
{
    (void)arg;
    for (int i = 1; i <= 1000; i++) {
        pthread_mutex_lock(&q_lock);
        while (q_count == 64)
            pthread_cond_wait(&q_cond, &q_lock);
        queue[(q_head + q_count++) % 64] = i;
        pthread_cond_broadcast(&q_cond);
        pthread_mutex_unlock(&q_lock);
    }
    return NULL;
}

static int t_cond_producer_consumer(void)
{
    pthread_t t;
    long sum = 0;

    q_head = q_count = 0;
    CHECK(pthread_create(&t, NULL, producer, NULL) == 0, "create");
    for (int got = 0; got < 1000; got++) {
        pthread_mutex_lock(&q_lock);
        while (q_count == 0)
            pthread_cond_wait(&q_cond, &q_lock);
        sum += queue[q_head];
        q_head = (q_head + 1) % 64;
        q_count--;
        pthread_cond_signal(&q_cond);
        pthread_mutex_unlock(&q_lock);
    }
    pthread_join(t, NULL);
    CHECK(sum == 1000L * 1001 / 2, "sum %ld", sum);
    return 0;
}

static int t_cond_timedwait(void)
{
    pthread_condattr_t a;
    pthread_cond_t c;
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    struct timespec deadline;

    pthread_condattr_init(&a);
    CHECK(pthread_condattr_setclock(&a, CLOCK_MONOTONIC) == 0, "setclock");
    pthread_cond_init(&c, &a);
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_nsec += 150000000;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000;
    }
    long long start = now_ns();
    pthread_mutex_lock(&m);
    int r;
    while ((r = pthread_cond_timedwait(&c, &m, &deadline)) == 0)
        ;
    pthread_mutex_unlock(&m);
    long long ms = (now_ns() - start) / 1000000;
    CHECK(r == ETIMEDOUT, "timedwait said %d", r);
    CHECK(ms >= 140 && ms < 2000, "waited %lld ms for 150", ms);
    return 0;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;

static void init_once(void)
{
    usleep(20000);
    once_runs++;
}

static void *call_once(void *arg)
{
    (void)arg;
    pthread_once(&once, init_once);
    return (void *)(long)once_runs;
}

static int t_once(void)
{
    pthread_t t[NTHREADS];

    for (int i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, call_once, NULL);
    for (int i = 0; i < NTHREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        CHECK((long)r == 1, "a thread saw %ld runs after pthread_once", (long)r);
    }
    CHECK(once_runs == 1, "ran %d times", once_runs);
    return 0;
}

static pthread_key_t key;
static int destroyed;

static void destroy(void *v)
{
    __atomic_add_fetch(&destroyed, (int)(long)v, __ATOMIC_SEQ_CST);
}

static void *use_key(void *arg)
{
    pthread_setspecific(key, arg);
    usleep(10000);
    return pthread_getspecific(key);
}

static int t_keys(void)
{
    pthread_t t[NTHREADS];

    CHECK(pthread_key_create(&key, destroy) == 0, "key_create");
    pthread_setspecific(key, (void *)100L);
    for (long i = 0; i < NTHREADS; i++)
        pthread_create(&t[i], NULL, use_key, (void *)(i + 1));
    for (long i = 0; i < NTHREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        CHECK((long)r == i + 1, "thread %ld saw %ld", i, (long)r);
    }
    CHECK((long)pthread_getspecific(key) == 100, "the first thread's value changed");
    CHECK(destroyed == 1 + 2 + 3 + 4, "destructors ran for %d", destroyed);
    return pthread_key_delete(key) == 0 ? 0 : -1;
}

static volatile int errno_ready;

static void *errno_worker(void *arg)
{
    (void)arg;
    close(-1); /* EBADF, in this thread's errno */
    int mine = errno;
    errno_ready = 1;
    while (errno_ready != 2) /* until the first thread has set its own */
        ;
    return (void *)(long)(errno == mine ? mine : -errno);
}

static int t_errno_per_thread(void)
{
    pthread_t t;
    void *r;

    errno = 0;
    errno_ready = 0;
    pthread_create(&t, NULL, errno_worker, NULL);
    while (!errno_ready)
        ;
    CHECK(open("/no/such/file", 0) < 0 && errno == ENOENT, "open");
    errno_ready = 2;
    pthread_join(t, &r);
    CHECK((long)r == EBADF, "the thread's errno is %ld", (long)r);
    CHECK(errno == ENOENT, "ours became %d", errno);
    return 0;
}

static void *churn(void *arg)
{
    unsigned seed = (unsigned)(long)arg;
    void *held[32] = { 0 };

    for (int i = 0; i < 3000; i++) {
        int k = (int)(rand_r(&seed) % 32);
        free(held[k]);
        held[k] = malloc(16 + rand_r(&seed) % 2000);
        if (held[k])
            memset(held[k], k, 16);
    }
    for (int k = 0; k < 32; k++)
        free(held[k]);
    return NULL;
}

static int t_malloc_and_stdio(void)
{
    pthread_t t[NTHREADS];

    for (long i = 0; i < NTHREADS; i++)
        CHECK(pthread_create(&t[i], NULL, churn, (void *)(i + 1)) == 0, "create");
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);
    void *p = malloc(1000);
    CHECK(p != NULL, "malloc after the churn");
    free(p);
    return 0;
}

static void *quick(void *arg)
{
    return arg;
}

static int t_detached_threads_are_reaped(void)
{
    pthread_attr_t a;

    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    for (int i = 0; i < 100; i++) { /* far more than would fit unreaped */
        pthread_t t;
        CHECK(pthread_create(&t, &a, quick, NULL) == 0, "create %d", i);
        if (i % 10 == 9)
            usleep(5000);
    }
    usleep(50000);
    return 0;
}

/* A thread touches heap pages no one has touched yet (fresh from sbrk):
 * vm serves every thread's page faults, not only the first thread's. */
#define FRESH_BYTES (1 << 20)
static volatile int fresh_done;

static void *touch_fresh(void *arg)
{
    volatile char *p = arg;

    for (size_t off = 0; off < FRESH_BYTES; off += 4096)
        p[off] = 1;
    fresh_done = 1;
    return NULL;
}

static int t_thread_page_faults_are_served(void)
{
    char *p = sbrk(FRESH_BYTES);
    pthread_t t;

    CHECK(p != (char *)-1, "sbrk");
    fresh_done = 0;
    CHECK(pthread_create(&t, NULL, touch_fresh, p) == 0, "create");
    for (int i = 0; i < 300 && !fresh_done; i++)
        usleep(10000);
    CHECK(fresh_done, "the thread did not get through its page faults");
    CHECK(pthread_join(t, NULL) == 0, "join");
    return 0;
}

/* In an ordinary process: no threads, working synchronisation. */
static int t_ordinary(void)
{
    pthread_t t;
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t c = PTHREAD_COND_INITIALIZER;

    CHECK(pthread_create(&t, NULL, quick, NULL) == EAGAIN, "pthread_create did not say EAGAIN");
    CHECK(pthread_mutex_lock(&m) == 0 && pthread_mutex_trylock(&m) == EBUSY, "mutex");
    CHECK(pthread_cond_signal(&c) == 0, "signal");
    CHECK(pthread_mutex_unlock(&m) == 0, "unlock");
    pthread_once(&once, init_once);
    CHECK(once_runs == 1, "once");
    return 0;
}

static const struct {
    const char *name;
    int (*run)(void);
    bool threads;
} cases[] = {
    { "create_join", t_create_join, true },
    { "mutex_excludes", t_mutex_excludes, true },
    { "mutex_kinds", t_mutex_kinds, true },
    { "cond_producer_consumer", t_cond_producer_consumer, true },
    { "cond_timedwait", t_cond_timedwait, true },
    { "once", t_once, true },
    { "keys", t_keys, true },
    { "errno_per_thread", t_errno_per_thread, true },
    { "malloc_and_stdio", t_malloc_and_stdio, true },
    { "detached_threads_are_reaped", t_detached_threads_are_reaped, true },
    { "thread_page_faults_are_served", t_thread_page_faults_are_served, true },
    { "ordinary", t_ordinary, false },
};

/* A heap the threads can use (see the top). */
static void reserve_heap(void)
{
    mallopt(M_TRIM_THRESHOLD, -1);
    volatile char *p = malloc(4 << 20);
    for (size_t off = 0; p && off < (4 << 20); off += 4096)
        p[off] = 0;
    free((void *)p);
}

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;

    reserve_heap();
    for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        bool chosen = argc < 2 ? cases[i].threads : false;
        for (int a = 1; a < argc; a++)
            chosen |= strcmp(argv[a], cases[i].name) == 0;
        if (!chosen)
            continue;
        int r = cases[i].run();
        printf("threadtest: %s %s\n", cases[i].name, r == 0 ? "ok" : "FAIL");
        fflush(stdout);
        r == 0 ? passed++ : failed++;
    }
    printf("threadtest: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
