/* Processes: many children at once, copy-on-write, children that crash. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "posixtest.h"

#define NCHILDREN 200

static int exit_code_of(int i)
{
    return (i * 37 + 11) & 0xff;
}

/* Reap n children of pids[] (any order); each must exit with its code. */
static int reap_all(const pid_t *pids, int n)
{
    bool *seen = calloc((size_t)n, sizeof(bool));
    long deadline = now_ms() + 60000;
    int reaped = 0;

    CHECK(seen, "calloc");
    while (reaped < n) {
        int st;
        pid_t r = waitpid(-1, &st, WNOHANG);
        if (r == 0 && now_ms() < deadline) {
            sleep_ms(5);
            continue;
        }
        if (r <= 0) {
            free(seen);
            FAIL("%d of %d children reaped, then waitpid: %s", reaped, n,
                 r == 0 ? "the rest did not exit in 60 s" : errname(errno));
        }
        int i = 0;
        while (i < n && pids[i] != r)
            i++;
        if (i == n || seen[i] || !WIFEXITED(st) || WEXITSTATUS(st) != exit_code_of(i)) {
            char how[64];
            free(seen);
            FAIL("wait returned pid %d (child #%d, %s), expected exit %d once", (int)r, i,
                 describe_status(st, how, sizeof(how)), i < n ? exit_code_of(i) : -1);
        }
        seen[i] = true;
        reaped++;
    }
    free(seen);
    return 0;
}

/* All children are forked first and wait at a gate; then all are reaped. */
int fork_200_concurrent_children(void)
{
    pid_t pids[NCHILDREN];
    int gate[2];

    EXPECT_OK(pipe(gate));
    for (int i = 0; i < NCHILDREN; i++) {
        pids[i] = fork_child();
        if (pids[i] == 0) {
            char c;
            close(gate[1]);
            read(gate[0], &c, 1);
            _exit(exit_code_of(i));
        }
        if (pids[i] < 0) {
            int err = errno;
            close(gate[1]);
            reap_all(pids, i);
            FAIL("fork of child #%d failed: %s", i, errname(err));
        }
    }
    close(gate[0]);
    close(gate[1]);
    TRY(reap_all(pids, NCHILDREN));
    EXPECT_ERR(wait(NULL), ECHILD);
    return 0;
}

/* Copy-on-write: the same page of global data, stack, a small and a large
   heap block (part touched before fork, part never touched). */
#define BIG (4u << 20)
static char global_page[4096];

struct areas {
    char *stack, *small, *big;
};

static void fill(const struct areas *a, char v)
{
    memset(global_page, v, sizeof(global_page));
    memset(a->stack, v, 4096);
    memset(a->small, v, 100);
    memset(a->big, v, BIG);
}

static int all_equal(const char *p, size_t len, char v)
{
    for (size_t i = 0; i < len; i++)
        if (p[i] != v)
            return (int)i;
    return -1;
}

static int expect_areas(const struct areas *a, char v, const char *who)
{
    int at;

    CHECK((at = all_equal(global_page, sizeof(global_page), v)) < 0,
          "%s: global page byte %d is '%c', expected '%c'", who, at, global_page[at], v);
    CHECK((at = all_equal(a->stack, 4096, v)) < 0, "%s: stack byte %d is '%c', expected '%c'", who,
          at, a->stack[at], v);
    CHECK((at = all_equal(a->small, 100, v)) < 0, "%s: small heap byte %d is '%c', expected '%c'",
          who, at, a->small[at], v);
    CHECK((at = all_equal(a->big, BIG, v)) < 0, "%s: big heap byte %d is '%c', expected '%c'", who,
          at, a->big[at], v);
    return 0;
}

static int signal_peer(int fd)
{
    CHECK(write(fd, "x", 1) == 1, "pipe write: %s", errname(errno));
    return 0;
}

static int await_peer(int fd)
{
    char c;
    CHECK(read(fd, &c, 1) == 1, "pipe read: %s", errname(errno));
    return 0;
}

