/*
 * sha256sum: print the SHA-256 digest of each file, or with -c read
 * "DIGEST  NAME" lines and check each named file against its digest.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "sha256.h"

static FILE *open_input(const char *name)
{
    FILE *f = !name || strcmp(name, "-") == 0 ? stdin : fopen(name, "rb");

    if (!f)
        cmd_warn("%s", name);
    return f;
}

/* The digest of a file as 64 hex digits in hex; 0, or 1 after a message. */
static int digest_file(const char *name, char hex[2 * SHA256_DIGEST + 1])
{
    static unsigned char buf[64 * 1024];
    uint8_t d[SHA256_DIGEST];
    struct sha256 ctx;
    FILE *f = open_input(name);
    size_t n;

    if (!f)
        return 1;
    sha256_init(&ctx);
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
        sha256_update(&ctx, buf, n);
    int bad = ferror(f);
    if (bad)
        cmd_warn("%s", name ? name : "standard input");
    if (f != stdin)
        fclose(f);
    if (bad)
        return 1;
    sha256_final(&ctx, d);
    for (int i = 0; i < SHA256_DIGEST; i++)
        sprintf(hex + 2 * i, "%02x", d[i]);
    return 0;
}

/* -c: each line "DIGEST  NAME" (or "DIGEST *NAME"). */
static int check_list(const char *list)
{
    char line[4096], hex[2 * SHA256_DIGEST + 1];
    FILE *f = open_input(list);
    int status = 0, bad = 0;

    if (!f)
        return 1;
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = '\0';
        if (strlen(line) < 2 * SHA256_DIGEST + 3 || line[2 * SHA256_DIGEST] != ' ') {
            cmd_warnx("%s: improperly formatted line", list ? list : "standard input");
            status = 1;
            continue;
        }
        const char *name = line + 2 * SHA256_DIGEST + 2;
        if (digest_file(name, hex) != 0 || strncmp(hex, line, 2 * SHA256_DIGEST) != 0) {
            printf("%s: FAILED\n", name);
            bad++;
        } else {
            printf("%s: OK\n", name);
        }
    }
    if (f != stdin)
        fclose(f);
    if (bad)
        cmd_warnx("WARNING: %d computed checksum%s did NOT match", bad, bad == 1 ? "" : "s");
    return status || bad;
}

int main(int argc, char **argv)
{
    char hex[2 * SHA256_DIGEST + 1];
    int opt, check = 0, status = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "cb")) != -1) {
        if (opt == 'c')
            check = 1;
        else if (opt != 'b') /* binary and text read the same here */
            cmd_usage("[-c] [file ...]");
    }
    if (check) {
        if (optind == argc)
            return check_list(NULL);
        for (int i = optind; i < argc; i++)
            status |= check_list(argv[i]);
        return status;
    }
    if (optind == argc && digest_file(NULL, hex) == 0)
        printf("%s  -\n", hex);
    else if (optind == argc)
        status = 1;
    for (int i = optind; i < argc; i++) {
        if (digest_file(argv[i], hex) == 0)
            printf("%s  %s\n", hex, argv[i]);
        else
            status = 1;
    }
    if (fflush(stdout) == EOF)
        cmd_die(1, "standard output");
    return status;
}
