/*
 * cd, pwd and umask. cd works on logical paths by default: the new PWD
 * is the old one with the operand appended and "." and ".." removed as
 * text, so that cd .. after following a symbolic link goes back where
 * the user came from. cd -P resolves the physical directory instead.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "builtin.h"
#include "error.h"
#include "var.h"

/* Remove "." and ".." components and double slashes from an absolute path. */
static char *canonical_path(const char *path)
{
    char *out = xmalloc(strlen(path) + 2);
    size_t len = 0;

    out[len++] = '/';
    while (*path) {
        size_t n;

        while (*path == '/')
            path++;
        n = strcspn(path, "/");
        if (n == 0)
            break;
        if (n == 2 && path[0] == '.' && path[1] == '.') {
            while (len > 1 && out[len - 1] != '/')
                len--;
            if (len > 1)
                len--;
        } else if (!(n == 1 && path[0] == '.')) {
            if (len > 1)
                out[len++] = '/';
            memcpy(out + len, path, n);
            len += n;
        }
        path += n;
    }
    out[len] = '\0';
    return out;
}

static char *physical_cwd(void)
{
    size_t size = 256;

    for (;;) {
        char *buf = xmalloc(size);

        if (getcwd(buf, size))
            return buf;
        free(buf);
        if (errno != ERANGE || size > 65536)
            return NULL;
        size *= 2;
    }
}

/* $PWD if it names the current directory, else the physical path. */
static char *logical_cwd(void)
{
    const char *pwd = var_get("PWD");
    struct stat a, b;

    if (pwd && pwd[0] == '/' && stat(pwd, &a) == 0 && stat(".", &b) == 0 && a.st_dev == b.st_dev &&
        a.st_ino == b.st_ino)
        return xstrdup(pwd);
    return physical_cwd();
}

/* Try to change to dir; on success set PWD and OLDPWD. */
static int change_dir(const char *dir, bool physical)
{
    char *old = logical_cwd(), *target, *newpwd;
    int r;

    if (physical || dir[0] == '/' || !old) {
        target = dir[0] == '/' ? canonical_path(dir) : xstrdup(dir);
    } else {
        char *joined = xmalloc(strlen(old) + strlen(dir) + 2);

        sprintf(joined, "%s/%s", old, dir);
        target = canonical_path(joined);
        free(joined);
    }
    bool logical = !physical && chdir(target) == 0;

    r = logical ? 0 : chdir(dir);
    if (r == 0) {
        newpwd = logical ? xstrdup(target) : physical_cwd();
        if (old)
            var_set("OLDPWD", old, 0);
        var_set("PWD", newpwd ? newpwd : target, 0);
        free(newpwd);
    }
    free(target);
    free(old);
    return r;
}

/* CDPATH: the directories to try for a relative operand. */
static int cd_search(const char *dir, bool physical, bool *print)
{
    const char *cdpath = var_get("CDPATH");
    bool relative = dir[0] != '/' && strncmp(dir, "./", 2) != 0 && strcmp(dir, ".") != 0 &&
                    strncmp(dir, "../", 3) != 0 && strcmp(dir, "..") != 0;

    *print = false;
    while (cdpath && relative) {
        size_t len = strcspn(cdpath, ":");
        struct strbuf path;

        if (len > 0) {
            sb_init(&path);
            sb_addn(&path, cdpath, len);
            sb_addc(&path, '/');
            sb_adds(&path, dir);
            if (change_dir(path.buf, physical) == 0) {
                sb_free(&path);
                *print = true;
                return 0;
            }
            sb_free(&path);
        }
        cdpath = cdpath[len] ? cdpath + len + 1 : NULL;
    }
    return change_dir(dir, physical);
}

