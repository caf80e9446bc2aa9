/*
 * ls: list files and directories. Operands that are not directories (or
 * all of them with -d) are listed first as one group; then each directory
 * gets its own group, headed by its name when there is more than one
 * thing to show. -R lists subdirectories after their parent's group.
 * This file gathers and sorts the entries; format.c prints them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "file_alloc.h"
#include "file_path.h"
#include "file_walk.h"
#include "ls.h"

#define LS_USAGE      "[-1ACFRSadhiklnrt] [file...]"
#define DEFAULT_WIDTH 80

struct entry_list {
    struct ls_entry *items;
    size_t count, cap;
};

static int exit_status;

/* The sort order, for qsort's comparison (which takes no context). */
static const struct ls_opts *sort_opts;

static int compare_entries(const void *pa, const void *pb)
{
    const struct ls_entry *a = pa, *b = pb;
    int order = 0;

    if (sort_opts->sort == SORT_TIME) {
        if (a->st.st_mtim.tv_sec != b->st.st_mtim.tv_sec)
            order = a->st.st_mtim.tv_sec > b->st.st_mtim.tv_sec ? -1 : 1;
        else if (a->st.st_mtim.tv_nsec != b->st.st_mtim.tv_nsec)
            order = a->st.st_mtim.tv_nsec > b->st.st_mtim.tv_nsec ? -1 : 1;
    } else if (sort_opts->sort == SORT_SIZE && a->st.st_size != b->st.st_size) {
        order = a->st.st_size > b->st.st_size ? -1 : 1;
    }
    if (order == 0)
        order = strcmp(a->name, b->name);
    return sort_opts->reverse ? -order : order;
}

static void sort_entries(const struct ls_opts *opts, struct entry_list *list)
{
    sort_opts = opts;
    if (list->count > 1)
        qsort(list->items, list->count, sizeof *list->items, compare_entries);
}

/* The target of a symbolic link, in new memory; NULL if unreadable. */
static char *read_link(const char *path, off_t size)
{
    size_t cap = size > 0 ? (size_t)size + 1 : 256;

    for (;;) {
        char *target = xmalloc(cap);
        ssize_t n = readlink(path, target, cap);
        if (n < 0) {
            free(target);
            return NULL;
        }
        if ((size_t)n < cap) {
            target[n] = '\0';
            return target;
        }
        free(target);
        cap *= 2;
    }
}

static struct ls_entry *list_add(struct entry_list *list, char *name, char *path)
{
    struct ls_entry *entry;

    if (list->count == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 32;
        list->items = xreallocarray(list->items, list->cap, sizeof *list->items);
    }
    entry = &list->items[list->count++];
    memset(entry, 0, sizeof *entry);
    entry->name = name;
    entry->path = path;
    return entry;
}

static void list_free(struct entry_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].name);
        free(list->items[i].path);
        free(list->items[i].link_target);
    }
    free(list->items);
    *list = (struct entry_list){ 0 };
}

/* Look at an entry found in a directory; false (reported) if it vanished. */
static bool stat_entry(const struct ls_opts *opts, struct ls_entry *entry)
{
    if (lstat(entry->path, &entry->st) != 0) {
        cmd_warn("cannot access '%s'", entry->path);
        exit_status = 1;
        return false;
    }
    if (opts->format == FORMAT_LONG && S_ISLNK(entry->st.st_mode))
        entry->link_target = read_link(entry->path, entry->st.st_size);
    return true;
}

static bool shown_in_listing(const struct ls_opts *opts, const char *name)
{
    if (name[0] != '.')
        return true;
    return opts->all || opts->almost_all;
}

/* Read directory path into list; false (reported) if it cannot be read. */
static bool read_directory(const struct ls_opts *opts, const char *path, struct entry_list *list)
{
    struct dir_names names;
    int err = dir_list(path, false, &names);

    if (err) {
        errno = -err;
        cmd_warn("cannot open directory '%s'", path);
        exit_status = 1;
        return false;
    }
    if (opts->all) {
        list_add(list, xstrdup("."), path_join(path, "."));
        list_add(list, xstrdup(".."), path_join(path, ".."));
    }
    for (size_t i = 0; i < names.count; i++)
        if (shown_in_listing(opts, names.names[i]))
            list_add(list, xstrdup(names.names[i]), path_join(path, names.names[i]));
    dir_names_free(&names);

    size_t kept = 0;
    for (size_t i = 0; i < list->count; i++) {
        if (stat_entry(opts, &list->items[i]))
            list->items[kept++] = list->items[i];
        else {
            free(list->items[i].name);
            free(list->items[i].path);
        }
    }
    list->count = kept;
    return true;
}

/* Print a header line and a blank line before it, as the listing needs. */
static void print_header(const char *path, bool *printed_before)
{
    if (*printed_before)
        putchar('\n');
    printf("%s:\n", path);
    *printed_before = true;
}

