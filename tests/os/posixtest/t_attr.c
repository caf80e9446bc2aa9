/* Files: stat fields, modes, owners, times, access, truncation. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>
#include "posixtest.h"

/* POSIX puts it in <utime.h>; newlib's leaves it out. */
int utime(const char *path, const struct utimbuf *times);

int stat_fields_of_files_and_directories(void)
{
    struct stat st, fst, dst, root, rootup;
    char text[1234];
    int fd, p[2];

    time_t before = time(NULL);
    memset(text, 't', sizeof(text));
    text[sizeof(text) - 1] = '\0';
    TRY(make_file("f", text, 0640));
    time_t after = time(NULL);
    EXPECT_OK(stat("f", &st));
    CHECK(S_ISREG(st.st_mode), "mode %#o is not a regular file", (unsigned)st.st_mode);
    EXPECT_EQ(st.st_mode & 07777, 0640);
    EXPECT_EQ(st.st_size, (off_t)strlen(text));
    EXPECT_EQ(st.st_nlink, 1);
    EXPECT_EQ(st.st_uid, geteuid());
    EXPECT_EQ(st.st_gid, getegid());
    CHECK(st.st_blksize > 0, "st_blksize %ld", (long)st.st_blksize);
    CHECK(st.st_mtime >= before - 2 && st.st_mtime <= after + 2,
          "st_mtime %lld for a file written between %lld and %lld", (long long)st.st_mtime,
          (long long)before, (long long)after);
    CHECK(st.st_ctime >= before - 2 && st.st_ctime <= after + 2, "st_ctime %lld, now %lld",
          (long long)st.st_ctime, (long long)after);
    EXPECT_OK(fd = open("f", O_RDONLY));
    EXPECT_OK(fstat(fd, &fst));
    close(fd);
    CHECK(fst.st_ino == st.st_ino && fst.st_dev == st.st_dev, "fstat and stat name other files");
    EXPECT_EQ(fst.st_size, st.st_size);

    EXPECT_OK(mkdir("d", 0751));
    EXPECT_OK(stat("d", &dst));
    CHECK(S_ISDIR(dst.st_mode), "directory mode %#o", (unsigned)dst.st_mode);
    EXPECT_EQ(dst.st_mode & 07777, 0751);
    EXPECT_EQ(dst.st_nlink, 2);
    CHECK(dst.st_dev == st.st_dev && dst.st_ino != st.st_ino, "directory and file share an inode");
    EXPECT_OK(stat("/", &root));
    EXPECT_OK(stat("/..", &rootup));
    CHECK(root.st_ino == rootup.st_ino, "/.. is not / (%lu, %lu)", (unsigned long)root.st_ino,
          (unsigned long)rootup.st_ino);

    EXPECT_OK(pipe(p));
    EXPECT_OK(fstat(p[0], &fst));
    CHECK(S_ISFIFO(fst.st_mode), "fstat of a pipe: mode %#o", (unsigned)fst.st_mode);
    close(p[0]);
    close(p[1]);
    EXPECT_OK(stat("/dev/null", &fst));
    CHECK(S_ISCHR(fst.st_mode), "/dev/null mode %#o", (unsigned)fst.st_mode);
    return 0;
}

int chmod_and_fchmod_set_mode_bits(void)
{
    struct stat st;
    int fd;

    TRY(make_file("f", "x", 0644));
    EXPECT_OK(chmod("f", 0600));
    EXPECT_OK(stat("f", &st));
    EXPECT_EQ(st.st_mode & 07777, 0600);
    CHECK(S_ISREG(st.st_mode), "chmod changed the file type");
    EXPECT_OK(fd = open("f", O_RDONLY));
    EXPECT_OK(fchmod(fd, 0755));
    EXPECT_OK(fstat(fd, &st));
    EXPECT_EQ(st.st_mode & 07777, 0755);
    close(fd);
    EXPECT_OK(chmod("f", 04755));
    EXPECT_OK(stat("f", &st));
    EXPECT_EQ(st.st_mode & 07777, 04755);
    EXPECT_OK(mkdir("d", 0755));
    EXPECT_OK(chmod("d", 01777));
    EXPECT_OK(stat("d", &st));
    EXPECT_EQ(st.st_mode & 07777, 01777);
    EXPECT_ERR(chmod("missing", 0644), ENOENT);
    EXPECT_ERR(fchmod(fd, 0644), EBADF);
    return 0;
}

