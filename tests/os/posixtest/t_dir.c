/* Files: directories, the working directory, unlink and rename. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "posixtest.h"

static int nlink_of(const char *path)
{
    struct stat st;

    return stat(path, &st) < 0 ? -1 : (int)st.st_nlink;
}

int chdir_fchdir_and_getcwd(void)
{
    char base[PATH_MAX], cwd[PATH_MAX], want[PATH_MAX + 16];
    int fd;

    CHECK(getcwd(base, sizeof(base)), "getcwd: %s", errname(errno));
    CHECK(base[0] == '/', "getcwd gave \"%s\", not an absolute path", base);
    EXPECT_OK(mkdir("d1", 0755));
    EXPECT_OK(mkdir("d1/d2", 0755));
    TRY(make_file("d1/d2/here", "in d2", 0644));
    EXPECT_OK(chdir("d1/d2"));
    CHECK(getcwd(cwd, sizeof(cwd)), "getcwd in d1/d2: %s", errname(errno));
    snprintf(want, sizeof(want), "%s/d1/d2", base);
    CHECK(strcmp(cwd, want) == 0, "getcwd = \"%s\", expected \"%s\"", cwd, want);
    TRY(file_equals("here", "in d2")); /* relative names start here now */
    EXPECT_OK(chdir(".."));
    CHECK(getcwd(cwd, sizeof(cwd)), "getcwd in d1: %s", errname(errno));
    snprintf(want, sizeof(want), "%s/d1", base);
    CHECK(strcmp(cwd, want) == 0, "getcwd after chdir(\"..\") = \"%s\", expected \"%s\"", cwd,
          want);
    EXPECT_OK(fd = open(base, O_RDONLY));
    EXPECT_OK(fchdir(fd));
    close(fd);
    CHECK(getcwd(cwd, sizeof(cwd)) && strcmp(cwd, base) == 0, "getcwd after fchdir = \"%s\"", cwd);
    errno = 0;
    CHECK(getcwd(cwd, 2) == NULL && errno == ERANGE, "getcwd with a 2-byte buffer: errno %s",
          errname(errno));
    EXPECT_OK(chdir("/"));
    CHECK(getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/") == 0, "getcwd at the root = \"%s\"", cwd);
    EXPECT_OK(chdir(base));

    TRY(make_file("file", "x", 0644));
    EXPECT_ERR(chdir("file"), ENOTDIR);
    EXPECT_ERR(chdir("missing"), ENOENT);
    EXPECT_ERR(chdir(""), ENOENT);
    EXPECT_OK(fd = open("file", O_RDONLY));
    EXPECT_ERR(fchdir(fd), ENOTDIR);
    close(fd);
    EXPECT_ERR(fchdir(fd), EBADF);
    return 0;
}

int mkdir_and_rmdir(void)
{
    struct stat st;
    int base = nlink_of(".");

    EXPECT_OK(mkdir("d", 0755));
    EXPECT_OK(stat("d", &st));
    CHECK(S_ISDIR(st.st_mode), "mkdir made mode %#o, not a directory", (unsigned)st.st_mode);
    EXPECT_EQ(st.st_nlink, 2);
    EXPECT_EQ(nlink_of("."), base + 1);
    EXPECT_ERR(mkdir("d", 0755), EEXIST);
    TRY(make_file("f", "x", 0644));
    EXPECT_ERR(mkdir("f", 0755), EEXIST);
    EXPECT_ERR(mkdir("missing/x", 0755), ENOENT);
    EXPECT_ERR(mkdir("f/x", 0755), ENOTDIR);

    TRY(make_file("d/inside", "x", 0644));
    EXPECT_ERR(rmdir("d"), ENOTEMPTY);
    EXPECT_OK(unlink("d/inside"));
    EXPECT_OK(mkdir("d/sub", 0755));
    EXPECT_EQ(nlink_of("d"), 3);
    EXPECT_ERR(rmdir("d"), ENOTEMPTY);
    EXPECT_OK(rmdir("d/sub"));
    EXPECT_EQ(nlink_of("d"), 2);
    EXPECT_OK(rmdir("d"));
    EXPECT_ERR(stat("d", &st), ENOENT);
    EXPECT_EQ(nlink_of("."), base);
    EXPECT_ERR(rmdir("d"), ENOENT);
    EXPECT_ERR(rmdir("f"), ENOTDIR);
    EXPECT_OK(mkdir("e", 0755));
    EXPECT_ERR(rmdir("e/."), EINVAL);
    EXPECT_OK(mkdir("d", 0700)); /* the name can be used again */
    EXPECT_OK(rmdir("d/"));
    return 0;
}

