/* Human-readable sizes; see file_human.h. Integer arithmetic only. */
#include <stdio.h>

#include "file_human.h"

static uintmax_t ceil_div(uintmax_t n, uintmax_t d)
{
    return n / d + (n % d != 0);
}

void human_size(uintmax_t bytes, char out[HUMAN_SIZE_LEN])
{
    static const char units[] = "KMGTPE";
    uintmax_t divisor = 1;
    int unit = -1;

    if (bytes < 1024) {
        snprintf(out, HUMAN_SIZE_LEN, "%ju", bytes);
        return;
    }
    /* The smallest unit in which the value, rounded up, is below 1024. */
    do {
        divisor *= 1024;
        unit++;
    } while (unit < 5 && ceil_div(bytes, divisor) >= 1024);

    /* Below ten units: one decimal, in tenths rounded up. */
    uintmax_t tenths = bytes / divisor * 10 + ceil_div(bytes % divisor * 10, divisor);
    if (tenths < 100)
        snprintf(out, HUMAN_SIZE_LEN, "%ju.%ju%c", tenths / 10, tenths % 10, units[unit]);
    else
        snprintf(out, HUMAN_SIZE_LEN, "%ju%c", ceil_div(bytes, divisor), units[unit]);
}
