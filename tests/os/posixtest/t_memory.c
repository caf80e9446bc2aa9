/* Memory: the break, malloc, anonymous mappings and their protection. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "posixtest.h"

#define PAGE 4096

/* Gone from POSIX; glibc declares it in <unistd.h>, newlib does not. */
int brk(void *addr);

int brk_grows_and_shrinks(void)
{
    char *start = sbrk(0);

    CHECK(start != (void *)-1, "sbrk(0): %s", errname(errno));
    char *old = sbrk(64 * 1024);
    CHECK(old == start, "sbrk(64 KiB) = %p, expected the old break %p", (void *)old, (void *)start);
    CHECK((char *)sbrk(0) == start + 64 * 1024, "break did not move up by 64 KiB");
    memset(start, 0x5a, 64 * 1024);
    CHECK(start[64 * 1024 - 1] == 0x5a, "grown memory does not keep what was written");
    old = sbrk(-32 * 1024);
    CHECK(old == start + 64 * 1024, "sbrk(-32 KiB) = %p, expected %p", (void *)old,
          (void *)(start + 64 * 1024));
    CHECK((char *)sbrk(0) == start + 32 * 1024, "break did not move down by 32 KiB");
    CHECK(start[32 * 1024 - 1] == 0x5a, "memory below the lowered break lost its contents");
    EXPECT_OK(brk(start + 128 * 1024));
    CHECK((char *)sbrk(0) == start + 128 * 1024, "brk() did not set the break");
    memset(start, 0x33, 128 * 1024);
    EXPECT_OK(brk(start));
    CHECK((char *)sbrk(0) == start, "brk() back to the start did not set the break");
    return 0;
}

static unsigned char pattern_of(size_t size, size_t i)
{
    return (unsigned char)(size * 31 + i * 7 + 1);
}

static int check_block(const unsigned char *p, size_t size, size_t len)
{
    for (size_t i = 0; i < len; i++)
        CHECK(p[i] == pattern_of(size, i), "block of %zu bytes: byte %zu overwritten", size, i);
    return 0;
}

int malloc_many_sizes(void)
{
    static const size_t sizes[] = {
        1,       2,       3,      7, 16, 24, 100, 1000, 4095, 4096, 4097, 65536, 128 * 1024 + 1,
        1 << 20, 3 << 20, 8 << 20
    };
    enum { N = sizeof(sizes) / sizeof(sizes[0]) };
    unsigned char *blocks[N];

    for (int i = 0; i < N; i++) {
        blocks[i] = malloc(sizes[i]);
        CHECK(blocks[i], "malloc(%zu): %s", sizes[i], errname(errno));
        for (size_t j = 0; j < sizes[i]; j++)
            blocks[i][j] = pattern_of(sizes[i], j);
    }
    for (int i = 0; i < N; i++)
        TRY(check_block(blocks[i], sizes[i], sizes[i]));
    for (int i = 0; i < N; i += 2)
        free(blocks[i]);
    for (int i = 1; i < N; i += 2) {
        unsigned char *p = realloc(blocks[i], sizes[i] * 2 + 10);
        CHECK(p, "realloc to %zu: %s", sizes[i] * 2 + 10, errname(errno));
        TRY(check_block(p, sizes[i], sizes[i]));
        free(p);
    }
    unsigned char *z = calloc(1000, 1000);
    CHECK(z, "calloc(1000, 1000): %s", errname(errno));
    for (size_t i = 0; i < 1000 * 1000; i++)
        CHECK(z[i] == 0, "calloc memory not zero at %zu", i);
    free(z);

    enum { SMALL = 10000 };
    int **small = malloc(SMALL * sizeof(*small));
    CHECK(small, "malloc of the pointer table");
    for (int i = 0; i < SMALL; i++) {
        small[i] = malloc(24);
        CHECK(small[i], "small malloc #%d: %s", i, errname(errno));
        small[i][0] = i;
        small[i][5] = ~i;
    }
    for (int i = 0; i < SMALL; i++) {
        CHECK(small[i][0] == i && small[i][5] == ~i, "small block #%d overwritten", i);
        free(small[i]);
    }
    free(small);
    return 0;
}

/* Run fn in a child that must die of SIGSEGV. */
static int faults(void (*fn)(volatile char *), volatile char *p, const char *what)
{
    pid_t pid = fork_child();

    EXPECT_OK(pid);
    if (pid == 0) {
        fn(p);
        _exit(0);
    }
    char how[64];
    int st;
    CHECK(wait_timeout(pid, &st, CHILD_TIMEOUT_MS) == 0, "%s: wait: %s", what, errname(errno));
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "%s: child %s, expected SIGSEGV", what,
          describe_status(st, how, sizeof(how)));
    return 0;
}

