/*
 * Rename: move an entry, perhaps to another directory, perhaps over an
 * existing name.
 *
 * Everything is found and checked first, with every block to change held:
 * both directories, the source entry and inode, the target entry and inode
 * if the name exists, the moved directory's ".." entry, and room for the
 * new entry (the only allocation, and the only step that can fail). Then
 * the new entry is written (or the old target's entry repointed) before
 * the source entry goes, and the link counts are fixed:
 *   - a directory moved to another parent: its ".." follows, the old
 *     parent loses a link and the new one gains one;
 *   - a replaced target loses its link (a replaced directory, necessarily
 *     empty, loses both and takes its ".." link from the new parent),
 *     and is deleted once unreferenced.
 * A directory may not move under itself: the new parent's ".." chain is
 * walked up to the root first, with a step limit so a corrupt loop of
 * ".." entries ends in an error, not a hang.
 */
#include "core.h"

struct rename_op {
    struct inode from_dir, to_dir;
    struct inode src, dst;                      /* dst.bp is NULL when the new name is free */
    struct dir_slot src_slot, dst_slot, dotdot; /* dotdot: src's "..", if it moves */
    const char *to_name;
    size_t to_len;
};

static void rename_release(struct ext2_fs *fs, struct rename_op *op)
{
    dir_slot_release(fs, &op->dotdot);
    dir_slot_release(fs, &op->dst_slot);
    dir_slot_release(fs, &op->src_slot);
    inode_release(fs, &op->dst);
    inode_release(fs, &op->src);
    inode_release(fs, &op->to_dir);
    inode_release(fs, &op->from_dir);
}

/* Fail with -EINVAL if directory ino is dir or lies under it. */
static int check_not_under(struct ext2_fs *fs, uint32_t dir, uint32_t ino)
{
    for (uint32_t steps = 0; ino != EXT2_ROOT_INO; steps++) {
        struct inode ip;
        struct dir_slot slot;
        uint32_t parent;
        if (ino == dir)
            return -EINVAL;
        if (steps > fs->inodes_count)
            return fs_corrupt(fs, "loop in the \"..\" chain at directory %u", ino);
        int err = inode_get_entry(fs, ino, &ip);
        if (err == 0 && !inode_is_dir(&ip))
            err = fs_corrupt(fs, "\"..\" names non-directory %u", ino);
        if (err == 0 && (err = dir_find(fs, &ip, "..", 2, &slot, &parent)) == 0)
            dir_slot_release(fs, &slot);
        if (err == -ENOENT)
            err = fs_corrupt(fs, "directory %u has no \"..\"", ino);
        inode_release(fs, &ip);
        if (err != 0)
            return err;
        ino = parent;
    }
    return 0;
}

static int dir_hold(struct ext2_fs *fs, uint32_t ino, struct inode *dir)
{
    int err = inode_get_live(fs, ino, dir);
    if (err == 0 && !inode_is_dir(dir))
        err = -ENOTDIR;
    return err;
}

/* Hold both directories, the source and, if the new name exists, the target. */
static int rename_find(struct ext2_fs *fs, struct rename_op *op, uint32_t from_dir,
                       const char *from_name, size_t from_len, uint32_t to_dir)
{
    uint32_t src_ino, dst_ino;
    int err = dir_hold(fs, from_dir, &op->from_dir);
    if (err != 0 || (err = dir_hold(fs, to_dir, &op->to_dir)) != 0)
        return err;
    if (op->to_dir.raw->i_links_count == 0)
        return -ENOENT;
    if ((err = dir_find(fs, &op->from_dir, from_name, from_len, &op->src_slot, &src_ino)) != 0 ||
        (err = inode_get_entry(fs, src_ino, &op->src)) != 0)
        return err;
    err = dir_find(fs, &op->to_dir, op->to_name, op->to_len, &op->dst_slot, &dst_ino);
    if (err == -ENOENT)
        return 0;
    if (err == 0)
        err = inode_get_entry(fs, dst_ino, &op->dst);
    return err;
}

/* Whether the existing target may be replaced by the source. */
static int check_target(struct ext2_fs *fs, struct rename_op *op)
{
    bool src_dir = inode_is_dir(&op->src);
    if (op->dst.bp == NULL)
        return 0;
    if (op->dst.ino == EXT2_ROOT_INO)
        return -EBUSY;
    if (!src_dir)
        return inode_is_dir(&op->dst) ? -EISDIR : 0;
    if (!inode_is_dir(&op->dst))
        return -ENOTDIR;
    int empty = dir_is_empty(fs, &op->dst);
    if (empty < 0)
        return empty;
    return empty ? 0 : -ENOTEMPTY;
}

