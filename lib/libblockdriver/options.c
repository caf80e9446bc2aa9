/* Start-up options shared by the block drivers, and their console voice. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bdr.h"

struct bdr_options bdr_opts = { .label = NULL, .pci = NONE, .use_ds = true };

int bdr_options(int argc, char **argv, const char *default_label)
{
    int kept = 1;

    bdr_opts.label = default_label;
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], "label=", 6) == 0 && argv[i][6])
            bdr_opts.label = argv[i] + 6;
        else if (strncmp(argv[i], "pci=", 4) == 0)
            bdr_opts.pci = (endpoint_t)strtol(argv[i] + 4, NULL, 0);
        else if (strcmp(argv[i], "nods") == 0)
            bdr_opts.use_ds = false;
        else
            argv[kept++] = argv[i];
    }
    srv_start(bdr_opts.label, NONE);
    return kept - 1;
}

int bdr_lookup(const char *label, endpoint_t *ep, uint64_t timeout_ns)
{
    uint64_t deadline = bdr_now() + timeout_ns, value = 0;
    int r;

    if (!bdr_opts.use_ds)
        return -ENOENT;
    while ((r = ds_lookup(label, &value)) == -ENOENT && bdr_now() < deadline)
        bdr_sleep(20 * MS);
    if (r == 0)
        *ep = (endpoint_t)value;
    return r;
}

void bdr_log(const char *fmt, ...)
{
    va_list ap;

    printf("%s: ", bdr_opts.label ? bdr_opts.label : srv_name);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    fflush(stdout);
}
