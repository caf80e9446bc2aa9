/* newlib's <sys/stat.h>, plus the calls it declares only for other targets. */
#ifndef _EMBER_SYS_STAT_H
#define _EMBER_SYS_STAT_H

#include_next <sys/stat.h>

int lstat(const char *__restrict path, struct stat *__restrict buf);
int mknod(const char *path, mode_t mode, dev_t dev);

#endif
