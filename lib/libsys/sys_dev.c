/* Stubs: KC_IRQCTL, KC_DEVIO. */
#include "kc_util.h"

int sys_irqctl(int op, int irq, int hook)
{
    message m;

    kc_init(&m, KC_IRQCTL);
    m.kc_irqctl.op = op;
    m.kc_irqctl.irq = irq;
    m.kc_irqctl.hook = hook;
    return kernel_call(&m);
}

int sys_devio(int op, int size, unsigned port, uint32_t *value)
{
    message m;

    kc_init(&m, KC_DEVIO);
    m.kc_devio.op = op;
    m.kc_devio.size = size;
    m.kc_devio.port = port;
    m.kc_devio.value = op == DEVIO_OUT ? *value : 0;
    int r = kernel_call(&m);
    if (r == 0 && op == DEVIO_IN)
        *value = m.kc_devio.value;
    return r;
}

int sys_inb(unsigned port, uint8_t *v)
{
    uint32_t x = 0;
    int r = sys_devio(DEVIO_IN, 1, port, &x);

    *v = (uint8_t)x;
    return r;
}

int sys_outb(unsigned port, uint8_t v)
{
    uint32_t x = v;

    return sys_devio(DEVIO_OUT, 1, port, &x);
}
