/*
 * The network server's ELF loader: one ELF64 x86-64 shared object, given as
 * a byte buffer, mapped into one block of memory and relocated.
 *
 * Nothing in the file is trusted. Every header field, offset, size and
 * alignment is checked before it is used, so a malformed file gives an error
 * code and a message in img->error, never a fault. Loading goes in steps:
 *
 *  1. Headers: ELF64, little-endian, version 1, SysV or GNU OS ABI, ET_DYN,
 *     EM_X86_64; the program headers inside the file. The headers are copied
 *     out with memcpy, so the buffer needs no particular alignment.
 *  2. Layout: PT_LOAD segments ascending and disjoint, each file part inside
 *     the file, at most ELF_MAX_SEGMENTS of them, the whole span [lo, hi)
 *     under MAX_SPAN. PT_DYNAMIC is required; PT_TLS is only reported.
 *  3. Mapping: the span is copied into one zeroed block from env->alloc, so
 *     run-time address = link-time address + bias. Protection is the
 *     caller's business: img->segments says what each range wants.
 *  4. Dynamic section: every table it names must lie inside the block and be
 *     aligned; the string table must end in NUL; the symbol count comes from
 *     DT_GNU_HASH or DT_HASH (the dynamic section does not give it), and
 *     exported symbols are then found by a linear search of the table.
 *     DT_REL is refused (x86-64 is RELA).
 *  5. Imports: every undefined symbol is looked up by name through
 *     env->lookup before anything is written; symbol versions are ignored.
 *     Missing weak symbols become 0, missing strong ones are all named in the
 *     error. A symbol the object defines binds to its own definition, as with
 *     -Bsymbolic, unless env->preempt offers the host's (the network server
 *     gives lwIP a faster checksum that way).
 *  6. Relocation, eagerly (no lazy PLT): R_X86_64_NONE, RELATIVE (B + A),
 *     GLOB_DAT and JUMP_SLOT (S), 64 (S + A). Any other type is refused,
 *     naming it; TLS and IFUNC symbols are refused too.
 *  7. Initialisers: DT_INIT and each DT_INIT_ARRAY entry must point into an
 *     executable segment after relocation; elf_run_init calls them later,
 *     once the caller's environment (TLS block, shim) is ready.
 *
 * A relocation may overwrite tables inside the block (a hostile file could
 * aim one at its own string table), so later readers re-check what they read
 * instead of trusting what was checked before.
 */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "elfload.h"

#define MAX_SPAN (256ull << 20) /* largest image accepted */

#define DYN_TAGS 32 /* the generic tags, below DT_ENCODING */

/* What the dynamic section says (link-time addresses and sizes), indexed
 * by tag as in glibc's l_info; 0 where a tag is absent. */
struct dyn_info {
    uint64_t val[DYN_TAGS];
    uint64_t gnu_hash;
};

/* The program headers that matter. */
struct layout {
    Elf64_Phdr load[ELF_MAX_SEGMENTS];
    int nload;
    Elf64_Phdr dynamic, tls; /* p_type PT_NULL when absent */
};

static __attribute__((format(printf, 3, 4))) int fail(struct elf_image *img, int err,
                                                      const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(img->error, sizeof(img->error), fmt, ap);
    va_end(ap);
    return err;
}

/* The mapped address of link-time range [vaddr, vaddr + len), or NULL if it
 * is not inside the image or not aligned to align. */
static void *image_at(const struct elf_image *img, uint64_t vaddr, uint64_t len, uint64_t align)
{
    if (vaddr < img->lo || vaddr > img->hi || len > img->hi - vaddr || vaddr % align)
        return NULL;
    return (void *)(img->bias + vaddr);
}

static bool in_code(const struct elf_image *img, uintptr_t addr)
{
    for (int i = 0; i < img->nsegments; i++) {
        const struct elf_segment *s = &img->segments[i];
        if ((s->flags & PF_X) && addr >= s->addr && addr - s->addr < s->size)
            return true;
    }
    return false;
}