static void store(volatile char *p)
{
    p[0] = 1;
}

static void load(volatile char *p)
{
    _exit(p[0] == 123 ? 2 : 3);
}

int mmap_anonymous_memory(void)
{
    size_t len = 1 << 20;
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    CHECK(p != MAP_FAILED, "mmap(1 MiB): %s", errname(errno));
    CHECK(((uintptr_t)p & (PAGE - 1)) == 0, "mmap returned %p, not page aligned", (void *)p);
    for (size_t i = 0; i < len; i++)
        CHECK(p[i] == 0, "fresh anonymous memory not zero at %zu", i);
    memset(p, 0x77, len);
    EXPECT_OK(munmap(p + len / 2, PAGE)); /* a hole in the middle */
    CHECK(p[len / 2 - 1] == 0x77 && p[len / 2 + PAGE] == 0x77, "munmap of one page lost others");
    TRY(faults(store, p + len / 2, "write to an unmapped page"));
    char *fixed = mmap(p + len / 2, PAGE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK(fixed == p + len / 2, "MAP_FIXED mmap into the hole = %p, expected %p", (void *)fixed,
          (void *)(p + len / 2));
    CHECK(fixed[0] == 0, "MAP_FIXED page not zero");
    EXPECT_OK(munmap(p, len));
    TRY(faults(load, p, "read of unmapped memory"));

    errno = 0;
    CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
              errno == EINVAL,
          "mmap of length 0: errno %s, expected EINVAL", errname(errno));
    EXPECT_ERR(munmap(p + 1, PAGE), EINVAL);
    return 0;
}

int mmap_private_memory_is_copied_on_fork(void)
{
    char *p = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    CHECK(p != MAP_FAILED, "mmap: %s", errname(errno));
    memset(p, 'P', 8 * PAGE);
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        memset(p, 'C', 16 * PAGE);
        _exit(p[0] == 'C' && p[16 * PAGE - 1] == 'C' ? 0 : 1);
    }
    EXPECT_EXIT(pid, 0);
    CHECK(p[0] == 'P' && p[8 * PAGE - 1] == 'P', "the child's writes reached the parent");
    CHECK(p[8 * PAGE] == 0 && p[16 * PAGE - 1] == 0, "untouched pages changed in the parent");
    EXPECT_OK(munmap(p, 16 * PAGE));
    return 0;
}

int mprotect_read_only_faults_on_write(void)
{
    char *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    CHECK(p != MAP_FAILED, "mmap: %s", errname(errno));
    memset(p, 123, 4 * PAGE);
    EXPECT_OK(mprotect(p, 2 * PAGE, PROT_READ));
    CHECK(p[0] == 123 && p[2 * PAGE - 1] == 123, "read-only pages lost their contents");
    TRY(faults(store, p, "write to a PROT_READ page"));
    TRY(faults(store, p + PAGE + 100, "write to the second PROT_READ page"));
    p[2 * PAGE] = 7; /* the rest is still writable */
    EXPECT_OK(mprotect(p, 2 * PAGE, PROT_READ | PROT_WRITE));
    p[0] = 9;
    CHECK(p[0] == 9, "write after mprotect back to read-write lost");
    EXPECT_OK(mprotect(p + 3 * PAGE, PAGE, PROT_NONE));
    TRY(faults(load, p + 3 * PAGE, "read of a PROT_NONE page"));

    char *ro = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(ro != MAP_FAILED, "mmap(PROT_READ): %s", errname(errno));
    CHECK(ro[0] == 0, "read-only anonymous page not zero");
    TRY(faults(store, ro, "write to a page mapped PROT_READ"));
    EXPECT_ERR(mprotect(p + 1, PAGE, PROT_READ), EINVAL);
    EXPECT_OK(munmap(p, 4 * PAGE));
    EXPECT_OK(munmap(ro, PAGE));
    return 0;
}

/* Bad pointers given to system calls: EFAULT, not a crash. Each call runs
   in a child of its own, so a call that faults in the caller is named. */
enum bad_call { BAD_READ, BAD_WRITE, BAD_STAT_BUF, BAD_STAT_PATH, BAD_OPEN_PATH, BAD_PIPE };

static const char *const bad_call_names[] = { "read",        "write",       "stat (buffer)",
                                              "stat (path)", "open (path)", "pipe" };

