/*
 * Device number encoding; see file_device.h. On Ember a dev_t is the major
 * above bit 16 and the minor below (lib/include/ember/devices.h); on the
 * host, Linux's and glibc's encoding (12-bit major, 20-bit minor, spread
 * over 64 bits).
 */
#include <stdint.h>

#include "file_device.h"

#ifdef __ember__
#include <ember/devices.h>

unsigned long device_major(dev_t dev)
{
    return DEV_MAJOR(dev);
}
unsigned long device_minor(dev_t dev)
{
    return DEV_MINOR(dev);
}
dev_t device_make(unsigned long major, unsigned long minor)
{
    return (dev_t)DEV_MAKE(major, minor);
}

#else

unsigned long device_major(dev_t dev)
{
    uint64_t d = (uint64_t)dev;

    return (unsigned long)(((d >> 8) & 0xfff) | ((d >> 32) & ~(uint64_t)0xfff));
}

unsigned long device_minor(dev_t dev)
{
    uint64_t d = (uint64_t)dev;

    return (unsigned long)((d & 0xff) | ((d >> 12) & ~(uint64_t)0xff));
}

dev_t device_make(unsigned long major, unsigned long minor)
{
    uint64_t ma = major, mi = minor;

    return (dev_t)(((ma & 0xfff) << 8) | ((ma & ~(uint64_t)0xfff) << 32) | (mi & 0xff) |
                   ((mi & ~(uint64_t)0xff) << 12));
}

#endif
