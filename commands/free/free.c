/*
 * free: how much memory is in use.
 *
 *   free [-b | -k | -m | -g | -h]
 *
 *                  total        used        free
 *   Mem:          524288       12345      511943
 *   Swap:              0           0           0
 *
 * The figures are vm's page counts (meminfo(), lib/include/ember/info.h)
 * in KiB by default, or bytes (-b), MiB (-m), GiB (-g) or a unit chosen
 * per figure (-h). Ember has no swap space: that line is all zeros.
 */
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>
#include <ember/info.h>

#include "cmd.h"

#define PAGE_SIZE 4096ull

/* One figure in the unit chosen: 'b' bytes, 'k' KiB, 'm' MiB, 'g' GiB,
 * 'h' whichever suits it. */
static void put_size(uint64_t bytes, int unit)
{
    static const char suffixes[] = "BKMGT";
    char text[32];

    if (unit == 'h') {
        int i = 0;
        double v = (double)bytes;
        while (v >= 1024 && suffixes[i + 1]) {
            v /= 1024;
            i++;
        }
        snprintf(text, sizeof(text), i == 0 ? "%.0f%c" : "%.1f%c", v, suffixes[i]);
    } else {
        int shift = unit == 'b' ? 0 : unit == 'k' ? 10 : unit == 'm' ? 20 : 30;
        snprintf(text, sizeof(text), "%llu", (unsigned long long)(bytes >> shift));
    }
    printf(" %11s", text);
}

int main(int argc, char **argv)
{
    uint64_t total, free_pages;
    int opt, unit = 'k';

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "bkmgh")) != -1) {
        if (opt == '?')
            cmd_usage("[-b | -k | -m | -g | -h]");
        unit = opt;
    }
    if (optind != argc)
        cmd_usage("[-b | -k | -m | -g | -h]");
    if (meminfo(&total, &free_pages) < 0)
        cmd_die(1, "cannot read the memory figures from vm");
    printf("%-5s %11s %11s %11s\n", "", "total", "used", "free");
    printf("%-5s", "Mem:");
    put_size(total * PAGE_SIZE, unit);
    put_size((total - free_pages) * PAGE_SIZE, unit);
    put_size(free_pages * PAGE_SIZE, unit);
    printf("\n%-5s", "Swap:");
    for (int i = 0; i < 3; i++)
        put_size(0, unit);
    printf("\n");
    return fflush(stdout) == 0 ? 0 : 1;
}
