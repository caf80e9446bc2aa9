/*
 * A set of files identified by device and inode number: du counts a file
 * with several links once, tar stores its second name as a hard link.
 */
#ifndef FILE_INODES_H
#define FILE_INODES_H

#include <stdbool.h>
#include <sys/types.h>

struct inode_set;

struct inode_set *inode_set_new(void);
void inode_set_free(struct inode_set *set);

/*
 * Add (dev, ino) with a name remembered for it. True when it was new;
 * false when it was there already, and then *first_name (if not NULL) is
 * the name it was added with.
 */
bool inode_set_add(struct inode_set *set, dev_t dev, ino_t ino, const char *name,
                   const char **first_name);

#endif
