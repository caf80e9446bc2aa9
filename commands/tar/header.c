/*
 * Member headers. A ustar header has fixed fields: the name in 100 bytes
 * (plus a 155-byte prefix, split at a slash), numbers in octal. What does
 * not fit -- longer names, sizes of 8 GiB or more, large ids, times
 * before 1970 -- goes into a pax extended header ('x') written before it,
 * as POSIX pax does. Reading accepts those, GNU's long-name members ('L',
 * 'K'), GNU base-256 numbers, and the old GNU magic.
 */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "file_alloc.h"
#include "file_path.h"
#include "tar.h"

/* Extended headers bigger than this are taken for damage. */
#define EXTENDED_MAX (1024 * 1024)

struct ustar_header {
    char name[100];
    char mode[8];
    char uid[8];
    char gid[8];
    char size[12];
    char mtime[12];
    char chksum[8];
    char typeflag;
    char linkname[100];
    char magic[6];
    char version[2];
    char uname[32];
    char gname[32];
    char devmajor[8];
    char devminor[8];
    char prefix[155];
    char pad[12];
};
_Static_assert(sizeof(struct ustar_header) == TAR_BLOCK, "ustar header is one block");

/* pax records being gathered: "len key=value\n" each. */
struct pax_text {
    char *text;
    size_t len, cap;
};

/* ---- writing ---- */

/* value in octal, NUL-terminated, in a field of len bytes; false if too big. */
/* A header field: the string's bytes, zero-filled, not NUL-terminated when full. */
static void copy_field(char *field, const char *src, size_t size)
{
    size_t n = strnlen(src, size);

    memcpy(field, src, n);
    memset(field + n, 0, size - n);
}

static bool put_octal(char *field, size_t len, uintmax_t value)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%0*jo", (int)len - 1, value);

    if (n < 0 || (size_t)n > len - 1)
        return false;
    memcpy(field, digits, len - 1);
    field[len - 1] = '\0';
    return true;
}

static void pax_add(struct pax_text *pax, const char *key, const char *value)
{
    size_t body = strlen(key) + strlen(value) + 3; /* ' ', '=', '\n' */
    size_t total = body + 1;
    char digits[32];

    /* The length counts its own digits. */
    while (body + (size_t)snprintf(digits, sizeof digits, "%zu", total) != total)
        total = body + (size_t)snprintf(digits, sizeof digits, "%zu", total);
    if (pax->len + total + 1 > pax->cap) {
        pax->cap = (pax->len + total + 1) * 2;
        pax->text = xrealloc(pax->text, pax->cap);
    }
    snprintf(pax->text + pax->len, total + 1, "%zu %s=%s\n", total, key, value);
    pax->len += total;
}

static void pax_add_number(struct pax_text *pax, const char *key, uintmax_t value)
{
    char text[32];

    snprintf(text, sizeof text, "%ju", value);
    pax_add(pax, key, text);
}

/* Put name into name/prefix; false when it needs a pax "path" record. */
static bool put_name(struct ustar_header *h, const char *name)
{
    size_t len = strlen(name);

    if (len <= sizeof h->name) {
        memcpy(h->name, name, len);
        return true;
    }
    /* The first slash that leaves at most 100 bytes after it. */
    for (size_t i = 0; i < len; i++) {
        if (name[i] != '/' || len - i - 1 > sizeof h->name)
            continue;
        if (i > sizeof h->prefix || i + 1 == len)
            return false;
        memcpy(h->prefix, name, i);
        memcpy(h->name, name + i + 1, len - i - 1);
        return true;
    }
    return false;
}

static void put_checksum(struct ustar_header *h)
{
    const unsigned char *bytes = (const unsigned char *)h;
    unsigned long sum = 0;

    memset(h->chksum, ' ', sizeof h->chksum);
    for (size_t i = 0; i < TAR_BLOCK; i++)
        sum += bytes[i];
    snprintf(h->chksum, sizeof h->chksum, "%06lo", sum);
    h->chksum[7] = ' ';
}

