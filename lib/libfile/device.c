/* Device number encoding; see file_device.h. */
#include <stdint.h>

#include "file_device.h"

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
