/* Files: the error cases, one errno per case. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>
#include "posixtest.h"

/* POSIX puts it in <utime.h>; newlib's leaves it out. */
int utime(const char *path, const struct utimbuf *times);

int errors_enoent(void)
{
    struct stat st;

    SOFT_ERR(open("missing", O_RDONLY), ENOENT);
    SOFT_ERR(open("missing/x", O_RDONLY), ENOENT);
    SOFT_ERR(open("missing/x", O_WRONLY | O_CREAT, 0644), ENOENT);
    SOFT_ERR(open("", O_RDONLY), ENOENT);
    SOFT_ERR(stat("missing", &st), ENOENT);
    SOFT_ERR(lstat("missing", &st), ENOENT);
    SOFT_ERR(unlink("missing"), ENOENT);
    SOFT_ERR(rmdir("missing"), ENOENT);
    SOFT_ERR(chdir("missing"), ENOENT);
    SOFT_ERR(rename("missing", "other"), ENOENT);
    SOFT_ERR(link("missing", "other"), ENOENT);
    SOFT_ERR(chmod("missing", 0644), ENOENT);
    SOFT_ERR(truncate("missing", 0), ENOENT);
    SOFT_ERR(stat("", &st), ENOENT);
    return soft_result();
}

int errors_enotdir(void)
{
    struct stat st;

    TRY(make_file("file", "x", 0644));
    SOFT_ERR(open("file/x", O_RDONLY), ENOTDIR);
    SOFT_ERR(open("file/x", O_WRONLY | O_CREAT, 0644), ENOTDIR);
    SOFT_ERR(open("file/", O_RDONLY), ENOTDIR);
    SOFT_ERR(open("file", O_RDONLY | O_DIRECTORY), ENOTDIR);
    SOFT_ERR(stat("file/x", &st), ENOTDIR);
    SOFT_ERR(mkdir("file/x", 0755), ENOTDIR);
    SOFT_ERR(rmdir("file"), ENOTDIR);
    SOFT_ERR(chdir("file"), ENOTDIR);
    SOFT_ERR(unlink("file/x"), ENOTDIR);
    errno = 0;
    SOFT_CHECK(opendir("file") == NULL && errno == ENOTDIR, "opendir of a file: errno %s",
               errname(errno));
    return soft_result();
}

