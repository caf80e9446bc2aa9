/*
 * elfload: maps one ELF64 x86-64 shared object, held in a byte buffer, into
 * memory the caller provides, binds its imports through the caller's lookup
 * function and relocates it. The network server uses it for Debian's
 * liblwip.so.0; see elfload.c for what is checked and docs/net-lwip.md for
 * the whole picture.
 */
#ifndef NET_ELFLOAD_H
#define NET_ELFLOAD_H

#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_SEGMENTS 8   /* PT_LOAD headers accepted */
#define ELF_ERROR_LEN    256 /* room for the message naming what was wrong */
#define ELF_PAGE         4096

/* What the loader needs from its host. */
struct elf_env {
    /* size bytes (a multiple of ELF_PAGE), page-aligned, writable and
     * executable; NULL if there is no memory. */
    void *(*alloc)(size_t size, void *ctx);
    void (*release)(void *block, size_t size, void *ctx);
    /* The address an imported symbol binds to, or NULL if it has none. */
    void *(*lookup)(const char *name, void *ctx);
    void *ctx;
    /* Optional: the host's own definition of a symbol the object defines
     * too, or NULL to keep the object's. The host's wins, as an
     * executable's definitions come first in ELF's lookup order. */
    void *(*preempt)(const char *name, void *ctx);
};

/* A PT_LOAD segment as mapped, so the caller can apply its protection. */
struct elf_segment {
    uintptr_t addr;
    size_t size;
    uint32_t flags; /* PF_R, PF_W, PF_X */
};

/* The object's PT_TLS needs; memsz == 0 when it has none. */
struct elf_tls {
    uintptr_t image; /* initialisation image in the mapped object */
    size_t filesz, memsz, align;
};

struct elf_image {
    uint8_t *block; /* what env->alloc returned; NULL when not loaded */
    size_t block_size;
    uintptr_t bias;  /* run-time address minus link-time address */
    uint64_t lo, hi; /* link-time range the block covers */
    struct elf_segment segments[ELF_MAX_SEGMENTS];
    int nsegments;
    struct elf_tls tls;
    const void *symtab; /* Elf64_Sym[nsyms] */
    uint32_t nsyms;
    const char *strtab;
    size_t strsz;
    uintptr_t init; /* DT_INIT, 0 if none */
    const uintptr_t *init_array;
    size_t ninit;
    const struct elf_env *env;
    char error[ELF_ERROR_LEN]; /* why elf_load failed */
};

/* Loads file[0..size) into memory from env. Returns 0, or a negative errno
 * with img->error naming the fault: -ENOEXEC (malformed or not an x86-64
 * shared object), -ENOTSUP (a relocation type or symbol kind the loader does
 * not handle), -ENOENT (unresolved symbols, all named), -ENOMEM. */
int elf_load(struct elf_image *img, const void *file, size_t size, const struct elf_env *env);

/* Runs DT_INIT then DT_INIT_ARRAY, whose targets elf_load has checked. */
void elf_run_init(const struct elf_image *img);

/* The run-time address of an exported symbol, or NULL. */
void *elf_symbol(const struct elf_image *img, const char *name);

/* Gives the memory back; img may be loaded or not. */
void elf_unload(struct elf_image *img);

#endif
