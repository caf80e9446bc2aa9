/* Time: clocks from pm, sleeping, alarms and interval timers. */
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "call.h"

#define NS 1000000000ull

static long get_time(struct pm_time *t)
{
    message m;

    __msg(&m, PM_GETTIME);
    long r = __server_call(PM_EP, &m);
    *t = m.pm_time;
    return r;
}

int clock_gettime(clockid_t clock, struct timespec *ts)
{
    struct pm_time t;
    long r = get_time(&t);

    if (r < 0)
        return (int)__ret(r);
    uint64_t ns = t.uptime_ns;
    if (clock == CLOCK_REALTIME)
        ns += (uint64_t)t.boottime * NS;
    else if (clock != CLOCK_MONOTONIC && clock != CLOCK_PROCESS_CPUTIME_ID &&
             clock != CLOCK_THREAD_CPUTIME_ID)
        return (int)__ret(-EINVAL);
    ts->tv_sec = (time_t)(ns / NS);
    ts->tv_nsec = (long)(ns % NS);
    return 0;
}

int clock_getres(clockid_t clock, struct timespec *res)
{
    (void)clock;
    if (res) {
        res->tv_sec = 0;
        res->tv_nsec = 1;
    }
    return 0;
}

int gettimeofday(struct timeval *tv, void *tz)
{
    struct timespec ts;

    (void)tz;
    if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
        return -1;
    tv->tv_sec = ts.tv_sec;
    tv->tv_usec = ts.tv_nsec / 1000;
    return 0;
}

int clock_settime(clockid_t clock, const struct timespec *ts)
{
    message m;

    if (clock != CLOCK_REALTIME)
        return (int)__ret(-EINVAL);
    __msg(&m, PM_SETTIME);
    m.pm_time.boottime = ts->tv_sec;
    return (int)__ret(__server_call(PM_EP, &m));
}

int settimeofday(const struct timeval *tv, const struct timezone *tz)
{
    struct timespec ts = { tv->tv_sec, tv->tv_usec * 1000 };

    (void)tz;
    return clock_settime(CLOCK_REALTIME, &ts);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
    message m;

    if (req->tv_nsec < 0 || req->tv_nsec >= (long)NS || req->tv_sec < 0)
        return (int)__ret(-EINVAL);
    __msg(&m, PM_SLEEP);
    m.pm_sleep.ns = (uint64_t)req->tv_sec * NS + (uint64_t)req->tv_nsec;
    long r = __server_call(PM_EP, &m);
    if (r == -EINTR && rem) {
        rem->tv_sec = (time_t)(m.pm_sleep.left_ns / NS);
        rem->tv_nsec = (long)(m.pm_sleep.left_ns % NS);
    }
    return (int)__ret(r);
}

unsigned sleep(unsigned seconds)
{
    struct timespec req = { seconds, 0 }, rem = { 0, 0 };

    if (nanosleep(&req, &rem) < 0)
        return (unsigned)rem.tv_sec + (rem.tv_nsec > 0);
    return 0;
}

int usleep(useconds_t us)
{
    struct timespec req = { us / 1000000, (long)(us % 1000000) * 1000 };

    return nanosleep(&req, NULL);
}

unsigned alarm(unsigned seconds)
{
    message m;

    __msg(&m, PM_ALARM);
    m.pm_alarm.seconds = seconds;
    __server_call(PM_EP, &m);
    return (unsigned)m.pm_alarm.seconds;
}

static long itimer(int which, const struct itimerval *v, struct itimerval *old)
{
    message m;

    __msg(&m, PM_ITIMER);
    m.pm_itimer.which = which;
    if (v) {
        m.pm_itimer.value_us = v->it_value.tv_sec * 1000000 + v->it_value.tv_usec;
        m.pm_itimer.interval_us = v->it_interval.tv_sec * 1000000 + v->it_interval.tv_usec;
    }
    long r = __server_call(PM_EP, &m);
    if (r == 0 && old) {
        old->it_value.tv_sec = m.pm_itimer.value_us / 1000000;
        old->it_value.tv_usec = m.pm_itimer.value_us % 1000000;
        old->it_interval.tv_sec = m.pm_itimer.interval_us / 1000000;
        old->it_interval.tv_usec = m.pm_itimer.interval_us % 1000000;
    }
    return r;
}

int setitimer(int which, const struct itimerval *v, struct itimerval *old)
{
    return (int)__ret(itimer(which, v, old));
}

int getitimer(int which, struct itimerval *v)
{
    struct itimerval keep;

    long r = itimer(which, NULL, v); /* a zero value stops it ... */
    if (r == 0) {
        keep = *v;
        itimer(which, &keep, NULL); /* ... so put it back */
    }
    return (int)__ret(r);
}
