/*
 * Reading the CMOS clock through its index and data ports (0x70, 0x71).
 * The clock updates its registers once a second; a reading taken across an
 * update can mix the old and the new second (23:59:59 becoming 00:00:00 on
 * the wrong day). So we wait for the update-in-progress bit to clear and
 * read everything, and accept a reading only when the next one agrees.
 */
#include <string.h>
#include <ember/sys.h>
#include "rtc.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71
#define UIP_POLLS  100000 /* an update takes under 2 ms; polls cost far more than 20 ns */
#define MAX_READS  10

static uint8_t cmos_get(uint8_t reg)
{
    uint8_t v = 0xff;

    sys_outb(CMOS_INDEX, reg);
    sys_inb(CMOS_DATA, &v);
    return v;
}

static bool wait_update_done(void)
{
    for (int i = 0; i < UIP_POLLS; i++)
        if (!(cmos_get(CMOS_STATUS_A) & CMOS_A_UIP))
            return true;
    return false;
}

static bool read_once(struct rtc_raw *raw)
{
    if (!wait_update_done())
        return false;
    memset(raw, 0, sizeof(*raw));
    raw->sec = cmos_get(CMOS_SECONDS);
    raw->min = cmos_get(CMOS_MINUTES);
    raw->hour = cmos_get(CMOS_HOURS);
    raw->day = cmos_get(CMOS_DAY);
    raw->month = cmos_get(CMOS_MONTH);
    raw->year = cmos_get(CMOS_YEAR);
    raw->century = cmos_get(CMOS_CENTURY);
    raw->status_b = cmos_get(CMOS_STATUS_B);
    return true;
}

bool cmos_read(struct rtc_raw *raw)
{
    struct rtc_raw next;

    if (!read_once(raw))
        return false;
    for (int i = 0; i < MAX_READS; i++) {
        if (!read_once(&next))
            return false;
        if (memcmp(raw, &next, sizeof(next)) == 0)
            return true;
        *raw = next;
    }
    return false;
}
