/*
 * posix_fadvise: advice about a file's future use. It returns an error
 * number rather than setting errno.
 *
 * The file system servers read and write through their own block caches
 * and take no advice, so the hints that only tune caching (normal,
 * sequential, random, will-need, no-reuse) are accepted and change
 * nothing. POSIX_FADV_DONTNEED is the exception: callers use it to drop a
 * file's cached blocks (a benchmark's cold read, a backup that should not
 * flush the cache), and no server can do that yet, so it fails with ENOSYS
 * rather than pretend the blocks are gone.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

int posix_fadvise(int fd, off_t offset, off_t len, int advice)
{
    int saved_errno = errno;
    struct stat st;

    if (fstat(fd, &st) < 0) {
        int error = errno;
        errno = saved_errno;
        return error;
    }
    if (offset < 0 || len < 0 || advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE)
        return EINVAL;
    if (S_ISFIFO(st.st_mode))
        return ESPIPE;
    return advice == POSIX_FADV_DONTNEED ? ENOSYS : 0;
}
