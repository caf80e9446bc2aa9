/*
 * The network server's lwIP machinery (servers/net), on the host.
 *
 * The ELF loader loads Debian's liblwip.so.0 from its file into mmap'd
 * memory and binds its imports through the shim's table: the shim's own
 * functions (pthreads on host futexes, errno, fortified functions, ...) and
 * glibc for the plain C ones. Then lwIP runs for real: its tcpip thread
 * starts on a shim thread, a loopback interface is added, and UDP and TCP
 * go over 127.0.0.1 through lwIP's socket API, with addresses, flags and
 * errors translated by abi.c. Also here: the loader's answers to malformed
 * files, under ASan and UBSan. The shim and the translation tables on their
 * own are test_lwip_shim.c's.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <asm/prctl.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>

/* glibc's <netinet/tcp.h> (which lwIP's headers include) and lwipopts.h both
 * define TCP_MSS: take glibc's first and drop it, so lwIP's stands. */
#include <netinet/tcp.h>
#undef TCP_MSS
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"
#include "lwip/sockets.h"
#include "lwip/sys.h"
#include "lwip/tcpip.h"
#include "lwip/pbuf.h"
#include <poll.h>

#include "abi.h"
#include "chksum.h"
#include "elfload.h"
#define lw lw_server /* lw.h's table; this file has its own below */
#include "lw.h"
#undef lw
#include "shim.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

#define LWIP_PATH "/usr/lib/x86_64-linux-gnu/liblwip.so.0.0.0"
#define MS        1000000ll

static uint8_t *lib_file; /* the library's bytes */
static size_t lib_size;
static struct elf_image lwip; /* loaded once for the live tests */

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

static const struct elf_env host_env = { map_block, unmap_block, shim_resolve, NULL, NULL };

static int64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

static void sleep_ms(int ms)
{
    struct timespec ts = { 0, ms * MS };

    nanosleep(&ts, NULL);
}

/* Loads an exact-size heap copy of bytes, so ASan sees any overread. */
static int load_copy(const uint8_t *bytes, size_t size, struct elf_image *img,
                     const struct elf_env *env)
{
    uint8_t *copy = malloc(size ? size : 1);

    memcpy(copy, bytes, size);
    int r = elf_load(img, copy, size, env);
    free(copy);
    if (r < 0)
        assert_true(strlen(img->error) > 0);
    return r;
}

static uint8_t *file_copy(void)
{
    uint8_t *f = malloc(lib_size);

    memcpy(f, lib_file, lib_size);
    return f;
}

static Elf64_Phdr *phdr_of(uint8_t *f, uint32_t type, int nth)
{
    Elf64_Ehdr *eh = (Elf64_Ehdr *)f;
    Elf64_Phdr *ph = (Elf64_Phdr *)(f + eh->e_phoff);

    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == type && nth-- == 0)
            return &ph[i];
    fail_msg("no program header of type %u", type);
    return NULL;
}

static uint64_t offset_of(uint8_t *f, uint64_t vaddr)
{
    for (int i = 0;; i++) {
        Elf64_Phdr *ph = phdr_of(f, PT_LOAD, i);
        if (vaddr >= ph->p_vaddr && vaddr - ph->p_vaddr < ph->p_filesz)
            return vaddr - ph->p_vaddr + ph->p_offset;
    }
}

static Elf64_Dyn *dyn_of(uint8_t *f, int64_t tag)
{
    Elf64_Dyn *d = (Elf64_Dyn *)(f + phdr_of(f, PT_DYNAMIC, 0)->p_offset);

    for (; d->d_tag != DT_NULL; d++)
        if (d->d_tag == tag)
            return d;
    fail_msg("no dynamic entry %ld", (long)tag);
    return NULL;
}

static void expect_failure(uint8_t *f, size_t size, int err, const char *words)
{
    struct elf_image img;
    int r = load_copy(f, size, &img, &host_env);

    if (r != err || !strstr(img.error, words))
        fail_msg("got %d \"%s\", wanted %d with \"%s\"", r, img.error, err, words);
    assert_null(img.block);
    free(f);
}

/* ---- the loader ---- */

static void test_loader_loads_liblwip(void **state)
{
    struct elf_image img;

    (void)state;
    assert_int_equal(load_copy(lib_file, lib_size, &img, &host_env), 0);
    assert_int_equal(img.nsegments, 4);
    assert_int_equal(img.tls.memsz, 0); /* no PT_TLS: lwIP keeps no thread-locals */
    uint8_t *init = elf_symbol(&img, "tcpip_init");
    assert_true(init > img.block && init < img.block + img.block_size);
    assert_null(elf_symbol(&img, "malloc")); /* an import, not an export */
    assert_null(elf_symbol(&img, "no_such_symbol"));
    elf_unload(&img);
    assert_null(img.block);
}

