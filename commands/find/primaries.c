/*
 * find's primaries: for each, a setup function that checks and stores its
 * argument when the expression is parsed, and an evaluation function
 * called for each file. The table at the end ties them to their names.
 */
#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "file_alloc.h"
#include "file_mode.h"
#include "file_owner.h"
#include "find.h"

#define SECONDS_PER_DAY 86400

/* The last component of the entry's path (a root's trailing slashes dropped). */
static const char *entry_name(const struct walk_entry *entry, char **scratch)
{
    size_t len;

    if (entry->depth > 0)
        return entry->name;
    len = strlen(entry->name);
    while (len > 1 && entry->name[len - 1] == '/')
        len--;
    *scratch = xstrdup(entry->name);
    (*scratch)[len] = '\0';
    return *scratch;
}

static void setup_pattern(struct find_ctx *ctx, struct find_node *node, const char *name,
                          const char *arg)
{
    (void)ctx, (void)name;
    node->arg.pattern = arg;
}

static bool eval_name(const struct find_node *node, const struct walk_entry *entry,
                      struct find_ctx *ctx)
{
    char *scratch = NULL;
    bool match = fnmatch(node->arg.pattern, entry_name(entry, &scratch), 0) == 0;

    (void)ctx;
    free(scratch);
    return match;
}

