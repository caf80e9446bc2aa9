/*
 * regexec(): runs a program from regex_compile.c over a string.
 *
 * Without back-references, all NFA threads advance together one byte at
 * a time (Pike's VM). The thread list is kept in priority order: threads
 * that started earlier come first, and among those the order of SPLIT's
 * preferences, so when two threads reach the same instruction at the
 * same byte the earlier-starting, preferred one survives. A new thread
 * starts at each byte until some thread matches; after that the run goes
 * on while threads that started no later than the best match live, and a
 * match replaces the best one only if it starts earlier or ends later.
 * That yields POSIX's leftmost-longest overall match in time O(text x
 * program); submatches are those of the preferred path to that match.
 *
 * Back-references do not fit that scheme, so such patterns backtrack:
 * from each start, every path is explored (keeping the longest match)
 * with an explicit stack and a step budget; past the budget regexec()
 * reports REG_ESPACE instead of running for ever.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "regex_impl.h"

#define RE_STEP_BUDGET 20000000L
#define RE_STACK_LIMIT (1L << 22)

struct re_text {
    const struct re_program *prog;
    const unsigned char *bytes;
    size_t len;
    int eflags;
};

static int byte_matches(const struct re_text *t, const struct re_inst *in, int c)
{
    switch (in->op) {
    case RO_CHAR:
        return c == in->x;
    case RO_ANY:
        return c != '\n' || !(t->prog->cflags & REG_NEWLINE);
    case RO_SET:
        return t->prog->sets[in->x].bits[c >> 3] & (1u << (c & 7));
    default:
        return 0;
    }
}

/* Does the zero-width assertion op hold between bytes pos-1 and pos? */
static int assertion_holds(const struct re_text *t, int op, size_t pos)
{
    int newline = t->prog->cflags & REG_NEWLINE;
    int before = pos > 0 && re_is_word_byte(t->bytes[pos - 1]);
    int after = pos < t->len && re_is_word_byte(t->bytes[pos]);

    switch (op) {
    case RO_BOL:
        return (pos == 0 && !(t->eflags & REG_NOTBOL)) ||
               (newline && pos > 0 && t->bytes[pos - 1] == '\n');
    case RO_EOL:
        return (pos == t->len && !(t->eflags & REG_NOTEOL)) ||
               (newline && pos < t->len && t->bytes[pos] == '\n');
    case RO_WORDBEG:
        return !before && after;
    case RO_WORDEND:
        return before && !after;
    case RO_WORDB:
        return before != after;
    default: /* RO_NWORDB */
        return before == after;
    }
}

static int is_assertion(int op)
{
    return op == RO_BOL || op == RO_EOL || op == RO_WORDBEG || op == RO_WORDEND || op == RO_WORDB ||
           op == RO_NWORDB;
}

/* ---- Pike VM ---------------------------------------------------------- */

struct re_threads {
    int *pcs;
    regoff_t *caps; /* ncaps per thread */
    int count;
};

struct re_closure_entry {
    int pc; /* -1: restore work[slot] = old */
    int slot;
    regoff_t old;
};

struct re_vm {
    struct re_text text;
    int ncaps;
    struct re_threads lists[2];
    unsigned *marks; /* marks[pc] == generation: pc already on the list */
    unsigned generation;
    struct re_closure_entry *stack;
    regoff_t *work;
    regoff_t *best;
    int matched;
};

/*
 * Add the thread at pc (captures in vm->work) to list, following jumps,
 * splits, saves and assertions at position pos; consuming instructions
 * and MATCH end up on the list.
 */
static void add_thread(struct re_vm *vm, struct re_threads *list, int pc, size_t pos)
{
    const struct re_inst *insts = vm->text.prog->insts;
    int depth = 0;

    vm->stack[depth++] = (struct re_closure_entry){ .pc = pc };
    while (depth > 0) {
        struct re_closure_entry top = vm->stack[--depth];

        if (top.pc < 0) {
            vm->work[top.slot] = top.old;
            continue;
        }
        for (pc = top.pc; vm->marks[pc] != vm->generation;) {
            const struct re_inst *in = &insts[pc];

            vm->marks[pc] = vm->generation;
            if (in->op == RO_JMP) {
                pc = in->x;
            } else if (in->op == RO_SPLIT || in->op == RO_LOOP) {
                vm->stack[depth++] =
                    (struct re_closure_entry){ .pc = in->op == RO_SPLIT ? in->y : pc + 1 };
                pc = in->op == RO_SPLIT ? in->x : in->y;
            } else if (in->op == RO_SAVE || in->op == RO_MARK) {
                if (in->op == RO_SAVE && in->x < vm->ncaps) {
                    vm->stack[depth++] = (struct re_closure_entry){ -1, in->x, vm->work[in->x] };
                    vm->work[in->x] = pos;
                }
                pc++;
            } else if (is_assertion(in->op)) {
                if (!assertion_holds(&vm->text, in->op, pos))
                    break;
                pc++;
            } else {
                list->pcs[list->count] = pc;
                memcpy(&list->caps[list->count * vm->ncaps], vm->work,
                       vm->ncaps * sizeof(regoff_t));
                list->count++;
                break;
            }
        }
    }
}

