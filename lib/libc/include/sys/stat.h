/* newlib's <sys/stat.h>, plus the calls it declares only for other targets. */
#ifndef _EMBER_SYS_STAT_H
#define _EMBER_SYS_STAT_H

#include_next <sys/stat.h>

#ifndef UTIME_NOW
#define UTIME_NOW  -2L
#define UTIME_OMIT -1L
#endif

int lstat(const char *__restrict path, struct stat *__restrict buf);
int fstatat(int, const char *__restrict, struct stat *__restrict, int);
int utimensat(int, const char *, const struct timespec *, int);
int futimens(int, const struct timespec *);
int mknod(const char *path, mode_t mode, dev_t dev);

#endif
