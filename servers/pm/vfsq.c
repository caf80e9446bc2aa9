/*
 * Requests to vfs. pm never waits for vfs: vfs may itself be waiting for a
 * file system that waits for a driver that rs is restarting through pm,
 * and pm waiting in turn would close the circle. So pm sends its requests
 * asynchronously, one at a time and in order (a process's fork, id changes
 * and exit must reach vfs in the order they happened), and vfs answers
 * each one asynchronously too. A request may carry a continuation, run
 * with vfs's answer: the rest of a fork, an exec or an exit.
 *
 * The process a continuation is for is found again by pid and checked: it
 * may have been killed meanwhile.
 */
#include <string.h>
#include <ember/proto/vfs.h>
#include "pm.h"

#define QUEUE_LEN 2048 /* > NR_PROCS * requests a process can have queued at once */

struct request {
    message m;
    vfs_done_fn done;
    int pid;
};

static struct request queue[QUEUE_LEN];
static unsigned head, tail; /* queue[head] is in flight when in_flight */
static bool in_flight;

static void send_next(void)
{
    if (in_flight || head == tail)
        return;
    if (srv_async_send(VFS_EP, &queue[head % QUEUE_LEN].m) < 0)
        srv_panic("cannot send to vfs");
    in_flight = true;
}

void vfs_request(message *m, struct mproc *mp, vfs_done_fn done)
{
    if (tail - head == QUEUE_LEN)
        srv_panic("vfs request queue full");
    struct request *q = &queue[tail++ % QUEUE_LEN];
    q->m = *m;
    q->done = done;
    q->pid = mp ? mp->pid : 0;
    send_next();
}

/* A message from vfs: the answer to the request in flight. */
void vfs_answer(message *reply)
{
    if (!in_flight)
        return; /* not ours: vfs answers nothing else */
    struct request q = queue[head++ % QUEUE_LEN];
    in_flight = false;
    send_next();
    if (q.done) {
        struct mproc *mp = q.pid ? proc_by_pid(q.pid) : NULL;
        q.done(mp, reply);
    }
}

/* The usual request: about mp (and child), with its ids. */
void vfs_tell(int call, struct mproc *mp, struct mproc *child, vfs_done_fn done)
{
    message m;

    memset(&m, 0, sizeof(m));
    m.m_type = call;
    m.vfs_pm.ep = mp->ep;
    m.vfs_pm.ep2 = child ? child->ep : NONE;
    m.vfs_pm.pid = child ? child->pid : mp->pid;
    m.vfs_pm.uid = mp->uid;
    m.vfs_pm.gid = mp->gid;
    m.vfs_pm.euid = mp->euid;
    m.vfs_pm.egid = mp->egid;
    vfs_request(&m, child ? child : mp, done);
}