/* A thread reached MATCH at pos: keep it if it is leftmost-longest so far. */
static void consider_match(struct re_vm *vm, const regoff_t *caps, size_t pos)
{
    if (vm->matched && caps[0] > vm->best[0])
        return;
    if (vm->matched && caps[0] == vm->best[0] && (regoff_t)pos <= vm->best[1])
        return;
    memcpy(vm->best, caps, vm->ncaps * sizeof(regoff_t));
    vm->best[1] = pos;
    vm->matched = 1;
}

/* Advance every thread of current over the byte at pos into next. */
static void step(struct re_vm *vm, struct re_threads *current, struct re_threads *next, size_t pos)
{
    const struct re_inst *insts = vm->text.prog->insts;

    vm->generation++;
    next->count = 0;
    for (int i = 0; i < current->count; i++) {
        const regoff_t *caps = &current->caps[i * vm->ncaps];
        const struct re_inst *in = &insts[current->pcs[i]];

        if (vm->matched && caps[0] > vm->best[0])
            continue;
        if (in->op == RO_MATCH) {
            consider_match(vm, caps, pos);
        } else if (pos < vm->text.len && byte_matches(&vm->text, in, vm->text.bytes[pos])) {
            memcpy(vm->work, caps, vm->ncaps * sizeof(regoff_t));
            add_thread(vm, next, current->pcs[i] + 1, pos + 1);
        }
    }
}

static int pike_run(struct re_vm *vm)
{
    struct re_threads *current = &vm->lists[0], *next = &vm->lists[1], *swap;

    vm->generation = 1;
    current->count = 0;
    for (size_t pos = 0;; pos++) {
        if (!vm->matched) {
            for (int i = 0; i < vm->ncaps; i++)
                vm->work[i] = -1;
            add_thread(vm, current, 0, pos);
        }
        if (current->count == 0 && (vm->matched || pos >= vm->text.len))
            break;
        step(vm, current, next, pos);
        if (pos >= vm->text.len)
            break;
        swap = current;
        current = next;
        next = swap;
    }
    return vm->matched ? 0 : REG_NOMATCH;
}

static int pike_match(const struct re_text *text, int ncaps, regoff_t *best)
{
    int n = text->prog->ninsts, err = REG_ESPACE;
    struct re_vm vm = { .text = *text, .ncaps = ncaps, .best = best };

    vm.marks = calloc(n, sizeof(*vm.marks));
    vm.stack = malloc(2 * (n + 1) * sizeof(*vm.stack));
    vm.work = malloc(ncaps * sizeof(regoff_t));
    for (int i = 0; i < 2; i++) {
        vm.lists[i].pcs = malloc(n * sizeof(int));
        vm.lists[i].caps = malloc((size_t)n * ncaps * sizeof(regoff_t));
    }
    if (vm.marks && vm.stack && vm.work && vm.lists[0].pcs && vm.lists[0].caps && vm.lists[1].pcs &&
        vm.lists[1].caps)
        err = pike_run(&vm);
    for (int i = 0; i < 2; i++) {
        free(vm.lists[i].pcs);
        free(vm.lists[i].caps);
    }
    free(vm.marks);
    free(vm.stack);
    free(vm.work);
    return err;
}

/* ---- Backtracking, for back-references -------------------------------- */

struct re_backtrack {
    struct re_text text;
    regoff_t *slots; /* captures, then loop marks */
    int nslots;
    struct re_closure_entry *stack; /* pc >= 0: alternative at (pc, old = pos) */
    long depth, cap;
    long budget;
    regoff_t *best;
    int ncaps;
    int matched;
};

static int bt_push(struct re_backtrack *bt, int pc, int slot, regoff_t value)
{
    if (bt->depth == bt->cap) {
        long cap = bt->cap ? bt->cap * 2 : 256;
        struct re_closure_entry *grown;

        if (cap > RE_STACK_LIMIT)
            return REG_ESPACE;
        grown = realloc(bt->stack, cap * sizeof(*grown));
        if (!grown)
            return REG_ESPACE;
        bt->stack = grown;
        bt->cap = cap;
    }
    bt->stack[bt->depth++] = (struct re_closure_entry){ pc, slot, value };
    return 0;
}

/* Match group n's text again at *pos; 1 on success. */
static int backref_matches(struct re_backtrack *bt, int n, size_t *pos)
{
    regoff_t so = bt->slots[2 * n], eo = bt->slots[2 * n + 1];
    size_t len;

    if (so < 0 || eo < so)
        return 0;
    len = eo - so;
    if (*pos + len > bt->text.len)
        return 0;
    for (size_t i = 0; i < len; i++) {
        int a = bt->text.bytes[so + i], b = bt->text.bytes[*pos + i];

        if (a != b && !((bt->text.prog->cflags & REG_ICASE) && tolower(a) == tolower(b)))
            return 0;
    }
    *pos += len;
    return 1;
}

