/*
 * Device numbers split into major and minor, for ls -l, stat and tar.
 * POSIX gives no way to split a dev_t; Ember uses the encoding of Linux
 * and glibc (12-bit major, 20-bit minor, both spread over 64 bits), which
 * also reads MINIX's major << 8 | minor right for small numbers.
 */
#ifndef FILE_DEVICE_H
#define FILE_DEVICE_H

#include <sys/types.h>

unsigned long device_major(dev_t dev);
unsigned long device_minor(dev_t dev);
dev_t device_make(unsigned long major, unsigned long minor);

#endif
