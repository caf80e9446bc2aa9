/*
 * grep: print the lines of files that match any of the patterns.
 *
 * Patterns come from -e, -f or the first operand; each line of them is a
 * pattern of its own. Basic (default), extended (-E) or fixed-string (-F)
 * patterns; -w and -x are checked on the offsets of the match, which are
 * leftmost-longest, so "-x" is simply "the match spans the line".
 * -o prints each match instead of its line: the leftmost of all the
 * patterns' matches, then the next after it, skipping empty ones.
 * Exit status: 0 if a line was selected, 1 if none, 2 on error (but 0
 * with -q once a line matched).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

#define GREP_USAGE "[-EFcHhiLlnoqRrsvwx] [-e pattern]... [-f file]... [pattern] [file ...]"

enum grep_output { OUT_LINES, OUT_COUNT, OUT_NAMES, OUT_NAMES_WITHOUT, OUT_QUIET };

struct grep_pattern {
    char *text;
    size_t len;
    regex_t re;
};

struct grep_options {
    int extended, fixed, icase, invert, word, whole_line, number, silent, recursive, follow_links;
    int only_matching;
    int with_names; /* -1: as the number of files decides */
    enum grep_output output;
};

static struct grep_options opts = { .with_names = -1 };
static struct grep_pattern *patterns;
static int npatterns;
static int error_seen;

static void add_pattern(const char *text, size_t len)
{
    struct grep_pattern *grown = realloc(patterns, (npatterns + 1) * sizeof(*patterns));

    if (!grown || !(grown[npatterns].text = malloc(len + 1)))
        cmd_diex(2, "out of memory");
    patterns = grown;
    memcpy(patterns[npatterns].text, text, len);
    patterns[npatterns].text[len] = '\0';
    patterns[npatterns].len = len;
    npatterns++;
}

/* A pattern operand holds one pattern per line. */
static void add_pattern_lines(const char *text)
{
    const char *nl;

    while ((nl = strchr(text, '\n'))) {
        add_pattern(text, nl - text);
        text = nl + 1;
    }
    add_pattern(text, strlen(text));
}

static void add_pattern_file(const char *name)
{
    FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
    char *text = NULL;
    size_t len = 0, cap = 0;
    int c;

    if (!f)
        cmd_die(2, "%s", name);
    while ((c = getc(f)) != EOF) {
        if (len + 2 > cap) {
            cap = cap ? cap * 2 : 256;
            if (!(text = realloc(text, cap)))
                cmd_diex(2, "out of memory");
        }
        text[len++] = c;
    }
    if (ferror(f))
        cmd_die(2, "%s", name);
    if (f != stdin)
        fclose(f);
    if (len > 0 && text[len - 1] == '\n')
        len--;
    if (len == 0 && !text) /* an empty file holds no pattern at all */
        return;
    text[len] = '\0';
    add_pattern_lines(text);
    free(text);
}

static void compile_patterns(void)
{
    int cflags = (opts.extended ? REG_EXTENDED : 0) | (opts.icase ? REG_ICASE : 0);

    if (opts.fixed)
        return;
    for (int i = 0; i < npatterns; i++) {
        int err = regcomp(&patterns[i].re, patterns[i].text, cflags);

        if (err) {
            char message[128];

            regerror(err, &patterns[i].re, message, sizeof(message));
            cmd_diex(2, "bad pattern '%s': %s", patterns[i].text, message);
        }
    }
}

/* Find fixed string p in line from offset start on; offsets in *so, *eo. */
static int find_fixed(const struct grep_pattern *p, const char *line, size_t len, size_t start,
                      size_t *so, size_t *eo)
{
    for (size_t i = start; i + p->len <= len; i++) {
        if (opts.icase ? !strncasecmp(line + i, p->text, p->len)
                       : !memcmp(line + i, p->text, p->len)) {
            *so = i;
            *eo = i + p->len;
            return 1;
        }
    }
    return 0;
}

static int find_match(const struct grep_pattern *p, const char *line, size_t len, size_t start,
                      size_t *so, size_t *eo)
{
    regmatch_t m;

    if (opts.fixed)
        return find_fixed(p, line, len, start, so, eo);
    if (regexec(&p->re, line + start, 1, &m, start ? REG_NOTBOL : 0) != 0)
        return 0;
    *so = start + m.rm_so;
    *eo = start + m.rm_eo;
    return 1;
}

