/*
 * more: show text a screenful at a time. The input (files, each under a
 * header when there are several, or standard input) is read into memory
 * as lines; the screen shows them in order and a prompt asks for a key:
 * space for the next page, Enter or j for one more line, d for half a
 * page, /pattern and n to skip ahead to a match, q to quit. Keys come from
 * /dev/tty, so the text itself can come from a pipe. When standard output
 * is not a terminal, more copies its input like cat.
 */
#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "cmd.h"

struct more_lines {
    char **text;
    long n, cap;
};

static struct more_lines lines;
static int rows = 24, cols = 80;
static int tty_fd = -1;
static struct termios saved;

static void add_line(const char *text, size_t len)
{
    if (lines.n == lines.cap) {
        lines.cap = lines.cap ? lines.cap * 2 : 1024;
        if (!(lines.text = realloc(lines.text, lines.cap * sizeof(char *))))
            cmd_diex(1, "out of memory");
    }
    if (!(lines.text[lines.n] = malloc(len + 1)))
        cmd_diex(1, "out of memory");
    memcpy(lines.text[lines.n], text, len);
    lines.text[lines.n++][len] = '\0';
}

static int read_lines(FILE *f)
{
    char *line = NULL;
    size_t len = 0, cap = 0;
    int c;

    while ((c = getc(f)) != EOF) {
        if (c == '\n') {
            add_line(line ? line : "", len);
            len = 0;
            continue;
        }
        if (len + 1 >= cap && !(line = realloc(line, cap = cap ? cap * 2 : 256)))
            cmd_diex(1, "out of memory");
        line[len++] = c;
    }
    if (len > 0)
        add_line(line, len);
    free(line);
    return ferror(f) ? -1 : 0;
}

static int copy_stream(FILE *f)
{
    char chunk[8192];
    size_t got;

    while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
        fwrite(chunk, 1, got, stdout);
    return ferror(f) ? -1 : 0;
}

/* Screen rows a line takes when the terminal wraps it. */
static int line_rows(const char *s)
{
    long width = 0;

    for (; *s; s++)
        width = *s == '\t' ? (width / 8 + 1) * 8 : width + 1;
    return width == 0 ? 1 : (int)((width + cols - 1) / cols);
}

static void find_size(void)
{
    const char *env;

    if ((env = getenv("LINES")) && atoi(env) > 1)
        rows = atoi(env);
    if ((env = getenv("COLUMNS")) && atoi(env) > 1)
        cols = atoi(env);
#ifdef TIOCGWINSZ
    struct winsize ws;

    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 1 && ws.ws_col > 1) {
        rows = ws.ws_row;
        cols = ws.ws_col;
    }
#endif
}

static void restore_terminal(void)
{
    if (tty_fd >= 0)
        tcsetattr(tty_fd, TCSAFLUSH, &saved);
}

/* Keys one at a time, without echo, from the terminal. */
static void open_keyboard(void)
{
    struct termios raw;

    tty_fd = open("/dev/tty", O_RDONLY);
    if (tty_fd < 0)
        tty_fd = STDERR_FILENO;
    if (tcgetattr(tty_fd, &saved) < 0) {
        tty_fd = -1;
        return;
    }
    raw = saved;
    raw.c_lflag &= ~(ICANON | ECHO);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(tty_fd, TCSAFLUSH, &raw);
    atexit(restore_terminal);
}

static int read_key(void)
{
    unsigned char c;

    if (tty_fd < 0 || read(tty_fd, &c, 1) != 1)
        return 'q';
    return c;
}

/* Show lines from *next on until rows - 1 screen rows are full (at most 'want'). */
static void show(long *next, int want)
{
    for (int used = 0; *next < lines.n && used < want;) {
        used += line_rows(lines.text[*next]);
        printf("%s\n", lines.text[(*next)++]);
    }
}

/* Prompt for a pattern on the bottom line; NULL if cancelled. */
static char *read_pattern(void)
{
    static char pattern[256];
    size_t len = 0;

    printf("\r\033[K/");
    fflush(stdout);
    for (;;) {
        int c = read_key();

        if (c == '\n' || c == '\r')
            break;
        if (c == 27 || ((c == 127 || c == 8) && len == 0))
            return NULL;
        if (c == 127 || c == 8) {
            len--;
            printf("\b \b");
        } else if (c >= 32 && len < sizeof(pattern) - 1) {
            pattern[len++] = c;
            putchar(c);
        }
        fflush(stdout);
    }
    pattern[len] = '\0';
    return pattern;
}

/* Move *next to the first line after it matching the last pattern; 0 if none. */
static int search(long *next, const char *pattern)
{
    static regex_t re;
    static int compiled;

    if (pattern) {
        if (compiled)
            regfree(&re);
        compiled = regcomp(&re, pattern, REG_NOSUB) == 0;
        if (!compiled)
            return 0;
    }
    if (!compiled)
        return 0;
    for (long i = *next; i < lines.n; i++) {
        if (regexec(&re, lines.text[i], 0, NULL, 0) == 0) {
            *next = i;
            return 1;
        }
    }
    return 0;
}

static void page(void)
{
    long next = 0;
    int text_rows = rows - 1;

    show(&next, text_rows);
    while (next < lines.n) {
        int key;

        printf("\033[7m--More--(%ld%%)\033[m", next * 100 / lines.n);
        fflush(stdout);
        key = read_key();
        printf("\r\033[K");
        if (key == 'q' || key == 'Q') {
            break;
        } else if (key == ' ' || key == 'f') {
            show(&next, text_rows);
        } else if (key == '\n' || key == '\r' || key == 'j') {
            show(&next, 1);
        } else if (key == 'd') {
            show(&next, text_rows / 2);
        } else if (key == '/' || key == 'n') {
            char *pattern = key == '/' ? read_pattern() : NULL;

            printf("\r\033[K");
            if (key == '/' && !pattern)
                continue;
            if (search(&next, pattern)) {
                puts("...skipping");
                show(&next, text_rows - 1);
            } else {
                printf("\033[7mPattern not found\033[m");
                fflush(stdout);
                read_key();
                printf("\r\033[K");
            }
        }
    }
    fflush(stdout);
}

int main(int argc, char **argv)
{
    int status = 0, nfiles, paging;

    cmd_setname(argv[0]);
    if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
        if (strcmp(argv[1], "--"))
            cmd_usage("[file ...]");
        argv++, argc--;
    }
    nfiles = argc - 1;
    paging = isatty(STDOUT_FILENO);
    if (nfiles == 0 && (paging ? read_lines(stdin) : copy_stream(stdin)) < 0)
        cmd_die(1, "standard input");
    for (int i = 1; i < argc; i++) {
        FILE *f = strcmp(argv[i], "-") == 0 ? stdin : fopen(argv[i], "r");

        if (!f) {
            cmd_warn("%s", argv[i]);
            status = 1;
            continue;
        }
        if (paging && nfiles > 1) {
            add_line("::::::::::::::", 14);
            add_line(argv[i], strlen(argv[i]));
            add_line("::::::::::::::", 14);
        }
        if ((paging ? read_lines(f) : copy_stream(f)) < 0) {
            cmd_warn("%s", argv[i]);
            status = 1;
        }
        if (f != stdin)
            fclose(f);
    }
    if (paging) {
        find_size();
        open_keyboard();
        page();
    }
    if (fflush(stdout) == EOF)
        cmd_die(1, "standard output");
    return status;
}
