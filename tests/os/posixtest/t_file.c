/* Files: open flags, read, write, lseek, pread, pwrite, large and sparse. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "posixtest.h"

int file_written_then_read_back(void)
{
    char buf[64];
    int fd;

    EXPECT_OK(fd = open("f", O_WRONLY | O_CREAT | O_TRUNC, 0644));
    EXPECT_EQ(write(fd, "hello world", 11), 11);
    EXPECT_EQ(write(fd, "", 0), 0);
    EXPECT_OK(close(fd));
    EXPECT_OK(fd = open("f", O_RDONLY));
    EXPECT_EQ(read(fd, buf, sizeof(buf)), 11);
    CHECK(memcmp(buf, "hello world", 11) == 0, "read back \"%.11s\"", buf);
    EXPECT_EQ(read(fd, buf, sizeof(buf)), 0);
    EXPECT_OK(close(fd));

    EXPECT_OK(fd = creat("g", 0644));
    EXPECT_EQ(write(fd, "abc", 3), 3);
    EXPECT_ERR(read(fd, buf, 1), EBADF); /* creat opens write-only */
    EXPECT_OK(close(fd));
    TRY(file_equals("g", "abc"));

    EXPECT_OK(fd = open("f", O_RDWR));
    EXPECT_EQ(write(fd, "HELLO", 5), 5);
    EXPECT_OK(close(fd));
    TRY(file_equals("f", "HELLO world"));
    return 0;
}

/* Every transfer size from 0 to 600 bytes, through a file and a pipe, is
 * answered with its count: no count may be mistaken for the servers'
 * "answer later" word. */
int every_small_count_is_answered(void)
{
    static char data[600], back[600];
    int fd, p[2];

    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (char)('a' + i % 26);
    EXPECT_OK(pipe(p));
    for (int n = 0; n <= (int)sizeof(data); n++) {
        EXPECT_OK(fd = open("counts", O_RDWR | O_CREAT | O_TRUNC, 0644));
        EXPECT_EQ(write(fd, data, (size_t)n), n);
        EXPECT_EQ(pread(fd, back, sizeof(back), 0), n);
        CHECK(memcmp(back, data, (size_t)n) == 0, "file: %d bytes read back wrong", n);
        EXPECT_OK(close(fd));
        EXPECT_EQ(write(p[1], data, (size_t)n), n);
        if (n > 0)
            EXPECT_EQ(read(p[0], back, sizeof(back)), n);
    }
    EXPECT_OK(close(p[0]));
    EXPECT_OK(close(p[1]));
    EXPECT_OK(unlink("counts"));
    return 0;
}

int lseek_moves_the_offset(void)
{
    char buf[16] = "";
    int fd, p[2];

    TRY(make_file("f", "hello world", 0644));
    EXPECT_OK(fd = open("f", O_RDONLY));
    EXPECT_EQ(lseek(fd, 6, SEEK_SET), 6);
    EXPECT_EQ(read(fd, buf, 5), 5);
    CHECK(memcmp(buf, "world", 5) == 0, "read \"%.5s\" at offset 6", buf);
    EXPECT_EQ(lseek(fd, -5, SEEK_CUR), 6);
    EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 6);
    EXPECT_EQ(lseek(fd, 0, SEEK_END), 11);
    EXPECT_EQ(lseek(fd, -5, SEEK_END), 6);
    EXPECT_EQ(lseek(fd, 100, SEEK_SET), 100);
    EXPECT_EQ(read(fd, buf, 5), 0);
    EXPECT_ERR(lseek(fd, -1, SEEK_SET), EINVAL);
    EXPECT_ERR(lseek(fd, -200, SEEK_END), EINVAL);
    EXPECT_ERR(lseek(fd, 0, 12345), EINVAL);
    EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 100);
    EXPECT_OK(close(fd));
    EXPECT_ERR(lseek(fd, 0, SEEK_SET), EBADF);
    EXPECT_OK(pipe(p));
    EXPECT_ERR(lseek(p[0], 0, SEEK_SET), ESPIPE);
    close(p[0]);
    close(p[1]);
    return 0;
}