/* A symbol's name, or NULL if its offset or terminator is out of bounds. */
static const char *sym_name(const struct elf_image *img, const Elf64_Sym *s)
{
    if (s->st_name >= img->strsz || !memchr(img->strtab + s->st_name, 0, img->strsz - s->st_name))
        return NULL;
    return img->strtab + s->st_name;
}

static int check_header(struct elf_image *img, const uint8_t *file, size_t size, Elf64_Ehdr *eh)
{
    if (size < sizeof(*eh))
        return fail(img, -ENOEXEC, "file of %zu bytes is shorter than an ELF header", size);
    memcpy(eh, file, sizeof(*eh));
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
        return fail(img, -ENOEXEC, "bad magic: not an ELF file");
    if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
        eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
        return fail(img, -ENOEXEC, "not a little-endian ELF64 file of version 1");
    if (eh->e_ident[EI_OSABI] != ELFOSABI_SYSV && eh->e_ident[EI_OSABI] != ELFOSABI_GNU)
        return fail(img, -ENOEXEC, "unknown OS ABI %u", eh->e_ident[EI_OSABI]);
    if (eh->e_type != ET_DYN)
        return fail(img, -ENOEXEC, "not a shared object (e_type %u)", eh->e_type);
    if (eh->e_machine != EM_X86_64)
        return fail(img, -ENOEXEC, "wrong machine %u, not x86-64", eh->e_machine);
    if (eh->e_ehsize != sizeof(*eh) || eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
        eh->e_phoff > size || (size - eh->e_phoff) / sizeof(Elf64_Phdr) < eh->e_phnum)
        return fail(img, -ENOEXEC, "program headers outside the file or of a wrong size");
    return 0;
}

static int add_load(struct elf_image *img, struct layout *lay, const Elf64_Phdr *ph, size_t size)
{
    if (ph->p_offset > size || ph->p_filesz > size - ph->p_offset)
        return fail(img, -ENOEXEC,
                    "segment at file offset %#lx, %#lx bytes, outside the %zu-byte file",
                    (unsigned long)ph->p_offset, (unsigned long)ph->p_filesz, size);
    if (ph->p_filesz > ph->p_memsz || ph->p_memsz > MAX_SPAN ||
        ph->p_vaddr > UINT64_MAX - 2 * MAX_SPAN)
        return fail(img, -ENOEXEC, "segment at %#lx has impossible sizes",
                    (unsigned long)ph->p_vaddr);
    if (lay->nload == ELF_MAX_SEGMENTS)
        return fail(img, -ENOEXEC, "more than %d PT_LOAD segments", ELF_MAX_SEGMENTS);
    if (lay->nload > 0) {
        const Elf64_Phdr *prev = &lay->load[lay->nload - 1];
        if (ph->p_vaddr < prev->p_vaddr + prev->p_memsz)
            return fail(img, -ENOEXEC, "PT_LOAD segments overlap or are out of order");
    }
    lay->load[lay->nload++] = *ph;
    return 0;
}

static int scan_phdrs(struct elf_image *img, const uint8_t *file, size_t size, const Elf64_Ehdr *eh,
                      struct layout *lay)
{
    memset(lay, 0, sizeof(*lay));
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        Elf64_Phdr ph;
        int r = 0;

        memcpy(&ph, file + eh->e_phoff + (size_t)i * sizeof(ph), sizeof(ph));
        if (ph.p_type == PT_LOAD)
            r = add_load(img, lay, &ph, size);
        else if (ph.p_type == PT_DYNAMIC)
            lay->dynamic = ph;
        else if (ph.p_type == PT_TLS)
            lay->tls = ph;
        if (r < 0)
            return r;
    }
    if (lay->nload == 0 || lay->dynamic.p_type != PT_DYNAMIC)
        return fail(img, -ENOEXEC, "no PT_LOAD or no PT_DYNAMIC segment");
    const Elf64_Phdr *last = &lay->load[lay->nload - 1];
    img->lo = lay->load[0].p_vaddr & ~(uint64_t)(ELF_PAGE - 1);
    img->hi = (last->p_vaddr + last->p_memsz + ELF_PAGE - 1) & ~(uint64_t)(ELF_PAGE - 1);
    if (img->hi - img->lo > MAX_SPAN)
        return fail(img, -ENOEXEC, "image spans %#lx bytes", (unsigned long)(img->hi - img->lo));
    return 0;
}

