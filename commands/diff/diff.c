/*
 * diff: compare two files line by line; normal output, or unified (-u,
 * -U n) with context. Exit status 0 if the files are the same, 1 if they
 * differ, 2 on trouble.
 *
 * Each distinct line gets a number (a hash table interns them), so the
 * comparison works on integers. The shortest edit script comes from
 * Myers' O(ND) algorithm in its linear-space form: find the "middle
 * snake" of the shortest path by searching from both ends at once, then
 * solve the two halves on either side of it. The result is a flag per
 * line, "changed", on each side; runs of flagged lines are the hunks.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"

struct diff_line {
    const char *text;
    size_t len;  /* without the newline */
    int newline; /* ends with a newline */
};

struct diff_file {
    const char *name;
    char *bytes;
    struct diff_line *lines;
    int *ids;
    char *changed;
    long n;
    struct stat st;
};

struct diff_hunk {
    long a0, a1, b0, b1; /* changed lines [a0, a1) and [b0, b1) */
};

static struct diff_file files[2];
static long *forward, *backward; /* Myers' V arrays, reused by every search */

static void *xcalloc(size_t n, size_t size)
{
    void *block = calloc(n ? n : 1, size);

    if (!block)
        cmd_diex(2, "out of memory");
    return block;
}

static int load_file(struct diff_file *f)
{
    FILE *in = strcmp(f->name, "-") == 0 ? stdin : fopen(f->name, "r");
    size_t len = 0, cap = 0, got;

    if (!in || fstat(fileno(in), &f->st) < 0) {
        cmd_warn("%s", f->name);
        return -1;
    }
    if (S_ISDIR(f->st.st_mode)) {
        cmd_warnx("%s: is a directory, which diff does not compare", f->name);
        return -1;
    }
    do {
        if (cap - len < 4096 && !(f->bytes = realloc(f->bytes, cap = cap ? cap * 2 : 65536)))
            cmd_diex(2, "out of memory");
        got = fread(f->bytes + len, 1, cap - len, in);
        len += got;
    } while (got > 0);
    if (ferror(in)) {
        cmd_warn("%s", f->name);
        return -1;
    }
    if (in != stdin)
        fclose(in);
    f->lines = xcalloc(len + 1, sizeof(*f->lines));
    for (size_t pos = 0; pos < len; f->n++) {
        char *nl = memchr(f->bytes + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - f->bytes) : len;

        f->lines[f->n] = (struct diff_line){ f->bytes + pos, end - pos, nl != NULL };
        pos = end + 1;
    }
    return 0;
}

static unsigned long hash_line(const struct diff_line *l)
{
    unsigned long h = 5381 + l->newline;

    for (size_t i = 0; i < l->len; i++)
        h = h * 33 + (unsigned char)l->text[i];
    return h;
}

static int same_line(const struct diff_line *x, const struct diff_line *y)
{
    return x->len == y->len && x->newline == y->newline && !memcmp(x->text, y->text, x->len);
}

/* Give every line an id, equal ids for equal lines. */
static void intern_lines(void)
{
    size_t size = 1;
    const struct diff_line **table;
    int *table_ids, next_id = 0;

    while (size < 2 * (size_t)(files[0].n + files[1].n) + 2)
        size *= 2;
    table = xcalloc(size, sizeof(*table));
    table_ids = xcalloc(size, sizeof(*table_ids));
    for (int f = 0; f < 2; f++) {
        files[f].ids = xcalloc(files[f].n + 1, sizeof(int));
        files[f].changed = xcalloc(files[f].n + 1, 1);
        for (long i = 0; i < files[f].n; i++) {
            const struct diff_line *l = &files[f].lines[i];
            size_t slot = hash_line(l) & (size - 1);

            while (table[slot] && !same_line(table[slot], l))
                slot = (slot + 1) & (size - 1);
            if (!table[slot]) {
                table[slot] = l;
                table_ids[slot] = next_id++;
            }
            files[f].ids[i] = table_ids[slot];
        }
    }
    free(table);
    free(table_ids);
}

/* Myers' V array entry for diagonal k, or -1 if k is outside the array. */
static long diagonal(const long *v, long offset, long size, long k)
{
    return offset + k >= 0 && offset + k < size ? v[offset + k] : -1;
}

/*
 * Find the middle snake of a[a0, a1) against b[b0, b1): search forward
 * from the top left and backward from the bottom right, d edits at a
 * time, until the two paths overlap; the split point goes to *sx, *sy.
 * Diagonal k of one search is diagonal delta - k of the other. Diagonals
 * that have left the grid are trimmed from the ends of the k loop.
 */
