/*
 * Threads: creation, exit, join and detach, attributes, keys.
 *
 * A thread is a kernel thread of this process (sys_fork_thread) on a stack
 * from malloc, with a control block (struct __pthread) that %fs points to.
 * The first pthread_create gives the first thread a block too and turns
 * the C library's locks on. (vm serves every thread's page faults, but brk
 * for a process's first thread only: memory a thread allocates should
 * come from heap the first thread has grown. pthread_create still makes a
 * new stack present at once.)
 *
 * Exit. A thread cannot free the stack it runs on, nor end itself and then
 * tell anyone. So an exiting thread runs its keys' destructors, marks
 * itself THREAD_EXITED, wakes its joiner and then sleeps for good; whoever
 * collects it (pthread_join, or for a detached thread the next
 * pthread_create or pthread_detach) ends the sleeping thread (sys_clear)
 * and only then frees its stack and block.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ember/sys.h>

#include "thread.h"

#define DEFAULT_STACK (256 * 1024)

static struct __pthread first;    /* the process's first thread */
static struct __pthread *threads; /* the others; under list_lock */
static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static void (*destructors[PTHREAD_KEYS_MAX])(void *);
static bool key_used[PTHREAD_KEYS_MAX];
static pthread_mutex_t key_lock = PTHREAD_MUTEX_INITIALIZER;

pthread_t pthread_self(void)
{
    struct __pthread *t = __thread_self();

    return t ? t : &first;
}

int pthread_equal(pthread_t a, pthread_t b)
{
    return a == b;
}

/* The first thread's block, and the locks on; 0 or an error number. */
static int go_multithreaded(void)
{
    if (__libc_threaded)
        return 0;
    first.self = &first;
    first.magic = THREAD_MAGIC;
    if (sys_setfsbase((uint64_t)(uintptr_t)&first) < 0)
        return EAGAIN; /* no thread calls for this process */
    __libc_threads_begin();
    return 0;
}

/* End a thread that has exited and give back its memory; under list_lock. */
static void collect(struct __pthread *t)
{
    for (struct __pthread **pp = &threads; *pp; pp = &(*pp)->next)
        if (*pp == t) {
            *pp = t->next;
            break;
        }
    sys_clear(t->ep, 0);
    free(t->stack);
    free(t);
}

/* Collect the detached threads that have exited; under list_lock. */
static void reap(void)
{
    for (struct __pthread *t = threads, *next; t; t = next) {
        next = t->next;
        if (t->detached && __atomic_load_n(&t->state, __ATOMIC_ACQUIRE) == THREAD_EXITED)
            collect(t);
    }
}

static void *thread_start(void *arg)
{
    struct __pthread *t = arg;

    sys_setfsbase((uint64_t)(uintptr_t)t);
    pthread_exit(t->start(t->arg));
}

int pthread_create(pthread_t *out, const pthread_attr_t *attr, void *(*start)(void *), void *arg)
{
    size_t size = attr && attr->stacksize ? attr->stacksize : DEFAULT_STACK;
    int r = go_multithreaded();

    if (r)
        return r;
    struct __pthread *t = calloc(1, sizeof(*t));
    void *stack = malloc(size);
    if (!t || !stack) {
        free(t);
        free(stack);
        return EAGAIN;
    }
    /* made present here, so the new thread starts without a fault */
    for (size_t off = 0; off < size; off += 4096)
        ((volatile char *)stack)[off] = 0;
    t->self = t;
    t->magic = THREAD_MAGIC;
    t->start = start;
    t->arg = arg;
    t->stack = stack;
    t->detached = attr && attr->detachstate == PTHREAD_CREATE_DETACHED;
    _REENT_INIT_PTR(&t->reent);
    pthread_mutex_lock(&list_lock);
    reap();
    t->next = threads;
    threads = t;
    t->ep = -1; /* not 0 (the first thread's) even before the kernel says */
    r = sys_fork_thread(thread_start, t, (char *)stack + size, "pthread", &t->ep);
    if (r < 0) {
        threads = t->next;
        pthread_mutex_unlock(&list_lock);
        free(stack);
        free(t);
        return EAGAIN;
    }
    pthread_mutex_unlock(&list_lock);
    *out = t;
    return 0;
}