/* Replaces the GNU hash table by a DT_HASH one, written into the padding
 * after the first segment: the symbol table is sized from that instead. */
static void test_loader_sizes_symbols_from_dt_hash(void **state)
{
    struct elf_image gnu, sysv;
    uint8_t *f = file_copy();

    (void)state;
    assert_int_equal(load_copy(f, lib_size, &gnu, &host_env), 0);
    Elf64_Phdr *first = phdr_of(f, PT_LOAD, 0);
    uint64_t at = (first->p_filesz + 7) & ~7ull, size = 4 * (3 + (uint64_t)gnu.nsyms);
    assert_true(first->p_offset == 0 && first->p_vaddr == 0);
    assert_true(at + size <= phdr_of(f, PT_LOAD, 1)->p_offset);
    uint32_t *table = (uint32_t *)(f + at);
    memset(table, 0, size);
    table[0] = 1, table[1] = gnu.nsyms;
    first->p_filesz = first->p_memsz = at + size;
    Elf64_Dyn *d = dyn_of(f, DT_GNU_HASH);
    d->d_tag = DT_HASH, d->d_un.d_ptr = at;
    assert_int_equal(load_copy(f, lib_size, &sysv, &host_env), 0);
    assert_int_equal(sysv.nsyms, gnu.nsyms);
    uint8_t *a = elf_symbol(&gnu, "lwip_socket"), *b = elf_symbol(&sysv, "lwip_socket");
    assert_non_null(b);
    assert_int_equal(a - gnu.block, b - sysv.block);
    elf_unload(&gnu);
    elf_unload(&sysv);
    free(f);
}

/* Cut anywhere before the end of the last segment, the file is refused;
 * what follows (section headers, which a loader never needs) may go. */
static void test_loader_rejects_truncated_files(void **state)
{
    Elf64_Phdr *last = phdr_of(lib_file, PT_LOAD, 3);
    const size_t end = last->p_offset + last->p_filesz;
    const size_t sizes[] = { 0, 1, 16, 63, 64, 100, 0x1f8, 0x1000, 0x20000, end / 2, end - 1 };
    struct elf_image img;

    (void)state;
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        int r = load_copy(lib_file, sizes[i], &img, &host_env);
        if (r != -ENOEXEC)
            fail_msg("%zu bytes: got %d \"%s\"", sizes[i], r, img.error);
    }
    assert_int_equal(load_copy(lib_file, end, &img, &host_env), 0);
    elf_unload(&img);
}

static void test_loader_rejects_bad_headers(void **state)
{
    uint8_t *f;

    (void)state;
    f = file_copy(), f[1] = 'X';
    expect_failure(f, lib_size, -ENOEXEC, "bad magic");
    f = file_copy(), ((Elf64_Ehdr *)f)->e_machine = EM_386;
    expect_failure(f, lib_size, -ENOEXEC, "wrong machine 3");
    f = file_copy(), ((Elf64_Ehdr *)f)->e_type = ET_EXEC;
    expect_failure(f, lib_size, -ENOEXEC, "not a shared object");
    f = file_copy(), f[EI_CLASS] = ELFCLASS32;
    expect_failure(f, lib_size, -ENOEXEC, "ELF64");
    f = file_copy(), ((Elf64_Ehdr *)f)->e_phoff = lib_size - 100;
    expect_failure(f, lib_size, -ENOEXEC, "program headers");
    f = file_copy(), ((Elf64_Ehdr *)f)->e_phnum = 0xffff;
    expect_failure(f, lib_size, -ENOEXEC, "program headers");
}

static void test_loader_rejects_segments_outside_the_file(void **state)
{
    uint8_t *f;

    (void)state;
    f = file_copy(), phdr_of(f, PT_LOAD, 1)->p_offset = lib_size;
    expect_failure(f, lib_size, -ENOEXEC, "outside the");
    f = file_copy(), phdr_of(f, PT_LOAD, 2)->p_filesz = UINT64_MAX - 8;
    expect_failure(f, lib_size, -ENOEXEC, "outside the");
    f = file_copy(), phdr_of(f, PT_LOAD, 3)->p_memsz = 1ull << 40;
    expect_failure(f, lib_size, -ENOEXEC, "impossible sizes");
    f = file_copy(), phdr_of(f, PT_LOAD, 2)->p_vaddr = 0x1000;
    expect_failure(f, lib_size, -ENOEXEC, "overlap");
    f = file_copy(), phdr_of(f, PT_DYNAMIC, 0)->p_vaddr = 1ull << 32;
    expect_failure(f, lib_size, -ENOEXEC, "dynamic section outside");
}