int chown_as_root_sets_the_owner(void)
{
    struct stat st;
    int fd;

    if (geteuid() != 0)
        return 0;
    TRY(make_file("f", "x", 0644));
    EXPECT_OK(chown("f", TEST_UID, TEST_GID));
    EXPECT_OK(stat("f", &st));
    CHECK(st.st_uid == TEST_UID && st.st_gid == TEST_GID, "owner %d:%d after chown", (int)st.st_uid,
          (int)st.st_gid);
    EXPECT_OK(chown("f", (uid_t)-1, 0)); /* -1 keeps the uid */
    EXPECT_OK(stat("f", &st));
    CHECK(st.st_uid == TEST_UID && st.st_gid == 0, "owner %d:%d after chown(-1, 0)", (int)st.st_uid,
          (int)st.st_gid);
    EXPECT_OK(fd = open("f", O_RDONLY));
    EXPECT_OK(fchown(fd, 0, TEST_GID));
    EXPECT_OK(fstat(fd, &st));
    CHECK(st.st_uid == 0 && st.st_gid == TEST_GID, "owner %d:%d after fchown", (int)st.st_uid,
          (int)st.st_gid);
    close(fd);
    EXPECT_OK(symlink("f", "s"));
    EXPECT_OK(lchown("s", TEST_UID, TEST_UID));
    EXPECT_OK(lstat("s", &st));
    CHECK(st.st_uid == TEST_UID, "lchown did not change the link's owner");
    EXPECT_OK(stat("f", &st));
    CHECK(st.st_uid == 0, "lchown changed the target's owner");
    EXPECT_ERR(chown("missing", 0, 0), ENOENT);
    return 0;
}

int utime_sets_file_times(void)
{
    struct utimbuf t = { .actime = 1000000, .modtime = 2000000 };
    struct stat st;

    TRY(make_file("f", "x", 0644));
    EXPECT_OK(utime("f", &t));
    EXPECT_OK(stat("f", &st));
    EXPECT_EQ(st.st_atime, 1000000);
    EXPECT_EQ(st.st_mtime, 2000000);
    time_t now = time(NULL);
    EXPECT_OK(utime("f", NULL));
    EXPECT_OK(stat("f", &st));
    CHECK(st.st_mtime >= now - 2 && st.st_mtime <= now + 5, "utime(NULL) set mtime %lld, now %lld",
          (long long)st.st_mtime, (long long)now);
    CHECK(st.st_atime >= now - 2 && st.st_atime <= now + 5, "utime(NULL) set atime %lld, now %lld",
          (long long)st.st_atime, (long long)now);

    EXPECT_OK(utime("f", &t)); /* a write moves mtime to now */
    int fd;
    EXPECT_OK(fd = open("f", O_WRONLY));
    EXPECT_EQ(write(fd, "y", 1), 1);
    close(fd);
    EXPECT_OK(stat("f", &st));
    CHECK(st.st_mtime >= now - 2, "write left mtime at %lld, now %lld", (long long)st.st_mtime,
          (long long)now);
    EXPECT_ERR(utime("missing", &t), ENOENT);
    return 0;
}

/* vfs answers stat from the file system's last answer while nothing can
 * have changed it: every kind of change must show in the next stat. */
int stat_sees_each_change(void)
{
    struct utimbuf t = { .actime = 1000000, .modtime = 2000000 };
    struct stat st;
    time_t now = time(NULL);
    char c;
    int fd;

    TRY(make_file("f", "abc", 0644));
    EXPECT_OK(stat("f", &st));
    EXPECT_OK(stat("f", &st));
    EXPECT_EQ(st.st_size, 3);
    EXPECT_OK(link("f", "g"));
    EXPECT_OK(stat("f", &st));
    EXPECT_EQ(st.st_nlink, 2);
    EXPECT_OK(unlink("g"));
    EXPECT_OK(stat("f", &st));
    EXPECT_EQ(st.st_nlink, 1);
    EXPECT_OK(chmod("f", 0600));
    EXPECT_OK(stat("f", &st));
    EXPECT_EQ(st.st_mode & 0777, 0600);
    EXPECT_OK(fd = open("f", O_RDWR));
    EXPECT_EQ(pwrite(fd, "defg", 4, 0), 4);
    EXPECT_OK(stat("f", &st));
    EXPECT_EQ(st.st_size, 4);
    EXPECT_OK(utime("f", &t));
    EXPECT_OK(stat("f", &st));
    EXPECT_EQ(st.st_atime, 1000000);
    EXPECT_EQ(pread(fd, &c, 1, 0), 1); /* relatime: an access time before mtime moves */
    close(fd);
    EXPECT_OK(stat("f", &st));
    CHECK(st.st_atime >= now - 2, "a read left atime at %lld, now %lld", (long long)st.st_atime,
          (long long)now);
    EXPECT_OK(utime(".", &t));
    EXPECT_OK(stat(".", &st));
    EXPECT_EQ(st.st_mtime, 2000000);
    TRY(make_file("h", "hello!", 0644));
    EXPECT_OK(stat(".", &st));
    CHECK(st.st_mtime >= now - 2, "a new entry left the directory's mtime at %lld, now %lld",
          (long long)st.st_mtime, (long long)now);
    EXPECT_OK(rename("h", "f"));
    EXPECT_OK(stat("f", &st));
    EXPECT_EQ(st.st_size, 6);
    return 0;
}