static void run_destructors(struct __pthread *t)
{
    for (int round = 0; round < 4; round++) {
        bool again = false;
        for (int k = 0; k < PTHREAD_KEYS_MAX; k++) {
            void *v = t->tsd[k];
            if (!v || !destructors[k])
                continue;
            t->tsd[k] = NULL;
            destructors[k](v);
            again = true;
        }
        if (!again)
            return;
    }
}

_Noreturn void pthread_exit(void *result)
{
    struct __pthread *t = pthread_self();

    run_destructors(t);
    if (t == &first) {
        /* The process goes on while other threads run: wait for them. */
        for (;;) {
            pthread_mutex_lock(&list_lock);
            reap();
            bool alone = true;
            for (struct __pthread *o = threads; o; o = o->next)
                alone &= o->state == THREAD_EXITED;
            pthread_mutex_unlock(&list_lock);
            if (alone)
                exit(0);
            usleep(10000);
        }
    }
    t->result = result;
    __atomic_store_n(&t->state, THREAD_EXITED, __ATOMIC_RELEASE);
    sys_futex_wake(&t->state, 0xffffffff);
    for (;;)
        sys_futex_wait(&t->parked, 0, 0); /* until collected */
}

int pthread_join(pthread_t t, void **result)
{
    if (t == pthread_self())
        return EDEADLK;
    if (t == &first || t->detached)
        return EINVAL;
    uint32_t s;
    while ((s = __atomic_load_n(&t->state, __ATOMIC_ACQUIRE)) != THREAD_EXITED)
        sys_futex_wait(&t->state, s, 0);
    if (result)
        *result = t->result;
    pthread_mutex_lock(&list_lock);
    collect(t);
    pthread_mutex_unlock(&list_lock);
    return 0;
}

int pthread_detach(pthread_t t)
{
    if (t == &first)
        return 0;
    pthread_mutex_lock(&list_lock);
    int r = t->detached ? EINVAL : 0;
    t->detached = true;
    reap();
    pthread_mutex_unlock(&list_lock);
    return r;
}

int pthread_attr_init(pthread_attr_t *attr)
{
    attr->detachstate = PTHREAD_CREATE_JOINABLE;
    attr->stacksize = DEFAULT_STACK;
    return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
    (void)attr;
    return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
    if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
        return EINVAL;
    attr->detachstate = state;
    return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
    *state = attr->detachstate;
    return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
    if (size < PTHREAD_STACK_MIN)
        return EINVAL;
    attr->stacksize = size;
    return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size)
{
    *size = attr->stacksize;
    return 0;
}

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
    int r = EAGAIN;

    pthread_mutex_lock(&key_lock);
    for (unsigned k = 0; k < PTHREAD_KEYS_MAX; k++)
        if (!key_used[k]) {
            key_used[k] = true;
            destructors[k] = destructor;
            *key = k;
            r = 0;
            break;
        }
    pthread_mutex_unlock(&key_lock);
    return r;
}

int pthread_key_delete(pthread_key_t key)
{
    if (key >= PTHREAD_KEYS_MAX || !key_used[key])
        return EINVAL;
    pthread_mutex_lock(&key_lock);
    key_used[key] = false;
    destructors[key] = NULL;
    pthread_mutex_lock(&list_lock);
    first.tsd[key] = NULL;
    for (struct __pthread *t = threads; t; t = t->next)
        t->tsd[key] = NULL;
    pthread_mutex_unlock(&list_lock);
    pthread_mutex_unlock(&key_lock);
    return 0;
}

void *pthread_getspecific(pthread_key_t key)
{
    return key < PTHREAD_KEYS_MAX ? pthread_self()->tsd[key] : NULL;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
    if (key >= PTHREAD_KEYS_MAX || !key_used[key])
        return EINVAL;
    pthread_self()->tsd[key] = (void *)value;
    return 0;
}
