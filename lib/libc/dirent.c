/*
 * Directory streams on VFS_GETDENTS. The file system writes its entries
 * (struct fs_dirent) into the stream's buffer; readdir converts one at a
 * time into the struct dirent it returns. telldir is the offset of the
 * buffer plus the index of the entry within it.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include "call.h"

#define DIRBUF 4096

DIR *fdopendir(int fd)
{
    DIR *d = calloc(1, sizeof(*d));

    if (!d || !(d->dd_buf = malloc(DIRBUF))) {
        free(d);
        errno = ENOMEM;
        return NULL;
    }
    d->dd_fd = fd;
    return d;
}

DIR *opendir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

    if (fd < 0)
        return NULL;
    DIR *d = fdopendir(fd);
    if (!d)
        close(fd);
    return d;
}

static int refill(DIR *d)
{
    message m;

    __msg(&m, VFS_GETDENTS);
    m.vfs_io.fd = d->dd_fd;
    m.vfs_io.buf = (uint64_t)d->dd_buf;
    m.vfs_io.len = DIRBUF;
    d->dd_pos = lseek(d->dd_fd, 0, SEEK_CUR);
    long r = __server_call(VFS_EP, &m);
    if (r < 0)
        return (int)__ret(r);
    d->dd_size = (int)r;
    d->dd_loc = 0;
    return (int)r;
}

struct dirent *readdir(DIR *d)
{
    if (d->dd_loc >= d->dd_size && refill(d) <= 0)
        return NULL;
    struct fs_dirent *e = (struct fs_dirent *)(d->dd_buf + d->dd_loc);
    if (e->d_reclen == 0 || d->dd_loc + e->d_reclen > d->dd_size) {
        errno = EIO;
        return NULL;
    }
    d->dd_ent.d_ino = e->d_ino;
    d->dd_ent.d_type = e->d_type;
    d->dd_ent.d_off = d->dd_loc;
    d->dd_ent.d_reclen = sizeof(d->dd_ent);
    size_t n = strnlen(e->d_name, MAXNAMLEN);
    memcpy(d->dd_ent.d_name, e->d_name, n);
    d->dd_ent.d_name[n] = '\0';
    d->dd_loc += e->d_reclen;
    return &d->dd_ent;
}

int readdir_r(DIR *d, struct dirent *entry, struct dirent **result)
{
    int saved = errno;

    errno = 0;
    struct dirent *e = readdir(d);
    if (!e && errno)
        return errno;
    errno = saved;
    if (e)
        *entry = *e;
    *result = e ? entry : NULL;
    return 0;
}

int closedir(DIR *d)
{
    int r = close(d->dd_fd);

    free(d->dd_buf);
    free(d);
    return r;
}

void rewinddir(DIR *d)
{
    lseek(d->dd_fd, 0, SEEK_SET);
    d->dd_loc = d->dd_size = 0;
}

/* A position: the directory cookie of the buffer (high bits) and the entry. */
long telldir(DIR *d)
{
    return (d->dd_pos << 12) | d->dd_loc;
}

void seekdir(DIR *d, long pos)
{
    lseek(d->dd_fd, pos >> 12, SEEK_SET);
    d->dd_loc = d->dd_size = 0;
    if (refill(d) > 0)
        d->dd_loc = (int)(pos & 0xFFF);
}

int dirfd(DIR *d)
{
    return d->dd_fd;
}

int alphasort(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

int scandir(const char *path, struct dirent ***list, int (*sel)(const struct dirent *),
            int (*cmp)(const struct dirent **, const struct dirent **))
{
    DIR *d = opendir(path);
    struct dirent *e, **v = NULL;
    size_t n = 0, cap = 0;

    if (!d)
        return -1;
    while ((e = readdir(d))) {
        if (sel && !sel(e))
            continue;
        if (n == cap) {
            struct dirent **nv = realloc(v, (cap = cap ? cap * 2 : 16) * sizeof(*v));
            if (!nv)
                goto fail;
            v = nv;
        }
        if (!(v[n] = malloc(sizeof(*e))))
            goto fail;
        *v[n++] = *e;
    }
    closedir(d);
    if (cmp && n)
        qsort(v, n, sizeof(*v), (int (*)(const void *, const void *))cmp);
    *list = v;
    return (int)n;
fail:
    while (n)
        free(v[--n]);
    free(v);
    closedir(d);
    errno = ENOMEM;
    return -1;
}