static char *lowered(const char *s)
{
    char *copy = xstrdup(s);

    for (char *p = copy; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return copy;
}

/* -iname: both sides lowered, which also works where fnmatch() lacks FNM_CASEFOLD. */
static bool eval_iname(const struct find_node *node, const struct walk_entry *entry,
                       struct find_ctx *ctx)
{
    char *scratch = NULL;
    char *pattern = lowered(node->arg.pattern), *name = lowered(entry_name(entry, &scratch));
    bool match = fnmatch(pattern, name, 0) == 0;

    (void)ctx;
    free(pattern);
    free(name);
    free(scratch);
    return match;
}

static bool eval_path(const struct find_node *node, const struct walk_entry *entry,
                      struct find_ctx *ctx)
{
    (void)ctx;
    return fnmatch(node->arg.pattern, entry->path, 0) == 0;
}

static void setup_type(struct find_ctx *ctx, struct find_node *node, const char *name,
                       const char *arg)
{
    (void)ctx;
    if (strlen(arg) != 1 || !strchr("bcdflps", arg[0]))
        cmd_diex(2, "%s: unknown type '%s' (use one of b c d f l p s)", name, arg);
    node->arg.type = arg[0];
}

static bool eval_type(const struct find_node *node, const struct walk_entry *entry,
                      struct find_ctx *ctx)
{
    mode_t mode = entry->st.st_mode;

    (void)ctx;
    switch (node->arg.type) {
    case 'b':
        return S_ISBLK(mode);
    case 'c':
        return S_ISCHR(mode);
    case 'd':
        return S_ISDIR(mode);
    case 'f':
        return S_ISREG(mode);
    case 'l':
        return S_ISLNK(mode);
    case 'p':
        return S_ISFIFO(mode);
    case 's':
        return S_ISSOCK(mode);
    default:
        return false;
    }
}

/* "[+-]digits" into number; return where the digits ended. */
static const char *parse_number(const char *name, const char *text, struct find_number *number)
{
    char *end;

    number->cmp = '=';
    if (*text == '+' || *text == '-')
        number->cmp = *text++;
    if (!isdigit((unsigned char)*text))
        cmd_diex(2, "%s: invalid number '%s'", name, text);
    errno = 0;
    number->value = strtoimax(text, &end, 10);
    if (errno)
        cmd_diex(2, "%s: number out of range '%s'", name, text);
    return end;
}

static bool compare_number(const struct find_number *number, intmax_t value)
{
    switch (number->cmp) {
    case '+':
        return value > number->value;
    case '-':
        return value < number->value;
    default:
        return value == number->value;
    }
}

static void setup_links(struct find_ctx *ctx, struct find_node *node, const char *name,
                        const char *arg)
{
    (void)ctx;
    if (*parse_number(name, arg, &node->arg.number))
        cmd_diex(2, "%s: invalid number '%s'", name, arg);
}

static bool eval_links(const struct find_node *node, const struct walk_entry *entry,
                       struct find_ctx *ctx)
{
    (void)ctx;
    return compare_number(&node->arg.number, (intmax_t)entry->st.st_nlink);
}

/* -size n[bckMG]: blocks of 512 by default; sizes are rounded up to units. */
static void setup_size(struct find_ctx *ctx, struct find_node *node, const char *name,
                       const char *arg)
{
    const char *suffix = parse_number(name, arg, &node->arg.number);

    (void)ctx;
    switch (*suffix) {
    case '\0':
    case 'b':
        node->arg.number.unit = 512;
        break;
    case 'c':
        node->arg.number.unit = 1;
        break;
    case 'k':
        node->arg.number.unit = 1024;
        break;
    case 'M':
        node->arg.number.unit = 1024 * 1024;
        break;
    case 'G':
        node->arg.number.unit = 1024 * 1024 * 1024;
        break;
    default:
        cmd_diex(2, "%s: invalid size '%s'", name, arg);
    }
    if (*suffix && suffix[1])
        cmd_diex(2, "%s: invalid size '%s'", name, arg);
}

static bool eval_size(const struct find_node *node, const struct walk_entry *entry,
                      struct find_ctx *ctx)
{
    intmax_t unit = node->arg.number.unit, size = (intmax_t)entry->st.st_size;

    (void)ctx;
    return compare_number(&node->arg.number, size / unit + (size % unit != 0));
}

/* -atime, -ctime, -mtime (days) and -amin, -cmin, -mmin (minutes). */
static void setup_time(struct find_ctx *ctx, struct find_node *node, const char *name,
                       const char *arg)
{
    (void)ctx;
    if (*parse_number(name, arg, &node->arg.number))
        cmd_diex(2, "%s: invalid number '%s'", name, arg);
    node->arg.number.field = name[1];
    node->arg.number.unit = strstr(name, "min") ? 60 : SECONDS_PER_DAY;
}

static bool eval_time(const struct find_node *node, const struct walk_entry *entry,
                      struct find_ctx *ctx)
{
    const struct find_number *number = &node->arg.number;
    time_t t = number->field == 'a'   ? entry->st.st_atim.tv_sec
               : number->field == 'c' ? entry->st.st_ctim.tv_sec
                                      : entry->st.st_mtim.tv_sec;
    intmax_t age = (intmax_t)(ctx->now - t);

    /* Whole units of age, rounding down (a file from the future is 0 or less). */
    age = age >= 0 ? age / number->unit : -((-age + number->unit - 1) / number->unit);
    return compare_number(number, age);
}

static void setup_newer(struct find_ctx *ctx, struct find_node *node, const char *name,
                        const char *arg)
{
    struct stat st;
    int rc = (ctx->walk_flags & WALK_FOLLOW) ? stat(arg, &st) : lstat(arg, &st);

    (void)name;
    if (rc != 0)
        cmd_die(1, "cannot stat '%s'", arg);
    node->arg.newer = st.st_mtim;
}

static bool eval_newer(const struct find_node *node, const struct walk_entry *entry,
                       struct find_ctx *ctx)
{
    const struct timespec *t = &entry->st.st_mtim, *ref = &node->arg.newer;

    (void)ctx;
    return t->tv_sec > ref->tv_sec || (t->tv_sec == ref->tv_sec && t->tv_nsec > ref->tv_nsec);
}

/* -perm mode (exactly), -perm -mode (all of these), -perm /mode (any). */
static void setup_perm(struct find_ctx *ctx, struct find_node *node, const char *name,
                       const char *arg)
{
    struct mode_change *change;

    (void)ctx;
    node->arg.perm.match = '=';
    if (*arg == '-' || *arg == '/')
        node->arg.perm.match = *arg++;
    change = mode_compile(arg);
    if (!change)
        cmd_diex(2, "%s: invalid mode '%s'", name, arg);
    node->arg.perm.mode = mode_apply(change, 0, false, 0);
    mode_free(change);
}

static bool eval_perm(const struct find_node *node, const struct walk_entry *entry,
                      struct find_ctx *ctx)
{
    mode_t want = node->arg.perm.mode, have = entry->st.st_mode & 07777;

    (void)ctx;
    switch (node->arg.perm.match) {
    case '-':
        return (have & want) == want;
    case '/':
        return want == 0 || (have & want) != 0;
    default:
        return have == want;
    }
}

static void setup_user(struct find_ctx *ctx, struct find_node *node, const char *name,
                       const char *arg)
{
    (void)ctx;
    if (owner_parse_user(arg, &node->arg.uid) != 0)
        cmd_diex(2, "%s: unknown user '%s'", name, arg);
}

static bool eval_user(const struct find_node *node, const struct walk_entry *entry,
                      struct find_ctx *ctx)
{
    (void)ctx;
    return entry->st.st_uid == node->arg.uid;
}

static void setup_group(struct find_ctx *ctx, struct find_node *node, const char *name,
                        const char *arg)
{
    (void)ctx;
    if (owner_parse_group(arg, &node->arg.gid) != 0)
        cmd_diex(2, "%s: unknown group '%s'", name, arg);
}

static bool eval_group(const struct find_node *node, const struct walk_entry *entry,
                       struct find_ctx *ctx)
{
    (void)ctx;
    return entry->st.st_gid == node->arg.gid;
}

bool eval_print(const struct find_node *node, const struct walk_entry *entry, struct find_ctx *ctx)
{
    (void)node, (void)ctx;
    fputs(entry->path, stdout);
    putchar('\n');
    return true;
}

static bool eval_print0(const struct find_node *node, const struct walk_entry *entry,
                        struct find_ctx *ctx)
{
    (void)node, (void)ctx;
    fputs(entry->path, stdout);
    putchar('\0');
    return true;
}

static bool eval_prune(const struct find_node *node, const struct walk_entry *entry,
                       struct find_ctx *ctx)
{
    (void)node, (void)entry;
    ctx->prune = true;
    return true;
}

bool eval_exec(const struct find_node *node, const struct walk_entry *entry, struct find_ctx *ctx)
{
    if (!node->arg.exec->batch)
        return exec_now(node->arg.exec, entry->path);
    exec_add(ctx, node->arg.exec, entry->path);
    return true;
}

static bool eval_true(const struct find_node *node, const struct walk_entry *entry,
                      struct find_ctx *ctx)
{
    (void)node, (void)entry, (void)ctx;
    return true;
}

static bool eval_false(const struct find_node *node, const struct walk_entry *entry,
                       struct find_ctx *ctx)
{
    (void)node, (void)entry, (void)ctx;
    return false;
}

/* -maxdepth and -mindepth: options that hold for the whole walk. */
static void setup_depth_limit(struct find_ctx *ctx, struct find_node *node, const char *name,
                              const char *arg)
{
    struct find_number number;

    (void)node;
    if (*parse_number(name, arg, &number) || number.cmp != '=' || number.value > 1000000)
        cmd_diex(2, "%s: invalid depth '%s'", name, arg);
    if (strcmp(name, "-maxdepth") == 0)
        ctx->maxdepth = (int)number.value;
    else
        ctx->mindepth = (int)number.value;
}

static void setup_depth_first(struct find_ctx *ctx, struct find_node *node, const char *name,
                              const char *arg)
{
    (void)node, (void)name, (void)arg;
    ctx->depth_first = true;
}

static void setup_xdev(struct find_ctx *ctx, struct find_node *node, const char *name,
                       const char *arg)
{
    (void)node, (void)name, (void)arg;
    ctx->walk_flags |= WALK_XDEV;
}

static const struct primary_def primaries[] = {
    { "-name", eval_name, true, false, setup_pattern },
    { "-iname", eval_iname, true, false, setup_pattern },
    { "-path", eval_path, true, false, setup_pattern },
    { "-type", eval_type, true, false, setup_type },
    { "-size", eval_size, true, false, setup_size },
    { "-links", eval_links, true, false, setup_links },
    { "-atime", eval_time, true, false, setup_time },
    { "-ctime", eval_time, true, false, setup_time },
    { "-mtime", eval_time, true, false, setup_time },
    { "-amin", eval_time, true, false, setup_time },
    { "-cmin", eval_time, true, false, setup_time },
    { "-mmin", eval_time, true, false, setup_time },
    { "-newer", eval_newer, true, false, setup_newer },
    { "-perm", eval_perm, true, false, setup_perm },
    { "-user", eval_user, true, false, setup_user },
    { "-group", eval_group, true, false, setup_group },
    { "-print", eval_print, false, true, NULL },
    { "-print0", eval_print0, false, true, NULL },
    { "-exec", eval_exec, false, true, NULL },
    { "-prune", eval_prune, false, false, NULL },
    { "-true", eval_true, false, false, NULL },
    { "-false", eval_false, false, false, NULL },
    { "-maxdepth", eval_true, true, false, setup_depth_limit },
    { "-mindepth", eval_true, true, false, setup_depth_limit },
    { "-depth", eval_true, false, false, setup_depth_first },
    { "-xdev", eval_true, false, false, setup_xdev },
};

const struct primary_def *primary_lookup(const char *name)
{
    for (size_t i = 0; i < sizeof primaries / sizeof primaries[0]; i++)
        if (strcmp(primaries[i].name, name) == 0)
            return &primaries[i];
    return NULL;
}