static int map_segments(struct elf_image *img, const uint8_t *file, const struct layout *lay)
{
    size_t span = img->hi - img->lo;

    img->block = img->env->alloc(span, img->env->ctx);
    if (!img->block)
        return fail(img, -ENOMEM, "no memory for a %zu-byte image", span);
    img->block_size = span;
    if ((uintptr_t)img->block % ELF_PAGE)
        return fail(img, -EINVAL, "the allocator returned memory that is not page-aligned");
    img->bias = (uintptr_t)img->block - img->lo;
    memset(img->block, 0, span);
    for (int i = 0; i < lay->nload; i++) {
        const Elf64_Phdr *ph = &lay->load[i];
        memcpy(img->block + (ph->p_vaddr - img->lo), file + ph->p_offset, ph->p_filesz);
        img->segments[i] =
            (struct elf_segment){ img->bias + ph->p_vaddr, ph->p_memsz, ph->p_flags };
    }
    img->nsegments = lay->nload;
    return 0;
}

static int note_tls(struct elf_image *img, const Elf64_Phdr *ph)
{
    if (ph->p_type != PT_TLS)
        return 0;
    if (ph->p_filesz > ph->p_memsz || !image_at(img, ph->p_vaddr, ph->p_filesz, 1) ||
        (ph->p_align & (ph->p_align - 1)))
        return fail(img, -ENOEXEC, "malformed PT_TLS segment");
    img->tls = (struct elf_tls){ img->bias + ph->p_vaddr, ph->p_filesz, ph->p_memsz, ph->p_align };
    return 0;
}

static int read_dynamic(struct elf_image *img, const Elf64_Phdr *ph, struct dyn_info *d)
{
    const Elf64_Dyn *dyn = image_at(img, ph->p_vaddr, ph->p_memsz, 8);

    if (!dyn)
        return fail(img, -ENOEXEC, "dynamic section outside the image");
    memset(d, 0, sizeof(*d));
    for (size_t i = 0; i < ph->p_memsz / sizeof(*dyn); i++) {
        if (dyn[i].d_tag == DT_NULL)
            return 0;
        if (dyn[i].d_tag >= 0 && dyn[i].d_tag < DYN_TAGS)
            d->val[dyn[i].d_tag] = dyn[i].d_un.d_val;
        else if (dyn[i].d_tag == DT_GNU_HASH)
            d->gnu_hash = dyn[i].d_un.d_val;
    }
    return fail(img, -ENOEXEC, "dynamic section without DT_NULL");
}

/* Sizes the symbol table from the GNU hash table: the chain of the highest
 * bucket ends the table (symbols before symoffset are not hashed). */
static int count_gnu(struct elf_image *img, uint64_t vaddr)
{
    const uint32_t *head = image_at(img, vaddr, 16, 8);

    if (!head)
        return fail(img, -ENOEXEC, "GNU hash table outside the image");
    uint32_t nbuckets = head[0], symoffset = head[1];
    uint64_t buckets_at = vaddr + 16 + (uint64_t)head[2] * 8;
    const uint32_t *buckets = image_at(img, buckets_at, (uint64_t)nbuckets * 4, 4);
    if (!buckets || nbuckets == 0)
        return fail(img, -ENOEXEC, "GNU hash buckets outside the image");
    uint64_t chain_at = buckets_at + (uint64_t)nbuckets * 4, last = 0;
    for (uint32_t b = 0; b < nbuckets; b++)
        last = buckets[b] > last ? buckets[b] : last;
    uint64_t nsyms = symoffset;
    if (last >= symoffset) {
        const uint32_t *link;
        do {
            link = image_at(img, chain_at + (last - symoffset) * 4, 4, 4);
            if (!link || last >= UINT32_MAX)
                return fail(img, -ENOEXEC, "GNU hash chain runs off the image");
            last++;
        } while (!(*link & 1));
        nsyms = last;
    }
    img->nsyms = (uint32_t)nsyms;
    return 0;
}