static void test_loader_rejects_bad_tables(void **state)
{
    uint8_t *f;

    (void)state;
    f = file_copy(), dyn_of(f, DT_SYMTAB)->d_un.d_ptr = 0x3dd00;
    expect_failure(f, lib_size, -ENOEXEC, "symbol table");
    f = file_copy(), dyn_of(f, DT_STRSZ)->d_un.d_val = 1ull << 33;
    expect_failure(f, lib_size, -ENOEXEC, "string table");
    f = file_copy(), dyn_of(f, DT_RELASZ)->d_un.d_val += 1;
    expect_failure(f, lib_size, -ENOEXEC, "relocation table");
    f = file_copy(), dyn_of(f, DT_INIT)->d_un.d_ptr = 0x100;
    expect_failure(f, lib_size, -ENOEXEC, "DT_INIT outside the code");
    f = file_copy();
    Elf64_Rela *plt = (Elf64_Rela *)(f + offset_of(f, dyn_of(f, DT_JMPREL)->d_un.d_ptr));
    plt->r_info = ELF64_R_INFO(0xffffff, R_X86_64_JUMP_SLOT);
    expect_failure(f, lib_size, -ENOEXEC, "names symbol 16777215");
    f = file_copy();
    plt = (Elf64_Rela *)(f + offset_of(f, dyn_of(f, DT_JMPREL)->d_un.d_ptr));
    plt->r_offset = 1ull << 40;
    expect_failure(f, lib_size, -ENOEXEC, "relocation at 0x10000000000 outside");
}

static void test_loader_rejects_unknown_relocation_types(void **state)
{
    uint8_t *f = file_copy();
    Elf64_Rela *rela = (Elf64_Rela *)(f + offset_of(f, dyn_of(f, DT_RELA)->d_un.d_ptr));

    (void)state;
    rela->r_info = ELF64_R_INFO(ELF64_R_SYM(rela->r_info), R_X86_64_TPOFF64);
    expect_failure(f, lib_size, -ENOTSUP, "type 18 (R_X86_64_TPOFF64)");
    f = file_copy();
    rela = (Elf64_Rela *)(f + offset_of(f, dyn_of(f, DT_RELA)->d_un.d_ptr));
    rela[3].r_info = ELF64_R_INFO(0, 200);
    expect_failure(f, lib_size, -ENOTSUP, "type 200 (not an x86-64 type)");
}

static void *lookup_without_two(const char *name, void *ctx)
{
    (void)ctx;
    if (strcmp(name, "pthread_create") == 0 || strcmp(name, "malloc") == 0)
        return NULL;
    return shim_resolve(name, NULL);
}

static void test_loader_names_unresolved_symbols(void **state)
{
    const struct elf_env env = { map_block, unmap_block, lookup_without_two, NULL, NULL };
    struct elf_image img;

    (void)state;
    assert_int_equal(load_copy(lib_file, lib_size, &img, &env), -ENOENT);
    assert_non_null(strstr(img.error, "unresolved symbols:"));
    assert_non_null(strstr(img.error, " pthread_create"));
    assert_non_null(strstr(img.error, " malloc"));
    assert_null(strstr(img.error, "_ITM_")); /* weak: bound to 0, not an error */
}

/* ---- the checksum lwIP gets from the server (chksum.c) ---- */

static int preempted_calls;

static uint16_t counted_chksum(const void *data, int len)
{
    preempted_calls++;
    return net_chksum(data, len);
}

static void *preempt_chksum(const char *name, void *ctx)
{
    (void)ctx;
    return strcmp(name, "lwip_standard_chksum") == 0 ? (void *)counted_chksum : NULL;
}

/* net_chksum agrees with lwIP's own on every alignment and length, and on
 * the sums that fold to the edges (all zeros, all ones). */
static void test_chksum_matches_lwip(void **state)
{
    struct elf_image img;
    static uint8_t buf[2048 + 8];

    (void)state;
    assert_int_equal(load_copy(lib_file, lib_size, &img, &host_env), 0);
    uint16_t (*theirs)(const void *, int) =
        (uint16_t(*)(const void *, int))elf_symbol(&img, "lwip_standard_chksum");
    assert_non_null(theirs);
    srand(7);
    for (int fill = 0; fill < 3; fill++) {
        for (size_t i = 0; i < sizeof(buf); i++)
            buf[i] = fill == 0 ? 0 : fill == 1 ? 0xFF : (uint8_t)rand();
        for (int off = 0; off < 8; off++)
            for (int len = 0; len <= 2048; len += len < 300 ? 1 : 37)
                assert_int_equal(net_chksum(buf + off, len), theirs(buf + off, len));
    }
    elf_unload(&img);
}

