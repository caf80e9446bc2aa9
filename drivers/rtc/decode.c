/*
 * Decoding the CMOS clock. The registers hold BCD or binary values and
 * hours in 12- or 24-hour form, as status register B says; no field is
 * trusted: a battery-less or corrupt CMOS can hold anything, and a wrong
 * clock is worse than the epoch, so any impossible field rejects the whole
 * reading. Pure computation: the host unit test links this file.
 */
#include <stddef.h>
#include "rtc.h"

/* A register's value in binary, or -1 if it is not valid BCD. */
static int from_bcd(uint8_t v)
{
    if ((v & 0x0f) > 9 || (v >> 4) > 9)
        return -1;
    return (v >> 4) * 10 + (v & 0x0f);
}

static int field(uint8_t v, bool binary)
{
    return binary ? v : from_bcd(v);
}

/* The hour 0-23, or -1. In 12-hour mode the PM bit rides on the value,
 * which runs 1-12 (12 AM is midnight). */
static int hour_of(uint8_t v, uint8_t status_b)
{
    bool binary = status_b & CMOS_B_BINARY;

    if (status_b & CMOS_B_24HOUR)
        return field(v, binary);
    int h = field(v & ~CMOS_HOUR_PM, binary);
    if (h < 1 || h > 12)
        return -1;
    return h % 12 + (v & CMOS_HOUR_PM ? 12 : 0);
}

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

    return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Days from 1970-01-01 to Y-M-D (proleptic Gregorian, any year >= 1). */
static int64_t days_from_epoch(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = y / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int64_t rtc_decode(const struct rtc_raw *raw, const char **why)
{
    bool binary = raw->status_b & CMOS_B_BINARY;
    int sec = field(raw->sec, binary), min = field(raw->min, binary);
    int hour = hour_of(raw->hour, raw->status_b);
    int day = field(raw->day, binary), month = field(raw->month, binary);
    int year = field(raw->year, binary), century = field(raw->century, binary);

    *why = sec < 0 || sec > 59       ? "seconds"
           : min < 0 || min > 59     ? "minutes"
           : hour < 0 || hour > 23   ? "hours"
           : month < 1 || month > 12 ? "month"
           : year < 0 || year > 99   ? "year"
                                     : NULL;
    if (*why)
        return -1;
    year += (century >= 19 && century <= 29 ? century : 20) * 100;
    if (day < 1 || day > days_in_month(year, month)) {
        *why = "day of the month";
        return -1;
    }
    return days_from_epoch(year, month, day) * 86400 + hour * 3600 + min * 60 + sec;
}
