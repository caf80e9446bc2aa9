/* newlib's <fcntl.h>, plus posix_fadvise (POSIX advisory information). */
#ifndef _EMBER_FCNTL_H
#define _EMBER_FCNTL_H

#include_next <fcntl.h>
#include <sys/types.h>

#define POSIX_FADV_NORMAL     0
#define POSIX_FADV_RANDOM     1
#define POSIX_FADV_SEQUENTIAL 2
#define POSIX_FADV_WILLNEED   3
#define POSIX_FADV_DONTNEED   4
#define POSIX_FADV_NOREUSE    5

int posix_fadvise(int fd, off_t offset, off_t len, int advice);

#endif