/* env->preempt replaces the object's own definition in its calls. */
static void test_loader_preempts_definitions(void **state)
{
    const struct elf_env env = { map_block, unmap_block, shim_resolve, NULL, preempt_chksum };
    struct elf_image img;
    uint8_t data[100];

    (void)state;
    assert_int_equal(load_copy(lib_file, lib_size, &img, &env), 0);
    uint16_t (*inet_chksum)(const void *, uint16_t) =
        (uint16_t(*)(const void *, uint16_t))elf_symbol(&img, "inet_chksum");
    assert_non_null(inet_chksum);
    memset(data, 0x5A, sizeof(data));
    preempted_calls = 0;
    assert_int_equal(inet_chksum(data, sizeof(data)), (uint16_t)~net_chksum(data, sizeof(data)));
    assert_int_equal(preempted_calls, 1);
    elf_unload(&img);
}

/* Random damage to the headers and tables never crashes the loader. */
static void test_loader_survives_random_damage(void **state)
{
    const uint64_t dyn = phdr_of(lib_file, PT_DYNAMIC, 0)->p_offset;
    int loaded = 0;

    (void)state;
    srand(20240611);
    for (int round = 0; round < 400; round++) {
        uint8_t *f = file_copy();
        for (int hits = 1 + rand() % 6; hits > 0; hits--) {
            uint64_t at = rand() % 2 ? (uint64_t)(rand() % 0x9000) : dyn + rand() % 0x200;
            f[at] ^= (uint8_t)(1 + rand() % 255);
        }
        struct elf_image img;
        if (load_copy(f, lib_size, &img, &host_env) == 0) {
            loaded++;
            elf_symbol(&img, "tcpip_init");
            elf_unload(&img);
        }
        free(f);
    }
    print_message("  %d of 400 damaged copies still loaded\n", loaded);
}

/* ---- lwIP itself ---- */

static struct {
    __typeof__(tcpip_init) *tcpip_init;
    __typeof__(tcpip_input) *tcpip_input;
    __typeof__(netif_add) *netif_add;
    __typeof__(netif_set_up) *netif_set_up;
    __typeof__(netif_set_link_up) *netif_set_link_up;
    __typeof__(netif_loop_output) *netif_loop_output;
    __typeof__(netif_ip6_addr_set) *netif_ip6_addr_set;
    __typeof__(netif_ip6_addr_set_state) *netif_ip6_addr_set_state;
    __typeof__(lwip_socket) *lwip_socket;
    __typeof__(lwip_bind) *lwip_bind;
    __typeof__(lwip_sendto) *lwip_sendto;
    __typeof__(lwip_recvfrom) *lwip_recvfrom;
    __typeof__(lwip_listen) *lwip_listen;
    __typeof__(lwip_connect) *lwip_connect;
    __typeof__(lwip_accept) *lwip_accept;
    __typeof__(lwip_send) *lwip_send;
    __typeof__(lwip_recv) *lwip_recv;
    __typeof__(lwip_close) *lwip_close;
    __typeof__(lwip_setsockopt) *lwip_setsockopt;
    __typeof__(lwip_fcntl) *lwip_fcntl;
    __typeof__(lwip_ioctl) *lwip_ioctl;
    __typeof__(sys_sem_new) *sys_sem_new;
    __typeof__(sys_sem_signal) *sys_sem_signal;
    __typeof__(sys_arch_sem_wait) *sys_arch_sem_wait;
    __typeof__(sys_sem_free) *sys_sem_free;
    __typeof__(ip4addr_ntoa_r) *ip4addr_ntoa_r;
} lw;

#define RESOLVE(fn) (lw.fn = (__typeof__(lw.fn))elf_symbol(&lwip, #fn)) != NULL

static struct netif loop_netif;
static atomic_int stack_state; /* 0 starting, 1 up, -1 failed */

static err_t loop_output4(struct netif *netif, struct pbuf *p, const ip4_addr_t *dest)
{
    (void)dest;
    return lw.netif_loop_output(netif, p);
}

static err_t loop_output6(struct netif *netif, struct pbuf *p, const ip6_addr_t *dest)
{
    (void)dest;
    return lw.netif_loop_output(netif, p);
}

static err_t loop_init(struct netif *netif)
{
    netif->name[0] = 'l', netif->name[1] = 'o';
    netif->output = loop_output4;
    netif->output_ip6 = loop_output6;
    netif->mtu = 1500;
    return ERR_OK;
}