static int word_bounded(const char *line, size_t len, size_t so, size_t eo)
{
    int before = so > 0 && (isalnum((unsigned char)line[so - 1]) || line[so - 1] == '_');
    int after = eo < len && (isalnum((unsigned char)line[eo]) || line[eo] == '_');

    return !before && !after;
}

/* The first match of p at or after start that -w and -x accept. */
static int next_match(const struct grep_pattern *p, const char *line, size_t len, size_t start,
                      size_t *so, size_t *eo)
{
    for (; start <= len && find_match(p, line, len, start, so, eo); start = *so + 1) {
        if (opts.whole_line)
            return *so == 0 && *eo == len;
        if (!opts.word || word_bounded(line, len, *so, *eo))
            return 1;
    }
    return 0;
}

static int pattern_matches(const struct grep_pattern *p, const char *line, size_t len)
{
    size_t so, eo;

    return next_match(p, line, len, 0, &so, &eo);
}

static int line_selected(const char *line, size_t len)
{
    int matched = 0;

    for (int i = 0; i < npatterns && !matched; i++)
        matched = pattern_matches(&patterns[i], line, len);
    return matched != opts.invert;
}

/* Read a line without its newline; -1 at end of input. */
static long read_line(FILE *f, char **line, size_t *cap)
{
    size_t len = 0;
    int c;

    while ((c = getc(f)) != EOF && c != '\n') {
        if (len + 2 > *cap) {
            *cap = *cap ? *cap * 2 : 256;
            if (!(*line = realloc(*line, *cap)))
                cmd_diex(2, "out of memory");
        }
        (*line)[len++] = c ? c : ' '; /* a NUL would end the regex subject */
    }
    if (c == EOF && len == 0)
        return -1;
    if (!*line && !(*line = malloc(*cap = 1)))
        cmd_diex(2, "out of memory");
    (*line)[len] = '\0';
    return len;
}

static void print_prefix(const char *name, int show_name, long lineno)
{
    if (show_name)
        printf("%s:", name);
    if (opts.number)
        printf("%ld:", lineno);
}

/* -o: the line's matches, leftmost (then longest) first, one per line. */
static void print_matches(const char *line, size_t len, const char *name, int show_name,
                          long lineno)
{
    for (size_t start = 0; start <= len;) {
        size_t first = len + 1, end = 0, so, eo;

        for (int i = 0; i < npatterns; i++)
            if (next_match(&patterns[i], line, len, start, &so, &eo) &&
                (so < first || (so == first && eo > end))) {
                first = so;
                end = eo;
            }
        if (first > len)
            return;
        if (end > first) {
            print_prefix(name, show_name, lineno);
            fwrite(line + first, 1, end - first, stdout);
            putchar('\n');
        }
        start = end > first ? end : first + 1;
    }
}

/* Search one stream; the number of selected lines. */
static long grep_stream(FILE *f, const char *name, int show_name)
{
    static char *line;
    static size_t cap;
    long len, count = 0, lineno = 0;

    while ((len = read_line(f, &line, &cap)) >= 0) {
        lineno++;
        if (!line_selected(line, len))
            continue;
        count++;
        if (opts.output == OUT_QUIET)
            exit(0);
        if (opts.output != OUT_LINES) {
            if (opts.output == OUT_COUNT)
                continue;
            break; /* -l and -L need no more than one line */
        }
        if (opts.only_matching) {
            if (!opts.invert) /* an inverted match has no matches to print */
                print_matches(line, len, name, show_name, lineno);
            continue;
        }
        print_prefix(name, show_name, lineno);
        fwrite(line, 1, len, stdout);
        putchar('\n');
    }
    return count;
}

static void report_error(const char *name)
{
    if (!opts.silent)
        cmd_warn("%s", name);
    error_seen = 1;
}

static long grep_file(const char *name, int show_name);

