/*
 * Configuration mechanism #1: write the function's address and the
 * register's dword offset to CONFIG_ADDRESS (0xCF8), then move the value
 * through CONFIG_DATA (0xCFC-0xCFF), picking the byte lane of the offset.
 * Every port access is a kernel call checked against our privileges, so a
 * missing "@io=0xcf8:8" shows up at start-up, not as silent garbage.
 */
#include "pci.h"

#define CONFIG_ADDRESS 0xCF8
#define CONFIG_DATA    0xCFC
#define CONFIG_ENABLE  0x80000000u

static int select_register(uint32_t id, uint32_t offset)
{
    uint32_t addr = CONFIG_ENABLE | (id << 8) | (offset & 0xFC);

    return sys_devio(DEVIO_OUT, 4, CONFIG_ADDRESS, &addr);
}

uint32_t cfg_read(uint32_t id, uint32_t offset, int size)
{
    uint32_t value = 0xFFFFFFFF;

    if (select_register(id, offset) < 0 ||
        sys_devio(DEVIO_IN, size, CONFIG_DATA + (offset & 3), &value) < 0)
        return 0xFFFFFFFF;
    return value;
}

void cfg_write(uint32_t id, uint32_t offset, int size, uint32_t value)
{
    if (select_register(id, offset) == 0)
        sys_devio(DEVIO_OUT, size, CONFIG_DATA + (offset & 3), &value);
}

/* Can we reach the configuration ports at all? */
int cfg_check_access(void)
{
    uint32_t saved;
    int r = sys_devio(DEVIO_IN, 4, CONFIG_ADDRESS, &saved);

    return r < 0 ? r : 0;
}