/* Runs on lwIP's tcpip thread, with the core lock held: adds "lo". */
static void stack_up(void *arg)
{
    ip4_addr_t addr, mask, gw;
    ip6_addr_t addr6;

    (void)arg;
    IP4_ADDR(&addr, 127, 0, 0, 1);
    IP4_ADDR(&mask, 255, 0, 0, 0);
    IP4_ADDR(&gw, 0, 0, 0, 0);
    IP6_ADDR(&addr6, 0, 0, 0, PP_HTONL(1));
    if (!lw.netif_add(&loop_netif, &addr, &mask, &gw, NULL, loop_init, lw.tcpip_input)) {
        atomic_store(&stack_state, -1);
        return;
    }
    lw.netif_ip6_addr_set(&loop_netif, 0, &addr6);
    lw.netif_ip6_addr_set_state(&loop_netif, 0, IP6_ADDR_PREFERRED);
    lw.netif_set_link_up(&loop_netif);
    lw.netif_set_up(&loop_netif);
    atomic_store(&stack_state, 1);
}

static int start_lwip(void **state)
{
    (void)state;
    if (elf_load(&lwip, lib_file, lib_size, &host_env) < 0) {
        fprintf(stderr, "loading %s: %s\n", LWIP_PATH, lwip.error);
        return -1;
    }
#if defined(__SANITIZE_ADDRESS__)
    __lsan_register_root_region(lwip.block, lwip.block_size); /* lwIP's globals */
#endif
    elf_run_init(&lwip);
    if (!(RESOLVE(tcpip_init) && RESOLVE(tcpip_input) && RESOLVE(netif_add) &&
          RESOLVE(netif_set_up) && RESOLVE(netif_set_link_up) && RESOLVE(netif_loop_output) &&
          RESOLVE(netif_ip6_addr_set) && RESOLVE(netif_ip6_addr_set_state) &&
          RESOLVE(lwip_socket) && RESOLVE(lwip_bind) && RESOLVE(lwip_sendto) &&
          RESOLVE(lwip_recvfrom) && RESOLVE(lwip_listen) && RESOLVE(lwip_connect) &&
          RESOLVE(lwip_accept) && RESOLVE(lwip_send) && RESOLVE(lwip_recv) && RESOLVE(lwip_close) &&
          RESOLVE(lwip_setsockopt) && RESOLVE(lwip_fcntl) && RESOLVE(lwip_ioctl) &&
          RESOLVE(sys_sem_new) && RESOLVE(sys_sem_signal) && RESOLVE(sys_arch_sem_wait) &&
          RESOLVE(sys_sem_free) && RESOLVE(ip4addr_ntoa_r)))
        return -1;
    lw.tcpip_init(stack_up, NULL);
    for (int ms = 0; ms < 5000 && atomic_load(&stack_state) == 0; ms++)
        sleep_ms(1);
    return atomic_load(&stack_state) == 1 ? 0 : -1;
}

/* A socket of Ember's family and type, with a 3-second receive timeout set
 * through the option table, so a broken stack fails instead of hanging. */
static int open_socket(int emb_family, int emb_type)
{
    struct lx_timeval limit = { 3, 0 };
    struct abi_sockopt o;
    int s = lw.lwip_socket(abi_family_to_lwip(emb_family), abi_socktype_to_lwip(emb_type), 0);

    assert_true(s >= 0);
    assert_int_equal(abi_sockopt_to_lwip(EMB_SOL_SOCKET, EMB_SO_RCVTIMEO, &o), 0);
    assert_int_equal(lw.lwip_setsockopt(s, o.level, o.name, &limit, (socklen_t)o.size), 0);
    return s;
}

static socklen_t lwip_address(uint16_t port, int v6, union lx_sockaddr *out)
{
    struct emb_sockaddr_in in = { sizeof(in), EMB_AF_INET, htons(port), htonl(0x7f000001), { 0 } };
    struct emb_sockaddr_in6 in6 = { sizeof(in6), EMB_AF_INET6, htons(port), 0, { [15] = 1 }, 0 };
    int len = v6 ? abi_sockaddr_to_lwip(&in6, sizeof(in6), out)
                 : abi_sockaddr_to_lwip(&in, sizeof(in), out);

    assert_true(len > 0);
    return (socklen_t)len;
}