static int count_symbols(struct elf_image *img, const struct dyn_info *d)
{
    if (d->gnu_hash)
        return count_gnu(img, d->gnu_hash);
    const uint32_t *h = d->val[DT_HASH] ? image_at(img, d->val[DT_HASH], 8, 4) : NULL;
    if (!h || !image_at(img, d->val[DT_HASH], 8 + 4 * ((uint64_t)h[0] + h[1]), 4))
        return fail(img, -ENOEXEC, "no usable DT_GNU_HASH or DT_HASH to size the symbol table");
    img->nsyms = h[1];
    return 0;
}

static int check_tables(struct elf_image *img, const struct dyn_info *d)
{
    const uint64_t *v = d->val;

    if (v[DT_REL] || v[DT_RELSZ])
        return fail(img, -ENOTSUP, "DT_REL relocations (x86-64 objects use RELA)");
    if ((v[DT_SYMENT] && v[DT_SYMENT] != sizeof(Elf64_Sym)) ||
        (v[DT_RELAENT] && v[DT_RELAENT] != sizeof(Elf64_Rela)) ||
        (v[DT_PLTRELSZ] && v[DT_PLTREL] != DT_RELA))
        return fail(img, -ENOEXEC, "unexpected symbol or relocation entry format");
    img->strtab = image_at(img, v[DT_STRTAB], v[DT_STRSZ], 1);
    img->strsz = v[DT_STRSZ];
    if (!img->strtab || img->strsz == 0 || img->strtab[img->strsz - 1] != '\0')
        return fail(img, -ENOEXEC, "string table outside the image or unterminated");
    int r = count_symbols(img, d);
    if (r < 0)
        return r;
    img->symtab = image_at(img, v[DT_SYMTAB], (uint64_t)img->nsyms * sizeof(Elf64_Sym), 8);
    if (!img->symtab || img->nsyms == 0)
        return fail(img, -ENOEXEC, "symbol table outside the image");
    return 0;
}

/* Appends name to the error's list of unresolved symbols, ending it with
 * "..." when the rest do not fit. */
static void note_unresolved(struct elf_image *img, int count, const char *name)
{
    if (count == 0)
        snprintf(img->error, sizeof(img->error), "unresolved symbols:");
    size_t used = strlen(img->error), room = sizeof(img->error) - used;
    if (strstr(img->error, " ..."))
        return;
    if (room > strlen(name) + 6)
        snprintf(img->error + used, room, " %s", name);
    else
        snprintf(img->error + used, room, " ...");
}

/* Looks every import up before the first relocation is written. */
static int check_imports(struct elf_image *img)
{
    const Elf64_Sym *syms = img->symtab;
    int missing = 0;

    for (uint32_t i = 1; i < img->nsyms; i++) {
        const char *name = sym_name(img, &syms[i]);
        if (!name)
            return fail(img, -ENOEXEC, "symbol %u has its name outside the string table", i);
        if (syms[i].st_shndx != SHN_UNDEF || !name[0] || ELF64_ST_BIND(syms[i].st_info) == STB_WEAK)
            continue;
        if (!img->env->lookup(name, img->env->ctx))
            note_unresolved(img, missing++, name);
    }
    return missing ? -ENOENT : 0;
}

static int symbol_value(struct elf_image *img, uint32_t index, uint64_t *value)
{
    const Elf64_Sym *s = index < img->nsyms ? (const Elf64_Sym *)img->symtab + index : NULL;
    const char *name = s ? sym_name(img, s) : NULL;

    *value = 0;
    if (index == 0)
        return 0;
    if (!name)
        return fail(img, -ENOEXEC, "relocation names symbol %u of %u, or a nameless one", index,
                    img->nsyms);
    unsigned type = ELF64_ST_TYPE(s->st_info);
    if (type == STT_TLS || type == STT_GNU_IFUNC)
        return fail(img, -ENOTSUP, "symbol %s is a %s symbol", name,
                    type == STT_TLS ? "TLS" : "IFUNC");
    if (s->st_shndx == SHN_UNDEF) {
        void *addr = img->env->lookup(name, img->env->ctx);
        if (!addr && ELF64_ST_BIND(s->st_info) != STB_WEAK)
            return fail(img, -ENOENT, "unresolved symbols: %s", name);
        *value = (uintptr_t)addr;
    } else if (s->st_shndx == SHN_ABS) {
        *value = s->st_value;
    } else if (s->st_shndx >= SHN_LORESERVE || !image_at(img, s->st_value, 0, 1)) {
        return fail(img, -ENOEXEC, "symbol %s lies outside the image", name);
    } else {
        void *own = NULL;
        unsigned bind = ELF64_ST_BIND(s->st_info);
        if (img->env->preempt && (bind == STB_GLOBAL || bind == STB_WEAK))
            own = img->env->preempt(name, img->env->ctx);
        *value = own ? (uintptr_t)own : img->bias + s->st_value;
    }
    return 0;
}

