/*
 * Calls to the servers. The IPC itself fails only when the server is gone
 * (EDEADSRCDST) or refuses us; that becomes EIO (ENOSYS for a refused
 * call). A handler that ran with SA_RESTART during a call that then
 * returned EINTR makes the call start again, as POSIX asks.
 */
#include "call.h"

volatile int __sig_restart;

long __server_call(endpoint_t server, message *m)
{
    int r = ipc_call(server, m);

    if (r < 0)
        return r == -ECALLDENIED ? -ENOSYS : -EIO;
    return m->m_type;
}

long __server_call_restart(endpoint_t server, message *m)
{
    message req = *m;

    for (;;) {
        __sig_restart = 0;
        long r = __server_call(server, m);
        if (r != -EINTR || !__sig_restart)
            return r;
        *m = req;
    }
}

long __ret(long r)
{
    if (r < 0) {
        errno = (int)-r;
        return -1;
    }
    return r;
}
