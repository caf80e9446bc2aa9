/*
 * posixtest: shared by the cases. Portable POSIX C: the same sources build
 * for Ember and for the Linux host, where every expectation is checked
 * against a reference system first.
 *
 * A case is a function returning 0 (passed) or -1 (failed, with the reason
 * recorded by fail_at()). It runs in a process of its own; a check inside
 * a child of that process reports through the same mechanism (child.c).
 */
#ifndef POSIXTEST_H
#define POSIXTEST_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct pt_case {
    const char *name;
    bool slow;
    int timeout_s; /* the case process is killed after this long */
    int (*run)(void);
};

#define REASON_MAX 1500

/* Add a reason why the current process failed (they accumulate); -1.
   FAIL and the EXPECT macros return at once, SOFT_* go on. */
int fail_at(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* -1 if this process has failed anything, else 0. */
int soft_result(void);
const char *fail_reason(void);

#define FAIL(...) return fail_at(__FILE__, __LINE__, __VA_ARGS__)

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond))                                                                               \
            FAIL(__VA_ARGS__);                                                                     \
    } while (0)

/* A step that records its own reason when it fails. */
#define TRY(expr)                                                                                  \
    do {                                                                                           \
        if ((expr) < 0)                                                                            \
            return -1;                                                                             \
    } while (0)

/* A call that must not return -1. */
#define EXPECT_OK(expr)                                                                            \
    do {                                                                                           \
        errno = 0;                                                                                 \
        if ((long)(expr) == -1)                                                                    \
            FAIL("%s failed: %s", #expr, errname(errno));                                          \
    } while (0)

/* A call that must return the given value. */
#define EXPECT_EQ(expr, want)                                                                      \
    do {                                                                                           \
        errno = 0;                                                                                 \
        long got_ = (long)(expr);                                                                  \
        int err_ = errno;                                                                          \
        if (got_ != (long)(want))                                                                  \
            FAIL("%s = %ld%s%s, expected %ld", #expr, got_, got_ == -1 ? " errno " : "",           \
                 got_ == -1 ? errname(err_) : "", (long)(want));                                   \
    } while (0)

/* A call that must fail with -1 and the given errno. */
#define EXPECT_ERR(expr, err)                                                                      \
    do {                                                                                           \
        errno = 0;                                                                                 \
        long got_ = (long)(expr);                                                                  \
        int err_ = errno;                                                                          \
        if (got_ != -1 || err_ != (err))                                                           \
            FAIL("%s = %ld errno %s, expected -1 errno %s", #expr, got_, errname(err_),            \
                 errname(err));                                                                    \
    } while (0)

/* The same, where either of two errors is allowed by POSIX. */
#define EXPECT_ERR2(expr, err1, err2)                                                              \
    do {                                                                                           \
        errno = 0;                                                                                 \
        long got_ = (long)(expr);                                                                  \
        int err_ = errno;                                                                          \
        if (got_ != -1 || (err_ != (err1) && err_ != (err2)))                                      \
            FAIL("%s = %ld errno %s, expected -1 errno %s or %s", #expr, got_, errname(err_),      \
                 errname(err1), errname(err2));                                                    \
    } while (0)

/* Soft checks: a failure is noted and the case goes on to the next check;
   the case ends with return soft_result(). */
#define SOFT_OK(expr)                                                                              \
    do {                                                                                           \
        errno = 0;                                                                                 \
        if ((long)(expr) == -1)                                                                    \
            fail_at(__FILE__, __LINE__, "%s failed: %s", #expr, errname(errno));                   \
    } while (0)

#define SOFT_ERR(expr, err)                                                                        \
    do {                                                                                           \
        errno = 0;                                                                                 \
        long got_ = (long)(expr);                                                                  \
        int err_ = errno;                                                                          \
        if (got_ != -1 || err_ != (err))                                                           \
            fail_at(__FILE__, __LINE__, "%s = %ld errno %s, expected -1 errno %s", #expr, got_,    \
                    errname(err_), errname(err));                                                  \
    } while (0)

#define SOFT_CHECK(cond, ...)                                                                      \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fail_at(__FILE__, __LINE__, __VA_ARGS__);                                              \
    } while (0)

/* names.c */
const char *errname(int err);
const char *signame(int sig);
const char *describe_status(int status, char *buf, size_t len);

/* child.c: children that report their own failures. */
struct child {
    pid_t pid;
    int report; /* read end of the child's reason pipe, or -1 */
};

extern int report_fd; /* where this process sends its reason, or -1 */

pid_t fork_child(void);
_Noreturn void child_exit(int result);
int start_child(struct child *c, int (*fn)(void *), void *arg);
int wait_timeout(pid_t pid, int *status, int timeout_ms);
int finish_child(struct child *c, int *status, char *why, size_t len, int timeout_ms);
int expect_child_ok(struct child *c, const char *file, int line);
int expect_returns(int (*fn)(void *), void *arg, int timeout_ms, const char *what, const char *file,
                   int line);
int expect_exit(pid_t pid, int code, const char *file, int line);
int expect_signal(pid_t pid, int sig, const char *file, int line);
pid_t dead_pid(void);

/* Run fn(arg) in a child that must exit 0. */
#define RUN_CHILD(fn, arg)                                                                         \
    do {                                                                                           \
        struct child c_;                                                                           \
        TRY(start_child(&c_, (fn), (arg)));                                                        \
        TRY(expect_child_ok(&c_, __FILE__, __LINE__));                                             \
    } while (0)

/* Run fn(arg) in a child that must exit 0 within ms: for calls that might
   block for good where they should return. */
#define RUN_BOUNDED(fn, arg, ms, what)                                                             \
    TRY(expect_returns((fn), (arg), (ms), (what), __FILE__, __LINE__))

#define EXPECT_EXIT(pid, code)  TRY(expect_exit((pid), (code), __FILE__, __LINE__))
#define EXPECT_SIGNAL(pid, sig) TRY(expect_signal((pid), (sig), __FILE__, __LINE__))
#define CHILD_TIMEOUT_MS        10000

/* util.c */
extern const char *self_path; /* absolute path of this program, for exec */
long now_ms(void);
void sleep_ms(long ms);
ssize_t write_all(int fd, const void *buf, size_t len);
ssize_t read_all(int fd, void *buf, size_t len);
int read_within(int fd, void *buf, size_t len, int timeout_ms);
int make_file(const char *path, const char *text, int mode);
int file_equals(const char *path, const char *text);
int rm_tree(const char *path);
int drop_privileges(void);
void touch_pages(volatile char *p, size_t len, char value);

#define TEST_UID 1234
#define TEST_GID 5678

/* helpers.c: posixtest --child NAME ARGS..., the programs exec tests run. */
int run_helper(int argc, char **argv);

/* The cases, by area. */
#define PT_CASE(name, slow, timeout_s) int name(void);
#include "cases.h"
#undef PT_CASE

#endif