int pread_pwrite_keep_the_offset(void)
{
    char buf[16] = "";
    int fd, p[2];

    EXPECT_OK(fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644));
    EXPECT_EQ(write(fd, "0123456789", 10), 10);
    EXPECT_EQ(lseek(fd, 2, SEEK_SET), 2);
    EXPECT_EQ(pread(fd, buf, 3, 5), 3);
    CHECK(memcmp(buf, "567", 3) == 0, "pread at 5 read \"%.3s\"", buf);
    EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 2);
    EXPECT_EQ(pwrite(fd, "AB", 2, 8), 2);
    EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 2);
    EXPECT_EQ(pread(fd, buf, 16, 0), 10);
    CHECK(memcmp(buf, "01234567AB", 10) == 0, "file holds \"%.10s\"", buf);
    EXPECT_EQ(pread(fd, buf, 4, 50), 0);
    EXPECT_EQ(pwrite(fd, "Z", 1, 12), 1); /* past the end: a gap of zeros */
    EXPECT_EQ(pread(fd, buf, 16, 0), 13);
    CHECK(buf[10] == 0 && buf[11] == 0 && buf[12] == 'Z', "gap after pwrite past the end");
    EXPECT_ERR(pread(fd, buf, 1, -1), EINVAL);
    EXPECT_OK(close(fd));
    EXPECT_OK(pipe(p));
    EXPECT_ERR(pread(p[0], buf, 1, 0), ESPIPE);
    EXPECT_ERR(pwrite(p[1], "x", 1, 0), ESPIPE);
    close(p[0]);
    close(p[1]);
    return 0;
}

int o_append_writes_at_the_end(void)
{
    int a, b;

    TRY(make_file("f", "start", 0644));
    EXPECT_OK(a = open("f", O_WRONLY | O_APPEND));
    EXPECT_OK(b = open("f", O_WRONLY | O_APPEND));
    EXPECT_EQ(lseek(a, 0, SEEK_SET), 0);
    EXPECT_EQ(write(a, "-a", 2), 2);
    EXPECT_EQ(lseek(a, 0, SEEK_CUR), 7);
    EXPECT_EQ(write(b, "-b", 2), 2);
    EXPECT_EQ(write(a, "-c", 2), 2);
    CHECK(fcntl(a, F_GETFL) & O_APPEND, "F_GETFL does not show O_APPEND");
    close(a);
    close(b);
    TRY(file_equals("f", "start-a-b-c"));
    return 0;
}

int o_trunc_empties_the_file(void)
{
    struct stat st;
    int fd;

    TRY(make_file("f", "one hundred bytes or so of text", 0644));
    EXPECT_OK(fd = open("f", O_WRONLY | O_TRUNC));
    EXPECT_OK(fstat(fd, &st));
    EXPECT_EQ(st.st_size, 0);
    EXPECT_EQ(write(fd, "new", 3), 3);
    close(fd);
    TRY(file_equals("f", "new"));
    return 0;
}

