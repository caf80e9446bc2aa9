/*
 * tar -t and -x: read the members one by one. Operands choose members: a
 * member is chosen when its name is an operand or lies under one. -t
 * prints names (with -v, in the style of ls -l); -x hands each chosen
 * member to extract.c. Operands that chose nothing are reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cmd.h"
#include "file_alloc.h"
#include "file_mode.h"
#include "tar.h"

/* Length of s without trailing slashes (but at least 1 for "/"). */
static size_t trimmed_len(const char *s)
{
    size_t len = strlen(s);

    while (len > 1 && s[len - 1] == '/')
        len--;
    return len;
}

static bool name_chosen_by(const char *name, const char *operand)
{
    size_t nlen = trimmed_len(name), olen = trimmed_len(operand);

    if (nlen < olen || strncmp(name, operand, olen) != 0)
        return false;
    return nlen == olen || name[olen] == '/';
}

/* Whether m is chosen; marks the operands that chose it. */
static bool chosen(const struct tar_opts *opts, const struct tar_member *m, bool *matched)
{
    bool any = false;

    if (opts->noperands == 0)
        return true;
    for (int i = 0; i < opts->noperands; i++) {
        if (name_chosen_by(m->name, opts->operands[i])) {
            matched[i] = true;
            any = true;
        }
    }
    return any;
}

static mode_t type_mode(char type)
{
    switch (type) {
    case TYPE_DIRECTORY:
        return S_IFDIR;
    case TYPE_SYMLINK:
        return S_IFLNK;
    case TYPE_CHAR:
        return S_IFCHR;
    case TYPE_BLOCK:
        return S_IFBLK;
    case TYPE_FIFO:
        return S_IFIFO;
    default:
        return S_IFREG;
    }
}

/* "user/group" by name, or by number where the archive has no name. */
static void owner_text(const struct tar_member *m, char *out, size_t len)
{
    char user[40], group[40];

    if (m->uname[0])
        snprintf(user, sizeof user, "%s", m->uname);
    else
        snprintf(user, sizeof user, "%lu", (unsigned long)m->uid);
    if (m->gname[0])
        snprintf(group, sizeof group, "%s", m->gname);
    else
        snprintf(group, sizeof group, "%lu", (unsigned long)m->gid);
    snprintf(out, len, "%s/%s", user, group);
}

/* -tv: "-rw-r--r-- user/group  size YYYY-MM-DD HH:MM name". */
static void list_long(const struct tar_member *m)
{
    char mode[MODE_STRING_LEN], owner[80], size[48], date[32];
    struct tm *tm = localtime(&m->mtime.tv_sec);

    mode_string(type_mode(m->type) | m->mode, mode);
    owner_text(m, owner, sizeof owner);
    if (m->type == TYPE_CHAR || m->type == TYPE_BLOCK)
        snprintf(size, sizeof size, "%lu,%lu", m->devmajor, m->devminor);
    else
        snprintf(size, sizeof size, "%ju", m->size);
    if (!tm || strftime(date, sizeof date, "%Y-%m-%d %H:%M", tm) == 0)
        snprintf(date, sizeof date, "%jd", (intmax_t)m->mtime.tv_sec);
    int pad = 18 - (int)strlen(owner);
    printf("%s %s %*s %s %s", mode, owner, pad > 0 ? pad : 0, size, date, m->name);
    if (m->type == TYPE_SYMLINK)
        printf(" -> %s", m->linkname ? m->linkname : "");
    else if (m->type == TYPE_HARDLINK)
        printf(" link to %s", m->linkname ? m->linkname : "");
    putchar('\n');
}

static void report_unmatched(const struct tar_opts *opts, const bool *matched)
{
    for (int i = 0; i < opts->noperands; i++) {
        if (!matched[i]) {
            cmd_warnx("'%s': not found in archive", opts->operands[i]);
            tar_status = 2;
        }
    }
}

void tar_read(const struct tar_opts *opts, struct tar_archive *ar)
{
    bool *matched = xmalloc((size_t)opts->noperands + 1);
    struct tar_member m = { 0 };
    int rc;

    memset(matched, 0, (size_t)opts->noperands + 1);
    while ((rc = header_read(ar, &m)) > 0) {
        if (!chosen(opts, &m, matched)) {
            archive_read_data(ar, member_has_data(&m) ? m.size : 0, NULL, NULL);
        } else if (opts->mode == 'x') {
            extract_member(opts, ar, &m);
        } else {
            if (opts->verbose)
                list_long(&m);
            else
                printf("%s\n", m.name);
            archive_read_data(ar, member_has_data(&m) ? m.size : 0, NULL, NULL);
        }
        member_clear(&m);
    }
    if (rc < 0)
        tar_status = 2;
    if (opts->mode == 'x')
        extract_finish(opts);
    report_unmatched(opts, matched);
    free(matched);
}