int unlink_of_an_open_file_keeps_its_data(void)
{
    struct stat st;
    char buf[32] = "";
    int rd, rw;

    TRY(make_file("f", "still here", 0644));
    EXPECT_OK(rd = open("f", O_RDONLY));
    EXPECT_OK(rw = open("f", O_RDWR));
    EXPECT_OK(unlink("f"));
    EXPECT_ERR(stat("f", &st), ENOENT);
    EXPECT_ERR(open("f", O_RDONLY), ENOENT);
    EXPECT_EQ(read(rd, buf, sizeof(buf)), 10);
    CHECK(memcmp(buf, "still here", 10) == 0, "read \"%.10s\" from the unlinked file", buf);
    EXPECT_OK(fstat(rd, &st));
    EXPECT_EQ(st.st_nlink, 0);
    EXPECT_EQ(pwrite(rw, "STILL", 5, 0), 5);
    EXPECT_EQ(pread(rd, buf, 5, 0), 5);
    CHECK(memcmp(buf, "STILL", 5) == 0, "write through another descriptor not seen");
    TRY(make_file("f", "new file", 0644)); /* a new file of the same name */
    EXPECT_EQ(pread(rd, buf, 5, 0), 5);
    CHECK(memcmp(buf, "STILL", 5) == 0, "the unlinked file changed with the new one");
    close(rd);
    close(rw);
    TRY(file_equals("f", "new file"));
    EXPECT_ERR(unlink("missing"), ENOENT);
    EXPECT_OK(mkdir("d", 0755));
    EXPECT_ERR2(unlink("d"), EISDIR, EPERM);
    return 0;
}

int rename_files_and_directories(void)
{
    struct stat a, b;

    TRY(make_file("a", "from a", 0644));
    TRY(make_file("b", "from b", 0644));
    EXPECT_OK(stat("a", &a));
    EXPECT_OK(rename("a", "b")); /* replaces b */
    EXPECT_ERR(stat("a", &b), ENOENT);
    EXPECT_OK(stat("b", &b));
    CHECK(a.st_ino == b.st_ino, "b is not a's inode after rename over it");
    TRY(file_equals("b", "from a"));
    EXPECT_OK(rename("b", "b")); /* to itself: nothing happens */
    TRY(file_equals("b", "from a"));
    EXPECT_ERR(rename("missing", "c"), ENOENT);
    EXPECT_ERR(rename("b", "nodir/c"), ENOENT);

    EXPECT_OK(mkdir("d", 0755));
    EXPECT_OK(mkdir("d/sub", 0755));
    EXPECT_OK(rename("b", "d/sub/b")); /* into another directory */
    TRY(file_equals("d/sub/b", "from a"));
    EXPECT_ERR(rename("d", "d/sub/inner"), EINVAL);
    EXPECT_ERR(rename("d", "d/inner"), EINVAL);
    EXPECT_OK(mkdir("empty", 0755));
    TRY(make_file("file", "x", 0644));
    EXPECT_ERR(rename("file", "empty"), EISDIR);
    EXPECT_ERR(rename("empty", "file"), ENOTDIR);
    EXPECT_ERR2(rename("empty", "d"), ENOTEMPTY, EEXIST);
    EXPECT_OK(rename("d", "empty")); /* over an empty directory */
    TRY(file_equals("empty/sub/b", "from a"));
    EXPECT_ERR(stat("d", &a), ENOENT);
    EXPECT_OK(rename("empty/sub", "sub2")); /* a directory to another parent */
    EXPECT_EQ(nlink_of("empty"), 2);
    TRY(file_equals("sub2/b", "from a"));
    EXPECT_OK(link("file", "file2"));
    EXPECT_OK(rename("file", "file2")); /* two links of one file: nothing happens */
    EXPECT_EQ(nlink_of("file2"), 2);
    return 0;
}