static void udp_exchange(int v6, uint16_t port)
{
    union lx_sockaddr to, from;
    union emb_sockaddr sender;
    socklen_t to_len = lwip_address(port, v6, &to), from_len = sizeof(from);
    int family = v6 ? EMB_AF_INET6 : EMB_AF_INET, avail = 0;
    int rx = open_socket(family, EMB_SOCK_DGRAM), tx = open_socket(family, EMB_SOCK_DGRAM);
    char buf[32];

    assert_int_equal(lw.lwip_bind(rx, (struct sockaddr *)&to, to_len), 0);
    assert_int_equal(lw.lwip_sendto(tx, "hello", 5, 0, (struct sockaddr *)&to, to_len), 5);
    int peek = abi_msgflags_to_lwip(EMB_MSG_PEEK);
    assert_int_equal(lw.lwip_recvfrom(rx, buf, sizeof(buf), peek, NULL, NULL), 5);
    assert_int_equal(lw.lwip_ioctl(rx, abi_ioctl_to_lwip(EMB_FIONREAD), &avail), 0);
    assert_int_equal(avail, 5);
    ssize_t n = lw.lwip_recvfrom(rx, buf, sizeof(buf), 0, (struct sockaddr *)&from, &from_len);
    assert_int_equal(n, 5);
    assert_memory_equal(buf, "hello", 5);
    assert_true(abi_sockaddr_from_lwip(&from, from_len, &sender) > 0);
    assert_int_equal(sender.sa.family, family);
    assert_int_not_equal(v6 ? sender.in6.sin6_port : sender.in.sin_port, 0);
    assert_int_equal(lw.lwip_close(tx), 0);
    assert_int_equal(lw.lwip_close(rx), 0);
}

static void test_lwip_udp_over_loopback(void **state)
{
    (void)state;
    udp_exchange(0, 7000);
    udp_exchange(1, 7001);
}

static void recv_exactly(int s, char *buf, size_t len)
{
    for (size_t got = 0; got < len;) {
        ssize_t n = lw.lwip_recv(s, buf + got, len - got, 0);
        assert_true(n > 0);
        got += (size_t)n;
    }
}

static void test_lwip_tcp_over_loopback(void **state)
{
    union lx_sockaddr where, peer;
    socklen_t len = lwip_address(7002, 0, &where), peer_len = sizeof(peer);
    int listener = open_socket(EMB_AF_INET, EMB_SOCK_STREAM);
    int client = open_socket(EMB_AF_INET, EMB_SOCK_STREAM);
    char buf[8];

    (void)state;
    assert_int_equal(lw.lwip_bind(listener, (struct sockaddr *)&where, len), 0);
    assert_int_equal(lw.lwip_listen(listener, 4), 0);
    assert_int_equal(lw.lwip_connect(client, (struct sockaddr *)&where, len), 0);
    int server = lw.lwip_accept(listener, (struct sockaddr *)&peer, &peer_len);
    assert_true(server >= 0);
    assert_int_equal(peer.family, LX_AF_INET);
    assert_int_equal(lw.lwip_send(client, "ping", 4, 0), 4);
    recv_exactly(server, buf, 4);
    assert_memory_equal(buf, "ping", 4);
    assert_int_equal(lw.lwip_send(server, "pong", 4, 0), 4);
    recv_exactly(client, buf, 4);
    assert_memory_equal(buf, "pong", 4);
    assert_int_equal(lw.lwip_close(client), 0);
    assert_int_equal(lw.lwip_recv(server, buf, sizeof(buf), 0), 0); /* end of stream */
    assert_int_equal(lw.lwip_close(server), 0);
    assert_int_equal(lw.lwip_close(listener), 0);
}

/* lwIP's errno values come back through the shim in Linux numbers. */
static void test_lwip_errors_translate(void **state)
{
    union lx_sockaddr where;
    socklen_t len = lwip_address(7003, 0, &where);
    int first = open_socket(EMB_AF_INET, EMB_SOCK_DGRAM),
        second = open_socket(EMB_AF_INET, EMB_SOCK_DGRAM);
    char buf[8];

    (void)state;
    assert_int_equal(lw.lwip_bind(first, (struct sockaddr *)&where, len), 0);
    assert_int_equal(lw.lwip_bind(second, (struct sockaddr *)&where, len), -1);
    assert_int_equal(shim_errno(), LX_EADDRINUSE);
    assert_int_equal(abi_errno_from_lwip(shim_errno()), EMB_EADDRINUSE);
    int dontwait = abi_msgflags_to_lwip(EMB_MSG_DONTWAIT);
    assert_int_equal(lw.lwip_recvfrom(first, buf, sizeof(buf), dontwait, NULL, NULL), -1);
    assert_int_equal(abi_errno_from_lwip(shim_errno()), EMB_EAGAIN);
    int nonblock = abi_fileflags_to_lwip(EMB_O_NONBLOCK);
    assert_int_equal(lw.lwip_fcntl(first, F_SETFL, nonblock), 0);
    assert_true(abi_fileflags_from_lwip(lw.lwip_fcntl(first, F_GETFL, 0)) & EMB_O_NONBLOCK);
    assert_int_equal(lw.lwip_recvfrom(first, buf, sizeof(buf), 0, NULL, NULL), -1);
    assert_int_equal(shim_errno(), LX_EWOULDBLOCK);
    assert_int_equal(lw.lwip_ioctl(first, 0x1234, buf), -1);
    assert_int_equal(abi_errno_from_lwip(shim_errno()), EMB_ENOSYS);
    lw.lwip_close(first);
    lw.lwip_close(second);
}

