/* The mount table in /etc/mtab (mtab.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mtab.h"

#define LINE_LEN 1024

/* Undo the octal escapes of one field, in place. */
static void unescape(char *s)
{
    char *out = s;

    for (; *s; s++) {
        if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
            s[3] >= '0' && s[3] <= '7') {
            *out++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0'));
            s += 3;
        } else {
            *out++ = *s;
        }
    }
    *out = '\0';
}

static void put_escaped(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
            fprintf(f, "\\%03o", (unsigned char)*s);
        else
            fputc(*s, f);
    }
}

/* Copy the next blank-separated field of *line into dst. */
static bool next_field(char **line, char *dst, size_t size)
{
    char *p = *line + strspn(*line, " \t\n");
    size_t len = strcspn(p, " \t\n");

    if (len == 0 || len >= size)
        return false;
    memcpy(dst, p, len);
    dst[len] = '\0';
    unescape(dst);
    *line = p + len;
    return true;
}

static bool parse_line(char *line, struct mount_entry *e)
{
    if (line[strspn(line, " \t")] == '#')
        return false;
    return next_field(&line, e->device, sizeof(e->device)) &&
           next_field(&line, e->dir, sizeof(e->dir)) &&
           next_field(&line, e->type, sizeof(e->type)) &&
           next_field(&line, e->options, sizeof(e->options));
}

static int root_only(struct mount_entry *entries)
{
    memset(&entries[0], 0, sizeof(entries[0]));
    strcpy(entries[0].device, ROOT_DEVICE);
    strcpy(entries[0].dir, "/");
    strcpy(entries[0].type, ROOT_FS_TYPE);
    strcpy(entries[0].options, "rw");
    return 1;
}

int mtab_read(struct mount_entry *entries, int max)
{
    char line[LINE_LEN];
    FILE *f = fopen(MTAB_FILE, "r");
    int n = 0;

    if (!f)
        return errno == ENOENT && max > 0 ? root_only(entries) : -1;
    while (n < max && fgets(line, sizeof(line), f))
        if (parse_line(line, &entries[n]))
            n++;
    int failed = ferror(f);
    fclose(f);
    if (failed)
        return -1;
    return n > 0 || max == 0 ? n : root_only(entries);
}

int mtab_write(const struct mount_entry *entries, int n)
{
    const char *tmp = MTAB_FILE ".tmp";
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644); /* the lock against a second writer */
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

    if (!f) {
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        } else if (errno == EEXIST) {
            errno = EBUSY; /* another mount is at work, or one died: see mtab.h */
        }
        return -1;
    }
    for (int i = 0; i < n; i++) {
        const struct mount_entry *e = &entries[i];
        put_escaped(f, e->device);
        fputc(' ', f);
        put_escaped(f, e->dir);
        fprintf(f, " %s %s 0 0\n", e->type, e->options);
    }
    int r = fflush(f) == 0 && fsync(fd) == 0 ? 0 : -1;
    if (fclose(f) != 0)
        r = -1;
    if (r == 0 && rename(tmp, MTAB_FILE) == 0)
        return 0;
    int saved = errno;
    unlink(tmp);
    errno = saved;
    return -1;
}

bool mtab_option(const struct mount_entry *e, const char *key, char *value, size_t size)
{
    size_t klen = strlen(key);

    for (const char *p = e->options; *p;) {
        size_t len = strcspn(p, ",");
        if (len > klen && strncmp(p, key, klen) == 0 && p[klen] == '=') {
            snprintf(value, size, "%.*s", (int)(len - klen - 1), p + klen + 1);
            return true;
        }
        p += len + (p[len] == ',');
    }
    return false;
}

int mtab_find(const struct mount_entry *entries, int n, const char *name)
{
    for (int i = n - 1; i >= 0; i--) /* the latest mount on a directory hides older ones */
        if (strcmp(entries[i].dir, name) == 0)
            return i;
    for (int i = n - 1; i >= 0; i--)
        if (strcmp(entries[i].device, name) == 0)
            return i;
    return -1;
}

int mtab_absolute(const char *name, char *out, size_t size)
{
    char cwd[256];
    int n;

    if (name[0] == '/')
        n = snprintf(out, size, "%s", name);
    else if (getcwd(cwd, sizeof(cwd)))
        n = snprintf(out, size, "%s/%s", strcmp(cwd, "/") == 0 ? "" : cwd, name);
    else
        return -1;
    if (n < 0 || (size_t)n >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}
