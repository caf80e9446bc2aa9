/* panic(): report a broken kernel invariant and stop the machine. */
#include "arch.h"

static bool panicking;

_Noreturn void panic(const char *fmt, ...)
{
    char buf[256];
    va_list ap;

    if (panicking)
        arch_halt(1);
    panicking = true;
    arch_console_panic();
    va_start(ap, fmt);
    kvsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    kprintf("\n*** KERNEL PANIC: %s\n*** system halted\n", buf);
    arch_halt(1);
}
