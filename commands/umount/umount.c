/*
 * umount: unmount file systems.
 *
 *   umount dir|device...
 *
 * Each operand is a mount point or a mounted device (as /etc/mtab names
 * it). umount(2) detaches the file system from vfs; the entry leaves
 * /etc/mtab, and the file system's server, whose rs label mount recorded
 * there, is stopped. A file system in use (an open file, a working
 * directory) stays mounted: vfs answers EBUSY.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "cmd.h"
#include "mtab.h"
#include "rs_client.h"

/* Remove entry i from the table and stop its server. */
static void forget(struct mount_entry *table, int n, int i)
{
    char label[RS_LABEL_MAX];
    bool has_label = mtab_option(&table[i], "label", label, sizeof(label));

    memmove(&table[i], &table[i + 1], (size_t)(n - i - 1) * sizeof(table[0]));
    if (mtab_write(table, n - 1) < 0)
        cmd_warn("unmounted, but cannot update %s", MTAB_FILE);
    if (has_label) {
        int r = rs_down(label);
        if (r < 0 && r != -ESRCH)
            cmd_warnx("unmounted, but rs cannot stop the server %s: %s", label, strerror(-r));
    }
}

static int unmount_one(const char *operand)
{
    struct mount_entry table[MTAB_MAX];
    char name[256];

    if (mtab_absolute(operand, name, sizeof(name)) < 0) {
        cmd_warn("%s", operand);
        return 1;
    }
    int n = mtab_read(table, MTAB_MAX);
    int i = n < 0 ? -1 : mtab_find(table, n, name);
    const char *dir = i >= 0 ? table[i].dir : name;

    if (strcmp(dir, "/") == 0) {
        cmd_warnx("%s: the root file system stays mounted until the system stops", operand);
        return 1;
    }
    if (umount(dir) < 0) {
        if (errno == ENOSYS)
            cmd_warnx("%s: vfs cannot unmount file systems yet (%s)", dir, strerror(errno));
        else if (errno == EBUSY)
            cmd_warnx("%s: busy (a process has a file open or its working directory there)", dir);
        else if (errno == EINVAL)
            cmd_warnx("%s: not mounted", dir);
        else
            cmd_warn("cannot unmount %s", dir);
        return 1;
    }
    if (i >= 0)
        forget(table, n, i);
    return 0;
}

int main(int argc, char **argv)
{
    int status = 0;

    cmd_setname(argv[0]);
    if (getopt(argc, argv, "") != -1 || optind == argc)
        cmd_usage("dir|device...");
    if (geteuid() != 0)
        cmd_diex(1, "only root may unmount file systems");
    for (int i = optind; i < argc; i++)
        status |= unmount_one(argv[i]);
    return status;
}