static long grep_directory(const char *name, int show_name)
{
    DIR *dir = opendir(name);
    struct dirent *entry;
    long count = 0;

    if (!dir) {
        report_error(name);
        return 0;
    }
    while ((entry = readdir(dir))) {
        size_t len = strlen(name) + strlen(entry->d_name) + 2;
        char *path;

        if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
            continue;
        if (!(path = malloc(len)))
            cmd_diex(2, "out of memory");
        snprintf(path, len, "%s%s%s", name, name[strlen(name) - 1] == '/' ? "" : "/",
                 entry->d_name);
        count += grep_file(path, show_name);
        free(path);
    }
    closedir(dir);
    return count;
}

static void report_file(const char *name, long count, int show_name)
{
    if (opts.output == OUT_COUNT) {
        if (show_name)
            printf("%s:", name);
        printf("%ld\n", count);
    } else if ((opts.output == OUT_NAMES && count) ||
               (opts.output == OUT_NAMES_WITHOUT && !count)) {
        printf("%s\n", name);
    }
}

/* Search a file (a directory too, with -r); the number of selected lines. */
static long grep_file(const char *name, int show_name)
{
    static int depth;
    struct stat st;
    FILE *f;
    long count;

    if (strcmp(name, "-") == 0) {
        count = grep_stream(stdin, "(standard input)", show_name);
        report_file("(standard input)", count, show_name);
        return count;
    }
    if (opts.recursive &&
        (depth == 0 || opts.follow_links ? stat(name, &st) : lstat(name, &st)) == 0) {
        if (S_ISLNK(st.st_mode))
            return 0;
        if (S_ISDIR(st.st_mode)) {
            depth++;
            count = grep_directory(name, show_name);
            depth--;
            return count;
        }
    }
    if (!(f = fopen(name, "r"))) {
        report_error(name);
        return 0;
    }
    count = grep_stream(f, name, show_name);
    if (ferror(f))
        report_error(name);
    fclose(f);
    report_file(name, count, show_name);
    return count;
}

static void parse_options(int argc, char **argv)
{
    int opt, have_patterns = 0;

    while ((opt = getopt(argc, argv, "EFGHLRce:f:hilnoqrsvwx")) != -1) {
        switch (opt) {
        case 'E':
            opts.extended = 1;
            break;
        case 'F':
            opts.fixed = 1;
            break;
        case 'G':
            opts.extended = opts.fixed = 0;
            break;
        case 'H':
            opts.with_names = 1;
            break;
        case 'h':
            opts.with_names = 0;
            break;
        case 'c':
            opts.output = OUT_COUNT;
            break;
        case 'l':
            opts.output = OUT_NAMES;
            break;
        case 'L':
            opts.output = OUT_NAMES_WITHOUT;
            break;
        case 'o':
            opts.only_matching = 1;
            break;
        case 'q':
            opts.output = OUT_QUIET;
            break;
        case 'i':
            opts.icase = 1;
            break;
        case 'n':
            opts.number = 1;
            break;
        case 's':
            opts.silent = 1;
            break;
        case 'v':
            opts.invert = 1;
            break;
        case 'w':
            opts.word = 1;
            break;
        case 'x':
            opts.whole_line = 1;
            break;
        case 'R':
            opts.follow_links = 1; /* fall through */
        case 'r':
            opts.recursive = 1;
            break;
        case 'e':
            add_pattern_lines(optarg);
            have_patterns = 1;
            break;
        case 'f':
            add_pattern_file(optarg);
            have_patterns = 1;
            break;
        default:
            cmd_usage(GREP_USAGE);
        }
    }
    if (!have_patterns) {
        if (optind == argc)
            cmd_usage(GREP_USAGE);
        add_pattern_lines(argv[optind++]);
    }
}

int main(int argc, char **argv)
{
    long selected = 0;
    int nfiles, show_name;

    cmd_setname(argv[0]);
    parse_options(argc, argv);
    compile_patterns();
    nfiles = argc - optind;
    show_name = opts.with_names >= 0 ? opts.with_names : nfiles > 1 || opts.recursive;
    if (nfiles == 0)
        selected = grep_file(opts.recursive ? "." : "-", show_name);
    for (int i = optind; i < argc; i++)
        selected += grep_file(argv[i], show_name);
    if (fflush(stdout) == EOF)
        cmd_die(2, "standard output");
    if (opts.output == OUT_NAMES_WITHOUT)
        return error_seen ? 2 : 0;
    return error_seen ? 2 : selected ? 0 : 1;
}
