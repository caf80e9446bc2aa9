/* The CMOS real-time clock: registers, raw readings, their decoding. */
#ifndef RTC_H
#define RTC_H

#include <stdbool.h>
#include <stdint.h>

/* CMOS registers (MC146818 and its successors). */
enum {
    CMOS_SECONDS = 0x00,
    CMOS_MINUTES = 0x02,
    CMOS_HOURS = 0x04,
    CMOS_DAY = 0x07, /* of the month */
    CMOS_MONTH = 0x08,
    CMOS_YEAR = 0x09,
    CMOS_STATUS_A = 0x0a,
    CMOS_STATUS_B = 0x0b,
    CMOS_CENTURY = 0x32, /* the ACPI FADT's usual century register */
};

#define CMOS_A_UIP    0x80 /* status A: an update is in progress */
#define CMOS_B_24HOUR 0x02 /* status B: hours count 0-23, not 1-12 + PM bit */
#define CMOS_B_BINARY 0x04 /* status B: values are binary, not BCD */
#define CMOS_HOUR_PM  0x80 /* in 12-hour mode, the hours register's PM bit */

/* The clock's registers as read, before any decoding. */
struct rtc_raw {
    uint8_t sec, min, hour, day, month, year, century;
    uint8_t status_b;
};

/* Seconds since the epoch for RAW, or -1 if a field is impossible (not
 * BCD in BCD mode, out of range, a day the month does not have); *why
 * then names the field. A century register outside 19-29 is taken as
 * absent: the year is 20xx. */
int64_t rtc_decode(const struct rtc_raw *raw, const char **why);

/* Read the registers consistently: after an update finishes, twice in a
 * row with the same values. False if the clock never settles. */
bool cmos_read(struct rtc_raw *raw);

#endif
