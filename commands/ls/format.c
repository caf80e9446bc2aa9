/*
 * ls output: one name per line, names in columns (filled down, as wide as
 * the terminal allows), or the long format, whose fields are padded to
 * the widest value in the group:
 *
 *   [inode] mode links owner group size date name [-> target]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file_alloc.h"
#include "file_device.h"
#include "file_human.h"
#include "file_mode.h"
#include "file_owner.h"
#include "ls.h"

#define SIX_MONTHS (182L * 24 * 60 * 60 + 5 * 60 * 60)
#define FIELD_MAX  72
#define COLUMN_GAP 2

/* The long-format fields of one entry, as text. */
struct long_fields {
    char inode[24];
    char links[24];
    char owner[FIELD_MAX];
    char group[FIELD_MAX];
    char size[48];
};

struct long_widths {
    int inode, links, owner, group, size;
};

/* The indicator -F adds after a name, or 0. */
static char classify_char(const struct ls_opts *opts, const struct ls_entry *entry)
{
    mode_t mode = entry->st.st_mode;

    if (!opts->classify)
        return 0;
    if (S_ISDIR(mode))
        return '/';
    if (S_ISLNK(mode))
        return opts->format == FORMAT_LONG ? 0 : '@';
    if (S_ISFIFO(mode))
        return '|';
    if (S_ISSOCK(mode))
        return '=';
    if (S_ISREG(mode) && (mode & (S_IXUSR | S_IXGRP | S_IXOTH)))
        return '*';
    return 0;
}

/* Print s; on a terminal, unprintable bytes show as '?'. */
static void print_text(const struct ls_opts *opts, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        putchar(opts->tty && (c < 0x20 || c >= 0x7f) ? '?' : c);
    }
}

/* Print the name with its indicator; return the columns used. */
static int print_name(const struct ls_opts *opts, const struct ls_entry *entry)
{
    char indicator = classify_char(opts, entry);

    print_text(opts, entry->name);
    if (indicator)
        putchar(indicator);
    return (int)strlen(entry->name) + (indicator != 0);
}

static void size_text(const struct ls_opts *opts, const struct stat *st, char *out, size_t len)
{
    if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
        snprintf(out, len, "%lu, %lu", device_major(st->st_rdev), device_minor(st->st_rdev));
    else if (opts->human)
        human_size((uintmax_t)st->st_size, out);
    else
        snprintf(out, len, "%jd", (intmax_t)st->st_size);
}

static void fill_fields(const struct ls_opts *opts, const struct ls_entry *entry,
                        struct long_fields *f)
{
    const struct stat *st = &entry->st;

    snprintf(f->inode, sizeof f->inode, "%ju", (uintmax_t)st->st_ino);
    snprintf(f->links, sizeof f->links, "%ju", (uintmax_t)st->st_nlink);
    if (opts->numeric_ids) {
        snprintf(f->owner, sizeof f->owner, "%lu", (unsigned long)st->st_uid);
        snprintf(f->group, sizeof f->group, "%lu", (unsigned long)st->st_gid);
    } else {
        snprintf(f->owner, sizeof f->owner, "%s", owner_user_name(st->st_uid));
        snprintf(f->group, sizeof f->group, "%s", owner_group_name(st->st_gid));
    }
    size_text(opts, st, f->size, sizeof f->size);
}

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

static void widen(struct long_widths *w, const struct long_fields *f)
{
    w->inode = max_int(w->inode, (int)strlen(f->inode));
    w->links = max_int(w->links, (int)strlen(f->links));
    w->owner = max_int(w->owner, (int)strlen(f->owner));
    w->group = max_int(w->group, (int)strlen(f->group));
    w->size = max_int(w->size, (int)strlen(f->size));
}

/* "Jan  2 15:04" for times in the last six months, else "Jan  2  2006". */
static void date_text(const struct ls_opts *opts, time_t t, char *out, size_t len)
{
    struct tm *tm = localtime(&t);
    bool recent = t > opts->now - SIX_MONTHS && t <= opts->now + 60;

    if (!tm || strftime(out, len, recent ? "%b %e %H:%M" : "%b %e  %Y", tm) == 0)
        snprintf(out, len, "%jd", (intmax_t)t);
}

static void print_long_line(const struct ls_opts *opts, const struct ls_entry *entry,
                            const struct long_fields *f, const struct long_widths *w)
{
    char mode[MODE_STRING_LEN], date[64];

    mode_string(entry->st.st_mode, mode);
    date_text(opts, entry->st.st_mtim.tv_sec, date, sizeof date);
    if (opts->inode)
        printf("%*s ", w->inode, f->inode);
    printf("%s %*s %-*s %-*s %*s %s ", mode, w->links, f->links, w->owner, f->owner, w->group,
           f->group, w->size, f->size, date);
    print_name(opts, entry);
    if (entry->link_target) {
        fputs(" -> ", stdout);
        print_text(opts, entry->link_target);
    }
    putchar('\n');
}

