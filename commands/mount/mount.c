/*
 * mount: mount a file system, or list what is mounted.
 *
 *   mount                              list the mounts (/etc/mtab)
 *   mount [-r] [-t ext2] DEVICE DIR    mount DEVICE's file system on DIR
 *
 * On Ember each mounted file system has a server of its own. mount first
 * asks rs to start one for the device, /sbin/ext2 under the label
 * "fs-NAME" (NAME: the device's last part, as `service up /sbin/ext2
 * -label fs-NAME` would), then asks vfs with mount(2) to mount DEVICE on
 * DIR through the server of that label, the "file system type" mount(2)
 * is given. -r mounts it read-only. If vfs refuses, the server is
 * stopped again. A mount that worked is added to /etc/mtab (mtab.h) with
 * the label, which umount uses to stop the server.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "mtab.h"
#include "rs_client.h"

#define MOUNT_USAGE  "[-r] [-t ext2] device dir\n       mount"
#define FS_SERVER    "/sbin/ext2"
#define LABEL_PREFIX "fs-"

static void list_mounts(void)
{
    struct mount_entry table[MTAB_MAX];
    int n = mtab_read(table, MTAB_MAX);

    if (n < 0)
        cmd_die(1, "cannot read %s", MTAB_FILE);
    for (int i = 0; i < n; i++)
        printf("%s on %s type %s (%s)\n", table[i].device, table[i].dir, table[i].type,
               table[i].options);
}

static void absolute(const char *name, char *out, size_t size)
{
    if (mtab_absolute(name, out, size) < 0)
        cmd_die(1, "%s", name);
}

/* fs-NAME, NAME the device's last part, cut to fit rs's labels. */
static void server_label(const char *device, char *label)
{
    const char *base = strrchr(device, '/') ? strrchr(device, '/') + 1 : device;

    snprintf(label, RS_LABEL_MAX, "%s%.*s", LABEL_PREFIX,
             (int)(RS_LABEL_MAX - sizeof(LABEL_PREFIX)), base);
}

static void check_operands(const char *device, const char *dir)
{
    struct stat st;

    if (stat(device, &st) < 0)
        cmd_die(1, "%s", device);
    if (!S_ISBLK(st.st_mode))
        cmd_diex(1, "%s: not a block device", device);
    if (stat(dir, &st) < 0)
        cmd_die(1, "%s", dir);
    if (!S_ISDIR(st.st_mode))
        cmd_diex(1, "%s: not a directory", dir);
}

/* Ask rs for the file system's server. */
static void start_server(const char *device, const char *label)
{
    struct rs_up_request rq = { .path = FS_SERVER, .label = label };
    int r = rs_up(&rq, NULL, NULL);

    if (r == -ENOSYS)
        cmd_diex(1, "%s: cannot start a file system server: rs cannot start services yet (%s)",
                 device, strerror(ENOSYS));
    if (r == -EEXIST)
        cmd_diex(1, "%s: a server labelled %s is already running (is %s mounted?)", device, label,
                 device);
    if (r < 0)
        cmd_diex(1, "%s: rs cannot start %s as %s: %s", device, FS_SERVER, label, strerror(-r));
}

static void record(const char *device, const char *dir, const char *label, bool rdonly)
{
    struct mount_entry table[MTAB_MAX];
    int n = mtab_read(table, MTAB_MAX - 1);

    if (n < 0) {
        cmd_warn("mounted, but cannot read %s to record it", MTAB_FILE);
        return;
    }
    struct mount_entry *e = &table[n++];
    memset(e, 0, sizeof(*e));
    snprintf(e->device, sizeof(e->device), "%s", device);
    snprintf(e->dir, sizeof(e->dir), "%s", dir);
    snprintf(e->type, sizeof(e->type), "ext2");
    snprintf(e->options, sizeof(e->options), "%s,label=%s", rdonly ? "ro" : "rw", label);
    if (mtab_write(table, n) < 0)
        cmd_warn("mounted, but cannot record it in %s", MTAB_FILE);
}

static int do_mount(const char *device_arg, const char *dir_arg, bool rdonly)
{
    char device[128], dir[256], label[RS_LABEL_MAX];

    absolute(device_arg, device, sizeof(device));
    absolute(dir_arg, dir, sizeof(dir));
    if (geteuid() != 0)
        cmd_diex(1, "only root may mount file systems");
    check_operands(device, dir);
    server_label(device, label);
    start_server(device, label);
    if (mount(device, dir, label, rdonly ? MS_RDONLY : 0, NULL) < 0) {
        int err = errno;
        rs_down(label);
        errno = err;
        cmd_die(1, "cannot mount %s on %s", device, dir);
    }
    record(device, dir, label, rdonly);
    return 0;
}

int main(int argc, char **argv)
{
    bool rdonly = false;
    int opt;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "rt:")) != -1) {
        if (opt == 'r')
            rdonly = true;
        else if (opt == 't' && strcmp(optarg, "ext2") != 0)
            cmd_diex(2, "unknown file system type '%s' (Ember mounts ext2)", optarg);
        else if (opt != 't')
            cmd_usage(MOUNT_USAGE);
    }
    if (optind == argc && !rdonly) {
        list_mounts();
        return 0;
    }
    if (argc - optind != 2)
        cmd_usage(MOUNT_USAGE);
    return do_mount(argv[optind], argv[optind + 1], rdonly);
}
