/*
 * /etc/net.conf: how each interface gets its IPv4 address, one line each.
 *
 *   # interface  how     [address/prefix  [gateway]]
 *   eth0         dhcp
 *   eth1         static  192.168.1.10/24  192.168.1.1
 *   eth2         none
 *
 * An Ethernet interface the file does not name uses DHCP. The loopback
 * interface is always 127.0.0.1/8. The file is read once, at start-up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "net.h"

#define MAX_CONFS 8

static struct if_conf confs[MAX_CONFS];
static int nconfs;

/* "a.b.c.d/len" into address and mask; -1 if malformed. */
static int parse_prefix(const char *w, uint32_t *addr, uint32_t *mask)
{
    char buf[32];
    const char *slash = strchr(w, '/');
    int bits = 24;

    snprintf(buf, sizeof(buf), "%.*s", slash ? (int)(slash - w) : (int)strlen(w), w);
    if (slash) {
        char *end;
        bits = (int)strtol(slash + 1, &end, 10);
        if (*end || bits < 0 || bits > 32)
            return -1;
    }
    struct in_addr a;
    if (inet_pton(AF_INET, buf, &a) != 1)
        return -1;
    *addr = a.s_addr;
    *mask = htonl(bits ? 0xffffffffu << (32 - bits) : 0);
    return 0;
}

static void parse_line(char *line, int lineno)
{
    char *name = strtok(line, " \t\r\n"), *how = name ? strtok(NULL, " \t\r\n") : NULL;
    struct if_conf c;

    if (!name || name[0] == '#')
        return;
    memset(&c, 0, sizeof(c));
    snprintf(c.name, sizeof(c.name), "%s", name);
    if (how && strcmp(how, "dhcp") == 0) {
        c.method = IFCONF_DHCP;
    } else if (how && strcmp(how, "none") == 0) {
        c.method = IFCONF_NONE;
    } else if (how && strcmp(how, "static") == 0) {
        char *prefix = strtok(NULL, " \t\r\n"), *gw = strtok(NULL, " \t\r\n");
        struct in_addr g = { 0 };
        if (!prefix || parse_prefix(prefix, &c.addr, &c.mask) < 0 ||
            (gw && inet_pton(AF_INET, gw, &g) != 1)) {
            printf("net: net.conf line %d: bad address\n", lineno);
            return;
        }
        c.method = IFCONF_STATIC;
        c.gw = g.s_addr;
    } else {
        printf("net: net.conf line %d: want dhcp, static or none\n", lineno);
        return;
    }
    if (nconfs < MAX_CONFS)
        confs[nconfs++] = c;
}

void conf_load(const char *path)
{
    char line[160];
    FILE *f = fopen(path, "r");
    int lineno = 0;

    if (!f)
        return;
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "#")] = '\0';
        parse_line(line, ++lineno);
    }
    fclose(f);
}

struct if_conf conf_for(const char *ifname)
{
    struct if_conf c;

    for (int i = 0; i < nconfs; i++)
        if (strcmp(confs[i].name, ifname) == 0)
            return confs[i];
    memset(&c, 0, sizeof(c));
    snprintf(c.name, sizeof(c.name), "%s", ifname);
    c.method = IFCONF_DHCP;
    return c;
}
