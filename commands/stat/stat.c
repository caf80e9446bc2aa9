/*
 * stat: show everything stat() knows about files. The default is a block
 * of labelled fields; -c FORMAT prints a line per file with %-sequences
 * replaced (see format_sequence() for the list). -L follows symbolic links.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "file_alloc.h"
#include "file_device.h"
#include "file_mode.h"
#include "file_owner.h"

#define STAT_USAGE "[-L] [-c format] file..."
#define FIELD_MAX  256

/* "2024-01-31 12:00:00.123456789 +0100", the local time of ts. */
static void time_text(struct timespec ts, char *out, size_t len)
{
    struct tm *tm = localtime(&ts.tv_sec);
    char date[64], zone[16];

    if (!tm) {
        snprintf(out, len, "%jd", (intmax_t)ts.tv_sec);
        return;
    }
    strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S", tm);
    strftime(zone, sizeof zone, "%z", tm);
    snprintf(out, len, "%s.%09ld %s", date, ts.tv_nsec, zone);
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

static void print_default(const char *path, const struct stat *st)
{
    char mode[MODE_STRING_LEN], when[96];
    char *target = S_ISLNK(st->st_mode) ? read_link(path, st->st_size) : NULL;

    mode_string(st->st_mode, mode);
    printf("  File: %s%s%s\n", path, target ? " -> " : "", target ? target : "");
    free(target);
    printf("  Size: %-15jd Blocks: %-10jd IO Block: %-6ld %s\n", (intmax_t)st->st_size,
           (intmax_t)st->st_blocks, (long)st->st_blksize, mode_type_name(st->st_mode, st->st_size));
    printf("Device: %jxh/%jud\tInode: %-11ju Links: %ju", (uintmax_t)st->st_dev,
           (uintmax_t)st->st_dev, (uintmax_t)st->st_ino, (uintmax_t)st->st_nlink);
    if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
        printf("\tDevice type: %lu,%lu", device_major(st->st_rdev), device_minor(st->st_rdev));
    printf("\nAccess: (%04o/%s)  Uid: (%5lu/%8s)", (unsigned)(st->st_mode & 07777), mode,
           (unsigned long)st->st_uid, owner_user_name(st->st_uid));
    printf("   Gid: (%5lu/%8s)\n", (unsigned long)st->st_gid, owner_group_name(st->st_gid));
    time_text(st->st_atim, when, sizeof when);
    printf("Access: %s\n", when);
    time_text(st->st_mtim, when, sizeof when);
    printf("Modify: %s\n", when);
    time_text(st->st_ctim, when, sizeof when);
    printf("Change: %s\n", when);
}

/*
 * The numeric %-sequences: the value, and 'd', 'o' or 'x' for its base.
 *   %s size   %b blocks   %B block unit (512)   %o I/O block   %a mode in
 *   octal   %f raw mode in hex   %h links   %i inode   %d device (decimal)
 *   %D device (hex)   %t %T major, minor of a device file (hex)   %u %g
 *   owner ids   %X %Y %Z access, modify, change times in epoch seconds
 */
static bool numeric_field(char letter, const struct stat *st, intmax_t *value, char *base)
{
    *base = strchr("afDtT", letter) ? (letter == 'a' ? 'o' : 'x') : 'd';
    switch (letter) {
    case 's':
        *value = (intmax_t)st->st_size;
        break;
    case 'b':
        *value = (intmax_t)st->st_blocks;
        break;
    case 'B':
        *value = 512;
        break;
    case 'o':
        *value = (intmax_t)st->st_blksize;
        break;
    case 'a':
        *value = (intmax_t)(st->st_mode & 07777);
        break;
    case 'f':
        *value = (intmax_t)st->st_mode;
        break;
    case 'h':
        *value = (intmax_t)st->st_nlink;
        break;
    case 'i':
        *value = (intmax_t)st->st_ino;
        break;
    case 'd':
    case 'D':
        *value = (intmax_t)st->st_dev;
        break;
    case 't':
        *value = (intmax_t)device_major(st->st_rdev);
        break;
    case 'T':
        *value = (intmax_t)device_minor(st->st_rdev);
        break;
    case 'u':
        *value = (intmax_t)st->st_uid;
        break;
    case 'g':
        *value = (intmax_t)st->st_gid;
        break;
    case 'X':
        *value = (intmax_t)st->st_atim.tv_sec;
        break;
    case 'Y':
        *value = (intmax_t)st->st_mtim.tv_sec;
        break;
    case 'Z':
        *value = (intmax_t)st->st_ctim.tv_sec;
        break;
    default:
        return false;
    }
    return true;
}

/* "'name'", or "'name' -> 'target'" for a symbolic link (%N). */
static void quoted_name(const char *path, const struct stat *st, char *out)
{
    char *target = S_ISLNK(st->st_mode) ? read_link(path, st->st_size) : NULL;

    if (target)
        snprintf(out, FIELD_MAX, "'%s' -> '%s'", path, target);
    else
        snprintf(out, FIELD_MAX, "'%s'", path);
    free(target);
}

/*
 * The text of one %-sequence into out; false for an unknown letter. Besides
 * the numeric ones: %n name   %N name -> target   %A mode as rwx   %F file
 * type   %U %G owner names   %x %y %z access, modify, change times
 */
static bool format_sequence(char letter, const char *path, const struct stat *st, char *out)
{
    char mode[MODE_STRING_LEN], base;
    intmax_t value;

    if (numeric_field(letter, st, &value, &base)) {
        snprintf(out, FIELD_MAX, base == 'o' ? "%jo" : base == 'x' ? "%jx" : "%jd", value);
        return true;
    }
    switch (letter) {
    case 'n':
        snprintf(out, FIELD_MAX, "%s", path);
        break;
    case 'N':
        quoted_name(path, st, out);
        break;
    case 'A':
        mode_string(st->st_mode, mode);
        snprintf(out, FIELD_MAX, "%s", mode);
        break;
    case 'F':
        snprintf(out, FIELD_MAX, "%s", mode_type_name(st->st_mode, st->st_size));
        break;
    case 'U':
        snprintf(out, FIELD_MAX, "%s", owner_user_name(st->st_uid));
        break;
    case 'G':
        snprintf(out, FIELD_MAX, "%s", owner_group_name(st->st_gid));
        break;
    case 'x':
        time_text(st->st_atim, out, FIELD_MAX);
        break;
    case 'y':
        time_text(st->st_mtim, out, FIELD_MAX);
        break;
    case 'z':
        time_text(st->st_ctim, out, FIELD_MAX);
        break;
    default:
        return false;
    }
    return true;
}

/* Print text in a field of width, left-aligned or zero-filled as asked. */
static void print_padded(const char *text, int width, bool left, bool zero)
{
    int len = (int)strlen(text), pad = width > len ? width - len : 0;

    if (left) {
        printf("%s%*s", text, pad, "");
        return;
    }
    if (zero && (text[0] == '-' || text[0] == '+'))
        putchar(*text++);
    printf("%*s", zero ? 0 : pad, "");
    for (int i = 0; zero && i < pad; i++)
        putchar('0');
    fputs(text, stdout);
}

/* Print the %-sequence at *p (just after the '%'); advance *p past it. */
static void print_sequence(const char **p, const char *path, const struct stat *st)
{
    const char *start = *p - 1;
    bool left = false, zero = false;
    char text[FIELD_MAX];
    int width = 0;

    for (; **p == '-' || **p == '0'; (*p)++)
        *(**p == '-' ? &left : &zero) = true;
    for (; **p >= '0' && **p <= '9'; (*p)++)
        width = width < 10000 ? width * 10 + (**p - '0') : width;
    if (**p == '%' && *p == start + 1) {
        putchar('%');
    } else if (**p && format_sequence(**p, path, st, text)) {
        print_padded(text, width, left, zero);
    } else {
        /* Unknown: print it as written. */
        fwrite(start, 1, (size_t)(*p - start) + (**p != '\0'), stdout);
    }
    if (**p)
        (*p)++;
}

static void print_format(const char *format, const char *path, const struct stat *st)
{
    for (const char *p = format; *p;) {
        if (*p == '%') {
            p++;
            print_sequence(&p, path, st);
        } else {
            putchar(*p++);
        }
    }
    putchar('\n');
}

int main(int argc, char **argv)
{
    const char *format = NULL;
    bool follow = false;
    int opt, status = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "Lc:")) != -1) {
        switch (opt) {
        case 'L':
            follow = true;
            break;
        case 'c':
            format = optarg;
            break;
        default:
            cmd_usage(STAT_USAGE);
        }
    }
    if (optind == argc)
        cmd_usage(STAT_USAGE);
    for (int i = optind; i < argc; i++) {
        struct stat st;
        if ((follow ? stat(argv[i], &st) : lstat(argv[i], &st)) != 0) {
            cmd_warn("cannot stat '%s'", argv[i]);
            status = 1;
            continue;
        }
        if (format)
            print_format(format, argv[i], &st);
        else
            print_default(argv[i], &st);
    }
    if (fflush(stdout) != 0)
        cmd_die(1, "write error");
    return status;
}
