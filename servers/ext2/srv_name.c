/* Requests that name directory entries, and directory listings. */
#include <string.h>
#include <ember/devices.h>
#include "srv.h"

#define NAMES_MAX (2 * 1024 + 2)

/* The request's names ("a" or "a\0b") from vfs's grant, NUL-terminated. */
int fetch_names(message *m, char *buf, size_t size)
{
    size_t len = m->fs_req.len;

    if (len == 0 || len >= size)
        return -ENAMETOOLONG;
    int r = sys_safecopyfrom(m->m_source, m->fs_req.grant, 0, buf, len);
    if (r < 0)
        return r;
    buf[len] = '\0';
    return 0;
}

static uint32_t dir_of(const message *m)
{
    return (uint32_t)m->fs_req.ino;
}

static struct ext2_cred cred_of(const message *m)
{
    return (struct ext2_cred){ m->fs_req.uid, m->fs_req.gid };
}

int do_lookup(message *m)
{
    char name[NAMES_MAX];
    uint32_t ino;
    int r = fetch_names(m, name, sizeof(name));

    if (r == 0)
        r = ext2_lookup(fs, dir_of(m), name, &ino);
    return r < 0 ? r : reply_attr(m, ino);
}

int do_create(message *m)
{
    char name[NAMES_MAX];
    struct ext2_cred cred = cred_of(m);
    uint32_t ino;
    int r = fetch_names(m, name, sizeof(name));

    if (r == 0)
        r = ext2_create(fs, dir_of(m), name, m->fs_req.mode, &cred, &ino);
    return r < 0 ? r : reply_attr(m, ino);
}

int do_mkdir(message *m)
{
    char name[NAMES_MAX];
    struct ext2_cred cred = cred_of(m);
    uint32_t ino;
    int r = fetch_names(m, name, sizeof(name));

    return r < 0 ? r : ext2_mkdir(fs, dir_of(m), name, m->fs_req.mode, &cred, &ino);
}

int do_mknod(message *m)
{
    char name[NAMES_MAX];
    struct ext2_cred cred = cred_of(m);
    uint32_t ino, dev = (uint32_t)m->fs_req.ino2;
    int r = fetch_names(m, name, sizeof(name));

    return r < 0 ? r
                 : ext2_mknod(fs, dir_of(m), name, m->fs_req.mode, DEV_MAJOR(dev), DEV_MINOR(dev),
                              &cred, &ino);
}

/* "name\0second": the second string of a two-name request. */
static const char *second(const message *m, const char *buf)
{
    size_t n = strlen(buf);

    return n + 1 < m->fs_req.len ? buf + n + 1 : NULL;
}

int do_symlink(message *m)
{
    char names[NAMES_MAX];
    struct ext2_cred cred = cred_of(m);
    uint32_t ino;
    int r = fetch_names(m, names, sizeof(names));
    const char *target = r == 0 ? second(m, names) : NULL;

    if (r == 0 && !target)
        r = -EINVAL;
    return r < 0 ? r : ext2_symlink(fs, dir_of(m), names, target, &cred, &ino);
}

int do_link(message *m)
{
    char name[NAMES_MAX];
    int r = fetch_names(m, name, sizeof(name));

    return r < 0 ? r : ext2_link(fs, dir_of(m), name, (uint32_t)m->fs_req.ino2);
}

int do_unlink(message *m)
{
    char name[NAMES_MAX];
    int r = fetch_names(m, name, sizeof(name));

    return r < 0 ? r : ext2_unlink(fs, dir_of(m), name);
}

int do_rmdir(message *m)
{
    char name[NAMES_MAX];
    int r = fetch_names(m, name, sizeof(name));

    return r < 0 ? r : ext2_rmdir(fs, dir_of(m), name);
}

int do_rename(message *m)
{
    char names[NAMES_MAX];
    int r = fetch_names(m, names, sizeof(names));
    const char *to = r == 0 ? second(m, names) : NULL;

    if (r == 0 && !to)
        r = -EINVAL;
    return r < 0 ? r : ext2_rename(fs, dir_of(m), names, (uint32_t)m->fs_req.ino2, to);
}

/* Directory listing: records of struct fs_dirent, 8-byte aligned. */
struct dents {
    uint8_t *buf;
    size_t size, used;
};

static unsigned dt_of(unsigned ft)
{
    static const unsigned char map[EXT2_FT_MAX] = { 0, 8, 4, 2, 6, 1, 12, 10 };

    return ft < EXT2_FT_MAX ? map[ft] : 0;
}

static int add_dent(void *ctx, const char *name, size_t len, uint32_t ino, unsigned type)
{
    struct dents *d = ctx;
    size_t rec = (sizeof(struct fs_dirent) + len + 1 + 7) & ~(size_t)7;

    if (d->used + rec > d->size)
        return 1;
    struct fs_dirent *e = (struct fs_dirent *)(d->buf + d->used);
    e->d_ino = ino;
    e->d_reclen = (uint16_t)rec;
    e->d_type = (uint8_t)dt_of(type);
    e->d_namlen = (uint8_t)len;
    memcpy(e->d_name, name, len);
    e->d_name[len] = '\0';
    d->used += rec;
    return 0;
}

int do_getdents(message *m)
{
    static uint8_t buf[8192];
    struct dents d = { buf, m->fs_req.len < sizeof(buf) ? m->fs_req.len : sizeof(buf), 0 };
    uint64_t cookie = m->fs_req.pos;
    int r = ext2_readdir(fs, dir_of(m), &cookie, add_dent, &d);

    if (r < 0)
        return r;
    if (r == 1 && d.used == 0)
        return -EINVAL; /* the buffer is too small for one entry */
    if (d.used && (r = sys_safecopyto(m->m_source, m->fs_req.grant, 0, buf, d.used)) < 0)
        return r;
    m->fs_io_reply.pos = cookie;
    return (int)d.used;
}
