/*
 * Path resolution: odd spellings, symbolic links, and names looked up
 * again after they changed (what a name cache could get wrong: a stale
 * name after rename or unlink, a directory's permission change that does
 * not take effect at once).
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "posixtest.h"

static long ino_of(const char *path)
{
    struct stat st;

    return stat(path, &st) < 0 ? -1 : (long)st.st_ino;
}

int path_spellings_dots_slashes_and_symlinks(void)
{
    char cwd[PATH_MAX], abs[PATH_MAX + 32];
    struct stat st;

    CHECK(getcwd(cwd, sizeof(cwd)), "getcwd: %s", errname(errno));
    EXPECT_OK(mkdir("a", 0755));
    EXPECT_OK(mkdir("a/b", 0755));
    EXPECT_OK(mkdir("a/b/c", 0755));
    TRY(make_file("a/b/c/f", "deep", 0644));
    long want = ino_of("a/b/c/f");
    CHECK(want > 0, "stat a/b/c/f: %s", errname(errno));
    EXPECT_EQ(ino_of("a//b/./c/../c/f"), want);
    EXPECT_EQ(ino_of("./a/b/../b/c/./f"), want);
    EXPECT_EQ(ino_of("a/b/c/"), ino_of("a/b/c"));
    EXPECT_ERR(stat("a/b/c/f/", &st), ENOTDIR);
    EXPECT_ERR(stat("a/b/c/f/.", &st), ENOTDIR);
    EXPECT_ERR(stat("a/b/c/f/x", &st), ENOTDIR);
    EXPECT_ERR(stat("a/b/missing/f", &st), ENOENT);
    /* Relative, absolute, chained, dangling and looping links. */
    EXPECT_OK(symlink("b/c", "a/rel"));
    snprintf(abs, sizeof(abs), "%s/a/b", cwd);
    EXPECT_OK(symlink(abs, "a/abs"));
    EXPECT_OK(symlink("../rel", "a/b/chain"));
    EXPECT_OK(symlink("nowhere", "a/dangling"));
    EXPECT_OK(symlink("loop2", "a/loop1"));
    EXPECT_OK(symlink("loop1", "a/loop2"));
    EXPECT_EQ(ino_of("a/rel/f"), want);
    EXPECT_EQ(ino_of("a/abs/c/f"), want);
    EXPECT_EQ(ino_of("a/b/chain/f"), want);
    EXPECT_EQ(ino_of("a/rel/../c/f"), want); /* ".." from where the link led */
    EXPECT_EQ(ino_of("a/rel/"), ino_of("a/b/c"));
    EXPECT_OK(lstat("a/rel", &st));
    CHECK(S_ISLNK(st.st_mode), "lstat of a link: mode %o", (unsigned)st.st_mode);
    EXPECT_OK(lstat("a/rel/", &st)); /* a trailing slash follows the link */
    CHECK(S_ISDIR(st.st_mode), "lstat a/rel/: mode %o", (unsigned)st.st_mode);
    EXPECT_ERR(stat("a/dangling", &st), ENOENT);
    EXPECT_OK(lstat("a/dangling", &st));
    EXPECT_ERR(stat("a/loop1", &st), ELOOP);
    EXPECT_ERR(stat("a/loop1/x", &st), ELOOP);
    /* A link's target changes: the new one is followed at once. */
    EXPECT_EQ(ino_of("a/rel"), ino_of("a/b/c"));
    EXPECT_OK(unlink("a/rel"));
    EXPECT_OK(symlink("b", "a/rel"));
    EXPECT_EQ(ino_of("a/rel"), ino_of("a/b"));
    EXPECT_EQ(ino_of("a/rel/c/f"), want);
    return 0;
}

/* vfs remembers names it found absent: each way of making a name must
 * make it visible at once, through the same directory. */
static int absent(const char *path)
{
    struct stat st;

    errno = 0;
    CHECK(lstat(path, &st) == -1 && errno == ENOENT, "lstat(\"%s\") = %s, expected ENOENT", path,
          errno ? errname(errno) : "found");
    return 0;
}

int absent_names_appear_when_made(void)
{
    struct stat st;

    TRY(make_file("f", "x", 0644));
    TRY(absent("n"));
    TRY(absent("n")); /* now remembered as absent */
    EXPECT_OK(mkdir("n", 0755));
    EXPECT_OK(stat("n", &st));
    EXPECT_OK(rmdir("n"));
    TRY(absent("n"));
    EXPECT_OK(symlink("f", "n"));
    EXPECT_OK(lstat("n", &st));
    EXPECT_OK(unlink("n"));
    TRY(absent("n"));
    EXPECT_OK(link("f", "n"));
    EXPECT_EQ(ino_of("n"), ino_of("f"));
    EXPECT_OK(unlink("n"));
    TRY(absent("n"));
    EXPECT_OK(mkfifo("n", 0644));
    EXPECT_OK(stat("n", &st));
    CHECK(S_ISFIFO(st.st_mode), "n is not a fifo");
    EXPECT_OK(unlink("n"));
    TRY(absent("n"));
    long f = ino_of("f");
    EXPECT_OK(rename("f", "n"));
    EXPECT_EQ(ino_of("n"), f);
    TRY(absent("f"));
    int fd = open("f", O_CREAT | O_EXCL | O_WRONLY, 0644);
    CHECK(fd >= 0, "create f after it was renamed away: %s", errname(errno));
    close(fd);
    EXPECT_OK(stat("f", &st));
    return 0;
}

