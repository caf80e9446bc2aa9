/*
 * Is an endpoint still alive? ds asks when a key's owner is not the
 * caller: a service restarted under a new endpoint may take over the keys
 * of its dead predecessor, never those of a live process. The kernel lists
 * its threads (INFO_THREADS); an endpoint is alive when a thread has it.
 * Only conflicts need this, so the cost of the listing does not matter.
 */
#include "ds.h"

static struct kinfo_thread threads[NR_SLOTS];

bool endpoint_alive(endpoint_t ep)
{
    int n = 0;

    if (ep < 0)
        return false;
    if (sys_getinfo(INFO_THREADS, threads, sizeof(threads), &n) < 0)
        return true; /* cannot tell: keep the key with its owner */
    for (int i = 0; i < n; i++)
        if (threads[i].ep == ep)
            return true;
    return false;
}