int access_checks_permissions(void)
{
    TRY(make_file("rw", "x", 0644));
    TRY(make_file("none", "x", 0000));
    TRY(make_file("exec", "x", 0755));
    EXPECT_OK(access("rw", F_OK));
    EXPECT_OK(access("rw", R_OK | W_OK));
    EXPECT_OK(access("exec", X_OK));
    EXPECT_ERR(access("missing", F_OK), ENOENT);
    EXPECT_ERR(access("rw/x", F_OK), ENOTDIR);
    if (geteuid() == 0) {
        EXPECT_OK(access("none", R_OK | W_OK)); /* root reads and writes anything */
        EXPECT_ERR(access("rw", X_OK), EACCES); /* but executes only with an x bit */
    } else {
        EXPECT_ERR(access("none", R_OK), EACCES);
    }
    EXPECT_ERR(access("rw", 0x100), EINVAL);
    return 0;
}

int truncate_and_ftruncate(void)
{
    char buf[6000];
    struct stat st;
    int fd;

    memset(buf, 'a', sizeof(buf));
    buf[sizeof(buf) - 1] = '\0';
    TRY(make_file("f", buf, 0644));
    EXPECT_OK(truncate("f", 100));
    EXPECT_OK(stat("f", &st));
    EXPECT_EQ(st.st_size, 100);
    EXPECT_OK(truncate("f", 5000)); /* grows with zeros */
    EXPECT_OK(fd = open("f", O_RDWR));
    memset(buf, 'x', sizeof(buf));
    EXPECT_EQ(read_all(fd, buf, sizeof(buf)), 5000);
    CHECK(buf[99] == 'a' && buf[100] == 0 && buf[4999] == 0, "after shrink and grow: %#x %#x %#x",
          buf[99], buf[100], buf[4999]);
    EXPECT_OK(ftruncate(fd, 10));
    EXPECT_OK(fstat(fd, &st));
    EXPECT_EQ(st.st_size, 10);
    EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 5000); /* the offset stays */
    EXPECT_OK(ftruncate(fd, 0));
    EXPECT_EQ(pread(fd, buf, 1, 0), 0);
    close(fd);
    EXPECT_OK(fd = open("f", O_RDONLY));
    EXPECT_ERR2(ftruncate(fd, 0), EBADF, EINVAL);
    close(fd);
    EXPECT_ERR(truncate("f", -1), EINVAL);
    EXPECT_ERR(truncate("missing", 0), ENOENT);
    EXPECT_OK(mkdir("d", 0755));
    EXPECT_ERR(truncate("d", 0), EISDIR);
    return 0;
}

int device_nodes_null_zero_full(void)
{
    char buf[4096];
    struct stat a, b;
    int fd;

    EXPECT_OK(fd = open("/dev/null", O_RDWR));
    EXPECT_EQ(write(fd, "discarded", 9), 9);
    EXPECT_EQ(read(fd, buf, sizeof(buf)), 0);
    close(fd);
    EXPECT_OK(fd = open("/dev/zero", O_RDWR));
    memset(buf, 0xaa, sizeof(buf));
    EXPECT_EQ(read(fd, buf, sizeof(buf)), sizeof(buf));
    for (size_t i = 0; i < sizeof(buf); i++)
        CHECK(buf[i] == 0, "/dev/zero gave %#x at %zu", (unsigned char)buf[i], i);
    EXPECT_EQ(write(fd, buf, 100), 100);
    close(fd);
    EXPECT_OK(fd = open("/dev/full", O_RDWR));
    EXPECT_ERR(write(fd, "x", 1), ENOSPC);
    memset(buf, 0xaa, 16);
    EXPECT_EQ(read(fd, buf, 16), 16);
    CHECK(buf[0] == 0 && buf[15] == 0, "/dev/full does not read zeros");
    close(fd);
    EXPECT_OK(stat("/dev/null", &a));
    EXPECT_OK(stat("/dev/zero", &b));
    CHECK(S_ISCHR(a.st_mode) && S_ISCHR(b.st_mode), "device nodes are not character devices");
    CHECK(a.st_rdev != b.st_rdev, "/dev/null and /dev/zero have one device number");
    return 0;
}