static void print_long(const struct ls_opts *opts, const struct ls_entry *entries, size_t count)
{
    struct long_fields *fields = xreallocarray(NULL, count, sizeof *fields);
    struct long_widths widths = { 0 };

    for (size_t i = 0; i < count; i++) {
        fill_fields(opts, &entries[i], &fields[i]);
        widen(&widths, &fields[i]);
    }
    for (size_t i = 0; i < count; i++)
        print_long_line(opts, &entries[i], &fields[i], &widths);
    free(fields);
}

/* The width of an entry's cell in the short formats. */
static int cell_width(const struct ls_opts *opts, const struct ls_entry *entry, int inode_width)
{
    return (opts->inode ? inode_width + 1 : 0) + (int)strlen(entry->name) +
           (classify_char(opts, entry) != 0);
}

static void print_cell(const struct ls_opts *opts, const struct ls_entry *entry, int inode_width)
{
    if (opts->inode)
        printf("%*ju ", inode_width, (uintmax_t)entry->st.st_ino);
    print_name(opts, entry);
}

/* Column widths for rows rows; return the line width they need. */
static int layout_width(const int *cells, size_t count, size_t rows, int *col_widths)
{
    size_t cols = (count + rows - 1) / rows;
    int total = 0;

    for (size_t c = 0; c < cols; c++) {
        col_widths[c] = 0;
        for (size_t r = 0; r < rows && c * rows + r < count; r++)
            col_widths[c] = max_int(col_widths[c], cells[c * rows + r]);
        total += col_widths[c] + (c + 1 < cols ? COLUMN_GAP : 0);
    }
    return total;
}

/* The fewest rows whose columns fit in the width; fills col_widths. */
static size_t choose_rows(const struct ls_opts *opts, const int *cells, size_t count,
                          int *col_widths)
{
    size_t sum = 0, rows;

    for (size_t i = 0; i < count; i++)
        sum += (size_t)cells[i] + COLUMN_GAP;
    /* No layout needs fewer rows than the text divided by the width. */
    rows = sum / (size_t)opts->width;
    if (rows < 1)
        rows = 1;
    for (; rows < count; rows++)
        if (layout_width(cells, count, rows, col_widths) <= opts->width)
            return rows;
    layout_width(cells, count, count, col_widths);
    return count;
}

static void print_columns(const struct ls_opts *opts, const struct ls_entry *entries, size_t count,
                          int inode_width)
{
    int *cells = xreallocarray(NULL, count, sizeof *cells);
    int *col_widths = xreallocarray(NULL, count, sizeof *col_widths);
    size_t rows;

    for (size_t i = 0; i < count; i++)
        cells[i] = cell_width(opts, &entries[i], inode_width);
    rows = choose_rows(opts, cells, count, col_widths);
    for (size_t r = 0; r < rows; r++) {
        for (size_t i = r, c = 0; i < count; i += rows, c++) {
            print_cell(opts, &entries[i], inode_width);
            if (i + rows < count)
                printf("%*s", col_widths[c] - cells[i] + COLUMN_GAP, "");
        }
        putchar('\n');
    }
    free(cells);
    free(col_widths);
}

void print_entries(const struct ls_opts *opts, struct ls_entry *entries, size_t count)
{
    int inode_width = 0;

    if (count == 0)
        return;
    if (opts->format == FORMAT_LONG) {
        print_long(opts, entries, count);
        return;
    }
    for (size_t i = 0; i < count && opts->inode; i++) {
        char text[24];
        inode_width = max_int(inode_width,
                              snprintf(text, sizeof text, "%ju", (uintmax_t)entries[i].st.st_ino));
    }
    if (opts->format == FORMAT_COLUMNS) {
        print_columns(opts, entries, count, inode_width);
        return;
    }
    for (size_t i = 0; i < count; i++) {
        print_cell(opts, &entries[i], inode_width);
        putchar('\n');
    }
}

void print_total(const struct ls_opts *opts, const struct ls_entry *entries, size_t count)
{
    uintmax_t blocks = 0; /* of 512 bytes */
    char text[HUMAN_SIZE_LEN];

    for (size_t i = 0; i < count; i++)
        blocks += (uintmax_t)entries[i].st.st_blocks;
    if (opts->human)
        human_size(blocks * 512, text);
    else
        snprintf(text, sizeof text, "%ju", opts->kibibytes ? (blocks + 1) / 2 : blocks);
    printf("total %s\n", text);
}