/* Fill the numeric fields, noting in pax what does not fit. */
static void put_numbers(struct ustar_header *h, const struct tar_member *m, struct pax_text *pax)
{
    put_octal(h->mode, sizeof h->mode, m->mode & 07777);
    if (!put_octal(h->uid, sizeof h->uid, m->uid))
        pax_add_number(pax, "uid", m->uid);
    if (!put_octal(h->gid, sizeof h->gid, m->gid))
        pax_add_number(pax, "gid", m->gid);
    if (!put_octal(h->size, sizeof h->size, m->size)) {
        put_octal(h->size, sizeof h->size, 0);
        pax_add_number(pax, "size", m->size);
    }
    if (m->mtime.tv_sec < 0 || !put_octal(h->mtime, sizeof h->mtime, (uintmax_t)m->mtime.tv_sec)) {
        char text[32];
        put_octal(h->mtime, sizeof h->mtime, 0);
        snprintf(text, sizeof text, "%jd", (intmax_t)m->mtime.tv_sec);
        pax_add(pax, "mtime", text);
    }
    put_octal(h->devmajor, sizeof h->devmajor, m->devmajor);
    put_octal(h->devminor, sizeof h->devminor, m->devminor);
}

static void write_pax_header(struct tar_archive *ar, const struct tar_member *m,
                             const struct pax_text *pax)
{
    struct tar_member ext = { .type = TYPE_PAX_NEXT, .mode = 0644, .size = pax->len };
    char block[TAR_BLOCK], *last = path_last(m->name);
    char name[100];

    snprintf(name, sizeof name, "PaxHeaders/%.80s", last);
    ext.name = name;
    ext.mtime = m->mtime;
    header_write(ar, &ext);
    for (size_t done = 0; done < pax->len; done += TAR_BLOCK) {
        size_t len = pax->len - done < TAR_BLOCK ? pax->len - done : TAR_BLOCK;
        memset(block, 0, sizeof block);
        memcpy(block, pax->text + done, len);
        archive_write_block(ar, block);
    }
    free(last);
}

void header_write(struct tar_archive *ar, const struct tar_member *m)
{
    struct ustar_header h;
    struct pax_text pax = { 0 };

    memset(&h, 0, sizeof h);
    if (!put_name(&h, m->name)) {
        memset(h.prefix, 0, sizeof h.prefix);
        memcpy(h.name, m->name, sizeof h.name);
        pax_add(&pax, "path", m->name);
    }
    if (m->linkname && strlen(m->linkname) > sizeof h.linkname)
        pax_add(&pax, "linkpath", m->linkname);
    if (m->linkname)
        copy_field(h.linkname, m->linkname, sizeof h.linkname);
    put_numbers(&h, m, &pax);
    h.typeflag = m->type;
    memcpy(h.magic, "ustar", 6);
    memcpy(h.version, "00", 2);
    copy_field(h.uname, m->uname, sizeof h.uname);
    copy_field(h.gname, m->gname, sizeof h.gname);
    if (pax.len)
        write_pax_header(ar, m, &pax);
    free(pax.text);
    put_checksum(&h);
    archive_write_block(ar, (const char *)&h);
}

/* ---- reading ---- */

/* Overrides for the next member, from pax records and GNU long names. */
struct pending {
    char *path, *linkpath;
    bool has_size, has_uid, has_gid, has_mtime;
    uintmax_t size, uid, gid;
    struct timespec mtime;
    char uname[33], gname[33];
};

/* A numeric field: octal (spaces and NULs around it), or GNU base-256. */
static int get_number(const char *field, size_t len, uintmax_t *out)
{
    const unsigned char *p = (const unsigned char *)field;
    size_t i = 0;

    *out = 0;
    if (p[0] & 0x80) {
        if (p[0] == 0xff)
            return -EINVAL; /* negative: not a size, id or time we accept */
        for (i = 1; i < len; i++) {
            if (*out >> 56)
                return -ERANGE;
            *out = *out << 8 | p[i];
        }
        return 0;
    }
    while (i < len && (p[i] == ' ' || p[i] == '\0'))
        i++;
    for (; i < len && p[i] >= '0' && p[i] <= '7'; i++) {
        if (*out >> 60)
            return -ERANGE;
        *out = *out << 3 | (uintmax_t)(p[i] - '0');
    }
    for (; i < len; i++)
        if (p[i] != ' ' && p[i] != '\0')
            return -EINVAL;
    return 0;
}

