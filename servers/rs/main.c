/*
 * rs: the reincarnation server. It supervises the system services: today it
 * only takes its place in the boot image; starting services from /etc/rc,
 * heartbeats and restarts follow.
 */
#include <ember/server.h>

int main(void)
{
    message m;

    srv_start("rs", RS_EP);
    for (;;)
        if (srv_receive(&m) == 0 && !is_notify(&m))
            srv_reply(m.m_source, &m, -ENOSYS);
}