int bi_cd(int argc, char **argv)
{
    bool seen[128] = { false }, print = false;
    int first = builtin_options(argc, argv, "LP", seen);
    const char *dir;

    if (first < 0)
        return 2;
    if (first < argc - 1) {
        sh_error("cd: too many arguments");
        return 1;
    }
    dir = first < argc ? argv[first] : var_get("HOME");
    if (!dir || !*dir) {
        sh_error("cd: %s", dir ? "empty directory name" : "HOME not set");
        return 1;
    }
    if (strcmp(dir, "-") == 0) {
        dir = var_get("OLDPWD");
        if (!dir) {
            sh_error("cd: OLDPWD not set");
            return 1;
        }
        print = true;
    }
    char *copy = xstrdup(dir);
    bool found = false;

    if (cd_search(copy, seen['P'], &found) < 0) {
        sh_error("cd: %s: %s", copy, strerror(errno));
        free(copy);
        return 1;
    }
    free(copy);
    if (print || found)
        printf("%s\n", var_get("PWD"));
    return 0;
}

int bi_pwd(int argc, char **argv)
{
    bool seen[128] = { false };
    char *cwd;

    if (builtin_options(argc, argv, "LP", seen) < 0)
        return 2;
    cwd = seen['P'] ? physical_cwd() : logical_cwd();
    if (!cwd) {
        sh_error("pwd: %s", strerror(errno));
        return 1;
    }
    printf("%s\n", cwd);
    free(cwd);
    return 0;
}

/* The permission bits one clause of a symbolic mode names (u g o a). */
static mode_t who_bits(const char **p)
{
    mode_t who = 0;

    for (; **p && strchr("ugoa", **p); (*p)++)
        who |= **p == 'u' ? 0700 : **p == 'g' ? 070 : **p == 'o' ? 07 : 0777;
    return who ? who : 0777;
}

static mode_t perm_bits(const char **p)
{
    mode_t perm = 0;

    for (; **p && strchr("rwx", **p); (*p)++)
        perm |= **p == 'r' ? 0444 : **p == 'w' ? 0222 : 0111;
    return perm;
}

/* u=rwx,g-w,...: applied to the permissions the mask lets through. */
static int symbolic_mask(const char *s, mode_t *mask)
{
    mode_t allowed = ~*mask & 0777;

    while (*s) {
        mode_t who = who_bits(&s);

        if (!*s || !strchr("+-=", *s))
            return -1;
        while (*s && strchr("+-=", *s)) {
            char op = *s++;
            mode_t perm = perm_bits(&s) & who;

            if (op == '=')
                allowed = (allowed & ~who) | perm;
            else if (op == '+')
                allowed |= perm;
            else
                allowed &= ~perm;
        }
        if (*s == ',')
            s++;
        else if (*s)
            return -1;
    }
    *mask = ~allowed & 0777;
    return 0;
}

static void print_symbolic(mode_t mask)
{
    static const char *const who[] = { "u", "g", "o" };
    mode_t allowed = ~mask & 0777;

    for (int i = 0; i < 3; i++) {
        mode_t bits = allowed >> (6 - 3 * i);

        printf("%s%s=%s%s%s", i ? "," : "", who[i], bits & 4 ? "r" : "", bits & 2 ? "w" : "",
               bits & 1 ? "x" : "");
    }
    printf("\n");
}

int bi_umask(int argc, char **argv)
{
    bool seen[128] = { false };
    int first = builtin_options(argc, argv, "S", seen);
    mode_t mask = umask(0);

    umask(mask);
    if (first < 0)
        return 2;
    if (first == argc) {
        if (seen['S'])
            print_symbolic(mask);
        else
            printf("%04o\n", (unsigned)mask);
        return 0;
    }
    if (argv[first][0] >= '0' && argv[first][0] <= '7') {
        char *end;
        long value = strtol(argv[first], &end, 8);

        if (*end || value > 0777) {
            sh_error("umask: %s: bad mask", argv[first]);
            return 1;
        }
        mask = (mode_t)value;
    } else if (symbolic_mask(argv[first], &mask) < 0) {
        sh_error("umask: %s: bad mask", argv[first]);
        return 1;
    }
    umask(mask);
    return 0;
}