static void list_directory(const struct ls_opts *opts, const char *path, bool header,
                           bool *printed_before)
{
    struct entry_list list = { 0 };

    if (header)
        print_header(path, printed_before);
    *printed_before = true;
    if (!read_directory(opts, path, &list))
        return;
    sort_entries(opts, &list);
    if (opts->format == FORMAT_LONG)
        print_total(opts, list.items, list.count);
    print_entries(opts, list.items, list.count);
    if (opts->recursive) {
        for (size_t i = 0; i < list.count; i++) {
            const char *name = list.items[i].name;
            if (S_ISDIR(list.items[i].st.st_mode) && strcmp(name, ".") != 0 &&
                strcmp(name, "..") != 0)
                list_directory(opts, list.items[i].path, true, printed_before);
        }
    }
    list_free(&list);
}

/* Whether a symbolic link named as an operand is followed. */
static bool follow_operand(const struct ls_opts *opts)
{
    return !(opts->format == FORMAT_LONG || opts->dir_itself || opts->classify);
}

/* Sort the operands into files and directories; report the missing. */
static void classify_operands(const struct ls_opts *opts, char **operands, int count,
                              struct entry_list *files, struct entry_list *dirs)
{
    for (int i = 0; i < count; i++) {
        struct stat st;
        int rc = follow_operand(opts) ? stat(operands[i], &st) : lstat(operands[i], &st);
        if (rc != 0 && lstat(operands[i], &st) != 0) {
            cmd_warn("cannot access '%s'", operands[i]);
            exit_status = 1;
            continue;
        }
        bool is_dir = S_ISDIR(st.st_mode) && !opts->dir_itself;
        struct ls_entry *entry =
            list_add(is_dir ? dirs : files, xstrdup(operands[i]), xstrdup(operands[i]));
        entry->st = st;
        if (opts->format == FORMAT_LONG && S_ISLNK(st.st_mode))
            entry->link_target = read_link(operands[i], st.st_size);
    }
}

static void list_operands(const struct ls_opts *opts, char **operands, int count)
{
    struct entry_list files = { 0 }, dirs = { 0 };
    bool printed = false;

    classify_operands(opts, operands, count, &files, &dirs);
    sort_entries(opts, &files);
    sort_entries(opts, &dirs);
    if (files.count) {
        print_entries(opts, files.items, files.count);
        printed = true;
    }
    bool headers = count > 1 || opts->recursive;
    for (size_t i = 0; i < dirs.count; i++)
        list_directory(opts, dirs.items[i].path, headers, &printed);
    list_free(&files);
    list_free(&dirs);
}

static int terminal_width(void)
{
    const char *columns = getenv("COLUMNS");
    long width = columns ? strtol(columns, NULL, 10) : 0;

    return width > 0 && width < 10000 ? (int)width : DEFAULT_WIDTH;
}

static void parse_options(int argc, char **argv, struct ls_opts *opts)
{
    int opt;

    while ((opt = getopt(argc, argv, "1ACFRSadhiklnrt")) != -1) {
        switch (opt) {
        case '1':
            opts->format = FORMAT_ONE_PER_LINE;
            break;
        case 'C':
            opts->format = FORMAT_COLUMNS;
            break;
        case 'l':
            opts->format = FORMAT_LONG;
            break;
        case 'n':
            opts->format = FORMAT_LONG;
            opts->numeric_ids = true;
            break;
        case 'F':
            opts->classify = true;
            break;
        case 'R':
            opts->recursive = true;
            break;
        case 'S':
            opts->sort = SORT_SIZE;
            break;
        case 't':
            opts->sort = SORT_TIME;
            break;
        case 'r':
            opts->reverse = true;
            break;
        case 'a':
            opts->all = true;
            opts->almost_all = false;
            break;
        case 'A':
            opts->almost_all = true;
            opts->all = false;
            break;
        case 'd':
            opts->dir_itself = true;
            break;
        case 'h':
            opts->human = true;
            break;
        case 'i':
            opts->inode = true;
            break;
        case 'k':
            opts->kibibytes = true;
            break;
        default:
            cmd_usage(LS_USAGE);
        }
    }
    if (opts->dir_itself)
        opts->recursive = false;
}

int main(int argc, char **argv)
{
    static char *dot[] = { ".", NULL };
    struct ls_opts opts = { .sort = SORT_NAME };

    cmd_setname(argv[0]);
    opts.tty = isatty(STDOUT_FILENO);
    opts.format = opts.tty ? FORMAT_COLUMNS : FORMAT_ONE_PER_LINE;
    opts.width = terminal_width();
    opts.now = time(NULL);
    parse_options(argc, argv, &opts);
    if (optind < argc)
        list_operands(&opts, argv + optind, argc - optind);
    else
        list_operands(&opts, dot, 1);
    if (fflush(stdout) != 0)
        cmd_die(1, "write error");
    return exit_status;
}
