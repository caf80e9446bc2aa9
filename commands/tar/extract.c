/*
 * tar -x: make files from members. Parent directories are made as
 * needed, and an existing file in the way is removed (an existing
 * directory is kept for a directory member). Two things wait for the end:
 *
 *  - symbolic links, so that no member can be written through a link the
 *    archive itself made ("a -> /etc", then "a/passwd");
 *  - the modes and times of directories, which must stay writable while
 *    members go into them, and whose times those members would change.
 *
 * Members named with ".." are refused; leading "/" is dropped. Owners are
 * restored when running as root; modes are masked by the umask unless -p
 * (or root).
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "file_alloc.h"
#include "file_device.h"
#include "file_mode.h"
#include "tar.h"

/* A directory's or symbolic link's attributes, applied at the end. */
struct deferred {
    char *path;
    char *target; /* symbolic links */
    mode_t mode;
    uid_t uid;
    gid_t gid;
    struct timespec mtime;
};

struct deferred_list {
    struct deferred *items;
    size_t count, cap;
};

static struct deferred_list deferred_dirs, deferred_links;
static bool warned_strip;

static void defer(struct deferred_list *list, const char *path, const struct tar_member *m,
                  uid_t uid, gid_t gid)
{
    if (list->count == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 32;
        list->items = xreallocarray(list->items, list->cap, sizeof *list->items);
    }
    list->items[list->count++] = (struct deferred){
        .path = xstrdup(path),
        .target = m->linkname ? xstrdup(m->linkname) : NULL,
        .mode = m->mode,
        .uid = uid,
        .gid = gid,
        .mtime = m->mtime,
    };
}

static bool has_dotdot(const char *name)
{
    for (const char *p = name; *p;) {
        if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || p[2] == '\0'))
            return true;
        p = strchr(p, '/');
        if (!p)
            break;
        p++;
    }
    return false;
}

/* The member's name as extracted: safe, without trailing slashes; NULL if refused. */
static char *extract_name(const char *stored)
{
    bool stripped;
    char *name = member_safe_name(stored, &stripped);
    size_t len = strlen(name);

    if (stripped && !warned_strip) {
        cmd_warnx("removing leading '/' and '../' from member names");
        warned_strip = true;
    }
    if (has_dotdot(name)) {
        cmd_warnx("'%s': skipped: member name contains '..'", stored);
        tar_status = 2;
        free(name);
        return NULL;
    }
    while (len > 1 && name[len - 1] == '/')
        name[--len] = '\0';
    return name;
}

/* Make the directories above path that are missing. */
static void make_parents(const char *path)
{
    char *copy = xstrdup(path);

    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST)
            cmd_warn("cannot create directory '%s'", copy);
        *p = '/';
    }
    free(copy);
}

/* Remove what is at path so a new file can be made; false if impossible. */
static bool clear_path(const char *path, bool keep_directory)
{
    struct stat st;

    if (lstat(path, &st) != 0)
        return true;
    if (S_ISDIR(st.st_mode)) {
        if (keep_directory || rmdir(path) == 0)
            return true;
        cmd_warn("cannot replace directory '%s'", path);
        return false;
    }
    if (unlink(path) != 0) {
        cmd_warn("cannot remove '%s'", path);
        return false;
    }
    return true;
}

/* The owner to give: by name when this system knows it, else by number. */
static void member_owner(const struct tar_member *m, uid_t *uid, gid_t *gid)
{
    struct passwd *pw = m->uname[0] ? getpwnam(m->uname) : NULL;
    struct group *gr = m->gname[0] ? getgrnam(m->gname) : NULL;

    *uid = pw ? pw->pw_uid : m->uid;
    *gid = gr ? gr->gr_gid : m->gid;
}

static mode_t final_mode(const struct tar_opts *opts, mode_t mode)
{
    return opts->same_permissions ? mode & 07777 : mode & 0777 & ~mode_umask();
}

