/*
 * The ext2 server: the file system protocol (ember/proto/fs.h) on top of
 * the ext2 core (ext2fs.h). The core sees the block device through
 * srv_dev.c, which speaks BDEV to the driver and finds the driver again in
 * ds when it has been restarted, retrying the request; data moves to and
 * from vfs's grants through the copy callback.
 */
#ifndef EXT2_SRV_H
#define EXT2_SRV_H

#include <ember/server.h>
#include <ember/proto/fs.h>
#include "ext2fs.h"

extern struct ext2_fs *fs;

/* srv_dev.c */
int dev_attach(endpoint_t ep, int minor, const char *label, struct ext2_dev *dev);

/* handlers */
int do_mount(message *m);
int do_unmount(message *m);
int do_lookup(message *m);
int do_stat(message *m);
int do_read(message *m);
int do_write(message *m);
int do_trunc(message *m);
int do_create(message *m);
int do_mkdir(message *m);
int do_mknod(message *m);
int do_symlink(message *m);
int do_readlink(message *m);
int do_link(message *m);
int do_unlink(message *m);
int do_rmdir(message *m);
int do_rename(message *m);
int do_getdents(message *m);
int do_chmod(message *m);
int do_chown(message *m);
int do_utime(message *m);
int do_putnode(message *m);
int do_sync(message *m);
int do_statfs(message *m);

/* shared helpers */
int reply_attr(message *m, uint32_t ino);
int fetch_names(message *m, char *buf, size_t size);

#endif