static bool checksum_ok(const struct ustar_header *h)
{
    const unsigned char *bytes = (const unsigned char *)h;
    const signed char *sbytes = (const signed char *)h;
    unsigned long sum = 0;
    long ssum = 0;
    uintmax_t stored;

    if (get_number(h->chksum, sizeof h->chksum, &stored) != 0)
        return false;
    for (size_t i = 0; i < TAR_BLOCK; i++) {
        bool in_field = i >= offsetof(struct ustar_header, chksum) &&
                        i < offsetof(struct ustar_header, chksum) + sizeof h->chksum;
        sum += in_field ? ' ' : bytes[i];
        ssum += in_field ? ' ' : sbytes[i];
    }
    /* Some old archivers summed signed bytes. */
    return stored == sum || (intmax_t)stored == ssum;
}

static bool is_zero_block(const char *block)
{
    for (size_t i = 0; i < TAR_BLOCK; i++)
        if (block[i])
            return false;
    return true;
}

/* A field of at most len bytes as a string, in new memory. */
static char *field_string(const char *field, size_t len)
{
    size_t n = strnlen(field, len);
    char *s = xmalloc(n + 1);

    memcpy(s, field, n);
    s[n] = '\0';
    return s;
}

/* Decode a ustar header into m; -1 when a number is malformed. */
static int decode(const struct ustar_header *h, struct tar_member *m)
{
    uintmax_t mode, uid, gid, size, mtime, major, minor;
    bool posix = memcmp(h->magic, "ustar", 6) == 0;

    if (get_number(h->mode, sizeof h->mode, &mode) || get_number(h->uid, sizeof h->uid, &uid) ||
        get_number(h->gid, sizeof h->gid, &gid) || get_number(h->size, sizeof h->size, &size) ||
        get_number(h->mtime, sizeof h->mtime, &mtime) ||
        get_number(h->devmajor, sizeof h->devmajor, &major) ||
        get_number(h->devminor, sizeof h->devminor, &minor))
        return -1;
    memset(m, 0, sizeof *m);
    m->type = h->typeflag;
    m->mode = (mode_t)(mode & 07777);
    m->uid = (uid_t)uid;
    m->gid = (gid_t)gid;
    m->size = size;
    m->mtime.tv_sec = (time_t)mtime;
    m->devmajor = (unsigned long)major;
    m->devminor = (unsigned long)minor;
    memcpy(m->uname, h->uname, sizeof h->uname);
    memcpy(m->gname, h->gname, sizeof h->gname);
    char *name = field_string(h->name, sizeof h->name);
    if (posix && h->prefix[0]) {
        char *prefix = field_string(h->prefix, sizeof h->prefix);
        m->name = path_join(prefix, name);
        free(prefix);
        free(name);
    } else {
        m->name = name;
    }
    if (h->linkname[0])
        m->linkname = field_string(h->linkname, sizeof h->linkname);
    return 0;
}

/* Read an extended header's data into new memory (NUL-terminated). */
static char *read_extended(struct tar_archive *ar, uintmax_t size)
{
    char *text;
    size_t got = 0;

    if (size > EXTENDED_MAX)
        return NULL;
    text = xmalloc((size_t)size + 1);
    while (got < size) {
        const char *block = archive_read_block(ar);
        size_t len = size - got < TAR_BLOCK ? (size_t)(size - got) : TAR_BLOCK;
        if (!block)
            cmd_diex(2, "'%s': unexpected end of archive", ar->name);
        memcpy(text + got, block, len);
        got += len;
    }
    text[size] = '\0';
    return text;
}

static void parse_pax_time(const char *value, struct timespec *ts)
{
    char *end;
    long nsec = 0, scale = 100000000;

    ts->tv_sec = (time_t)strtoimax(value, &end, 10);
    if (*end == '.')
        for (end++; *end >= '0' && *end <= '9'; end++, scale /= 10)
            nsec += (*end - '0') * scale;
    ts->tv_nsec = nsec;
}

static void apply_pax_record(struct pending *p, const char *key, const char *value)
{
    if (strcmp(key, "path") == 0) {
        free(p->path);
        p->path = xstrdup(value);
    } else if (strcmp(key, "linkpath") == 0) {
        free(p->linkpath);
        p->linkpath = xstrdup(value);
    } else if (strcmp(key, "size") == 0) {
        p->has_size = true;
        p->size = strtoumax(value, NULL, 10);
    } else if (strcmp(key, "uid") == 0) {
        p->has_uid = true;
        p->uid = strtoumax(value, NULL, 10);
    } else if (strcmp(key, "gid") == 0) {
        p->has_gid = true;
        p->gid = strtoumax(value, NULL, 10);
    } else if (strcmp(key, "mtime") == 0) {
        p->has_mtime = true;
        parse_pax_time(value, &p->mtime);
    } else if (strcmp(key, "uname") == 0) {
        snprintf(p->uname, sizeof p->uname, "%s", value);
    } else if (strcmp(key, "gname") == 0) {
        snprintf(p->gname, sizeof p->gname, "%s", value);
    }
}

