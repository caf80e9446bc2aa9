/*
 * History: the last HISTSIZE lines (default 500) in an array, oldest
 * first. With HISTFILE set, it is loaded at start-up and the lines of
 * this session are appended at exit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "history.h"
#include "var.h"

#define DEFAULT_HISTSIZE 500

static char **lines;
static int count;
static int first_new; /* lines before this index came from the file */

static int history_size(void)
{
    const char *s = var_get("HISTSIZE");
    int n = s ? atoi(s) : DEFAULT_HISTSIZE;

    return n > 0 && n < 100000 ? n : DEFAULT_HISTSIZE;
}

static void append(const char *line)
{
    int max = history_size();

    if (!lines)
        lines = xcalloc((size_t)DEFAULT_HISTSIZE, sizeof *lines);
    while (count >= max && count > 0) {
        free(lines[0]);
        memmove(lines, lines + 1, sizeof *lines * (size_t)(count - 1));
        count--;
        if (first_new > 0)
            first_new--;
    }
    lines = xrealloc(lines, sizeof *lines * (size_t)(count + 1));
    lines[count++] = xstrdup(line);
}

void history_add(const char *line)
{
    size_t len = strlen(line);
    char *copy;

    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
        len--;
    if (strspn(line, " \t") >= len)
        return;
    copy = xstrndup(line, len);
    if (count == 0 || strcmp(lines[count - 1], copy) != 0)
        append(copy);
    free(copy);
}

int history_count(void)
{
    return count;
}

const char *history_get(int i)
{
    return i >= 0 && i < count ? lines[i] : NULL;
}

void history_print(void)
{
    for (int i = 0; i < count; i++)
        printf("%5d  %s\n", i + 1, lines[i]);
}

void history_load(void)
{
    const char *path = var_get("HISTFILE");
    char buf[4096];
    FILE *f;

    if (!path || !*path || !(f = fopen(path, "r")))
        return;
    while (fgets(buf, sizeof buf, f))
        history_add(buf);
    fclose(f);
    first_new = count;
}

void history_save(void)
{
    const char *path = var_get("HISTFILE");
    FILE *f;

    if (!path || !*path || first_new >= count || !(f = fopen(path, "a")))
        return;
    for (int i = first_new; i < count; i++)
        fprintf(f, "%s\n", lines[i]);
    fclose(f);
    first_new = count;
}
