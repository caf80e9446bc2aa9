/*
 * pci: the PCI bus driver. It scans configuration space once at start-up,
 * publishes itself in ds as "pci", and then answers the protocol of
 * <ember/proto/pci.h>: device drivers find their device, claim it (and so
 * receive the privileges to drive it), and read or write its
 * configuration registers through us. Nobody else touches ports
 * 0xCF8-0xCFF.
 *
 *   pci [nods]      (boot module option: @io=0xcf8:8)
 *
 * "nods" skips publishing in ds, for test set-ups without a data store.
 */
#include <stdio.h>
#include <string.h>
#include "pci.h"

static int (*const handlers[])(message *) = {
    [PCI_FIND - PCI_BASE] = do_find,
    [PCI_CLAIM - PCI_BASE] = do_claim,
    [PCI_RELEASE - PCI_BASE] = do_release,
    [PCI_INFO - PCI_BASE] = do_info,
    [PCI_BAR - PCI_BASE] = do_bar,
    [PCI_CONF_READ - PCI_BASE] = do_conf_read,
    [PCI_CONF_WRITE - PCI_BASE] = do_conf_write,
    [PCI_ENABLE - PCI_BASE] = do_enable,
};

#define NR_HANDLERS (int)(sizeof(handlers) / sizeof(handlers[0]))

static void start(int argc, char **argv)
{
    bool use_ds = true;

    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "nods") == 0)
            use_ds = false;
    srv_start("pci", NONE);
    if (cfg_check_access() < 0)
        srv_panic("no access to ports 0xcf8-0xcff (boot option @io=0xcf8:8)");
    pci_scan();
    printf("pci: %d functions\n", pci_ndevs);
    if (use_ds) {
        int r = ds_publish("pci", (uint64_t)srv_self);
        if (r < 0)
            printf("pci: cannot publish in ds: error %d\n", r);
    }
}

int main(int argc, char **argv)
{
    message m;

    start(argc, argv);
    for (;;) {
        if (srv_receive(&m) < 0 || is_notify(&m))
            continue;
        int call = m.m_type - PCI_BASE;
        int r = call > 0 && call < NR_HANDLERS && handlers[call] ? handlers[call](&m) : -ENOSYS;
        srv_reply(m.m_source, &m, r);
    }
}