/* lwIP's own timed wait: its sys_arch over the shim's condition variable on
 * CLOCK_MONOTONIC. */
static void test_lwip_semaphore_times_out(void **state)
{
    sys_sem_t sem;

    (void)state;
    assert_int_equal(lw.sys_sem_new(&sem, 0), ERR_OK);
    int64_t start = now_ns();
    assert_int_equal(lw.sys_arch_sem_wait(&sem, 100), SYS_ARCH_TIMEOUT);
    int64_t waited = now_ns() - start;
    assert_true(waited >= 99 * MS && waited < 1000 * MS);
    lw.sys_sem_signal(&sem);
    assert_int_not_equal(lw.sys_arch_sem_wait(&sem, 1000), SYS_ARCH_TIMEOUT);
    lw.sys_sem_free(&sem);
}

static long set_fs(unsigned long base)
{
    long r;

    __asm__ volatile("syscall"
                     : "=a"(r)
                     : "a"(SYS_arch_prctl), "D"(ARCH_SET_FS), "S"(base)
                     : "rcx", "r11", "memory");
    return r;
}

/* Calls one stack-protected lwIP function with %fs on the shim's block, as
 * on Ember, then gives glibc its own back. Nothing in between may touch
 * glibc's thread state: no sanitizer, no stack protector, no libc. */
__attribute__((noinline, no_sanitize_address, no_sanitize_undefined,
               no_stack_protector)) static char *
ntoa_with_shim_fs(struct shim_tcb *tcb, const ip4_addr_t *addr, char *buf, int len)
{
    unsigned long glibc_fs;

    __asm__ volatile("mov %%fs:0, %0" : "=r"(glibc_fs));
    set_fs((unsigned long)tcb);
    char *r = lw.ip4addr_ntoa_r(addr, buf, len);
    set_fs(glibc_fs);
    return r;
}

static void test_lwip_runs_on_shim_tls(void **state)
{
    ip4_addr_t addr;
    char buf[16];

    (void)state;
    IP4_ADDR(&addr, 10, 1, 2, 3);
    assert_ptr_equal(ntoa_with_shim_fs(shim_self(), &addr, buf, sizeof(buf)), buf);
    assert_string_equal(buf, "10.1.2.3");
}

/* The shim's table and the library's imports are the same list. */
static void test_import_table_matches_library(void **state)
{
    const Elf64_Sym *syms = lwip.symtab;
    int imports = 0;

    (void)state;
    for (uint32_t i = 1; i < lwip.nsyms; i++) {
        const char *name = lwip.strtab + syms[i].st_name;
        if (syms[i].st_shndx != SHN_UNDEF)
            continue;
        int weak = ELF64_ST_BIND(syms[i].st_info) == STB_WEAK;
        if (!weak != (shim_resolve(name, NULL) != NULL))
            fail_msg("import %s: weak %d, in the table %d", name, weak, !weak);
        imports += !weak;
    }
    assert_int_equal(imports, (int)shim_nimports);
}

/* The server's mirror of lwIP's structures (servers/net/lw.h) against
 * Debian's headers. */
#define SAME_OFFSET(ours, theirs, field)                                                           \
    assert_int_equal(offsetof(ours, field), offsetof(theirs, field))

