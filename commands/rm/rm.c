/*
 * rm: remove files, and with -r whole trees (libfile's remove_path(),
 * shared with mv). rm refuses to remove "." or "..", and to work
 * recursively on the root directory.
 */
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "file_path.h"
#include "file_remove.h"

#define RM_USAGE "[-fiRr] file..."

static bool is_root_directory(const char *path)
{
    struct stat st, root;

    return stat(path, &st) == 0 && stat("/", &root) == 0 && st.st_dev == root.st_dev &&
           st.st_ino == root.st_ino;
}

static int remove_operand(const struct remove_opts *opts, const char *path)
{
    if (path_is_dot_or_dotdot(path)) {
        cmd_warnx("refusing to remove '.' or '..' directory: skipping '%s'", path);
        return 1;
    }
    if (opts->recursive && is_root_directory(path)) {
        cmd_warnx("it is dangerous to operate recursively on '%s': skipping", path);
        return 1;
    }
    return remove_path(opts, path) != 0;
}

int main(int argc, char **argv)
{
    struct remove_opts opts = { 0 };
    int opt, status = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "fiRr")) != -1) {
        switch (opt) {
        case 'f':
            opts.force = true;
            opts.interactive = false;
            break;
        case 'i':
            opts.interactive = true;
            opts.force = false;
            break;
        case 'R':
        case 'r':
            opts.recursive = true;
            break;
        default:
            cmd_usage(RM_USAGE);
        }
    }
    if (optind == argc) {
        if (opts.force)
            return 0;
        cmd_usage(RM_USAGE);
    }
    opts.ask_if_protected = isatty(STDIN_FILENO);
    for (int i = optind; i < argc; i++)
        status |= remove_operand(&opts, argv[i]);
    return status;
}
