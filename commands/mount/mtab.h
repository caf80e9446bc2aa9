/*
 * The mount table, /etc/mtab: one line per mounted file system, in the
 * fstab format
 *
 *     DEVICE DIR TYPE OPTIONS 0 0
 *
 * with blanks and backslashes in names written as octal escapes (\040).
 * vfs keeps no list a program could read, so mount and umount keep this
 * file, and df reads it. Without the file, the table is the root alone.
 * mount records the file system server it started in the options
 * ("rw,label=fs-vdb") so umount can stop it. Shared by mount, umount
 * and df (their Makefiles take it from here).
 */
#ifndef MTAB_H
#define MTAB_H

#include <stdbool.h>
#include <stddef.h>

#define MTAB_FILE    "/etc/mtab"
#define MTAB_MAX     32
#define ROOT_DEVICE  "/dev/root"
#define ROOT_FS_TYPE "ext2"

struct mount_entry {
    char device[128];
    char dir[256];
    char type[32];
    char options[128];
};

/* The table into entries (at most max). Returns the count, or -1 with
 * errno when /etc/mtab exists but cannot be read. */
int mtab_read(struct mount_entry *entries, int max);

/* Replace /etc/mtab by the n entries, atomically: they are written to
 * /etc/mtab.tmp, created exclusively, which is then renamed over it.
 * Returns 0, or -1 with errno (EBUSY: /etc/mtab.tmp exists, so another
 * writer is at work or one died before it could remove it). */
int mtab_write(const struct mount_entry *entries, int n);

/* The value of option key ("label") in e's options into value; false
 * when it has none. */
bool mtab_option(const struct mount_entry *e, const char *key, char *value, size_t size);

/* name as an absolute path (links are not resolved), as the table keeps
 * names. Returns 0, or -1 with errno (ENAMETOOLONG when it does not fit). */
int mtab_absolute(const char *name, char *out, size_t size);

/* The entry mounted on dir, or if none the one of device; -1 if none. */
int mtab_find(const struct mount_entry *entries, int n, const char *name);

#endif
