/*
 * cp: copy files. "cp src dst" copies to dst; when the last operand is a
 * directory, every source is copied into it under its own last
 * component. The copying itself (files, links, whole trees) is libfile's
 * copy_path(), shared with mv.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "file_copy.h"
#include "file_path.h"

#define CP_USAGE "[-fipRr] source target\n       cp [-fipRr] source... directory"

int main(int argc, char **argv)
{
    struct copy_opts opts = { 0 };
    struct stat st;
    int opt, status = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "fipRr")) != -1) {
        switch (opt) {
        case 'f':
            opts.force = true;
            opts.interactive = false;
            break;
        case 'i':
            opts.interactive = true;
            opts.force = false;
            break;
        case 'p':
            opts.preserve = true;
            break;
        case 'R':
        case 'r':
            opts.recursive = true;
            break;
        default:
            cmd_usage(CP_USAGE);
        }
    }
    argc -= optind;
    argv += optind;
    if (argc < 2)
        cmd_usage(CP_USAGE);

    const char *target = argv[argc - 1];
    bool into_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
    if (!into_dir && argc > 2)
        cmd_diex(1, "target '%s' is not a directory", target);
    for (int i = 0; i < argc - 1; i++) {
        if (!into_dir) {
            status |= copy_path(&opts, argv[i], target) != 0;
            continue;
        }
        char *last = path_last(argv[i]);
        char *dst = path_join(target, last);
        status |= copy_path(&opts, argv[i], dst) != 0;
        free(dst);
        free(last);
    }
    return status;
}
