/*
 * Modes. A symbolic mode is compiled into a list of actions, one per
 * operator, each carrying the "who" of its clause: "u+x-w,o=r" becomes
 * (u + x) (u - w) (o = r). Applying runs the actions in order, so that
 * "g=u" copies the user bits as they stand after the actions before it.
 * An octal mode compiles to one action that sets all bits.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "file_alloc.h"
#include "file_mode.h"

#define WHO_USER  (S_ISUID | S_IRWXU)
#define WHO_GROUP (S_ISGID | S_IRWXG)
#define WHO_OTHER (S_ISVTX | S_IRWXO)
#define WHO_ALL   (WHO_USER | WHO_GROUP | WHO_OTHER)

enum mode_source {
    SOURCE_BITS,  /* the bits given by r, w, x, s, t */
    SOURCE_USER,  /* copy of the current user bits (g=u) */
    SOURCE_GROUP, /* copy of the group bits */
    SOURCE_OTHER, /* copy of the other bits */
};

struct mode_action {
    char op;        /* '+', '-' or '='; 0 ends the list */
    bool who_given; /* false: the clause named no one, the umask applies */
    bool cond_exec; /* X: execute only for directories and executables */
    mode_t who;     /* the bits the clause may touch */
    mode_t bits;    /* for SOURCE_BITS, in all classes */
    enum mode_source source;
};

struct mode_change {
    size_t count;
    struct mode_action actions[];
};

static struct mode_change *compile_octal(const char *spec)
{
    struct mode_change *change;
    mode_t value = 0;

    for (const char *p = spec; *p; p++) {
        if (*p < '0' || *p > '7')
            return NULL;
        value = value * 8 + (mode_t)(*p - '0');
        if (value > 07777)
            return NULL;
    }
    change = xmalloc(sizeof *change + sizeof change->actions[0]);
    change->count = 1;
    change->actions[0] = (struct mode_action){
        .op = '=',
        .who_given = true,
        .who = WHO_ALL,
        .bits = value,
        .source = SOURCE_BITS,
    };
    return change;
}

/* Parse "ugoa" letters at *p; return the bits they name (0 for none). */
static mode_t parse_who(const char **p)
{
    mode_t who = 0;

    for (;; (*p)++) {
        switch (**p) {
        case 'u':
            who |= WHO_USER;
            break;
        case 'g':
            who |= WHO_GROUP;
            break;
        case 'o':
            who |= WHO_OTHER;
            break;
        case 'a':
            who |= WHO_ALL;
            break;
        default:
            return who;
        }
    }
}

/* Parse the permission letters after an operator into action. */
static void parse_perms(const char **p, struct mode_action *action)
{
    switch (**p) {
    case 'u':
        action->source = SOURCE_USER;
        (*p)++;
        return;
    case 'g':
        action->source = SOURCE_GROUP;
        (*p)++;
        return;
    case 'o':
        action->source = SOURCE_OTHER;
        (*p)++;
        return;
    }
    for (;; (*p)++) {
        switch (**p) {
        case 'r':
            action->bits |= S_IRUSR | S_IRGRP | S_IROTH;
            break;
        case 'w':
            action->bits |= S_IWUSR | S_IWGRP | S_IWOTH;
            break;
        case 'x':
            action->bits |= S_IXUSR | S_IXGRP | S_IXOTH;
            break;
        case 'X':
            action->cond_exec = true;
            break;
        case 's':
            action->bits |= S_ISUID | S_ISGID;
            break;
        case 't':
            action->bits |= S_ISVTX;
            break;
        default:
            return;
        }
    }
}

/* An upper bound on the actions in spec: one per operator. */
static size_t count_operators(const char *spec)
{
    size_t n = 0;

    for (; *spec; spec++)
        n += *spec == '+' || *spec == '-' || *spec == '=';
    return n;
}

static struct mode_change *compile_symbolic(const char *spec)
{
    struct mode_change *change;
    const char *p = spec;

    change = xmalloc(sizeof *change + count_operators(spec) * sizeof change->actions[0]);
    change->count = 0;
    for (;;) {
        mode_t who = parse_who(&p);
        if (*p != '+' && *p != '-' && *p != '=')
            goto bad;
        while (*p == '+' || *p == '-' || *p == '=') {
            struct mode_action *action = &change->actions[change->count++];
            *action = (struct mode_action){
                .op = *p++,
                .who_given = who != 0,
                .who = who ? who : WHO_ALL,
            };
            parse_perms(&p, action);
        }
        if (*p == '\0')
            return change;
        if (*p++ != ',')
            goto bad;
    }
bad:
    free(change);
    return NULL;
}