int names_are_current_after_rename_and_unlink(void)
{
    struct stat st;

    EXPECT_OK(mkdir("d", 0755));
    TRY(make_file("d/x", "first", 0644));
    TRY(make_file("d/y", "second", 0644));
    long x = ino_of("d/x"), y = ino_of("d/y");
    CHECK(x > 0 && y > 0 && x != y, "stat d/x, d/y: %ld %ld", x, y);
    /* Rename over an existing name: both names resolve afresh. */
    EXPECT_OK(rename("d/x", "d/y"));
    EXPECT_ERR(stat("d/x", &st), ENOENT);
    EXPECT_EQ(ino_of("d/y"), x);
    TRY(file_equals("d/y", "first"));
    /* Unlink, then a new file under the old name. */
    EXPECT_OK(unlink("d/y"));
    EXPECT_ERR(stat("d/y", &st), ENOENT);
    TRY(make_file("d/y", "third", 0644));
    TRY(file_equals("d/y", "third"));
    /* A directory moves: paths through its old name fail, the new work. */
    EXPECT_OK(mkdir("d/sub", 0755));
    TRY(make_file("d/sub/f", "in sub", 0644));
    long f = ino_of("d/sub/f");
    EXPECT_OK(mkdir("e", 0755));
    EXPECT_OK(rename("d/sub", "e/moved"));
    EXPECT_ERR(stat("d/sub/f", &st), ENOENT);
    EXPECT_EQ(ino_of("e/moved/f"), f);
    EXPECT_EQ(ino_of("e/moved/.."), ino_of("e")); /* ".." follows the move */
    /* rmdir, then mkdir of the same name: the new directory is empty. */
    EXPECT_OK(unlink("e/moved/f"));
    EXPECT_OK(rmdir("e/moved"));
    EXPECT_ERR(stat("e/moved", &st), ENOENT);
    EXPECT_OK(mkdir("e/moved", 0755));
    EXPECT_ERR(stat("e/moved/f", &st), ENOENT);
    /* A hard link's second name, then the first name gone. */
    EXPECT_OK(link("d/y", "e/hard"));
    EXPECT_OK(unlink("d/y"));
    EXPECT_ERR(stat("d/y", &st), ENOENT);
    TRY(file_equals("e/hard", "third"));
    return 0;
}

static int search_permission_follows_chmod(void *arg)
{
    struct stat st;

    (void)arg;
    TRY(drop_privileges());
    EXPECT_OK(stat("mine/inner/f", &st));
    EXPECT_OK(chmod("mine", 0600)); /* no search permission: at once */
    EXPECT_ERR(stat("mine/inner/f", &st), EACCES);
    EXPECT_ERR(stat("mine/inner", &st), EACCES);
    EXPECT_ERR(open("mine/top", O_RDONLY | O_CREAT, 0644), EACCES);
    EXPECT_OK(chmod("mine", 0700));
    EXPECT_OK(stat("mine/inner/f", &st));
    EXPECT_OK(chmod("mine/inner", 0600)); /* the inner directory only */
    EXPECT_OK(stat("mine/inner", &st));
    EXPECT_ERR(stat("mine/inner/f", &st), EACCES);
    EXPECT_ERR(open("mine/inner/f", O_RDONLY | O_CREAT, 0644), EACCES); /* it exists */
    EXPECT_ERR(open("mine/inner/new", O_RDONLY | O_CREAT, 0644), EACCES);
    EXPECT_OK(chmod("mine/inner", 0700));
    EXPECT_OK(stat("mine/inner/f", &st));
    return 0;
}

static int search_permission_follows_chown(void *arg)
{
    struct stat st;

    (void)arg;
    TRY(drop_privileges());
    EXPECT_ERR(stat("mine/inner/f", &st), EACCES);
    return 0;
}

int directory_permission_changes_take_effect_at_once(void)
{
    if (geteuid() != 0)
        return 0; /* the directories must be given to the test user */
    EXPECT_OK(mkdir("mine", 0700));
    EXPECT_OK(mkdir("mine/inner", 0700));
    TRY(make_file("mine/inner/f", "x", 0644));
    EXPECT_OK(chown("mine", TEST_UID, TEST_GID));
    EXPECT_OK(chown("mine/inner", TEST_UID, TEST_GID));
    RUN_CHILD(search_permission_follows_chmod, NULL);
    /* The owner changes: the old owner loses the owner's permissions. */
    EXPECT_OK(chown("mine/inner", 0, 0));
    RUN_CHILD(search_permission_follows_chown, NULL);
    return 0;
}