int o_excl_refuses_an_existing_name(void)
{
    int fd;

    TRY(make_file("f", "x", 0644));
    EXPECT_ERR(open("f", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
    EXPECT_OK(fd = open("new", O_WRONLY | O_CREAT | O_EXCL, 0644));
    close(fd);
    EXPECT_ERR(open("new", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST);
    EXPECT_OK(symlink("missing-target", "dangling"));
    EXPECT_ERR(open("dangling", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
    EXPECT_OK(mkdir("d", 0755));
    EXPECT_ERR(open("d", O_RDONLY | O_CREAT | O_EXCL, 0644), EEXIST);
    TRY(file_equals("f", "x"));
    return 0;
}

static int created_mode(const char *name, mode_t mode, bool dir)
{
    struct stat st;

    if (dir) {
        if (mkdir(name, mode) < 0)
            return -1;
    } else {
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, mode);
        if (fd < 0)
            return -1;
        close(fd);
    }
    if (stat(name, &st) < 0)
        return -1;
    return (int)(st.st_mode & 07777);
}

int creation_mode_follows_umask(void)
{
    umask(022);
    EXPECT_EQ(umask(077), 022);
    EXPECT_EQ(created_mode("f077", 0666, false), 0600);
    EXPECT_EQ(created_mode("d077", 0777, true), 0700);
    EXPECT_EQ(umask(022), 077);
    EXPECT_EQ(created_mode("f022", 0666, false), 0644);
    EXPECT_EQ(created_mode("x022", 0777, false), 0755);
    EXPECT_EQ(created_mode("d022", 0777, true), 0755);
    EXPECT_EQ(umask(0), 022);
    EXPECT_EQ(created_mode("f000", 0666, false), 0666);
    EXPECT_EQ(created_mode("r000", 0400, false), 0400);
    umask(022);
    int fd; /* O_CREAT of an existing file keeps its mode */
    EXPECT_OK(fd = open("f077", O_WRONLY | O_CREAT, 0666));
    close(fd);
    struct stat st;
    EXPECT_OK(stat("f077", &st));
    EXPECT_EQ(st.st_mode & 07777, 0600);
    return 0;
}

static unsigned char byte_at(size_t off)
{
    return (unsigned char)((off >> 12) ^ (off * 13) ^ 0x5c);
}

/* Write len bytes in chunks of wchunk, read them back in chunks of rchunk. */
static int big_round_trip(const char *name, size_t len, size_t wchunk, size_t rchunk)
{
    unsigned char *buf = malloc(wchunk > rchunk ? wchunk : rchunk);
    int fd;
    struct stat st;

    CHECK(buf, "malloc");
    EXPECT_OK(fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644));
    for (size_t off = 0; off < len; off += wchunk) {
        size_t n = len - off < wchunk ? len - off : wchunk;
        for (size_t i = 0; i < n; i++)
            buf[i] = byte_at(off + i);
        CHECK(write_all(fd, buf, n) == (ssize_t)n, "write at %zu: %s", off, errname(errno));
    }
    EXPECT_OK(fstat(fd, &st));
    CHECK(st.st_size == (off_t)len, "size %lld after writing %zu bytes", (long long)st.st_size,
          len);
    close(fd);
    EXPECT_OK(fd = open(name, O_RDONLY));
    for (size_t off = 0; off < len; off += rchunk) {
        size_t n = len - off < rchunk ? len - off : rchunk;
        CHECK(read_all(fd, buf, n) == (ssize_t)n, "short read at %zu", off);
        for (size_t i = 0; i < n; i++)
            CHECK(buf[i] == byte_at(off + i), "byte %zu reads %#x, wrote %#x", off + i, buf[i],
                  byte_at(off + i));
    }
    EXPECT_EQ(read(fd, buf, 1), 0);
    for (size_t off = 12345; off < len; off += len / 7) {
        unsigned char c;
        EXPECT_EQ(pread(fd, &c, 1, (off_t)off), 1);
        CHECK(c == byte_at(off), "pread at %zu reads %#x", off, c);
    }
    close(fd);
    free(buf);
    return 0;
}

int large_file_of_several_mib(void)
{
    TRY(big_round_trip("big", (6u << 20) + 777, 65536, 100000));
    EXPECT_OK(unlink("big"));
    return 0;
}

int sparse_write_past_the_end_reads_zeros(void)
{
    static const off_t far = 12 << 20;
    char buf[8192];
    struct stat st;
    int fd;

    EXPECT_OK(fd = open("sparse", O_RDWR | O_CREAT | O_TRUNC, 0644));
    EXPECT_EQ(write(fd, "head", 4), 4);
    EXPECT_EQ(lseek(fd, far, SEEK_SET), far);
    EXPECT_EQ(write(fd, "tail", 4), 4);
    EXPECT_OK(fstat(fd, &st));
    EXPECT_EQ(st.st_size, far + 4);
    static const off_t probes[] = { 4, 4096, 1 << 20, 5000000, (12 << 20) - 8192 };
    for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
        memset(buf, 0xee, sizeof(buf));
        EXPECT_EQ(pread(fd, buf, sizeof(buf), probes[i]), sizeof(buf));
        for (size_t j = 0; j < sizeof(buf); j++)
            CHECK(buf[j] == 0, "byte %lld of the hole reads %#x",
                  (long long)probes[i] + (long long)j, (unsigned char)buf[j]);
    }
    EXPECT_EQ(pread(fd, buf, 8, far - 4), 8);
    CHECK(memcmp(buf, "\0\0\0\0tail", 8) == 0, "the end of the hole and the tail read wrong");
    EXPECT_EQ(pread(fd, buf, 4, 0), 4);
    CHECK(memcmp(buf, "head", 4) == 0, "the head reads wrong");
    close(fd);
    return 0;
}

int large_file_of_32_mib(void)
{
    TRY(big_round_trip("huge", 32u << 20, 128 * 1024, 65536));
    EXPECT_OK(unlink("huge"));
    return 0;
}
