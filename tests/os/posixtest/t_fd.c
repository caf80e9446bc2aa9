/* Descriptors: dup, dup2, fcntl, close-on-exec, non-blocking pipes. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "posixtest.h"

int dup_and_dup2_share_the_offset(void)
{
    int a, b, c;
    char buf[8] = "";

    TRY(make_file("f", "0123456789", 0644));
    TRY(make_file("g", "abcdefghij", 0644));
    EXPECT_OK(a = open("f", O_RDONLY));
    EXPECT_OK(b = open("g", O_RDONLY));
    EXPECT_OK(close(a));
    EXPECT_EQ(c = dup(b), a); /* the lowest free number */
    EXPECT_EQ(read(b, buf, 3), 3);
    EXPECT_EQ(lseek(c, 0, SEEK_CUR), 3); /* one open file, one offset */
    EXPECT_EQ(read(c, buf, 2), 2);
    CHECK(memcmp(buf, "de", 2) == 0, "read through the dup: \"%.2s\"", buf);
    EXPECT_OK(close(b));
    EXPECT_EQ(read(c, buf, 1), 1); /* still open through the other */

    EXPECT_OK(a = open("f", O_RDONLY));
    EXPECT_EQ(dup2(a, c), c); /* closes c's file first */
    EXPECT_EQ(read(c, buf, 2), 2);
    CHECK(memcmp(buf, "01", 2) == 0, "dup2 target reads \"%.2s\", expected f's \"01\"", buf);
    EXPECT_EQ(dup2(a, a), a);
    EXPECT_EQ(dup2(a, 40), 40);
    EXPECT_EQ(lseek(40, 0, SEEK_CUR), 2);
    close(40);
    close(c);
    close(a);
    EXPECT_ERR(dup(a), EBADF);
    EXPECT_ERR(dup2(a, 41), EBADF);
    EXPECT_ERR(dup2(0, -1), EBADF);
    EXPECT_ERR(dup(-1), EBADF);
    return 0;
}

int fcntl_dupfd_and_flags(void)
{
    int fd, d;

    TRY(make_file("f", "x", 0644));
    EXPECT_OK(fd = open("f", O_RDWR));
    EXPECT_OK(d = fcntl(fd, F_DUPFD, 20));
    CHECK(d >= 20, "F_DUPFD 20 gave %d", d);
    EXPECT_EQ(fcntl(fd, F_DUPFD, d), d + 1); /* d is taken: the next one */
    close(d + 1);
    EXPECT_EQ(fcntl(fd, F_GETFD), 0);
    EXPECT_OK(fcntl(fd, F_SETFD, FD_CLOEXEC));
    EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
    EXPECT_EQ(fcntl(d, F_GETFD), 0); /* a flag of the descriptor, not the file */
    EXPECT_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
    EXPECT_OK(fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK));
    int fl = fcntl(fd, F_GETFL);
    CHECK((fl & O_APPEND) && (fl & O_NONBLOCK), "F_GETFL %#x after F_SETFL O_APPEND|O_NONBLOCK",
          (unsigned)fl);
    CHECK(fcntl(d, F_GETFL) & O_APPEND, "file status flags not shared by the duplicate");
    EXPECT_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
    close(d);
    close(fd);
    EXPECT_ERR(fcntl(fd, F_GETFD), EBADF);
    EXPECT_ERR(fcntl(-1, F_GETFL), EBADF);
    EXPECT_OK(fd = open("f", O_RDONLY));
    EXPECT_ERR(fcntl(fd, F_DUPFD, -1), EINVAL);
    EXPECT_OK(fd = open("f", O_RDONLY | O_CLOEXEC));
    EXPECT_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
    return 0;
}

static int exec_fd_check(void *arg)
{
    char spec[3][24], fdarg[16];
    int plain, flagged, opened;

    (void)arg;
    EXPECT_OK(plain = open("f", O_RDONLY));
    EXPECT_OK(flagged = open("f", O_RDONLY));
    EXPECT_OK(fcntl(flagged, F_SETFD, FD_CLOEXEC));
    EXPECT_OK(opened = open("f", O_RDONLY | O_CLOEXEC));
    snprintf(spec[0], sizeof(spec[0]), "%d:open", plain);
    snprintf(spec[1], sizeof(spec[1]), "%d:closed", flagged);
    snprintf(spec[2], sizeof(spec[2]), "%d:closed", opened);
    snprintf(fdarg, sizeof(fdarg), "%d", report_fd);
    char *argv[] = { "posixtest", "--child", "fds", fdarg, spec[0], spec[1], spec[2], NULL };
    execv(self_path, argv);
    FAIL("execv(\"%s\"): %s", self_path, errname(errno));
}

int fd_cloexec_closes_across_exec(void)
{
    TRY(make_file("f", "x", 0644));
    RUN_CHILD(exec_fd_check, NULL);
    return 0;
}

int pipe_o_nonblock_gives_eagain(void)
{
    int p[2];
    char buf[4096];
    long total = 0;

    EXPECT_OK(pipe(p));
    EXPECT_OK(fcntl(p[0], F_SETFL, O_NONBLOCK));
    EXPECT_OK(fcntl(p[1], F_SETFL, O_NONBLOCK));
    EXPECT_ERR(read(p[0], buf, sizeof(buf)), EAGAIN);
    memset(buf, 'f', sizeof(buf));
    for (;;) {
        errno = 0;
        ssize_t n = write(p[1], buf, 512);
        if (n < 0)
            break;
        total += n;
        CHECK(total <= 16 << 20, "a pipe took %ld bytes without EAGAIN", total);
    }
    CHECK(errno == EAGAIN, "write to a full non-blocking pipe: %s, expected EAGAIN",
          errname(errno));
    CHECK(total >= 512, "pipe full after %ld bytes", total);
    EXPECT_EQ(read(p[0], buf, sizeof(buf)), sizeof(buf));
    EXPECT_EQ(write(p[1], buf, 512), 512);
    close(p[1]);
    long drained = 0;
    ssize_t n;
    while ((n = read(p[0], buf, sizeof(buf))) > 0)
        drained += n;
    EXPECT_EQ(n, 0); /* end of file, not EAGAIN, once the writer is gone */
    EXPECT_EQ(drained, total - (long)sizeof(buf) + 512);
    close(p[0]);
    return 0;
}