/* The psABI's name of an x86-64 relocation type, without R_X86_64_. */
static const char *reloc_name(uint32_t type)
{
    static const char *const names[] = {
        "NONE",         "64",       "PC32",      "GOT32",      "PLT32",
        "COPY",         "GLOB_DAT", "JUMP_SLOT", "RELATIVE",   "GOTPCREL",
        "32",           "32S",      "16",        "PC16",       "8",
        "PC8",          "DTPMOD64", "DTPOFF64",  "TPOFF64",    "TLSGD",
        "TLSLD",        "DTPOFF32", "GOTTPOFF",  "TPOFF32",    "PC64",
        "GOTOFF64",     "GOTPC32",  "GOT64",     "GOTPCREL64", "GOTPC64",
        "GOTPLT64",     "PLTOFF64", "SIZE32",    "SIZE64",     "GOTPC32_TLSDESC",
        "TLSDESC_CALL", "TLSDESC",  "IRELATIVE",
    };

    return type < sizeof(names) / sizeof(names[0]) ? names[type] : NULL;
}

static int relocate_one(struct elf_image *img, const Elf64_Rela *rel)
{
    uint32_t type = ELF64_R_TYPE(rel->r_info);
    uint64_t value;
    void *where = image_at(img, rel->r_offset, 8, 1);
    int r;

    if (type == R_X86_64_NONE)
        return 0;
    if (!where)
        return fail(img, -ENOEXEC, "relocation at %#lx outside the image",
                    (unsigned long)rel->r_offset);
    switch (type) {
    case R_X86_64_RELATIVE:
        value = img->bias + rel->r_addend;
        break;
    case R_X86_64_64:
    case R_X86_64_GLOB_DAT:
    case R_X86_64_JUMP_SLOT:
        r = symbol_value(img, ELF64_R_SYM(rel->r_info), &value);
        if (r < 0)
            return r;
        if (type == R_X86_64_64)
            value += rel->r_addend;
        break;
    default: {
        const char *name = reloc_name(type);
        return fail(img, -ENOTSUP, "unsupported relocation type %u (%s%s) at %#lx", type,
                    name ? "R_X86_64_" : "not an x86-64 type", name ? name : "",
                    (unsigned long)rel->r_offset);
    }
    }
    memcpy(where, &value, sizeof(value));
    return 0;
}

static int relocate_table(struct elf_image *img, uint64_t vaddr, uint64_t size)
{
    const Elf64_Rela *rel = size ? image_at(img, vaddr, size, 8) : NULL;

    if (size == 0)
        return 0;
    if (!rel || size % sizeof(*rel))
        return fail(img, -ENOEXEC, "relocation table at %#lx outside the image",
                    (unsigned long)vaddr);
    for (uint64_t i = 0; i < size / sizeof(*rel); i++) {
        Elf64_Rela entry = rel[i]; /* a copy: the entry may overwrite itself */
        int r = relocate_one(img, &entry);
        if (r < 0)
            return r;
    }
    return 0;
}