static int bad_call(enum bad_call call, void *bad)
{
    struct stat st;
    int fd = open("data", O_RDWR);

    errno = 0;
    switch (call) {
    case BAD_READ:
        return (int)read(fd, bad, 16);
    case BAD_WRITE:
        return (int)write(fd, bad, 16);
    case BAD_STAT_BUF:
        return stat("data", bad);
    case BAD_STAT_PATH:
        return stat(bad, &st);
    case BAD_OPEN_PATH:
        return open(bad, O_RDONLY);
    case BAD_PIPE:
        return pipe(bad);
    }
    return 0;
}

/* Note (and go on) unless the call fails with EFAULT in a child. */
static void efault_in_child(enum bad_call call, uintptr_t addr)
{
    pid_t pid = fork_child();
    int st;
    char how[64];

    if (pid == 0) {
        int r = bad_call(call, (void *)addr);
        _exit(r != -1 ? 1 : errno == EFAULT ? 0 : 2 + (errno & 0x7f)); /* 2 + the error */
    }
    if (pid < 0 || wait_timeout(pid, &st, CHILD_TIMEOUT_MS) < 0) {
        fail_at(__FILE__, __LINE__, "%s with %#lx: fork or wait: %s", bad_call_names[call],
                (unsigned long)addr, errname(errno));
        return;
    }
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
        return;
    if (WIFEXITED(st) && WEXITSTATUS(st) == 1)
        snprintf(how, sizeof(how), "succeeded");
    else if (WIFEXITED(st))
        snprintf(how, sizeof(how), "failed with %s", errname(WEXITSTATUS(st) - 2));
    else
        describe_status(st, how, sizeof(how));
    fail_at(__FILE__, __LINE__, "%s with %#lx: %s, expected EFAULT", bad_call_names[call],
            (unsigned long)addr, how);
}

int bad_pointers_give_efault(void)
{
    static const uintptr_t bad[] = { 1, 0xffffffff80000000ul };

    TRY(make_file("data", "some bytes to read back, more than sixteen", 0644));
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        for (int call = BAD_READ; call <= BAD_PIPE; call++)
            efault_in_child((enum bad_call)call, bad[i]);
    return soft_result();
}

/* Slow: a child takes memory until malloc and mmap say ENOMEM; the system
   then still forks and allocates. */
#define HOG_CHUNK (1u << 20)
#define HOG_LIMIT 4096 /* MiB: more than the machine has */

static int hog(void *arg)
{
    void **chunks = calloc(HOG_LIMIT, sizeof(void *));
    int n = 0;

    (void)arg;
    CHECK(chunks, "calloc of the chunk table");
    errno = 0;
    while (n < HOG_LIMIT && (chunks[n] = malloc(HOG_CHUNK)) != NULL)
        touch_pages(chunks[n++], HOG_CHUNK, 1);
    CHECK(n < HOG_LIMIT, "%d MiB allocated and touched without ENOMEM", n);
    CHECK(errno == ENOMEM, "malloc failed after %d MiB with errno %s, expected ENOMEM", n,
          errname(errno));
    errno = 0;
    void *m =
        mmap(NULL, 64 * HOG_CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m != MAP_FAILED)
        touch_pages(m, 64 * HOG_CHUNK, 1); /* may only fail on touch: then killed */
    CHECK(m == MAP_FAILED && errno == ENOMEM, "mmap(64 MiB) with memory exhausted: %s",
          m == MAP_FAILED ? errname(errno) : "succeeded");
    for (int i = 0; i < n; i++)
        free(chunks[i]);
    void *again = malloc(8 * HOG_CHUNK);
    CHECK(again, "malloc(8 MiB) after freeing %d MiB: %s", n, errname(errno));
    touch_pages(again, 8 * HOG_CHUNK, 2);
    return 0;
}

static int still_allocates(void *arg)
{
    (void)arg;
    char *p = malloc(16 * HOG_CHUNK);
    CHECK(p, "malloc(16 MiB) after the hog: %s", errname(errno));
    touch_pages(p, 16 * HOG_CHUNK, 3);
    return 0;
}

int memory_hog_gets_enomem(void)
{
    struct child c;
    char why[REASON_MAX + 64];

    TRY(start_child(&c, hog, NULL));
    if (finish_child(&c, NULL, why, sizeof(why), 100000) < 0)
        FAIL("the hog: %s", why);
    RUN_CHILD(still_allocates, NULL);
    TRY(make_file("after", "the file system still works", 0644));
    TRY(file_equals("after", "the file system still works"));
    return 0;
}
