/* Requests about one inode: attributes, data, references, the whole fs. */
#include <string.h>
#include <ember/devices.h>
#include "srv.h"

struct client_copy {
    endpoint_t owner;
    grant_id_t grant;
};

static int copy_to_client(void *ctx, size_t off, void *fsbuf, size_t n)
{
    struct client_copy *c = ctx;

    return sys_safecopyto(c->owner, c->grant, off, fsbuf, n);
}

static int copy_from_client(void *ctx, size_t off, void *fsbuf, size_t n)
{
    struct client_copy *c = ctx;

    return sys_safecopyfrom(c->owner, c->grant, off, fsbuf, n);
}

static void to_fs_attr(const struct ext2_attr *a, struct fs_attr *out)
{
    memset(out, 0, sizeof(*out));
    out->ino = a->ino;
    out->size = a->size;
    out->mode = a->mode;
    out->nlink = a->nlink;
    out->uid = a->uid;
    out->gid = a->gid;
    out->rdev = DEV_MAKE(a->rdev_major, a->rdev_minor);
    out->mtime = a->mtime;
}

/* Answer with ino's attributes and a new reference on it for vfs. */
int reply_attr(message *m, uint32_t ino)
{
    struct ext2_attr a;
    int r = ext2_getattr(fs, ino, &a);

    if (r == 0)
        r = ext2_get(fs, ino);
    if (r == 0)
        to_fs_attr(&a, &m->fs_attr);
    return r;
}

static uint32_t ino_of(const message *m)
{
    return (uint32_t)m->fs_req.ino;
}

int do_stat(message *m)
{
    struct ext2_attr a;
    struct fs_stat st;
    int r = ext2_getattr(fs, ino_of(m), &a);

    if (r < 0)
        return r;
    memset(&st, 0, sizeof(st));
    st.ino = a.ino;
    st.size = a.size;
    st.blocks = a.blocks;
    st.mode = a.mode;
    st.nlink = a.nlink;
    st.uid = a.uid;
    st.gid = a.gid;
    st.rdev = DEV_MAKE(a.rdev_major, a.rdev_minor);
    st.blksize = a.block_size;
    st.atime = a.atime;
    st.mtime = a.mtime;
    st.ctime = a.ctime;
    return sys_safecopyto(m->m_source, m->fs_req.grant, 0, &st,
                          m->fs_req.len < sizeof(st) ? m->fs_req.len : sizeof(st));
}

int do_read(message *m)
{
    struct client_copy c = { m->m_source, m->fs_req.grant };
    struct ext2_copy to = { &c, copy_to_client };
    ssize_t r = ext2_read(fs, ino_of(m), m->fs_req.pos, m->fs_req.len, &to);

    return (int)r;
}

int do_write(message *m)
{
    struct client_copy c = { m->m_source, m->fs_req.grant };
    struct ext2_copy from = { &c, copy_from_client };
    struct ext2_attr a;
    ssize_t r = ext2_write(fs, ino_of(m), m->fs_req.pos, m->fs_req.len, &from);

    if (r >= 0 && ext2_getattr(fs, ino_of(m), &a) == 0)
        m->fs_io_reply.pos = a.size;
    return (int)r;
}

static int change(message *m, uint32_t mask, uint32_t mode, uint32_t uid, uint32_t gid,
                  uint64_t size)
{
    struct ext2_attr_change c = {
        .mask = mask, .mode = mode, .uid = uid, .gid = gid, .size = size
    };

    return ext2_setattr(fs, ino_of(m), &c);
}

int do_trunc(message *m)
{
    return change(m, EXT2_SET_SIZE, 0, 0, 0, m->fs_req.pos);
}
int do_chmod(message *m)
{
    return change(m, EXT2_SET_MODE, m->fs_req.mode & 07777, 0, 0, 0);
}

int do_chown(message *m)
{
    return change(m, EXT2_SET_UID | EXT2_SET_GID, 0, m->fs_req.uid, m->fs_req.gid, 0);
}

int do_utime(message *m)
{
    int64_t now_s = 0;
    uint64_t up = 0;
    struct ext2_attr_change c = { .mask = EXT2_SET_ATIME | EXT2_SET_MTIME };

    sys_time(&up, NULL, &now_s);
    now_s += (int64_t)(up / 1000000000ull);
    c.atime = m->fs_utime_req.atime == -1 ? now_s : m->fs_utime_req.atime;
    c.mtime = m->fs_utime_req.mtime == -1 ? now_s : m->fs_utime_req.mtime;
    return ext2_setattr(fs, (uint32_t)m->fs_utime_req.ino, &c);
}

int do_putnode(message *m)
{
    for (uint32_t i = 0; i < m->fs_req.mode; i++) {
        int r = ext2_put(fs, ino_of(m));
        if (r < 0)
            return r;
    }
    return 0;
}

int do_sync(message *m)
{
    (void)m;
    return ext2_sync(fs);
}

int do_statfs(message *m)
{
    struct ext2_statfs s;
    struct fs_statfs out;
    int r = ext2_statfs(fs, &s);

    if (r < 0)
        return r;
    memset(&out, 0, sizeof(out));
    out.block_size = s.block_size;
    out.blocks = s.blocks;
    out.blocks_free = s.free_blocks;
    out.blocks_avail = s.avail_blocks;
    out.files = s.inodes;
    out.files_free = s.free_inodes;
    out.name_max = s.name_max;
    strcpy(out.fstype, "ext2");
    return sys_safecopyto(m->m_source, m->fs_req.grant, 0, &out,
                          m->fs_req.len < sizeof(out) ? m->fs_req.len : sizeof(out));
}

int do_readlink(message *m)
{
    char buf[4096];
    ssize_t n = ext2_readlink(fs, ino_of(m), buf, sizeof(buf));

    if (n < 0)
        return (int)n;
    size_t len = (size_t)n < m->fs_req.len ? (size_t)n : m->fs_req.len;
    int r = sys_safecopyto(m->m_source, m->fs_req.grant, 0, buf, len);
    return r < 0 ? r : (int)len;
}