static int check_init(struct elf_image *img, const struct dyn_info *d)
{
    const uint64_t *v = d->val;

    if (v[DT_INIT]) {
        img->init = img->bias + v[DT_INIT];
        if (!in_code(img, img->init))
            return fail(img, -ENOEXEC, "DT_INIT outside the code");
    }
    if (!v[DT_INIT_ARRAYSZ])
        return 0;
    img->init_array = image_at(img, v[DT_INIT_ARRAY], v[DT_INIT_ARRAYSZ], 8);
    img->ninit = v[DT_INIT_ARRAYSZ] / sizeof(uintptr_t);
    if (!img->init_array || v[DT_INIT_ARRAYSZ] % sizeof(uintptr_t))
        return fail(img, -ENOEXEC, "DT_INIT_ARRAY outside the image");
    for (size_t i = 0; i < img->ninit; i++) {
        uintptr_t fn = img->init_array[i];
        if (fn != 0 && fn != UINTPTR_MAX && !in_code(img, fn))
            return fail(img, -ENOEXEC, "DT_INIT_ARRAY[%zu] points outside the code", i);
    }
    return 0;
}

/* Steps 1 to 7 of the essay above; each leaves img->error on failure. */
static int load_steps(struct elf_image *img, const uint8_t *file, size_t size)
{
    Elf64_Ehdr eh;
    struct layout lay;
    struct dyn_info d;

    int r = check_header(img, file, size, &eh);
    if (r == 0)
        r = scan_phdrs(img, file, size, &eh, &lay);
    if (r == 0)
        r = map_segments(img, file, &lay);
    if (r == 0)
        r = note_tls(img, &lay.tls);
    if (r == 0)
        r = read_dynamic(img, &lay.dynamic, &d);
    if (r == 0)
        r = check_tables(img, &d);
    if (r == 0)
        r = check_imports(img);
    if (r == 0)
        r = relocate_table(img, d.val[DT_RELA], d.val[DT_RELASZ]);
    if (r == 0)
        r = relocate_table(img, d.val[DT_JMPREL], d.val[DT_PLTRELSZ]);
    if (r == 0)
        r = check_init(img, &d);
    return r;
}

int elf_load(struct elf_image *img, const void *file, size_t size, const struct elf_env *env)
{
    memset(img, 0, sizeof(*img));
    img->env = env;
    int r = load_steps(img, file, size);
    if (r < 0) {
        char why[ELF_ERROR_LEN];
        memcpy(why, img->error, sizeof(why));
        elf_unload(img);
        memcpy(img->error, why, sizeof(why));
    }
    return r;
}

void elf_run_init(const struct elf_image *img)
{
    if (img->init)
        ((void (*)(void))img->init)();
    for (size_t i = 0; i < img->ninit; i++) {
        uintptr_t fn = img->init_array[i];
        if (fn != 0 && fn != UINTPTR_MAX)
            ((void (*)(int, char **, char **))fn)(0, NULL, NULL);
    }
}

/* Whether symbol i is an exported definition called name. */
static bool exports(const struct elf_image *img, uint32_t i, const char *name)
{
    const Elf64_Sym *s = (const Elf64_Sym *)img->symtab + i;
    const char *own = sym_name(img, s);
    unsigned bind = ELF64_ST_BIND(s->st_info), type = ELF64_ST_TYPE(s->st_info);
    unsigned vis = ELF64_ST_VISIBILITY(s->st_other);

    return own && strcmp(own, name) == 0 && s->st_shndx != SHN_UNDEF &&
           s->st_shndx < SHN_LORESERVE && (bind == STB_GLOBAL || bind == STB_WEAK) &&
           (vis == STV_DEFAULT || vis == STV_PROTECTED) && type != STT_TLS &&
           type != STT_GNU_IFUNC && image_at(img, s->st_value, 0, 1);
}

/* A linear search: the server looks up a few dozen names, once. */
void *elf_symbol(const struct elf_image *img, const char *name)
{
    const Elf64_Sym *syms = img->symtab;

    for (uint32_t i = 1; img->block && i < img->nsyms; i++)
        if (exports(img, i, name))
            return (void *)(img->bias + syms[i].st_value);
    return NULL;
}

void elf_unload(struct elf_image *img)
{
    if (img->block)
        img->env->release(img->block, img->block_size, img->env->ctx);
    const struct elf_env *env = img->env;
    memset(img, 0, sizeof(*img));
    img->env = env;
}