/* Record a match ending at pos if it is longer than the best from this start. */
static void bt_match(struct re_backtrack *bt, size_t pos)
{
    if (bt->matched && (regoff_t)pos <= bt->best[1])
        return;
    memcpy(bt->best, bt->slots, bt->ncaps * sizeof(regoff_t));
    bt->best[1] = pos;
    bt->matched = 1;
}

/* Run one instruction; returns the next pc, -1 when this path fails, or -2 - error. */
static int bt_step(struct re_backtrack *bt, int pc, size_t *pos)
{
    const struct re_inst *in = &bt->text.prog->insts[pc];
    int slot;

    switch (in->op) {
    case RO_CHAR:
    case RO_ANY:
    case RO_SET:
        if (*pos >= bt->text.len || !byte_matches(&bt->text, in, bt->text.bytes[*pos]))
            return -1;
        (*pos)++;
        return pc + 1;
    case RO_BACKREF:
        return backref_matches(bt, in->x, pos) ? pc + 1 : -1;
    case RO_SAVE:
    case RO_MARK:
        slot = in->op == RO_SAVE ? in->x : bt->ncaps + in->x;
        if (bt_push(bt, -1, slot, bt->slots[slot]))
            return -2 - REG_ESPACE;
        bt->slots[slot] = *pos;
        return pc + 1;
    case RO_SPLIT:
        return bt_push(bt, in->y, 0, *pos) ? -2 - REG_ESPACE : in->x;
    case RO_JMP:
        return in->x;
    case RO_LOOP:
        if (bt->slots[bt->ncaps + in->x] == (regoff_t)*pos)
            return pc + 1;
        return bt_push(bt, pc + 1, 0, *pos) ? -2 - REG_ESPACE : in->y;
    case RO_MATCH:
        bt_match(bt, *pos);
        return -1;
    default:
        return assertion_holds(&bt->text, in->op, *pos) ? pc + 1 : -1;
    }
}

/* Explore every path from start; 0 when done, or an error. */
static int bt_from(struct re_backtrack *bt, size_t start)
{
    for (int i = 0; i < bt->nslots; i++)
        bt->slots[i] = -1;
    bt->depth = 0;
    if (bt_push(bt, 0, 0, start))
        return REG_ESPACE;
    while (bt->depth > 0) {
        struct re_closure_entry top = bt->stack[--bt->depth];
        size_t pos = top.old;
        int pc = top.pc;

        if (pc < 0) {
            bt->slots[top.slot] = top.old;
            continue;
        }
        while (pc >= 0) {
            if (--bt->budget < 0)
                return REG_ESPACE;
            pc = bt_step(bt, pc, &pos);
        }
        if (pc < -1)
            return -2 - pc;
        if (bt->matched && bt->best[1] == (regoff_t)bt->text.len)
            break; /* nothing can be longer */
    }
    return 0;
}

static int backtrack_match(const struct re_text *text, int ncaps, regoff_t *best)
{
    const struct re_program *prog = text->prog;
    struct re_backtrack bt = { .text = *text, .ncaps = ncaps, .best = best };
    int err = REG_ESPACE;

    bt.nslots = prog->ncaps + prog->nloops;
    bt.ncaps = prog->ncaps;
    bt.budget = RE_STEP_BUDGET;
    bt.slots = malloc(bt.nslots * sizeof(regoff_t));
    if (bt.slots) {
        err = REG_NOMATCH;
        for (size_t start = 0; start <= text->len && err == REG_NOMATCH; start++) {
            int run = bt_from(&bt, start);

            err = run ? run : bt.matched ? 0 : REG_NOMATCH;
        }
    }
    free(bt.slots);
    free(bt.stack);
    return err;
}

/* ---- regexec() -------------------------------------------------------- */

int regexec(const regex_t *restrict preg, const char *restrict string, size_t nmatch,
            regmatch_t pmatch[restrict], int eflags)
{
    const struct re_program *prog;
    struct re_text text;
    regoff_t *best;
    int ncaps, err;

    if (!preg || !preg->re_prog || !string)
        return REG_BADPAT;
    prog = preg->re_prog;
    if (prog->cflags & REG_NOSUB)
        nmatch = 0;
    text = (struct re_text){ prog, (const unsigned char *)string, strlen(string), eflags };
    ncaps =
        prog->has_backref || nmatch > preg->re_nsub ? prog->ncaps : 2 * (int)(nmatch ? nmatch : 1);
    best = malloc(prog->ncaps * sizeof(regoff_t));
    if (!best)
        return REG_ESPACE;
    err = prog->has_backref ? backtrack_match(&text, ncaps, best) : pike_match(&text, ncaps, best);
    for (size_t i = 0; !err && i < nmatch; i++) {
        int set = (int)i <= (int)preg->re_nsub && 2 * (int)i + 1 < ncaps && best[2 * i] >= 0 &&
                  best[2 * i + 1] >= 0;

        pmatch[i].rm_so = set ? best[2 * i] : -1;
        pmatch[i].rm_eo = set ? best[2 * i + 1] : -1;
    }
    free(best);
    return err;
}
