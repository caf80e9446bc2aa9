/* Kernel call number -> handler, one line each. */
#include "../kcall.h"

const kcall_handler kcall_table[NR_KCALLS] = {
    [KC_GETINFO] = do_getinfo,     [KC_KPRINT] = do_kprint,       [KC_FORK] = do_fork,
    [KC_EXEC] = do_exec,           [KC_CLEAR] = do_clear,         [KC_PRIVCTL] = do_privctl,
    [KC_SETGRANT] = do_setgrant,   [KC_SAFECOPY] = do_safecopy,   [KC_VSAFECOPY] = do_vsafecopy,
    [KC_VIRCOPY] = do_vircopy,     [KC_PHYSCOPY] = do_physcopy,   [KC_VMMAP] = do_vmmap,
    [KC_VMUNMAP] = do_vmunmap,     [KC_VMPROTECT] = do_vmprotect, [KC_VMCOPY] = do_vmcopy,
    [KC_VMQUERY] = do_vmquery,     [KC_VMCTL] = do_vmctl,         [KC_IRQCTL] = do_irqctl,
    [KC_DEVIO] = do_devio,         [KC_SETALARM] = do_setalarm,   [KC_TIME] = do_time,
    [KC_TIMES] = do_times,         [KC_SCHEDCTL] = do_schedctl,   [KC_RUNCTL] = do_runctl,
    [KC_REGS] = do_regs,           [KC_GETFAULT] = do_getfault,   [KC_FUTEX] = do_futex,
    [KC_SETFSBASE] = do_setfsbase, [KC_UPDATE] = do_update,       [KC_MACHINE] = do_machine,
};