struct mode_change *mode_compile(const char *spec)
{
    if (!spec || !*spec)
        return NULL;
    if (*spec >= '0' && *spec <= '7')
        return compile_octal(spec);
    return compile_symbolic(spec);
}

void mode_free(struct mode_change *change)
{
    free(change);
}

/* The bits an action would add, spread over all three classes. */
static mode_t action_bits(const struct mode_action *action, mode_t cur, bool is_dir)
{
    mode_t bits = action->bits, class;

    switch (action->source) {
    case SOURCE_USER:
        class = (cur & S_IRWXU) >> 6;
        return class | class << 3 | class << 6;
    case SOURCE_GROUP:
        class = (cur & S_IRWXG) >> 3;
        return class | class << 3 | class << 6;
    case SOURCE_OTHER:
        class = cur & S_IRWXO;
        return class | class << 3 | class << 6;
    case SOURCE_BITS:
        break;
    }
    if (action->cond_exec && (is_dir || (cur & (S_IXUSR | S_IXGRP | S_IXOTH))))
        bits |= S_IXUSR | S_IXGRP | S_IXOTH;
    return bits;
}

mode_t mode_apply(const struct mode_change *change, mode_t old, bool is_dir, mode_t umask_bits)
{
    mode_t cur = old & 07777;

    for (size_t i = 0; i < change->count; i++) {
        const struct mode_action *action = &change->actions[i];
        mode_t bits = action_bits(action, cur, is_dir) & action->who;

        if (!action->who_given)
            bits &= ~umask_bits;
        switch (action->op) {
        case '+':
            cur |= bits;
            break;
        case '-':
            cur &= ~bits;
            break;
        case '=':
            cur = (cur & ~action->who) | bits;
            break;
        }
    }
    return cur;
}

mode_t mode_umask(void)
{
    mode_t mask = umask(0);

    umask(mask);
    return mask;
}

static char type_letter(mode_t mode)
{
    if (S_ISDIR(mode))
        return 'd';
    if (S_ISLNK(mode))
        return 'l';
    if (S_ISCHR(mode))
        return 'c';
    if (S_ISBLK(mode))
        return 'b';
    if (S_ISFIFO(mode))
        return 'p';
    if (S_ISSOCK(mode))
        return 's';
    return '-';
}

/* The execute letter: x, or s/t (S/T without execute) for a special bit. */
static char exec_letter(mode_t mode, mode_t exec_bit, mode_t special_bit, char special)
{
    if (mode & special_bit)
        return (mode & exec_bit) ? special : special - 'a' + 'A';
    return (mode & exec_bit) ? 'x' : '-';
}

void mode_string(mode_t mode, char out[MODE_STRING_LEN])
{
    out[0] = type_letter(mode);
    out[1] = mode & S_IRUSR ? 'r' : '-';
    out[2] = mode & S_IWUSR ? 'w' : '-';
    out[3] = exec_letter(mode, S_IXUSR, S_ISUID, 's');
    out[4] = mode & S_IRGRP ? 'r' : '-';
    out[5] = mode & S_IWGRP ? 'w' : '-';
    out[6] = exec_letter(mode, S_IXGRP, S_ISGID, 's');
    out[7] = mode & S_IROTH ? 'r' : '-';
    out[8] = mode & S_IWOTH ? 'w' : '-';
    out[9] = exec_letter(mode, S_IXOTH, S_ISVTX, 't');
    out[10] = '\0';
}

const char *mode_type_name(mode_t mode, off_t size)
{
    if (S_ISREG(mode))
        return size == 0 ? "regular empty file" : "regular file";
    if (S_ISDIR(mode))
        return "directory";
    if (S_ISLNK(mode))
        return "symbolic link";
    if (S_ISCHR(mode))
        return "character special file";
    if (S_ISBLK(mode))
        return "block special file";
    if (S_ISFIFO(mode))
        return "fifo";
    if (S_ISSOCK(mode))
        return "socket";
    return "unknown file type";
}
