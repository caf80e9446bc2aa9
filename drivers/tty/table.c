/* The CDEV calls and their handlers. */
#include "tty.h"

static int (*const handlers[])(message *) = {
    [CDEV_OPEN - CDEV_BASE] = do_open,     [CDEV_CLOSE - CDEV_BASE] = do_close,
    [CDEV_READ - CDEV_BASE] = do_read,     [CDEV_WRITE - CDEV_BASE] = do_write,
    [CDEV_IOCTL - CDEV_BASE] = do_ioctl,   [CDEV_CANCEL - CDEV_BASE] = do_cancel,
    [CDEV_SELECT - CDEV_BASE] = do_select,
};

#define NR_HANDLERS ((int)(sizeof(handlers) / sizeof(handlers[0])))

int tty_dispatch(message *m)
{
    int call = m->m_type - CDEV_BASE;

    if (call <= 0 || call >= NR_HANDLERS || !handlers[call])
        return -ENOSYS;
    return handlers[call](m);
}
