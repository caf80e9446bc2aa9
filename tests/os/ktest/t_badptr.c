/* Bad pointers handed to the kernel are errors, never kernel faults. */
#include "ktest.h"

#define KERNEL_ADDR  ((void *)0xFFFFFFFF80100000ull)
#define DIRECT_MAP   ((void *)0xFFFF800000000000ull)
#define NONCANONICAL ((void *)0x0000900000000000ull)
#define UNMAPPED     ((void *)0x0000000000001000ull)

int bad_pointers(void)
{
    static struct kinfo_thread table[4];
    struct priv_spec spec;
    void *bad[] = { KERNEL_ADDR, DIRECT_MAP, NONCANONICAL, UNMAPPED, NULL };
    message m;

    for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        EXPECT(sys_kprint(bad[i], 16), -EFAULT);
        EXPECT(sys_getinfo(INFO_KERNEL, bad[i], 4096, NULL), -EFAULT);
        EXPECT(sys_privctl(SELF, PRIVCTL_GET, bad[i]), -EFAULT);
        EXPECT(sys_privctl(SELF, PRIVCTL_SET, bad[i]), -EFAULT);
        EXPECT(sys_getregs(SELF, bad[i]), -EFAULT);
        EXPECT(sys_vircopy(SELF, (uint64_t)bad[i], SELF, (uint64_t)&spec, 8), -EFAULT);
        EXPECT(sys_vircopy(SELF, (uint64_t)&spec, SELF, (uint64_t)bad[i], 8), -EFAULT);
        EXPECT(ipc_senda(bad[i], 1), -EFAULT);
        EXPECT(sys_vsafecopy(bad[i], 1), -EFAULT);
    }
    EXPECT(sys_kprint((void *)((uint64_t)&spec), 1ull << 40), -EINVAL);
    EXPECT(sys_getinfo(INFO_THREADS, table, sizeof(table[0]) - 1, NULL), -E2BIG);
    EXPECT(sys_getinfo(12345, table, sizeof(table), NULL), -EINVAL);
    /* The message itself can carry any garbage. */
    memset(&m, 0xFF, sizeof(m));
    m.m_type = KC_VMMAP;
    EXPECT(kernel_call(&m), -EDEADSRCDST);
    memset(&m, 0xFF, sizeof(m));
    m.m_type = KC_SAFECOPY;
    CHECK(kernel_call(&m) < 0, "garbage safecopy succeeded");
    return 0;
}