/* writer_first: who writes first after fork ('c' child or 'p' parent). */
static int cow_round(const struct areas *a, char writer_first)
{
    int to_child[2], to_parent[2];

    fill(a, 'P');
    EXPECT_OK(pipe(to_child));
    EXPECT_OK(pipe(to_parent));
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        int r = 0;
        if (writer_first == 'p') {
            r = await_peer(to_child[0]);
            if (r == 0)
                r = expect_areas(a, 'P', "child after parent wrote");
        }
        if (r == 0) {
            fill(a, 'C');
            r = signal_peer(to_parent[1]);
        }
        if (r == 0 && writer_first == 'c')
            r = await_peer(to_child[0]);
        if (r == 0)
            r = expect_areas(a, 'C', "child at the end");
        child_exit(r);
    }
    if (writer_first == 'p') {
        fill(a, 'Q');
        TRY(signal_peer(to_child[1]));
        TRY(await_peer(to_parent[0]));
    } else {
        TRY(await_peer(to_parent[0]));
        TRY(expect_areas(a, 'P', "parent after child wrote"));
        fill(a, 'Q');
        TRY(signal_peer(to_child[1]));
    }
    EXPECT_EXIT(pid, 0);
    TRY(expect_areas(a, 'Q', "parent at the end"));
    close(to_child[0]), close(to_child[1]), close(to_parent[0]), close(to_parent[1]);
    return 0;
}

int fork_copy_on_write_isolates_memory(void)
{
    char stack_page[4096];
    struct areas a = { stack_page, malloc(100), malloc(BIG) };

    CHECK(a.small && a.big, "malloc failed");
    TRY(cow_round(&a, 'c'));
    TRY(cow_round(&a, 'p'));
    /* Pages never touched before fork: the child's writes stay its own. */
    free(a.big);
    a.big = malloc(BIG);
    CHECK(a.big, "malloc(%u)", BIG);
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        touch_pages(a.big, BIG, 'C');
        _exit(0);
    }
    EXPECT_EXIT(pid, 0);
    for (size_t off = 0; off < BIG; off += 4096)
        CHECK(a.big[off] != 'C', "parent sees the child's write at offset %zu", off);
    free(a.small);
    free(a.big);
    return 0;
}

/* Helpers the compiler cannot see through, so the faults really happen. */
static volatile uintptr_t zero_address;
static volatile unsigned zero_divisor;

static void crash_null_write(void)
{
    *(volatile int *)zero_address = 1;
}

static void crash_divide(void)
{
    unsigned q, d = zero_divisor;

    __asm__ volatile("xorl %%edx, %%edx\n\tdivl %1" : "=a"(q) : "r"(d), "a"(1u) : "rdx");
    (void)q;
}

/* A child echoing bytes over a pair of pipes: proof that it still runs. */
struct echo {
    pid_t pid;
    int in, out;
};

static int start_echo(struct echo *e)
{
    int down[2], up[2];

    EXPECT_OK(pipe(down));
    EXPECT_OK(pipe(up));
    e->pid = fork_child();
    EXPECT_OK(e->pid);
    if (e->pid == 0) {
        char c;
        close(down[1]);
        close(up[0]);
        while (read(down[0], &c, 1) == 1)
            write(up[1], &c, 1);
        _exit(0);
    }
    close(down[0]);
    close(up[1]);
    e->in = down[1];
    e->out = up[0];
    return 0;
}

static int echo_round(const struct echo *e, char c)
{
    char got = 0;

    EXPECT_EQ(write(e->in, &c, 1), 1);
    EXPECT_EQ(read_within(e->out, &got, 1, 10000), 1);
    CHECK(got == c, "echo child answered '%c', expected '%c'", got, c);
    return 0;
}

static int crash_child(void (*crash)(void), int sig)
{
    pid_t pid = fork_child();

    EXPECT_OK(pid);
    if (pid == 0) {
        crash();
        _exit(0);
    }
    EXPECT_SIGNAL(pid, sig);
    return 0;
}

int child_crash_leaves_others_running(void)
{
    struct echo e;

    TRY(start_echo(&e));
    TRY(echo_round(&e, 'a'));
    TRY(crash_child(crash_null_write, SIGSEGV));
    TRY(echo_round(&e, 'b'));
    TRY(crash_child(crash_divide, SIGFPE));
    TRY(echo_round(&e, 'c'));
    close(e.in);
    EXPECT_EXIT(e.pid, 0);
    close(e.out);
    TRY(crash_child(crash_null_write, SIGSEGV));
    return 0;
}
