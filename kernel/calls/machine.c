/* KC_MACHINE: halt, power off or reboot, after the servers have synced. */
#include "../kcall.h"
#include "../arch.h"

int do_machine(struct thread *t, message *m)
{
    struct kc_machine *c = &m->kc_machine;

    switch (c->op) {
    case MACHINE_HALT:
    case MACHINE_POWEROFF:
        kprintf("kernel: %s by %s (status %d)\n", c->op == MACHINE_HALT ? "halt" : "power off",
                t->name, c->status);
        arch_halt(c->status);
    case MACHINE_REBOOT:
        kprintf("kernel: reboot by %s\n", t->name);
        arch_reboot();
    default:
        return -EINVAL;
    }
}
