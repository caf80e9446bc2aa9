/*
 * sed: the stream editor. main() gathers the script from -e and -f (or
 * the first operand), compiles it (sed_parse.c) and runs it (sed_exec.c)
 * over the input files together, or with -i over each file on its own,
 * replacing the file by a temporary one written beside it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "sed.h"

struct sed_options sed_opts;

static const char sed_synopsis[] = "[-nEi] [-e script]... [-f file]... [script] [file ...]";

struct sed_text {
    char *text;
    size_t len;
};

static void add_script(struct sed_text *s, const char *piece, size_t len)
{
    char *grown = realloc(s->text, s->len + len + 2);

    if (!grown)
        cmd_diex(4, "out of memory");
    s->text = grown;
    if (s->len)
        s->text[s->len++] = '\n';
    memcpy(s->text + s->len, piece, len);
    s->len += len;
    s->text[s->len] = '\0';
}

static void add_script_file(struct sed_text *s, const char *name)
{
    FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");
    char chunk[4096], *all = NULL;
    size_t len = 0, got;

    if (!f)
        cmd_die(1, "%s", name);
    while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (!(all = realloc(all, len + got + 1)))
            cmd_diex(4, "out of memory");
        memcpy(all + len, chunk, got);
        len += got;
    }
    if (ferror(f))
        cmd_die(1, "%s", name);
    if (f != stdin)
        fclose(f);
    if (len > 0 && all[len - 1] == '\n')
        len--;
    add_script(s, all ? all : "", len);
    free(all);
}

/* -i: edit one file through a temporary file in the same directory. */
static int edit_in_place(struct sed_script *script, char *name, int *quit)
{
    size_t len = strlen(name);
    char *temp = malloc(len + 16), *slash;
    struct stat st;
    FILE *out;
    int fd, status;

    if (!temp)
        cmd_diex(4, "out of memory");
    errno = 0;
    if (stat(name, &st) < 0 || !S_ISREG(st.st_mode)) {
        cmd_warnx("%s: %s", name, errno ? strerror(errno) : "not a regular file");
        free(temp);
        return 2;
    }
    strcpy(temp, name);
    slash = strrchr(temp, '/');
    strcpy(slash ? slash + 1 : temp, ".sedXXXXXX");
    if ((fd = mkstemp(temp)) < 0 || !(out = fdopen(fd, "w")))
        cmd_die(4, "%s: cannot create a temporary file", name);
    status = sed_run(script, &name, 1, out, quit);
    fchmod(fd, st.st_mode & 07777);
    if (fclose(out) == EOF || rename(temp, name) < 0) {
        cmd_warn("%s", name);
        unlink(temp);
        status = 4;
    }
    free(temp);
    return status;
}

int main(int argc, char **argv)
{
    struct sed_text text = { NULL, 0 };
    struct sed_script script = { NULL, 0, 0 };
    int opt, have_script = 0, status = 0, quit = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "nEire:f:")) != -1) {
        switch (opt) {
        case 'n':
            sed_opts.quiet = 1;
            break;
        case 'E':
        case 'r':
            sed_opts.extended = 1;
            break;
        case 'i':
            sed_opts.in_place = 1;
            break;
        case 'e':
            add_script(&text, optarg, strlen(optarg));
            have_script = 1;
            break;
        case 'f':
            add_script_file(&text, optarg);
            have_script = 1;
            break;
        default:
            cmd_usage(sed_synopsis);
        }
    }
    if (!have_script) {
        if (optind == argc)
            cmd_usage(sed_synopsis);
        add_script(&text, argv[optind], strlen(argv[optind]));
        optind++;
    }
    sed_compile(text.text, &script);
    if (sed_opts.in_place && optind == argc)
        cmd_diex(1, "-i needs at least one file");
    if (!sed_opts.in_place)
        status = sed_run(&script, argv + optind, argc - optind, stdout, &quit);
    for (int i = optind; sed_opts.in_place && i < argc && !quit; i++) {
        int file_status = edit_in_place(&script, argv[i], &quit);

        if (file_status)
            status = file_status;
    }
    if (fflush(stdout) == EOF)
        cmd_die(4, "standard output");
    return status;
}
