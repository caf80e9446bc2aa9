/*
 * wget: fetch a URL over HTTP/1.0 into a file.
 *
 *   wget [-q] [-O FILE] http://HOST[:PORT]/PATH
 *
 * The file is the path's last part (index.html for a directory) unless
 * -O names one; "-O -" writes to standard output. Redirections (301, 302,
 * 303, 307, 308) are followed, at most five. A body shorter than its
 * Content-Length is an error. Without -q, a line on stderr tells what was
 * saved and how fast. Exit status (as GNU wget's): 0, 1 for a generic
 * error, 2 for a usage error, 3 for a file error, 4 for a network failure,
 * 8 for an error answer from the server.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>

#include "cmd.h"

#define USAGE     "[-q] [-O FILE] URL"
#define HEAD_MAX  16384
#define CHUNK     65536
#define REDIRECTS 5

struct url {
    char host[256], port[8], path[1024];
};

static bool quiet;

static bool parse_url(const char *s, struct url *u)
{
    if (strncmp(s, "http://", 7) != 0)
        return false;
    s += 7;
    size_t hl = strcspn(s, ":/");
    if (hl == 0 || hl >= sizeof(u->host))
        return false;
    memcpy(u->host, s, hl);
    u->host[hl] = '\0';
    s += hl;
    snprintf(u->port, sizeof(u->port), "80");
    if (*s == ':') {
        size_t pl = strcspn(++s, "/");
        if (pl == 0 || pl >= sizeof(u->port))
            return false;
        memcpy(u->port, s, pl);
        u->port[pl] = '\0';
        s += pl;
    }
    snprintf(u->path, sizeof(u->path), "%s", *s ? s : "/");
    return true;
}

static int dial(const struct url *u)
{
    struct addrinfo hints = { .ai_socktype = SOCK_STREAM }, *res, *ai;
    int r = getaddrinfo(u->host, u->port, &hints, &res), s = -1;

    if (r != 0)
        cmd_diex(4, "%s: %s", u->host, gai_strerror(r));
    for (ai = res; ai && s < 0; ai = ai->ai_next) {
        s = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (s >= 0 && connect(s, ai->ai_addr, ai->ai_addrlen) < 0) {
            close(s);
            s = -1;
        }
    }
    freeaddrinfo(res);
    if (s < 0)
        cmd_die(4, "cannot connect to %s port %s", u->host, u->port);
    return s;
}

static void send_request(int s, const struct url *u)
{
    char req[1536];
    int n = snprintf(req, sizeof(req),
                     "GET %s HTTP/1.0\r\nHost: %s\r\nUser-Agent: Ember-wget/1.0\r\n"
                     "Connection: close\r\n\r\n",
                     u->path, u->host);

    if (n < 0 || (size_t)n >= sizeof(req) || send(s, req, (size_t)n, 0) != n)
        cmd_die(4, "cannot send the request");
}

/* The head into head (NUL-terminated); what came after it stays at
 * head + *head_len, *extra bytes of it. */
static void read_head(int s, char *head, size_t *head_len, size_t *extra)
{
    size_t got = 0;
    char *end = NULL;

    while (!end) {
        if (got == HEAD_MAX - 1)
            cmd_diex(8, "the answer's head is too long");
        ssize_t n = recv(s, head + got, HEAD_MAX - 1 - got, 0);
        if (n < 0)
            cmd_die(4, "read");
        if (n == 0)
            cmd_diex(4, "the server closed the connection");
        got += (size_t)n;
        head[got] = '\0';
        end = strstr(head, "\r\n\r\n");
    }
    *head_len = (size_t)(end - head) + 4;
    *extra = got - *head_len;
}