/* Parse "len key=value\n" records; -1 when they are malformed. */
static int parse_pax(struct pending *p, char *text, size_t size)
{
    size_t pos = 0;

    while (pos < size) {
        char *end;
        unsigned long len = strtoul(text + pos, &end, 10);
        if (*end != ' ' || len == 0 || len > size - pos || text[pos + len - 1] != '\n')
            return -1;
        char *key = end + 1, *eq = memchr(key, '=', (size_t)(text + pos + len - 1 - key));
        if (!eq)
            return -1;
        *eq = '\0';
        text[pos + len - 1] = '\0';
        apply_pax_record(p, key, eq + 1);
        pos += len;
    }
    return 0;
}

static void apply_pending(struct pending *p, struct tar_member *m)
{
    if (p->path) {
        free(m->name);
        m->name = p->path;
    }
    if (p->linkpath) {
        free(m->linkname);
        m->linkname = p->linkpath;
    }
    if (p->has_size)
        m->size = p->size;
    if (p->has_uid)
        m->uid = (uid_t)p->uid;
    if (p->has_gid)
        m->gid = (gid_t)p->gid;
    if (p->has_mtime)
        m->mtime = p->mtime;
    if (p->uname[0])
        memcpy(m->uname, p->uname, sizeof m->uname);
    if (p->gname[0])
        memcpy(m->gname, p->gname, sizeof m->gname);
    memset(p, 0, sizeof *p);
}

/* Take in an extended member ('x', 'g', 'L', 'K'); -1 when damaged. */
static int read_extension(struct tar_archive *ar, const struct tar_member *ext, struct pending *p)
{
    char *text = read_extended(ar, ext->size);
    int rc = 0;

    if (!text)
        return -1;
    if (ext->type == TYPE_PAX_NEXT)
        rc = parse_pax(p, text, (size_t)ext->size);
    if (ext->type == TYPE_GNU_LONGNAME) {
        free(p->path);
        p->path = xstrdup(text);
    } else if (ext->type == TYPE_GNU_LONGLINK) {
        free(p->linkpath);
        p->linkpath = xstrdup(text);
    }
    free(text);
    return rc;
}

static bool is_extension(char type)
{
    return type == TYPE_PAX_NEXT || type == TYPE_PAX_GLOBAL || type == TYPE_GNU_LONGNAME ||
           type == TYPE_GNU_LONGLINK;
}

int header_read(struct tar_archive *ar, struct tar_member *m)
{
    struct pending pending = { 0 };

    for (;;) {
        const char *block = archive_read_block(ar);
        if (!block || is_zero_block(block))
            return 0;
        const struct ustar_header *h = (const struct ustar_header *)block;
        if (!checksum_ok(h) || decode(h, m) != 0) {
            cmd_warnx("'%s': damaged archive: bad header at block %ju", ar->name, ar->blocks - 1);
            return -1;
        }
        if (!is_extension(m->type)) {
            apply_pending(&pending, m);
            return 1;
        }
        int rc = read_extension(ar, m, &pending);
        member_clear(m);
        if (rc != 0) {
            cmd_warnx("'%s': damaged archive: bad extended header", ar->name);
            return -1;
        }
    }
}

void member_clear(struct tar_member *m)
{
    free(m->name);
    free(m->linkname);
    m->name = m->linkname = NULL;
}

bool member_has_data(const struct tar_member *m)
{
    switch (m->type) {
    case TYPE_HARDLINK:
    case TYPE_SYMLINK:
    case TYPE_CHAR:
    case TYPE_BLOCK:
    case TYPE_DIRECTORY:
    case TYPE_FIFO:
        return false;
    default:
        return true;
    }
}

char *member_safe_name(const char *path, bool *stripped)
{
    const char *p = path;

    *stripped = false;
    for (;;) {
        if (*p == '/') {
            p++;
        } else if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || p[2] == '\0')) {
            p += 2;
        } else {
            break;
        }
        *stripped = true;
    }
    return xstrdup(*p ? p : ".");
}