static void test_server_layouts_match_lwip(void **state)
{
    (void)state;
    assert_int_equal(sizeof(struct lw_netif), sizeof(struct netif));
    SAME_OFFSET(struct lw_netif, struct netif, ip_addr);
    SAME_OFFSET(struct lw_netif, struct netif, netmask);
    SAME_OFFSET(struct lw_netif, struct netif, gw);
    SAME_OFFSET(struct lw_netif, struct netif, ip6_addr);
    SAME_OFFSET(struct lw_netif, struct netif, ip6_addr_state);
    SAME_OFFSET(struct lw_netif, struct netif, input);
    SAME_OFFSET(struct lw_netif, struct netif, output);
    SAME_OFFSET(struct lw_netif, struct netif, linkoutput);
    SAME_OFFSET(struct lw_netif, struct netif, output_ip6);
    SAME_OFFSET(struct lw_netif, struct netif, state);
    SAME_OFFSET(struct lw_netif, struct netif, mtu);
    SAME_OFFSET(struct lw_netif, struct netif, hwaddr);
    SAME_OFFSET(struct lw_netif, struct netif, hwaddr_len);
    SAME_OFFSET(struct lw_netif, struct netif, flags);
    SAME_OFFSET(struct lw_netif, struct netif, name);
    SAME_OFFSET(struct lw_netif, struct netif, num);
    SAME_OFFSET(struct lw_netif, struct netif, ip6_autoconfig_enabled);
    assert_int_equal(sizeof(struct lw_pbuf), sizeof(struct pbuf));
    SAME_OFFSET(struct lw_pbuf, struct pbuf, payload);
    SAME_OFFSET(struct lw_pbuf, struct pbuf, tot_len);
    SAME_OFFSET(struct lw_pbuf, struct pbuf, len);
    assert_int_equal(sizeof(lw_ipaddr_t), sizeof(ip_addr_t));
    assert_int_equal(offsetof(lw_ipaddr_t, type), offsetof(ip_addr_t, type));
    assert_int_equal(LW_IPADDR_V4, IPADDR_TYPE_V4);
    assert_int_equal(LW_PBUF_RAW, PBUF_RAW);
    assert_int_equal(LW_PBUF_TRANSPORT, PBUF_TRANSPORT);
    assert_int_equal(LW_PBUF_RAM, PBUF_RAM);
    assert_int_equal(LW_NETIF_UP | LW_NETIF_BROADCAST | LW_NETIF_LINK_UP | LW_NETIF_ETHARP |
                         LW_NETIF_ETHERNET | LW_NETIF_IGMP | LW_NETIF_MLD6,
                     NETIF_FLAG_UP | NETIF_FLAG_BROADCAST | NETIF_FLAG_LINK_UP | NETIF_FLAG_ETHARP |
                         NETIF_FLAG_ETHERNET | NETIF_FLAG_IGMP | NETIF_FLAG_MLD6);
    assert_int_equal(LW_IP6_PREFERRED, IP6_ADDR_PREFERRED);
    assert_int_equal(LW_IP6_TENTATIVE, IP6_ADDR_TENTATIVE);
    assert_int_equal(LW_IP6_VALID, IP6_ADDR_VALID);
    assert_int_equal(sizeof(struct lx_pollfd), sizeof(struct pollfd));
}

int main(void)
{
    const struct CMUnitTest offline[] = {
        cmocka_unit_test(test_loader_loads_liblwip),
        cmocka_unit_test(test_loader_sizes_symbols_from_dt_hash),
        cmocka_unit_test(test_loader_rejects_truncated_files),
        cmocka_unit_test(test_loader_rejects_bad_headers),
        cmocka_unit_test(test_loader_rejects_segments_outside_the_file),
        cmocka_unit_test(test_loader_rejects_bad_tables),
        cmocka_unit_test(test_loader_rejects_unknown_relocation_types),
        cmocka_unit_test(test_loader_names_unresolved_symbols),
        cmocka_unit_test(test_loader_survives_random_damage),
        cmocka_unit_test(test_loader_preempts_definitions),
        cmocka_unit_test(test_chksum_matches_lwip),
        cmocka_unit_test(test_server_layouts_match_lwip),
    };
    const struct CMUnitTest live[] = {
        cmocka_unit_test(test_import_table_matches_library),
        cmocka_unit_test(test_lwip_udp_over_loopback),
        cmocka_unit_test(test_lwip_tcp_over_loopback),
        cmocka_unit_test(test_lwip_errors_translate),
        cmocka_unit_test(test_lwip_semaphore_times_out),
        cmocka_unit_test(test_lwip_runs_on_shim_tls),
    };
    FILE *f = fopen(LWIP_PATH, "rb");

    if (!f || fseek(f, 0, SEEK_END) != 0) {
        fprintf(stderr, "%s: cannot read it (package liblwip0)\n", LWIP_PATH);
        return 1;
    }
    lib_size = (size_t)ftell(f);
    lib_file = malloc(lib_size);
    rewind(f);
    if (fread(lib_file, 1, lib_size, f) != lib_size || shim_init() < 0)
        return 1;
    fclose(f);
    int failed = cmocka_run_group_tests_name("the loader", offline, NULL, NULL);
    return failed + cmocka_run_group_tests_name("lwIP over the shim", live, start_lwip, NULL);
}