static void find_split(long a0, long a1, long b0, long b1, long *sx, long *sy)
{
    const int *a = files[0].ids, *b = files[1].ids;
    long n = a1 - a0, m = b1 - b0, max = (n + m + 1) / 2, offset = max + 1, delta = n - m;
    long size = 2 * max + 3, trim[4] = { 0, 0, 0, 0 };
    int odd = delta & 1;

    for (long i = 0; i < size; i++)
        forward[i] = backward[i] = -1;
    forward[offset + 1] = backward[offset + 1] = 0;
    for (long d = 0; d <= max; d++) {
        for (long k = -d + trim[0]; k <= d - trim[1]; k += 2) {
            long i = offset + k, x, y, other;

            x = (k == -d || (k != d && forward[i - 1] < forward[i + 1])) ? forward[i + 1]
                                                                         : forward[i - 1] + 1;
            for (y = x - k; x < n && y < m && a[a0 + x] == b[b0 + y]; x++, y++)
                ;
            forward[i] = x;
            if (x > n) {
                trim[1] += 2;
            } else if (y > m) {
                trim[0] += 2;
            } else if (odd && (other = diagonal(backward, offset, size, delta - k)) >= 0 &&
                       x >= n - other) {
                *sx = a0 + x;
                *sy = b0 + y;
                return;
            }
        }
        for (long k = -d + trim[2]; k <= d - trim[3]; k += 2) {
            long i = offset + k, x, y, other;

            x = (k == -d || (k != d && backward[i - 1] < backward[i + 1])) ? backward[i + 1]
                                                                           : backward[i - 1] + 1;
            for (y = x - k; x < n && y < m && a[a1 - x - 1] == b[b1 - y - 1]; x++, y++)
                ;
            backward[i] = x;
            if (x > n) {
                trim[3] += 2;
            } else if (y > m) {
                trim[2] += 2;
            } else if (!odd && (other = diagonal(forward, offset, size, delta - k)) >= 0 &&
                       other >= n - x) {
                *sx = a0 + other;
                *sy = b0 + other - (delta - k);
                return;
            }
        }
    }
    *sx = a0; /* not reached; compare_ranges copes with a split that makes no progress */
    *sy = b0;
}

/* Flag the changed lines of a[a0, a1) against b[b0, b1). */
static void compare_ranges(long a0, long a1, long b0, long b1)
{
    const int *a = files[0].ids, *b = files[1].ids;
    long sx, sy;

    while (a0 < a1 && b0 < b1 && a[a0] == b[b0])
        a0++, b0++;
    while (a0 < a1 && b0 < b1 && a[a1 - 1] == b[b1 - 1])
        a1--, b1--;
    if (a0 == a1 || b0 == b1) {
        memset(files[0].changed + a0, 1, a1 - a0);
        memset(files[1].changed + b0, 1, b1 - b0);
        return;
    }
    find_split(a0, a1, b0, b1, &sx, &sy);
    if ((sx == a0 && sy == b0) || (sx == a1 && sy == b1)) {
        memset(files[0].changed + a0, 1, a1 - a0); /* no progress: give up on this part */
        memset(files[1].changed + b0, 1, b1 - b0);
        return;
    }
    compare_ranges(a0, sx, b0, sy);
    compare_ranges(sx, a1, sy, b1);
}

/* The runs of changed lines, in order; returns how many. */
static long collect_hunks(struct diff_hunk **out)
{
    struct diff_hunk *hunks = xcalloc(files[0].n + files[1].n + 1, sizeof(*hunks));
    long i = 0, j = 0, count = 0;

    while (i < files[0].n || j < files[1].n) {
        struct diff_hunk h;

        if (i < files[0].n && j < files[1].n && !files[0].changed[i] && !files[1].changed[j]) {
            i++, j++;
            continue;
        }
        h.a0 = i;
        h.b0 = j;
        while (i < files[0].n && files[0].changed[i])
            i++;
        while (j < files[1].n && files[1].changed[j])
            j++;
        h.a1 = i;
        h.b1 = j;
        hunks[count++] = h;
    }
    *out = hunks;
    return count;
}

static void print_line(const char *prefix, const struct diff_line *l)
{
    fputs(prefix, stdout);
    fwrite(l->text, 1, l->len, stdout);
    putchar('\n');
    if (!l->newline)
        puts("\\ No newline at end of file");
}