int errors_eexist(void)
{
    TRY(make_file("file", "x", 0644));
    EXPECT_OK(mkdir("dir", 0755));
    SOFT_ERR(mkdir("file", 0755), EEXIST);
    SOFT_ERR(mkdir("dir", 0755), EEXIST);
    SOFT_ERR(open("file", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST);
    SOFT_ERR(link("file", "dir"), EEXIST);
    SOFT_ERR(symlink("anything", "file"), EEXIST);
    SOFT_ERR(mkfifo("file", 0644), EEXIST);
    return soft_result();
}

int errors_eisdir(void)
{
    char buf[16];
    int fd;

    EXPECT_OK(mkdir("dir", 0755));
    SOFT_ERR(open("dir", O_WRONLY), EISDIR);
    SOFT_ERR(open("dir", O_RDWR), EISDIR);
    SOFT_ERR(open("dir", O_WRONLY | O_CREAT, 0644), EISDIR);
    EXPECT_OK(fd = open("dir", O_RDONLY));
    SOFT_ERR(read(fd, buf, sizeof(buf)), EISDIR);
    close(fd);
    TRY(make_file("file", "x", 0644));
    SOFT_ERR(rename("file", "dir"), EISDIR);
    SOFT_ERR(truncate("dir", 0), EISDIR);
    return soft_result();
}

int errors_ebadf(void)
{
    char buf[8];
    struct stat st;
    int fd;

    TRY(make_file("file", "x", 0644));
    EXPECT_OK(fd = open("file", O_RDONLY));
    SOFT_ERR(write(fd, "x", 1), EBADF);
    close(fd);
    SOFT_ERR(read(fd, buf, 1), EBADF);
    SOFT_ERR(write(fd, "x", 1), EBADF);
    SOFT_ERR(close(fd), EBADF);
    SOFT_ERR(fstat(fd, &st), EBADF);
    SOFT_ERR(read(-1, buf, 1), EBADF);
    SOFT_ERR(read(1 << 20, buf, 1), EBADF);
    SOFT_ERR(close(-1), EBADF);
    EXPECT_OK(fd = open("file", O_WRONLY));
    SOFT_ERR(read(fd, buf, 1), EBADF);
    close(fd);
    fd_set rd;
    FD_ZERO(&rd);
    FD_SET(fd, &rd);
    struct timeval tv = { 0, 0 };
    SOFT_ERR(select(fd + 1, &rd, NULL, NULL, &tv), EBADF);
    return soft_result();
}

int errors_enametoolong(void)
{
    char name[300], *path = malloc(5002);
    struct stat st;

    CHECK(path, "malloc");
    memset(name, 'n', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    SOFT_ERR(open(name, O_RDONLY), ENAMETOOLONG);
    SOFT_ERR(open(name, O_WRONLY | O_CREAT, 0644), ENAMETOOLONG);
    SOFT_ERR(mkdir(name, 0755), ENAMETOOLONG);
    SOFT_ERR(stat(name, &st), ENAMETOOLONG);
    for (int i = 0; i < 5000; i += 2)
        memcpy(path + i, "a/", 2);
    path[5000] = '\0';
    SOFT_ERR(stat(path, &st), ENAMETOOLONG);
    SOFT_ERR(open(path, O_RDONLY), ENAMETOOLONG);
    free(path);
    name[255] = '\0'; /* the longest name allowed */
    int fd;
    EXPECT_OK(fd = open(name, O_WRONLY | O_CREAT, 0644));
    close(fd);
    EXPECT_OK(unlink(name));
    return soft_result();
}

static int denied_as_ordinary_user(void *arg)
{
    struct stat st;
    struct utimbuf t = { 1, 1 };

    (void)arg;
    TRY(drop_privileges());
    SOFT_ERR(open("secret", O_RDONLY), EACCES);
    SOFT_ERR(open("secret", O_WRONLY), EACCES);
    SOFT_ERR(access("secret", R_OK), EACCES);
    SOFT_ERR(open("locked/file", O_RDONLY), EACCES);
    SOFT_ERR(stat("locked/file", &st), EACCES);
    SOFT_ERR(chdir("locked"), EACCES);
    errno = 0;
    SOFT_CHECK(opendir("locked") == NULL && errno == EACCES, "opendir of a 0700 root directory: %s",
               errname(errno));
    SOFT_ERR(open("ro/new", O_WRONLY | O_CREAT, 0644), EACCES);
    SOFT_ERR(mkdir("ro/new", 0755), EACCES);
    SOFT_ERR(unlink("ro/file"), EACCES);
    SOFT_ERR(rename("ro/file", "ro/moved"), EACCES);
    SOFT_ERR(utime("secret", NULL), EACCES);
    SOFT_ERR(chmod("secret", 0666), EPERM);
    SOFT_ERR(chown("secret", TEST_UID, TEST_GID), EPERM);
    SOFT_ERR(utime("secret", &t), EPERM);
    TRY(file_equals("ro/file", "readable")); /* reading is still allowed */
    return soft_result();
}

int errors_eacces_as_non_root(void)
{
    if (geteuid() != 0)
        return 0; /* the files below must belong to someone else */
    TRY(make_file("secret", "root only", 0600));
    EXPECT_OK(mkdir("locked", 0700));
    TRY(make_file("locked/file", "x", 0644));
    EXPECT_OK(mkdir("ro", 0755));
    TRY(make_file("ro/file", "readable", 0644));
    EXPECT_OK(chmod("ro", 0555));
    RUN_CHILD(denied_as_ordinary_user, NULL);
    return 0;
}
