/*
 * vfs: start-up mounts the root file system; then each message is a call
 * from a process, a call from pm keeping vfs's view of processes in step,
 * a late answer or readiness event from a driver, or the alarm for select
 * timeouts. Calls that cannot finish now answer EDONTREPLY and leave the
 * caller suspended (suspend.c).
 */
#include <string.h>
#include <ember/proto/sock.h>
#include "vfs.h"

#define H(call, fn) [(call)-VFS_BASE] = (fn)

static int (*const handlers[])(message *) = {
    H(VFS_OPEN, do_open),
    H(VFS_CLOSE, do_close),
    H(VFS_READ, do_sock_read),   /* socket.c: sockets, else do_read */
    H(VFS_WRITE, do_sock_write), /* socket.c: sockets, else do_write */
    H(VFS_LSEEK, do_sock_lseek), /* socket.c: sockets, else do_lseek */
    H(VFS_DUP, do_dup),
    H(VFS_FCNTL, do_fcntl),
    H(VFS_STAT, do_stat),
    H(VFS_FSTAT, do_fstat),
    H(VFS_CHDIR, do_chdir),
    H(VFS_FCHDIR, do_fchdir),
    H(VFS_GETCWD, do_getcwd),
    H(VFS_MKDIR, do_mkdir),
    H(VFS_RMDIR, do_rmdir),
    H(VFS_UNLINK, do_unlink),
    H(VFS_RENAME, do_rename),
    H(VFS_LINK, do_link),
    H(VFS_SYMLINK, do_symlink),
    H(VFS_READLINK, do_readlink),
    H(VFS_GETDENTS, do_getdents),
    H(VFS_CHMOD, do_chmod),
    H(VFS_CHOWN, do_chown),
    H(VFS_UTIMES, do_utimes),
    H(VFS_UMASK, do_umask),
    H(VFS_ACCESS, do_access),
    H(VFS_TRUNCATE, do_truncate),
    H(VFS_PIPE, do_pipe),
    H(VFS_MKNOD, do_mknod),
    H(VFS_MOUNT, do_mount),
    H(VFS_UMOUNT, do_umount),
    H(VFS_SELECT, do_select),
    H(VFS_IOCTL, do_sock_ioctl), /* socket.c: sockets, else do_ioctl */
    H(VFS_SYNC, do_sync),
    H(VFS_FSYNC, do_fsync),
    H(VFS_STATFS, do_statfs),
    H(VFS_POLL, do_poll),
    H(VFS_SOCKET, do_socket),
    H(VFS_BIND, do_bind),
    H(VFS_CONNECT, do_connect),
    H(VFS_LISTEN, do_listen),
    H(VFS_ACCEPT, do_accept),
    H(VFS_SENDTO, do_sendto),
    H(VFS_RECVFROM, do_recvfrom),
    H(VFS_SHUTDOWN, do_shutdown),
    H(VFS_GETSOCKOPT, do_getsockopt),
    H(VFS_SETSOCKOPT, do_setsockopt),
    H(VFS_GETSOCKNAME, do_getsockname),
    H(VFS_GETPEERNAME, do_getpeername),
    H(VFS_PM_FORK, do_pm_fork),
    H(VFS_PM_EXIT, do_pm_exit),
    H(VFS_PM_EXEC, do_pm_exec),
    H(VFS_PM_IDS, do_pm_ids),
    H(VFS_PM_UNPAUSE, do_sock_unpause), /* socket.c: socket waits, else do_pm_unpause */
    H(VFS_PM_SETSID, do_pm_setsid),
    H(VFS_PM_REBOOT, do_pm_reboot),
    H(VFS_PM_PGRP, do_pm_pgrp),
};

#define NR_HANDLERS (int)(sizeof(handlers) / sizeof(handlers[0]))

static void handle(message *m)
{
    int call = m->m_type - VFS_BASE;

    if (m->m_type == VFS_DEV_REPLY) {
        dev_reply(m);
        return;
    }
    if (m->m_type == VFS_DEV_SELECT) {
        dev_select_event(m);
        return;
    }
    if (m->m_type == SOCK_REPLY || m->m_type == SOCK_EVENT) {
        sock_async(m);
        return;
    }
    fp = fproc_get(m->m_source);
    if (!fp && m->m_source != PM_EP)
        fp = fproc_new(m->m_source); /* a system process on its first call */
    int r = call > 0 && call < NR_HANDLERS && handlers[call] ? handlers[call](m) : -ENOSYS;
    if (r == EDONTREPLY)
        return;
    if (m->m_source == PM_EP) { /* pm never waits for vfs: its answers go asynchronously */
        m->m_type = r;
        if (srv_async_send(PM_EP, m) < 0)
            srv_panic("cannot answer pm");
        return;
    }
    srv_reply_next(m->m_source, m, r);
}

int main(void)
{
    message m;

    srv_start("vfs", VFS_EP);
    mount_root();
    for (;;) {
        if (srv_receive(&m) < 0)
            continue;
        if (is_notify(&m)) {
            if (m.m_source == CLOCK)
                select_timeouts();
            continue;
        }
        handle(&m);
    }
}
