/*
 * Loading lwIP: the file is read whole, mapped by the ELF loader into
 * memory from vm (readable, writable and executable: the loader applies no
 * finer protection yet), its imports bound to the shim and the C library,
 * and the functions of struct lw_api looked up by name. All of this
 * happens once, before the server publishes itself, so reading the file
 * through vfs cannot deadlock with vfs calling us.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "elfload.h"
#include "lw.h"
#include "plat.h"
#include "shim.h"
#include "chksum.h"

struct lw_api lw;

static struct elf_image image;
static uint32_t started; /* futex word: the tcpip thread runs */

static void *map_block(size_t size, void *ctx)
{
    (void)ctx;
    void *p =
        mmap(NULL, size, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static void unmap_block(void *block, size_t size, void *ctx)
{
    (void)ctx;
    munmap(block, size);
}

/* Our definitions that replace lwIP's own (elfload.h: preempt). */
static void *preempt(const char *name, void *ctx)
{
    static const struct {
        const char *name;
        void *ours;
    } ours[] = {
        { "lwip_standard_chksum", (void *)net_chksum },
        { "sys_arch_protect", (void *)shim_sys_arch_protect },
        { "sys_arch_unprotect", (void *)shim_sys_arch_unprotect },
    };

    (void)ctx;
    for (size_t i = 0; i < sizeof(ours) / sizeof(ours[0]); i++)
        if (strcmp(name, ours[i].name) == 0)
            return ours[i].ours;
    return NULL;
}

static const struct elf_env env = { map_block, unmap_block, shim_resolve, NULL, preempt };

static void *read_file(const char *path, size_t *size)
{
    struct stat st;
    int fd = open(path, O_RDONLY);

    /* stat, not fstat: a service's descriptors 0 to 2 are the kernel
     * console to libc, and a service has nothing open before this */
    if (fd < 0 || stat(path, &st) < 0 || st.st_size <= 0) {
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    uint8_t *buf = malloc((size_t)st.st_size);
    size_t got = 0;
    while (buf && got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    if (!buf || got != (size_t)st.st_size) {
        free(buf);
        return NULL;
    }
    *size = got;
    return buf;
}

#define SYM(field, name)                                                                           \
    {                                                                                              \
        (void **)&lw.field, name                                                                   \
    }

static const struct {
    void **slot;
    const char *name;
} symbols[] = {
    SYM(tcpip_init, "tcpip_init"),
    SYM(sys_lock_tcpip_core, "sys_lock_tcpip_core"),
    SYM(sys_unlock_tcpip_core, "sys_unlock_tcpip_core"),
    SYM(netif_add, "netif_add"),
    SYM(netif_set_addr, "netif_set_addr"),
    SYM(netif_set_up, "netif_set_up"),
    SYM(netif_set_down, "netif_set_down"),
    SYM(netif_set_link_up, "netif_set_link_up"),
    SYM(netif_set_link_down, "netif_set_link_down"),
    SYM(netif_set_default, "netif_set_default"),
    SYM(netif_default, "netif_default"),
    SYM(netif_loop_output, "netif_loop_output"),
    SYM(netif_create_ip6_linklocal_address, "netif_create_ip6_linklocal_address"),
    SYM(netif_ip6_addr_set, "netif_ip6_addr_set"),
    SYM(netif_ip6_addr_set_state, "netif_ip6_addr_set_state"),
    SYM(ethernet_input, "ethernet_input"),
    SYM(ip_input, "ip_input"),
    SYM(etharp_output, "etharp_output"),
    SYM(ethip6_output, "ethip6_output"),
    SYM(pbuf_alloc, "pbuf_alloc"),
    SYM(pbuf_free, "pbuf_free"),
    SYM(pbuf_ref, "pbuf_ref"),
    SYM(pbuf_copy_partial, "pbuf_copy_partial"),
    SYM(pbuf_take, "pbuf_take"),
    SYM(udp_new, "udp_new"),
    SYM(udp_bind, "udp_bind"),
    SYM(udp_recv, "udp_recv"),
    SYM(udp_sendto_if_src, "udp_sendto_if_src"),
    SYM(lwip_socket, "lwip_socket"),
    SYM(lwip_close, "lwip_close"),
    SYM(lwip_bind, "lwip_bind"),
    SYM(lwip_connect, "lwip_connect"),
    SYM(lwip_listen, "lwip_listen"),
    SYM(lwip_accept, "lwip_accept"),
    SYM(lwip_send, "lwip_send"),
    SYM(lwip_sendto, "lwip_sendto"),
    SYM(lwip_recvfrom, "lwip_recvfrom"),
    SYM(lwip_shutdown, "lwip_shutdown"),
    SYM(lwip_getsockopt, "lwip_getsockopt"),
    SYM(lwip_setsockopt, "lwip_setsockopt"),
    SYM(lwip_getsockname, "lwip_getsockname"),
    SYM(lwip_getpeername, "lwip_getpeername"),
    SYM(lwip_fcntl, "lwip_fcntl"),
    SYM(lwip_ioctl, "lwip_ioctl"),
    SYM(lwip_poll, "lwip_poll"),
};

int lw_load(const char *path)
{
    size_t size = 0;
    void *file = read_file(path, &size);

    for (int tries = 1; !file && tries < 10; tries++) { /* vfs may be busy at boot */
        usleep(100000);
        file = read_file(path, &size);
    }
    if (!file) {
        printf("net: cannot read %s: %s\n", path, strerror(errno));
        return -ENOENT;
    }
    int r = elf_load(&image, file, size, &env);
    free(file);
    if (r < 0) {
        printf("net: %s: %s\n", path, image.error);
        return r;
    }
    for (size_t i = 0; i < sizeof(symbols) / sizeof(symbols[0]); i++) {
        *symbols[i].slot = elf_symbol(&image, symbols[i].name);
        if (!*symbols[i].slot) {
            printf("net: %s has no %s\n", path, symbols[i].name);
            return -ENOENT;
        }
    }
    elf_run_init(&image);
    return 0;
}

/* On the tcpip thread, once it runs. */
static void tcpip_started(void *arg)
{
    (void)arg;
    __atomic_store_n(&started, 1, __ATOMIC_RELEASE);
    plat_futex_wake(&started, 1);
}

void lw_start(void)
{
    lw.tcpip_init(tcpip_started, NULL);
    while (!__atomic_load_n(&started, __ATOMIC_ACQUIRE))
        plat_futex_wait(&started, 0, PLAT_FOREVER);
}

int lw_error(void)
{
    return -abi_errno_from_lwip(shim_errno());
}
