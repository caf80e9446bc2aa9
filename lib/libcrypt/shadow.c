/*
 * Reading and rewriting colon-separated account files (shadow.h). The
 * files are small: a rewrite reads the whole file into memory, changes
 * one line and writes the result to a temporary file that replaces the
 * original by rename().
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shadow.h"

#define LINE_MAX_LEN 1024

/* Whether line (ending at ':' or its end) belongs to name. */
static bool line_is(const char *line, const char *name)
{
    size_t n = strlen(name);

    return strncmp(line, name, n) == 0 && line[n] == ':';
}

/* Field number field of line (without its newline) into buf; -1 if the
 * line has fewer fields or the field does not fit. */
static int copy_field(const char *line, int field, char *buf, size_t size)
{
    for (int i = 0; i < field; i++) {
        line = strchr(line, ':');
        if (!line)
            return -1;
        line++;
    }
    size_t len = strcspn(line, ":\n");
    if (len >= size)
        return -1;
    memcpy(buf, line, len);
    buf[len] = '\0';
    return 0;
}

int account_field(const char *file, const char *name, int field, char *buf, size_t size)
{
    char line[LINE_MAX_LEN];
    int found = 0;
    FILE *f = fopen(file, "r");

    if (!f)
        return errno == ENOENT ? 0 : -1;
    while (!found && fgets(line, sizeof(line), f))
        if (line_is(line, name))
            found = copy_field(line, field, buf, size) == 0 ? 1 : 0;
    if (ferror(f) && !found) {
        int saved = errno;
        fclose(f);
        errno = saved;
        return -1;
    }
    fclose(f);
    return found;
}

/* Close f and free text, keeping errno; NULL. */
static char *read_failed(FILE *f, char *text)
{
    int saved = errno;

    if (f)
        fclose(f);
    free(text);
    errno = saved;
    return NULL;
}

/* The whole file as a string; an empty one if it does not exist. */
static char *read_all(const char *file)
{
    size_t cap = 4096, len = 0, n;
    char *text = malloc(cap);
    FILE *f = fopen(file, "r");

    if (!f)
        return errno == ENOENT && text ? strcpy(text, "") : read_failed(NULL, text);
    if (!text)
        return errno = ENOMEM, read_failed(f, NULL);
    for (;;) {
        if (cap - len < 2) {
            char *bigger = realloc(text, cap * 2);
            if (!bigger)
                return errno = ENOMEM, read_failed(f, text);
            text = bigger;
            cap *= 2;
        }
        if ((n = fread(text + len, 1, cap - len - 1, f)) == 0)
            break;
        len += n;
    }
    if (ferror(f))
        return read_failed(f, text);
    fclose(f);
    text[len] = '\0';
    return text;
}

/* Write line (len bytes, without its newline) to out with the fields
 * that values names replaced, then a newline. */
static int put_changed(FILE *out, const char *line, size_t len, const char *const values[],
                       int nvalues)
{
    const char *p = line, *end = line + len;
    int field = 0;

    for (; field < nvalues; field++) {
        const char *colon = memchr(p, ':', (size_t)(end - p));
        const char *stop = colon ? colon : end;
        if (values[field])
            fputs(values[field], out);
        else
            fwrite(p, 1, (size_t)(stop - p), out);
        if (!colon)
            break;
        fputc(':', out);
        p = colon + 1;
    }
    if (field < nvalues - 1) {
        errno = EINVAL; /* a line with too few fields */
        return -1;
    }
    if (field == nvalues)
        fwrite(p, 1, (size_t)(end - p), out);
    fputc('\n', out);
    return 0;
}

/* Copy text to out with name's line changed (or added from template). */
static int write_changed(FILE *out, const char *text, const char *name, const char *const values[],
                         int nvalues, const char *template)
{
    bool done = false;

    for (const char *p = text; *p;) {
        size_t len = strcspn(p, "\n");
        if (!done && line_is(p, name)) {
            if (put_changed(out, p, len, values, nvalues) < 0)
                return -1;
            done = true;
        } else {
            fprintf(out, "%.*s\n", (int)len, p);
        }
        p += len + (p[len] == '\n');
    }
    if (done)
        return 0;
    if (!template) {
        errno = ENOENT;
        return -1;
    }
    char fresh[LINE_MAX_LEN];
    snprintf(fresh, sizeof(fresh), template, name);
    return put_changed(out, fresh, strlen(fresh), values, nvalues);
}

/* Open file.tmp exclusively with the mode and owner file has (or mode). */
static FILE *open_temporary(const char *tmp, const char *file, int mode)
{
    struct stat st;
    bool have_old = stat(file, &st) == 0;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);

    if (fd < 0) {
        if (errno == EEXIST)
            errno = EBUSY; /* another writer holds it, or one crashed: see shadow.h */
        return NULL;
    }
    if (have_old) {
        if (fchown(fd, st.st_uid, st.st_gid) < 0 && errno != EPERM)
            goto fail;
        mode = (int)(st.st_mode & 07777);
    }
    if (fchmod(fd, (mode_t)mode) < 0)
        goto fail;
    FILE *f = fdopen(fd, "w");
    if (f)
        return f;
fail:;
    int saved = errno;
    close(fd);
    unlink(tmp);
    errno = saved;
    return NULL;
}

/* Whether the name and the new values can go into the file unharmed. */
static bool valid_change(const char *name, const char *const values[], int nvalues)
{
    if (!*name || strpbrk(name, ":\n") || nvalues < 1 || values[0])
        return false;
    for (int i = 0; i < nvalues; i++)
        if (values[i] && strpbrk(values[i], ":\n"))
            return false;
    return true;
}

int account_update(const char *file, const char *name, const char *const values[], int nvalues,
                   const char *template, int mode)
{
    char tmp[256];

    if (!valid_change(name, values, nvalues)) {
        errno = EINVAL;
        return -1;
    }
    char *text = read_all(file);
    if (!text)
        return -1;
    snprintf(tmp, sizeof(tmp), "%s.tmp", file);
    FILE *out = open_temporary(tmp, file, mode);
    if (!out) {
        free(text);
        return -1;
    }
    int r = write_changed(out, text, name, values, nvalues, template);
    free(text);
    if (fflush(out) != 0 || fsync(fileno(out)) < 0)
        r = -1;
    int saved = errno;
    if (fclose(out) != 0 && r == 0) {
        r = -1;
        saved = errno;
    }
    if (r == 0 && rename(tmp, file) < 0) {
        r = -1;
        saved = errno;
    }
    if (r < 0) {
        unlink(tmp);
        errno = saved;
    }
    return r;
}
