/* Kernel console: everything the kernel prints goes through here. */
#include "arch.h"

void console_write(const char *s, size_t n)
{
    arch_console_write(s, n);
}