static void print_range(long from, long to)
{
    if (to - from <= 1)
        printf("%ld", to - from == 1 ? to : from);
    else
        printf("%ld,%ld", from + 1, to);
}

static void print_normal(const struct diff_hunk *hunks, long count)
{
    for (long h = 0; h < count; h++) {
        const struct diff_hunk *k = &hunks[h];
        char op = k->a0 == k->a1 ? 'a' : k->b0 == k->b1 ? 'd' : 'c';

        print_range(k->a0, k->a1);
        putchar(op);
        print_range(k->b0, k->b1);
        putchar('\n');
        for (long i = k->a0; i < k->a1; i++)
            print_line("< ", &files[0].lines[i]);
        if (op == 'c')
            puts("---");
        for (long j = k->b0; j < k->b1; j++)
            print_line("> ", &files[1].lines[j]);
    }
}

static void print_unified_header(const char *marker, const struct diff_file *f)
{
    char when[64] = "";
    struct tm *tm = localtime(&f->st.st_mtime);

    if (tm)
        strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S %z", tm);
    printf("%s %s\t%s\n", marker, f->name, when);
}

static void print_unified_range(long start, long len)
{
    if (len == 1)
        printf("%ld", start + 1);
    else
        printf("%ld,%ld", len ? start + 1 : start, len);
}

/* One @@ group: hunks[first..last] with context lines around them. */
static void print_group(const struct diff_hunk *hunks, long first, long last, long context)
{
    long a_start = hunks[first].a0 - context, b_start, a_end = hunks[last].a1 + context, b_end;

    if (a_start < 0)
        a_start = 0;
    b_start = hunks[first].b0 - (hunks[first].a0 - a_start);
    if (a_end > files[0].n)
        a_end = files[0].n;
    b_end = hunks[last].b1 + (a_end - hunks[last].a1);
    printf("@@ -");
    print_unified_range(a_start, a_end - a_start);
    printf(" +");
    print_unified_range(b_start, b_end - b_start);
    printf(" @@\n");
    for (long h = first, i = a_start; h <= last; h++) {
        for (; i < hunks[h].a0; i++)
            print_line(" ", &files[0].lines[i]);
        for (; i < hunks[h].a1; i++)
            print_line("-", &files[0].lines[i]);
        for (long j = hunks[h].b0; j < hunks[h].b1; j++)
            print_line("+", &files[1].lines[j]);
    }
    for (long i = hunks[last].a1; i < a_end; i++)
        print_line(" ", &files[0].lines[i]);
}

static void print_unified(const struct diff_hunk *hunks, long count, long context)
{
    print_unified_header("---", &files[0]);
    print_unified_header("+++", &files[1]);
    for (long first = 0; first < count;) {
        long last = first;

        while (last + 1 < count && hunks[last + 1].a0 - hunks[last].a1 <= 2 * context)
            last++;
        print_group(hunks, first, last, context);
        first = last + 1;
    }
}

int main(int argc, char **argv)
{
    struct diff_hunk *hunks;
    long context = -1, count, max;
    int opt, brief = 0;
    char *end;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "uU:q")) != -1) {
        if (opt == 'u') {
            context = 3;
        } else if (opt == 'U') {
            errno = 0;
            context = strtol(optarg, &end, 10);
            if (errno || end == optarg || *end || context < 0)
                cmd_diex(2, "invalid context length '%s'", optarg);
        } else if (opt == 'q') {
            brief = 1;
        } else {
            cmd_usage("[-q | -u | -U lines] file1 file2");
        }
    }
    if (argc - optind != 2)
        cmd_usage("[-q | -u | -U lines] file1 file2");
    files[0].name = argv[optind];
    files[1].name = argv[optind + 1];
    if (load_file(&files[0]) < 0 || load_file(&files[1]) < 0)
        return 2;
    intern_lines();
    max = (files[0].n + files[1].n + 1) / 2;
    forward = xcalloc(2 * max + 3, sizeof(long));
    backward = xcalloc(2 * max + 3, sizeof(long));
    compare_ranges(0, files[0].n, 0, files[1].n);
    count = collect_hunks(&hunks);
    if (count && brief)
        printf("Files %s and %s differ\n", files[0].name, files[1].name);
    else if (count && context >= 0)
        print_unified(hunks, count, context);
    else if (count)
        print_normal(hunks, count);
    if (fflush(stdout) == EOF)
        cmd_die(2, "standard output");
    return count ? 1 : 0;
}
