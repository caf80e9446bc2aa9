/*
 * Device numbers split into major and minor, for ls -l, stat and tar.
 * POSIX gives no way to split a dev_t: on Ember the major sits above bit 16
 * (ember/devices.h); on the host, Linux's encoding (device.c).
 */
#ifndef FILE_DEVICE_H
#define FILE_DEVICE_H

#include <sys/types.h>

unsigned long device_major(dev_t dev);
unsigned long device_minor(dev_t dev);
dev_t device_make(unsigned long major, unsigned long minor);

#endif
