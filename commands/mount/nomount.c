/*
 * mount(2) and umount(2) for as long as libc lacks them (the Makefile
 * compiles this file only then): the calls fail with ENOSYS, the answer
 * vfs gives too until it can mount.
 */
#include <errno.h>
#include <sys/mount.h>

int mount(const char *source, const char *target, const char *fstype, unsigned long flags,
          const void *data)
{
    (void)source, (void)target, (void)fstype, (void)flags, (void)data;
    errno = ENOSYS;
    return -1;
}

int umount(const char *target)
{
    (void)target;
    errno = ENOSYS;
    return -1;
}
