/*
 * df: free space on file systems.
 *
 *   df [-hkPT] [file...]
 *
 *   Filesystem      1K-blocks       Used  Available Use% Mounted on
 *   /dev/root           65536      12345      53191  19% /
 *
 * Without operands every file system in the mount table (/etc/mtab, or
 * the root alone without it; see ../mount/mtab.h); with operands the
 * file systems that hold those files. Sizes are in KiB (-k, the
 * default) or in units chosen per figure (-h). -P writes POSIX's header,
 * -T adds each file system's type. Use% is the used share of the space
 * ordinary users may fill, rounded up.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "cmd.h"
#include "mtab.h"

struct style {
    bool human, posix, type;
};

static void size_text(unsigned long long kib, bool human, char *buf, size_t size)
{
    static const char units[] = "KMGTP";
    double v = (double)kib;
    int i = 0;

    if (!human) {
        snprintf(buf, size, "%llu", kib);
        return;
    }
    while (v >= 1024 && units[i + 1]) {
        v /= 1024;
        i++;
    }
    snprintf(buf, size, v < 10 && i > 0 ? "%.1f%c" : "%.0f%c", v, units[i]);
}

static void header(const struct style *s)
{
    printf("%-15s ", "Filesystem");
    if (s->type)
        printf("%-6s ", "Type");
    printf("%10s %10s %10s %s Mounted on\n",
           s->human   ? "Size"
           : s->posix ? "1024-blocks"
                      : "1K-blocks",
           "Used", "Available", s->posix ? "Capacity" : "Use%");
}

/* One file system's line; the header comes before the first, so that a
 * df whose every operand failed writes nothing but its errors. */
static void show(const struct mount_entry *e, const struct statvfs *v, const struct style *s)
{
    static bool headed;
    unsigned long long unit = v->f_frsize ? v->f_frsize : v->f_bsize;
    unsigned long long total = v->f_blocks * unit / 1024, avail = v->f_bavail * unit / 1024;
    unsigned long long used = (v->f_blocks - v->f_bfree) * unit / 1024;
    unsigned long long room = used + avail;
    unsigned pct = room ? (unsigned)((used * 100 + room - 1) / room) : 0;
    char t[24], u[24], a[24];

    if (!headed) {
        header(s);
        headed = true;
    }
    size_text(total, s->human, t, sizeof(t));
    size_text(used, s->human, u, sizeof(u));
    size_text(avail, s->human, a, sizeof(a));
    printf("%-15s ", e->device);
    if (s->type)
        printf("%-6s ", e->type);
    printf("%10s %10s %10s %*u%% %s\n", t, u, a, s->posix ? 7 : 3, pct, e->dir);
}

/* The mount that holds path: the last in the table on the same device. */
static const struct mount_entry *holder(const char *path, const struct mount_entry *table, int n)
{
    struct stat file, dir;
    const struct mount_entry *found = &table[0];

    if (stat(path, &file) < 0)
        return NULL;
    for (int i = 0; i < n; i++)
        if (stat(table[i].dir, &dir) == 0 && dir.st_dev == file.st_dev)
            found = &table[i];
    return found;
}

static int report(const char *path, const struct mount_entry *e, const struct style *s)
{
    struct statvfs v;

    if (statvfs(path, &v) < 0) {
        cmd_warn("%s", path);
        return 1;
    }
    show(e, &v, s);
    return 0;
}

int main(int argc, char **argv)
{
    struct mount_entry table[MTAB_MAX];
    struct style style = { false, false, false };
    int opt, status = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "hkPT")) != -1) {
        switch (opt) {
        case 'h':
            style.human = true;
            break;
        case 'k':
            style.human = false;
            break;
        case 'P':
            style.posix = true;
            break;
        case 'T':
            style.type = true;
            break;
        default:
            cmd_usage("[-hkPT] [file...]");
        }
    }
    int n = mtab_read(table, MTAB_MAX);
    if (n < 0)
        cmd_die(1, "cannot read %s", MTAB_FILE);
    if (optind == argc)
        for (int i = 0; i < n; i++)
            status |= report(table[i].dir, &table[i], &style);
    for (int i = optind; i < argc; i++) {
        const struct mount_entry *e = holder(argv[i], table, n);
        if (!e) {
            cmd_warn("%s", argv[i]);
            status = 1;
            continue;
        }
        status |= report(argv[i], e, &style);
    }
    return status;
}