/* A header's value, or NULL. */
static const char *header(const char *head, const char *name, char *buf, size_t size)
{
    size_t nl = strlen(name);

    for (const char *line = strstr(head, "\r\n"); line && line[2] != '\r';
         line = strstr(line + 2, "\r\n")) {
        const char *l = line + 2;
        if (strncasecmp(l, name, nl) == 0 && l[nl] == ':') {
            l += nl + 1;
            while (*l == ' ' || *l == '\t')
                l++;
            size_t vl = strcspn(l, "\r");
            snprintf(buf, size, "%.*s", (int)vl, l);
            return buf;
        }
    }
    return NULL;
}

static const char *file_name(const struct url *u)
{
    static char name[256];
    const char *slash = strrchr(u->path, '/');
    const char *last = slash ? slash + 1 : u->path;
    size_t n = strcspn(last, "?#");

    if (n == 0)
        return "index.html";
    snprintf(name, sizeof(name), "%.*s", (int)n, last);
    return name;
}

static double now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Copy the body to out; its length. */
static long long copy_body(int s, int out, const char *first, size_t nfirst, long long expect)
{
    static char buf[CHUNK];
    long long total = 0;

    if (nfirst && write(out, first, nfirst) != (ssize_t)nfirst)
        cmd_die(3, "write");
    total += (long long)nfirst;
    for (;;) {
        ssize_t n = recv(s, buf, sizeof(buf), 0);
        if (n < 0)
            cmd_die(4, "read (after %lld bytes)", total);
        if (n == 0)
            break;
        for (ssize_t at = 0; at < n;) {
            ssize_t w = write(out, buf + at, (size_t)(n - at));
            if (w <= 0)
                cmd_die(3, "write");
            at += w;
        }
        total += n;
    }
    if (expect >= 0 && total != expect)
        cmd_diex(4, "the body ended after %lld of %lld bytes", total, expect);
    return total;
}

static int fetch(struct url *u, const char *out_name)
{
    static char head[HEAD_MAX];
    char value[1024];

    for (int hops = 0;; hops++) {
        int s = dial(u);
        send_request(s, u);
        size_t head_len, extra;
        read_head(s, head, &head_len, &extra);
        int code = 0;
        if (sscanf(head, "HTTP/%*d.%*d %d", &code) != 1)
            cmd_diex(8, "not an HTTP answer");
        if (code >= 300 && code < 400 && code != 304 && hops < REDIRECTS &&
            header(head, "Location", value, sizeof(value))) {
            close(s);
            if (!parse_url(value, u))
                cmd_diex(8, "cannot follow the redirection to %s", value);
            continue;
        }
        if (code != 200) {
            char *eol = strstr(head, "\r\n");
            cmd_diex(8, "the server answered: %.*s", (int)(eol - head), head);
        }
        long long expect =
            header(head, "Content-Length", value, sizeof(value)) ? strtoll(value, NULL, 10) : -1;
        const char *name = out_name ? out_name : file_name(u);
        bool to_stdout = strcmp(name, "-") == 0;
        int out = to_stdout ? 1 : open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (out < 0)
            cmd_die(3, "%s", name);
        double t0 = now();
        long long total = copy_body(s, out, head + head_len, extra, expect);
        double secs = now() - t0;
        close(s);
        if (!to_stdout && close(out) < 0)
            cmd_die(3, "%s", name);
        if (!quiet)
            fprintf(stderr, "wget: saved %s: %lld bytes in %.2f s (%.0f KB/s)\n",
                    to_stdout ? "standard output" : name, total, secs,
                    secs > 0 ? (double)total / 1024 / secs : 0.0);
        return 0;
    }
}

int main(int argc, char **argv)
{
    const char *out = NULL;
    struct url u;
    int opt;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "qO:")) != -1) {
        if (opt == 'q')
            quiet = true;
        else if (opt == 'O')
            out = optarg;
        else
            cmd_usage(USAGE);
    }
    if (optind + 1 != argc)
        cmd_usage(USAGE);
    if (!parse_url(argv[optind], &u))
        cmd_diex(2, "%s: only http://HOST[:PORT]/PATH URLs are fetched", argv[optind]);
    return fetch(&u, out);
}