/* Checks for a directory changing parent, and hold its ".." entry. */
static int prepare_move(struct ext2_fs *fs, struct rename_op *op)
{
    uint32_t parent;
    if (!inode_is_dir(&op->src) || op->from_dir.ino == op->to_dir.ino)
        return 0;
    if (op->src.ino == EXT2_ROOT_INO)
        return -EBUSY;
    if (op->dst.bp == NULL && op->to_dir.raw->i_links_count >= EXT2_LINK_MAX)
        return -EMLINK;
    int err = check_not_under(fs, op->src.ino, op->to_dir.ino);
    if (err != 0)
        return err;
    err = dir_find(fs, &op->src, "..", 2, &op->dotdot, &parent);
    if (err == -ENOENT)
        err = fs_corrupt(fs, "directory %u has no \"..\"", op->src.ino);
    return err;
}

/* Make room for the new entry when the name is free (may grow the dir). */
static int prepare_entry(struct ext2_fs *fs, struct rename_op *op)
{
    if (op->dst.bp != NULL)
        return 0;
    int err = dir_find_space(fs, &op->to_dir, op->to_name, op->to_len, &op->dst_slot);
    if (err == 0 && op->dst_slot.bp == NULL)
        err = dir_extend(fs, &op->to_dir, &op->dst_slot);
    return err;
}

/* Everything is held and checked: make the change. Cannot fail. */
static void rename_commit(struct ext2_fs *fs, struct rename_op *op)
{
    uint32_t mode = op->src.raw->i_mode;
    if (op->dst.bp != NULL)
        dir_set(fs, &op->to_dir, &op->dst_slot, op->src.ino, mode);
    else
        dir_add(fs, &op->to_dir, &op->dst_slot, op->to_name, op->to_len, op->src.ino, mode);
    dir_remove(fs, &op->from_dir, &op->src_slot);
    if (op->dotdot.bp != NULL) {
        dir_set(fs, &op->src, &op->dotdot, op->to_dir.ino, EXT2_S_IFDIR);
        inode_drop_link(fs, &op->from_dir);
        op->to_dir.raw->i_links_count++;
    }
    if (op->dst.bp != NULL) {
        inode_drop_link(fs, &op->dst);
        if (inode_is_dir(&op->dst)) {
            op->dst.raw->i_links_count = 0;
            inode_drop_link(fs, &op->to_dir);
        }
    }
    inode_touch(fs, &op->src, false);
    inode_touch(fs, &op->to_dir, true);
}

static int rename_names(const char *from_name, size_t *from_len, const char *to_name,
                        size_t *to_len)
{
    int err = name_check(from_name, from_len);
    if (err != 0 || (err = name_check(to_name, to_len)) != 0)
        return err;
    if (name_is_dots(from_name, *from_len) || name_is_dots(to_name, *to_len))
        return -EINVAL;
    return 0;
}

int ext2_rename(struct ext2_fs *fs, uint32_t from_dir, const char *from_name, uint32_t to_dir,
                const char *to_name)
{
    struct rename_op op = { .to_name = to_name };
    size_t from_len;
    int err = fs_check_writable(fs);
    if (err != 0 || (err = rename_names(from_name, &from_len, to_name, &op.to_len)) != 0)
        return err;
    err = rename_find(fs, &op, from_dir, from_name, from_len, to_dir);
    if (err == 0 && op.dst.bp != NULL && op.dst.ino == op.src.ino) {
        rename_release(fs, &op); /* both names are the same inode: nothing to do */
        return 0;
    }
    if (err == 0 && (err = check_target(fs, &op)) == 0 && (err = prepare_move(fs, &op)) == 0)
        err = prepare_entry(fs, &op);
    if (err == 0)
        rename_commit(fs, &op);
    uint32_t replaced = err == 0 && op.dst.bp != NULL ? op.dst.ino : 0;
    rename_release(fs, &op);
    if (replaced != 0) {
        int reap_err = inode_reap(fs, replaced);
        if (reap_err != 0)
            fs_log(fs, "rename: deleting replaced inode %u failed (%d)", replaced, reap_err);
    }
    return err;
}
