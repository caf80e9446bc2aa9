/*
 * vm: owns all memory the kernel did not use at boot, and the address
 * spaces of every process it created. Page faults arrive as SYSTEM
 * notifications; everything else is a request.
 */
#include <string.h>
#include "vm.h"

static int (*const handlers[])(message *) = {
    [VM_BRK - VM_BASE] = do_brk,
    [VM_MMAP - VM_BASE] = do_mmap,
    [VM_MAP_MODULE - VM_BASE] = do_map_module,
    [VM_MUNMAP - VM_BASE] = do_munmap,
    [VM_MPROTECT - VM_BASE] = do_mprotect,
    [VM_FAULTIN - VM_BASE] = do_faultin,
    [VM_FORK - VM_BASE] = do_fork,
    [VM_EXIT - VM_BASE] = do_exit,
    [VM_EXEC_NEWMEM - VM_BASE] = do_exec_newmem,
    [VM_EXEC_DONE - VM_BASE] = do_exec_done,
    [VM_INFO - VM_BASE] = do_info,
    [VM_CHECK - VM_BASE] = do_check,
};

#define NR_HANDLERS (int)(sizeof(handlers) / sizeof(handlers[0]))

int main(void)
{
    message m;

    srv_start("vm", VM_EP);
    frames_init();
    for (;;) {
        if (srv_receive(&m) < 0)
            continue;
        if (m.m_source == SYSTEM && is_notify(&m)) {
            faults_handle();
            continue;
        }
        int call = m.m_type - VM_BASE;
        int r = call > 0 && call < NR_HANDLERS && handlers[call] ? handlers[call](&m) : -ENOSYS;
        srv_reply_next(m.m_source, &m, r);
    }
}
