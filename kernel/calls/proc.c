/* Thread and process life: KC_FORK, KC_EXEC, KC_CLEAR, KC_PRIVCTL, KC_UPDATE. */
#include "../kcall.h"
#include "../sched.h"
#include "../ipc.h"
#include "../irq.h"
#include "../futex.h"
#include "../clock.h"

int kcall_target(struct thread *caller, endpoint_t ep, struct thread **out)
{
    struct thread *x = ep == SELF ? caller : ep_thread(ep);

    if (!x)
        return -EDEADSRCDST;
    if (!priv_may_control(caller, x))
        return -EPERM;
    *out = x;
    return 0;
}

void thread_kill(struct thread *t)
{
    ipc_cleanup(t);
    futex_cleanup(t);
    alarm_set(t, 0);
    irq_cleanup(t);
    thread_free(t);
}

static int fork_thread(struct thread *parent, struct kc_fork *f, struct thread *child)
{
    child->space = parent->space;
    child->space->nthreads++;
    child->priv = parent->priv;
    arch_thread_init(child, f->rip, f->rsp, f->arg);
    thread_unblock(child, RTS_STOPPED);
    return 0;
}

/* A new process: an empty space, the parent's registers and its blocked call.
 * The child stays stopped until its parent's manager resumes it. */
static int fork_space(struct thread *parent, struct thread *child)
{
    struct space *s = space_create();

    if (!s)
        return -ENOMEM;
    s->nthreads = 1;
    s->owner = child->ep;
    s->pager = parent->space->pager;
    child->space = s;
    child->priv = parent->priv;
    arch_thread_copy(child, parent);
    if ((parent->rts & (RTS_SENDING | RTS_RECEIVING)) == RTS_RECEIVING) {
        child->getfrom = parent->getfrom;
        child->in_call = parent->in_call;
        child->rts |= RTS_RECEIVING;
    }
    return 0;
}

int do_fork(struct thread *t, message *m)
{
    struct kc_fork *f = &m->kc_fork;
    struct thread *parent, *child;
    int r = kcall_target(t, f->parent, &parent);

    if (r < 0)
        return r;
    if (f->flags != FORK_THREAD && f->flags != FORK_SPACE)
        return -EINVAL;
    child = thread_alloc();
    if (!child)
        return -EAGAIN;
    child->prio = parent->prio;
    child->quantum = child->ticks_left = parent->quantum;
    f->name[sizeof(f->name) - 1] = '\0';
    strlcpy(child->name, f->name[0] ? f->name : parent->name, sizeof(child->name));
    r = f->flags == FORK_THREAD ? fork_thread(parent, f, child) : fork_space(parent, child);
    if (r < 0) {
        thread_free(child);
        return r;
    }
    f->child = child->ep;
    return 0;
}

int do_exec(struct thread *t, message *m)
{
    struct kc_exec *e = &m->kc_exec;
    struct thread *x;
    int r = kcall_target(t, e->ep, &x);

    if (r < 0)
        return r;
    if (x->rts & RTS_SENDING)
        return -EBUSY;
    arch_thread_init(x, e->rip, e->rsp, e->arg0);
    x->regs.rsi = e->arg1; /* arch_thread_init cleared them; the ABI's second and third */
    x->regs.rdx = e->arg2; /* start-up arguments */
    e->name[sizeof(e->name) - 1] = '\0';
    if (e->name[0])
        strlcpy(x->name, e->name, sizeof(x->name));
    x->getfrom = NONE;
    x->in_call = false;
    thread_unblock(x, RTS_RECEIVING);
    return 0;
}

/* Clearing a process (its space's first thread) ends all its threads:
 * one left running would keep the space, and the frames vm has already
 * taken back, mapped. A caller among them goes last. */
int do_clear(struct thread *t, message *m)
{
    struct thread *x;
    int r = kcall_target(t, m->kc_clear.ep, &x);

    if (r < 0)
        return r;
    struct space *s = x->space;
    bool process = s && s->owner == x->ep;
    for (int i = 0; process && i < NR_SLOTS; i++) {
        struct thread *o = &threads[i];
        if (!(o->rts & RTS_FREE) && o->space == s && o != x && o != t)
            thread_kill(o);
    }
    thread_kill(x);
    if (process && t != x && t->space == s)
        thread_kill(t);
    return 0;
}

int do_privctl(struct thread *t, message *m)
{
    struct kc_privctl *p = &m->kc_privctl;
    struct priv_spec spec;
    struct thread *x;
    int r = kcall_target(t, p->ep, &x);

    if (r < 0)
        return r;
    if (p->op == PRIVCTL_GET)
        return copy_to_space(t->space, p->spec, &x->priv->spec, sizeof(spec), NULL) < 0 ? -EFAULT
                                                                                        : 0;
    if (p->op != PRIVCTL_SET)
        return -EINVAL;
    if (copy_from_space(t->space, p->spec, &spec, sizeof(spec), NULL) < 0)
        return -EFAULT;
    return priv_set(x, &spec);
}

/* Swap two stopped, idle processes' slots: each keeps its endpoint, the
 * contents change places (restart in place keeps the endpoint). */
int do_update(struct thread *t, message *m)
{
    struct thread *a, *b;
    int r = kcall_target(t, m->kc_update.ep1, &a);

    if (r == 0)
        r = kcall_target(t, m->kc_update.ep2, &b);
    if (r < 0)
        return r;
    if (a == b || a == t || b == t)
        return -EINVAL;
    uint32_t busy = RTS_SENDING | RTS_RECEIVING | RTS_FUTEX | RTS_PAGEFAULT;
    if (!(a->rts & RTS_STOPPED) || !(b->rts & RTS_STOPPED) || ((a->rts | b->rts) & busy) ||
        a->senders || b->senders || a->space->nthreads != 1 || b->space->nthreads != 1)
        return -EBUSY;
    endpoint_t ep_a = a->ep, ep_b = b->ep;
    int gen_a = a->gen, gen_b = b->gen;
    alarm_set(a, 0);
    alarm_set(b, 0);
    struct thread tmp = *a;
    *a = *b;
    *b = tmp;
    a->ep = ep_a, a->gen = gen_a;
    b->ep = ep_b, b->gen = gen_b;
    a->space->owner = a->ep;
    b->space->owner = b->ep;
    return 0;
}