static int write_sink(void *ctx, const char *buf, size_t len)
{
    int fd = *(int *)ctx;

    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -errno;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

static void extract_file(const struct tar_opts *opts, struct tar_archive *ar,
                         const struct tar_member *m, const char *path)
{
    struct timespec times[2] = { { 0, UTIME_NOW }, m->mtime };
    int fd = clear_path(path, false) ? open(path, O_WRONLY | O_CREAT | O_EXCL, 0600) : -1;
    uid_t uid;
    gid_t gid;

    if (fd < 0) {
        cmd_warn("cannot create '%s'", path);
        tar_status = 2;
        archive_read_data(ar, m->size, NULL, NULL);
        return;
    }
    int err = archive_read_data(ar, m->size, write_sink, &fd);
    if (err) {
        errno = -err;
        cmd_warn("error writing '%s'", path);
        tar_status = 2;
    }
    member_owner(m, &uid, &gid);
    if (opts->is_root && fchown(fd, uid, gid) != 0)
        cmd_warn("cannot change the owner of '%s'", path);
    if (fchmod(fd, final_mode(opts, m->mode)) != 0 || futimens(fd, times) != 0)
        cmd_warn("cannot set the mode and time of '%s'", path);
    if (close(fd) != 0) {
        cmd_warn("error writing '%s'", path);
        tar_status = 2;
    }
}

static void extract_directory(const struct tar_member *m, const char *path)
{
    uid_t uid;
    gid_t gid;

    if (!clear_path(path, true))
        return;
    if (mkdir(path, 0700 | (m->mode & 0777)) != 0 && errno != EEXIST) {
        cmd_warn("cannot create directory '%s'", path);
        tar_status = 2;
        return;
    }
    member_owner(m, &uid, &gid);
    defer(&deferred_dirs, path, m, uid, gid);
}

static void extract_hardlink(const struct tar_member *m, const char *path)
{
    char *target = m->linkname ? extract_name(m->linkname) : NULL;

    if (!target) {
        cmd_warnx("'%s': hard link without a valid target", m->name);
        tar_status = 2;
        return;
    }
    if (clear_path(path, false) && link(target, path) != 0) {
        cmd_warn("cannot link '%s' to '%s'", path, target);
        tar_status = 2;
    }
    free(target);
}

static void extract_special(const struct tar_opts *opts, const struct tar_member *m,
                            const char *path)
{
    mode_t mode = final_mode(opts, m->mode);
    int rc;

    if (!clear_path(path, false))
        return;
    if (m->type == TYPE_FIFO)
        rc = mkfifo(path, mode);
    else
        rc = mknod(path, mode | (m->type == TYPE_CHAR ? S_IFCHR : S_IFBLK),
                   device_make(m->devmajor, m->devminor));
    if (rc != 0) {
        cmd_warn("cannot create '%s'", path);
        tar_status = 2;
    }
}

void extract_member(const struct tar_opts *opts, struct tar_archive *ar, const struct tar_member *m)
{
    char *path = extract_name(m->name);
    uid_t uid;
    gid_t gid;

    if (!path) {
        archive_read_data(ar, member_has_data(m) ? m->size : 0, NULL, NULL);
        return;
    }
    if (opts->verbose)
        printf("%s\n", m->name);
    make_parents(path);
    switch (m->type) {
    case TYPE_DIRECTORY:
        extract_directory(m, path);
        break;
    case TYPE_SYMLINK:
        member_owner(m, &uid, &gid);
        defer(&deferred_links, path, m, uid, gid);
        break;
    case TYPE_HARDLINK:
        extract_hardlink(m, path);
        break;
    case TYPE_FIFO:
    case TYPE_CHAR:
    case TYPE_BLOCK:
        extract_special(opts, m, path);
        break;
    default:
        extract_file(opts, ar, m, path);
        break; /* unknown types too, as POSIX asks */
    }
    free(path);
}

static void make_symlink(const struct tar_opts *opts, const struct deferred *d)
{
    struct timespec times[2] = { { 0, UTIME_NOW }, d->mtime };

    if (!clear_path(d->path, false))
        return;
    if (symlink(d->target ? d->target : "", d->path) != 0) {
        cmd_warn("cannot create symbolic link '%s'", d->path);
        tar_status = 2;
        return;
    }
    if (opts->is_root)
        lchown(d->path, d->uid, d->gid);
    utimensat(AT_FDCWD, d->path, times, AT_SYMLINK_NOFOLLOW);
}

static void finish_directory(const struct tar_opts *opts, const struct deferred *d)
{
    struct timespec times[2] = { { 0, UTIME_NOW }, d->mtime };

    if (opts->is_root && chown(d->path, d->uid, d->gid) != 0)
        cmd_warn("cannot change the owner of '%s'", d->path);
    if (chmod(d->path, final_mode(opts, d->mode)) != 0 ||
        utimensat(AT_FDCWD, d->path, times, 0) != 0)
        cmd_warn("cannot set the mode and time of '%s'", d->path);
}

void extract_finish(const struct tar_opts *opts)
{
    for (size_t i = 0; i < deferred_links.count; i++) {
        make_symlink(opts, &deferred_links.items[i]);
        free(deferred_links.items[i].path);
        free(deferred_links.items[i].target);
    }
    /* Deepest first: setting a directory's time must come after its children. */
    for (size_t i = deferred_dirs.count; i-- > 0;) {
        finish_directory(opts, &deferred_dirs.items[i]);
        free(deferred_dirs.items[i].path);
        free(deferred_dirs.items[i].target);
    }
    free(deferred_links.items);
    free(deferred_dirs.items);
    deferred_links = deferred_dirs = (struct deferred_list){ 0 };
}
