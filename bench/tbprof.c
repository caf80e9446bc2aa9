/*
 * A QEMU TCG plugin that counts guest instructions by translated block,
 * for bench/tbprof.py.
 *
 * Every block QEMU translates gets a counter, incremented inline each
 * time the block runs (no callback: the guest's speed barely changes, and
 * under -icount its instruction count not at all). At exit each block
 * that ran is written as one line: its virtual address, its host address
 * (which frame it came from), its instruction count, how many times it
 * ran, and its first bytes, by which tbprof.py tells which program it
 * belongs to (every Ember program is linked at the same address). Creating
 * the file named by snap= (default /tmp/tbprof.snap) marks a point from
 * which on the counts are taken, so boot can be left out.
 *
 * Debian's QEMU ships no qemu-plugin.h: the few functions of plugin API
 * version 1 (QEMU 7.2) used here are declared by hand.
 */
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
typedef void (*tb_trans_cb)(qemu_plugin_id_t, struct qemu_plugin_tb *);
typedef void (*udata_cb)(qemu_plugin_id_t, void *);
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t, tb_trans_cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *, size_t);
const void *qemu_plugin_insn_data(const struct qemu_plugin_insn *);
size_t qemu_plugin_insn_size(const struct qemu_plugin_insn *);
void *qemu_plugin_insn_haddr(const struct qemu_plugin_insn *);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *, enum qemu_plugin_op, void *,
                                              uint64_t);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t, udata_cb, void *);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

#define MAX_BLOCKS (1 << 20)
#define KEEP_BYTES 48

struct block {
    uint64_t runs, runs_at_snap;
    uint64_t vaddr;
    uintptr_t haddr;
    uint32_t insns, nbytes;
    uint8_t bytes[KEEP_BYTES];
};

static struct block *blocks;
static unsigned nblocks; /* translations only happen with QEMU's lock held */
static const char *out_path = "/tmp/tbprof.out";
static const char *snap_path = "/tmp/tbprof.snap";

static void translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    (void)id;
    if (nblocks == MAX_BLOCKS)
        return;
    struct block *b = &blocks[nblocks++];
    size_t n = qemu_plugin_tb_n_insns(tb);
    b->vaddr = qemu_plugin_tb_vaddr(tb);
    b->insns = (uint32_t)n;
    b->haddr = (uintptr_t)qemu_plugin_insn_haddr(qemu_plugin_tb_get_insn(tb, 0));
    for (size_t i = 0; i < n && b->nbytes < KEEP_BYTES; i++) {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        const uint8_t *d = qemu_plugin_insn_data(insn);
        for (size_t j = 0; j < qemu_plugin_insn_size(insn) && b->nbytes < KEEP_BYTES; j++)
            b->bytes[b->nbytes++] = d[j];
    }
    qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &b->runs, 1);
}

/* Watches for the snapshot file; the counters are read racily, which
 * costs at most a few runs of the blocks running at that moment. */
static void *watch_snap(void *arg)
{
    (void)arg;
    for (;;) {
        if (access(snap_path, F_OK) == 0 && unlink(snap_path) == 0) {
            unsigned n = __atomic_load_n(&nblocks, __ATOMIC_ACQUIRE);
            for (unsigned i = 0; i < n; i++)
                blocks[i].runs_at_snap = blocks[i].runs;
        }
        usleep(20000);
    }
    return NULL;
}

static void write_counts(qemu_plugin_id_t id, void *arg)
{
    (void)id;
    (void)arg;
    FILE *f = fopen(out_path, "w");
    if (!f)
        return;
    for (unsigned i = 0; i < nblocks; i++) {
        const struct block *b = &blocks[i];
        uint64_t runs = b->runs - b->runs_at_snap;
        if (!runs)
            continue;
        fprintf(f, "%llx %llx %u %llu ", (unsigned long long)b->vaddr, (unsigned long long)b->haddr,
                b->insns, (unsigned long long)runs);
        for (unsigned j = 0; j < b->nbytes; j++)
            fprintf(f, "%02x", b->bytes[j]);
        fputc('\n', f);
    }
    fclose(f);
}

__attribute__((visibility("default"))) int
qemu_plugin_install(qemu_plugin_id_t id, const void *info, int argc, char **argv)
{
    pthread_t t;

    (void)info;
    for (int i = 0; i < argc; i++) {
        if (strncmp(argv[i], "out=", 4) == 0)
            out_path = argv[i] + 4;
        else if (strncmp(argv[i], "snap=", 5) == 0)
            snap_path = argv[i] + 5;
    }
    blocks = calloc(MAX_BLOCKS, sizeof(*blocks));
    if (!blocks || pthread_create(&t, NULL, watch_snap, NULL) != 0)
        return -1;
    qemu_plugin_register_vcpu_tb_trans_cb(id, translated);
    qemu_plugin_register_atexit_cb(id, write_counts, NULL);
    return 0;
}
