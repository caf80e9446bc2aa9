/*
 * /etc/system.conf: one line per service,
 *
 *   service LABEL [restart=yes|no] [period=MS] [path=PROGRAM] [args="..."]
 *                 [io=BASE:COUNT]... [irq=N]... [control]
 *
 * It sets the restart policy and heartbeat period of boot services and
 * the privileges of services rs starts (io ports in hex, irq lines,
 * "control" for the right to act on other processes, as the PCI driver
 * must). '#' starts a comment.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rs.h"

#define MAX_CONF 48

struct conf {
    char label[RS_LABEL_MAX];
    char path[48];
    char args[128];
    int restart; /* -1: unset */
    int period_ms;
    uint32_t flags;
    struct io_range io[PRIV_MAX_IO];
    uint32_t nio;
    uint64_t irqs;
};

static struct conf confs[MAX_CONF];
static int nconfs;

static void parse_word(struct conf *c, char *w)
{
    if (strcmp(w, "restart=yes") == 0)
        c->restart = 1;
    else if (strcmp(w, "restart=no") == 0)
        c->restart = 0;
    else if (strncmp(w, "period=", 7) == 0)
        c->period_ms = atoi(w + 7);
    else if (strncmp(w, "path=", 5) == 0)
        snprintf(c->path, sizeof(c->path), "%s", w + 5);
    else if (strcmp(w, "control") == 0)
        c->flags |= PRIV_CONTROL;
    else if (strncmp(w, "io=", 3) == 0 && c->nio < PRIV_MAX_IO) {
        char *colon;
        unsigned long base = strtoul(w + 3, &colon, 16);
        unsigned long n = *colon == ':' ? strtoul(colon + 1, NULL, 10) : 1;
        if (base + n <= 0x10000 && n)
            c->io[c->nio++] = (struct io_range){ (uint16_t)base, (uint16_t)n };
    } else if (strncmp(w, "irq=", 4) == 0) {
        int irq = atoi(w + 4);
        if (irq >= 0 && irq < 64)
            c->irqs |= 1ull << irq;
    } else {
        rs_log("system.conf: unknown word '%s'", w);
    }
}

static void parse_line(char *line)
{
    char *args = strstr(line, "args=\"");

    line[strcspn(line, "#\n")] = '\0';
    char *w = strtok(line, " \t");
    if (!w || strcmp(w, "service") != 0 || !(w = strtok(NULL, " \t")) || nconfs == MAX_CONF)
        return;
    struct conf *c = &confs[nconfs++];
    memset(c, 0, sizeof(*c));
    c->restart = -1;
    snprintf(c->label, sizeof(c->label), "%s", w);
    if (args && args < line + strlen(line)) { /* args="..." may contain spaces */
        char *end = strchr(args + 6, '"');
        if (end) {
            *end = '\0';
            snprintf(c->args, sizeof(c->args), "%s", args + 6);
            memset(args, ' ', (size_t)(end - args + 1));
        }
    }
    while ((w = strtok(NULL, " \t")))
        parse_word(c, w);
}

void config_load(const char *path)
{
    char line[256];
    FILE *f = fopen(path, "r");

    if (!f) {
        rs_log("no %s: boot services keep their boot privileges", path);
        return;
    }
    while (fgets(line, sizeof(line), f))
        parse_line(line);
    fclose(f);
}

/* The privileges of a service rs starts with no entry of its own. */
struct priv_spec default_priv(int id)
{
    struct priv_spec p;

    memset(&p, 0, sizeof(p));
    p.id = id;
    p.flags = PRIV_SYSTEM;
    p.traps = TRAPS_ALL;
    p.supervisor = PM_EP;
    p.ipc_to = ~0ull;
    p.kcalls = (1ull << KC_GETINFO) | (1ull << KC_KPRINT) | (1ull << KC_SETGRANT) |
               (1ull << KC_SAFECOPY) | (1ull << KC_VSAFECOPY) | (1ull << KC_IRQCTL) |
               (1ull << KC_DEVIO) | (1ull << KC_SETALARM) | (1ull << KC_TIME) | (1ull << KC_TIMES) |
               (1ull << KC_VMQUERY) | (1ull << KC_FUTEX) | (1ull << KC_SETFSBASE) |
               (1ull << KC_FORK) | (1ull << KC_CLEAR) | (1ull << KC_VMMAP) | (1ull << KC_PRIVCTL);
    return p;
}

/* Apply the entry for s (if any) to its policy and privileges. */
void config_apply(struct service *s)
{
    for (int i = 0; i < nconfs; i++) {
        struct conf *c = &confs[i];
        if (strcmp(c->label, s->label) != 0)
            continue;
        if (c->restart == 0)
            s->flags |= RS_NORESTART;
        else if (c->restart == 1)
            s->flags &= ~RS_NORESTART;
        if (c->period_ms > 0)
            s->period_ms = c->period_ms;
        if (c->path[0])
            snprintf(s->path, sizeof(s->path), "%s", c->path);
        if (c->args[0])
            snprintf(s->args, sizeof(s->args), "%s", c->args);
        s->priv.flags |= c->flags;
        if (c->nio) {
            memcpy(s->priv.io, c->io, sizeof(c->io));
            s->priv.nio = c->nio;
        }
        if (c->irqs)
            s->priv.irqs = c->irqs;
        return;
    }
}
