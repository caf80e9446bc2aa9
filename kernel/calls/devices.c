/* Devices: KC_IRQCTL and KC_DEVIO. */
#include "../kcall.h"
#include "../irq.h"

int do_irqctl(struct thread *t, message *m)
{
    struct kc_irqctl *c = &m->kc_irqctl;

    switch (c->op) {
    case IRQ_SETPOLICY:
        return irq_setpolicy(t, c->irq, c->hook);
    case IRQ_ENABLE:
        return irq_enable(t, c->irq, true);
    case IRQ_DISABLE:
        return irq_enable(t, c->irq, false);
    case IRQ_RELEASE:
        return irq_release(t, c->irq);
    default:
        return -EINVAL;
    }
}

int do_devio(struct thread *t, message *m)
{
    struct kc_devio *d = &m->kc_devio;

    if ((d->size != 1 && d->size != 2 && d->size != 4) || d->port > 0xFFFF ||
        (d->op != DEVIO_IN && d->op != DEVIO_OUT))
        return -EINVAL;
    if (!priv_has_port(t->priv, d->port, d->size))
        return -EPERM;
    if (d->op == DEVIO_IN)
        d->value = arch_port_in(d->port, d->size);
    else
        arch_port_out(d->port, d->size, d->value);
    return 0;
}
