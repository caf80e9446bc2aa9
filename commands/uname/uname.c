/*
 * uname: the system's name and version. -s (the default) system name,
 * -n node name, -r release, -v version, -m machine, -a all of them, in
 * that order.
 */
#include <stdio.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "cmd.h"

enum uname_field {
    FIELD_SYSNAME = 1 << 0,
    FIELD_NODENAME = 1 << 1,
    FIELD_RELEASE = 1 << 2,
    FIELD_VERSION = 1 << 3,
    FIELD_MACHINE = 1 << 4,
};

int main(int argc, char **argv)
{
    struct utsname u;
    int opt, fields = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "amnrsv")) != -1) {
        switch (opt) {
        case 'a':
            fields = ~0;
            break;
        case 'm':
            fields |= FIELD_MACHINE;
            break;
        case 'n':
            fields |= FIELD_NODENAME;
            break;
        case 'r':
            fields |= FIELD_RELEASE;
            break;
        case 's':
            fields |= FIELD_SYSNAME;
            break;
        case 'v':
            fields |= FIELD_VERSION;
            break;
        default:
            cmd_usage("[-amnrsv]");
        }
    }
    if (optind != argc)
        cmd_usage("[-amnrsv]");
    if (uname(&u) != 0)
        cmd_die(1, "cannot get the system name");
    if (fields == 0)
        fields = FIELD_SYSNAME;

    const struct {
        int field;
        const char *value;
    } parts[] = {
        { FIELD_SYSNAME, u.sysname }, { FIELD_NODENAME, u.nodename }, { FIELD_RELEASE, u.release },
        { FIELD_VERSION, u.version }, { FIELD_MACHINE, u.machine },
    };
    const char *sep = "";
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (fields & parts[i].field) {
            printf("%s%s", sep, parts[i].value);
            sep = " ";
        }
    }
    putchar('\n');
    return fflush(stdout) == 0 ? 0 : 1;
}