int link_symlink_and_readlink(void)
{
    struct stat st, lst;
    char buf[64];

    TRY(make_file("f", "target text", 0644));
    EXPECT_OK(link("f", "g"));
    EXPECT_EQ(nlink_of("f"), 2);
    EXPECT_OK(stat("g", &st));
    EXPECT_OK(stat("f", &lst));
    CHECK(st.st_ino == lst.st_ino, "a hard link has another inode");
    EXPECT_ERR(link("f", "g"), EEXIST);
    EXPECT_ERR(link("missing", "h"), ENOENT);
    EXPECT_OK(mkdir("d", 0755));
    EXPECT_ERR(link("d", "dlink"), EPERM);
    EXPECT_OK(unlink("f"));
    EXPECT_EQ(nlink_of("g"), 1);
    TRY(file_equals("g", "target text"));

    /* Symbolic links: each check goes on after a failure. */
    EXPECT_OK(symlink("g", "s"));
    memset(buf, 'X', sizeof(buf));
    errno = 0;
    ssize_t n = readlink("s", buf, sizeof(buf));
    SOFT_CHECK(n == 1 && buf[0] == 'g' && buf[1] == 'X',
               "readlink = %zd \"%.2s\" (%s), expected 1 \"g\" and no NUL", n, buf, errname(errno));
    file_equals("s", "target text");
    SOFT_OK(lstat("s", &lst));
    SOFT_CHECK(S_ISLNK(lst.st_mode) && lst.st_size == 1, "lstat of a symlink: mode %#o size %lld",
               (unsigned)lst.st_mode, (long long)lst.st_size);
    SOFT_OK(stat("s", &st));
    SOFT_CHECK(S_ISREG(st.st_mode), "stat through a symlink: mode %#o", (unsigned)st.st_mode);
    EXPECT_OK(symlink("a-rather-long-target-name", "long"));
    SOFT_CHECK(readlink("long", buf, 6) == 6 && memcmp(buf, "a-rath", 6) == 0,
               "truncated readlink gave \"%.6s\"", buf);
    SOFT_ERR(readlink("g", buf, sizeof(buf)), EINVAL);
    SOFT_ERR(readlink("missing", buf, sizeof(buf)), ENOENT);
    SOFT_ERR(symlink("x", "g"), EEXIST);
    EXPECT_OK(symlink("missing-target", "dangling"));
    SOFT_ERR(open("dangling", O_RDONLY), ENOENT);
    SOFT_OK(lstat("dangling", &lst));
    EXPECT_OK(symlink("d", "dirlink"));
    SOFT_OK(stat("dirlink", &st));
    SOFT_CHECK(S_ISDIR(st.st_mode), "stat through a link to a directory: mode %#o",
               (unsigned)st.st_mode);
    if (make_file("dirlink/inside", "via link", 0644) == 0)
        file_equals("d/inside", "via link");
    EXPECT_OK(symlink("../g", "d/up")); /* relative to the link's directory */
    file_equals("d/up", "target text");
    char abs[PATH_MAX + 8], cwd[PATH_MAX];
    CHECK(getcwd(cwd, sizeof(cwd)), "getcwd: %s", errname(errno));
    snprintf(abs, sizeof(abs), "%s/g", cwd);
    EXPECT_OK(symlink(abs, "absolute"));
    file_equals("absolute", "target text");
    EXPECT_OK(symlink("loop-b", "loop-a"));
    EXPECT_OK(symlink("loop-a", "loop-b"));
    SOFT_ERR(open("loop-a", O_RDONLY), ELOOP);
    SOFT_OK(unlink("s")); /* removes the link, not the target */
    file_equals("g", "target text");
    return soft_result();
}

#define NFILES 40

/* Every created name is listed exactly once, with . and .., nothing more. */
static int expect_listing(const char *dir, char names[][64], const bool *present, int n)
{
    int seen[NFILES + 2] = { 0 };
    DIR *d = opendir(dir);
    struct dirent *e;

    CHECK(d, "opendir(\"%s\"): %s", dir, errname(errno));
    while ((e = readdir(d)) != NULL) {
        int i = strcmp(e->d_name, ".") == 0 ? n : strcmp(e->d_name, "..") == 0 ? n + 1 : 0;
        while (i < n && strcmp(e->d_name, names[i]) != 0)
            i++;
        if (i == n && strcmp(e->d_name, ".") != 0) {
            closedir(d);
            FAIL("readdir listed \"%s\", which was not created", e->d_name);
        }
        seen[i]++;
    }
    closedir(d);
    for (int i = 0; i < n; i++)
        CHECK(seen[i] == (present[i] ? 1 : 0), "\"%s\" listed %d times, expected %d", names[i],
              seen[i], present[i] ? 1 : 0);
    CHECK(seen[n] == 1 && seen[n + 1] == 1, ". listed %d times, .. %d times", seen[n], seen[n + 1]);
    return 0;
}

int readdir_lists_every_name(void)
{
    static char names[NFILES][64];
    bool present[NFILES];

    EXPECT_OK(mkdir("d", 0755));
    for (int i = 0; i < NFILES; i++) {
        char path[96];
        if (i == 0)
            snprintf(names[i], sizeof(names[i]), ".hidden");
        else if (i == 1)
            snprintf(names[i], sizeof(names[i]), "with space");
        else if (i == 2)
            snprintf(names[i], sizeof(names[i]), "%.60s",
                     "a-name-of-sixty-characters-"
                     "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        else
            snprintf(names[i], sizeof(names[i]), "%s%d", i % 4 ? "file" : "dir", i);
        snprintf(path, sizeof(path), "d/%.63s", names[i]);
        if (i >= 3 && i % 4 == 0)
            EXPECT_OK(mkdir(path, 0755));
        else
            TRY(make_file(path, names[i], 0644));
        present[i] = true;
    }
    TRY(expect_listing("d", names, present, NFILES));
    for (int i = 1; i < NFILES; i += 3) {
        char path[96];
        snprintf(path, sizeof(path), "d/%.63s", names[i]);
        if (i >= 3 && i % 4 == 0)
            EXPECT_OK(rmdir(path));
        else
            EXPECT_OK(unlink(path));
        present[i] = false;
    }
    TRY(expect_listing("d", names, present, NFILES));

    DIR *d = opendir("d");
    CHECK(d, "opendir: %s", errname(errno));
    int first = 0, second = 0;
    while (readdir(d))
        first++;
    rewinddir(d);
    while (readdir(d))
        second++;
    closedir(d);
    CHECK(first == second, "%d entries, %d after rewinddir", first, second);
    TRY(make_file("plain", "x", 0644));
    errno = 0;
    CHECK(opendir("plain") == NULL && errno == ENOTDIR, "opendir of a file: errno %s",
          errname(errno));
    errno = 0;
    CHECK(opendir("missing") == NULL && errno == ENOENT, "opendir of nothing: errno %s",
          errname(errno));
    return 0;
}
