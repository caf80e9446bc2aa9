/*
 * cksum: the POSIX checksum (CRC-32, polynomial 0x04C11DB7, most
 * significant bit first, over the data and then its length) and the size
 * of each file.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

static uint32_t table[256];

static void make_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i << 24;
        for (int k = 0; k < 8; k++)
            c = (c & 0x80000000u) ? (c << 1) ^ 0x04C11DB7u : c << 1;
        table[i] = c;
    }
}

static uint32_t crc_bytes(uint32_t crc, const unsigned char *p, size_t n)
{
    while (n--)
        crc = (crc << 8) ^ table[((crc >> 24) ^ *p++) & 0xFF];
    return crc;
}

/* One file ("-" or NULL: standard input); 0, or 1 after a message. */
static int sum_file(const char *name)
{
    static unsigned char buf[64 * 1024];
    FILE *f = stdin;
    uint32_t crc = 0;
    uint64_t size = 0;
    size_t n;

    if (name && strcmp(name, "-") != 0 && !(f = fopen(name, "rb"))) {
        cmd_warn("%s", name);
        return 1;
    }
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
        crc = crc_bytes(crc, buf, n);
        size += n;
    }
    int bad = ferror(f);
    if (bad)
        cmd_warn("%s", name ? name : "standard input");
    if (f != stdin)
        fclose(f);
    if (bad)
        return 1;
    for (uint64_t len = size; len; len >>= 8) {
        unsigned char b = (unsigned char)(len & 0xFF);
        crc = crc_bytes(crc, &b, 1);
    }
    printf("%lu %llu", (unsigned long)~crc & 0xFFFFFFFFul, (unsigned long long)size);
    if (name)
        printf(" %s", name);
    putchar('\n');
    return 0;
}

int main(int argc, char **argv)
{
    int opt, status = 0;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "")) != -1)
        cmd_usage("[file ...]");
    make_table();
    if (optind == argc)
        status = sum_file(NULL);
    for (int i = optind; i < argc; i++)
        status |= sum_file(argv[i]);
    if (fflush(stdout) == EOF)
        cmd_die(1, "standard output");
    return status;
}
