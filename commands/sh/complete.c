/*
 * Completion collects every candidate that starts with the word typed so
 * far, then extends the word by what they have in common. Command
 * position means the start of the line or right after ; | & ( .
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"
#include "complete.h"
#include "expand.h"
#include "var.h"

#define MAX_LISTED 200

static bool is_separator(char c)
{
    return c == ' ' || c == '\t' || c == ';' || c == '|' || c == '&' || c == '<' || c == '>' ||
           c == '(' || c == ')';
}

static bool in_command_position(const char *s, size_t start)
{
    while (start > 0 && (s[start - 1] == ' ' || s[start - 1] == '\t'))
        start--;
    return start == 0 || strchr(";|&(", s[start - 1]);
}

static void add_candidate(struct fields *found, const char *name, const char *suffix)
{
    char *s = xmalloc(strlen(name) + strlen(suffix) + 1);

    strcpy(s, name);
    strcat(s, suffix);
    for (int i = 0; i < found->n; i++) {
        if (strcmp(found->v[i], s) == 0) {
            free(s);
            return;
        }
    }
    fields_add(found, s);
}

/* Names in dir starting with prefix; dirs get a '/', others a ' '. */
static void scan_dir(const char *dir, const char *prefix, bool executables, struct fields *found)
{
    DIR *d = opendir(*dir ? dir : ".");
    size_t plen = strlen(prefix);
    struct dirent *ent;

    if (!d)
        return;
    while ((ent = readdir(d)) != NULL && found->n < 5000) {
        struct stat st;
        char path[4096];
        bool is_dir;

        if (strncmp(ent->d_name, prefix, plen) != 0 || strcmp(ent->d_name, ".") == 0 ||
            strcmp(ent->d_name, "..") == 0 || (ent->d_name[0] == '.' && prefix[0] != '.'))
            continue;
        snprintf(path, sizeof path, "%s%s%s", *dir ? dir : ".", "/", ent->d_name);
        is_dir = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
        if (executables && (is_dir || access(path, X_OK) != 0))
            continue;
        add_candidate(found, ent->d_name, is_dir ? "/" : " ");
    }
    closedir(d);
}

static void command_candidates(const char *prefix, struct fields *found)
{
    const char *path = var_get("PATH");
    size_t plen = strlen(prefix);

    for (int i = 0; builtin_name(i); i++) {
        if (strncmp(builtin_name(i), prefix, plen) == 0)
            add_candidate(found, builtin_name(i), " ");
    }
    while (path) {
        size_t len = strcspn(path, ":");
        char *dir = xstrndup(path, len);

        scan_dir(dir, prefix, true, found);
        free(dir);
        path = path[len] ? path + len + 1 : NULL;
    }
}

static void file_candidates(const char *word, struct fields *found)
{
    const char *slash = strrchr(word, '/');
    char *dir;

    if (!slash) {
        scan_dir("", word, false, found);
        return;
    }
    dir = xstrndup(word, (size_t)(slash - word) + (slash == word));
    scan_dir(dir, slash + 1, false, found);
    free(dir);
}

static size_t common_prefix(struct fields *found)
{
    size_t n = strlen(found->v[0]);

    for (int i = 1; i < found->n; i++) {
        size_t k = 0;

        while (k < n && found->v[i][k] == found->v[0][k])
            k++;
        n = k;
    }
    return n;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_candidates(int out_fd, struct fields *found)
{
    struct strbuf list;

    qsort(found->v, (size_t)found->n, sizeof *found->v, compare_names);
    sb_init(&list);
    sb_adds(&list, "\r\n");
    for (int i = 0; i < found->n && i < MAX_LISTED; i++) {
        size_t len = strlen(found->v[i]);

        sb_addn(&list, found->v[i], len && found->v[i][len - 1] == ' ' ? len - 1 : len);
        sb_adds(&list, i + 1 < found->n ? "  " : "");
    }
    if (found->n > MAX_LISTED)
        sb_adds(&list, " ...");
    sb_adds(&list, "\r\n");
    write(out_fd, list.buf, list.len);
    sb_free(&list);
}

bool complete_word(int out_fd, struct strbuf *text, size_t *cursor, const char *prompt)
{
    const char *s = sb_str(text);
    size_t start = *cursor, base, common;
    struct fields found;
    bool listed = false;
    char *word;

    (void)prompt;
    while (start > 0 && !is_separator(s[start - 1]))
        start--;
    word = xstrndup(s + start, *cursor - start);
    fields_init(&found);
    if (in_command_position(s, start) && !strchr(word, '/'))
        command_candidates(word, &found);
    else
        file_candidates(word, &found);
    base = strrchr(word, '/') ? strlen(strrchr(word, '/') + 1) : strlen(word);
    if (found.n > 0) {
        common = common_prefix(&found);
        if (common > base) {
            size_t add = common - base, tail = text->len - *cursor;

            sb_addn(text, found.v[0] + base, add);
            memmove(text->buf + *cursor + add, text->buf + *cursor, tail);
            memcpy(text->buf + *cursor, found.v[0] + base, add);
            *cursor += add;
        } else if (found.n > 1) {
            list_candidates(out_fd, &found);
            listed = true;
        }
    }
    fields_free(&found);
    free(word);
    return listed;
}
