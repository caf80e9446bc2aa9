/* Stubs: KC_GETINFO, KC_KPRINT. */
#include "kc_util.h"

endpoint_t sys_self(void)
{
    message m;

    kc_init(&m, KC_GETINFO);
    m.kc_getinfo.what = INFO_SELF;
    int r = kernel_call(&m);
    return r < 0 ? r : m.kc_getinfo.self;
}

int sys_getinfo(int what, void *buf, size_t size, int *count)
{
    message m;

    kc_init(&m, KC_GETINFO);
    m.kc_getinfo.what = what;
    m.kc_getinfo.buf = (uint64_t)buf;
    m.kc_getinfo.size = size;
    int r = kernel_call(&m);
    if (count)
        *count = m.kc_getinfo.count;
    return r;
}

int sys_kprint(const char *s, size_t n)
{
    message m;

    kc_init(&m, KC_KPRINT);
    m.kc_kprint.buf = (uint64_t)s;
    m.kc_kprint.len = n;
    return kernel_call(&m);
}
