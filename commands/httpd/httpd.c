/*
 * httpd: serve the files under a directory over HTTP/1.0.
 *
 *   httpd [-D] [-v] [-p PORT] [DIR]      (port 80, directory /var/www)
 *
 * GET and HEAD; a directory answers with its index.html or a listing.
 * One process serves up to 32 connections at once: non-blocking sockets
 * and poll(), so a slow client never holds up the others, and a connection
 * silent for 30 seconds is dropped. -D detaches it from the terminal (a
 * session of its own, hang-ups ignored: start it with &, as /etc/rc does);
 * -v logs each request on stderr.
 *
 * The network server may die under it: accept then fails (ECONNRESET) and
 * httpd makes a new listening socket, retrying every second until the
 * restarted server takes it. It runs until killed; exit status 1 if the
 * directory is unusable or poll fails, 2 on a usage error.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <poll.h>
#include <time.h>

#include "cmd.h"

#define USAGE     "[-D] [-v] [-p PORT] [DIR]"
#define HEAD_MAX  8192
#define CHUNK     65536
#define MAX_CONNS 32
#define IDLE_MS   30000
#define QUIET_S   30

static const char *root = "/var/www";
static bool verbose;

/*
 * A connection: reading the request's head, then sending the answer (a
 * head in out[], then the file, a piece at a time). Sockets are
 * non-blocking; poll() says which connection can go on.
 */
struct conn {
    int fd; /* -1: a free slot */
    enum { READING, SENDING } state;
    char in[HEAD_MAX];
    size_t in_len;
    char *out; /* the head, an error page or a listing */
    size_t out_len, out_at;
    int file; /* the file's body follows out, or -1 */
    uint64_t deadline_ms;
};

static struct conn conns[MAX_CONNS];
static char chunk[CHUNK];

static uint64_t now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

static const char *content_type(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = { { ".html", "text/html" }, { ".htm", "text/html" },      { ".txt", "text/plain" },
                  { ".css", "text/css" },   { ".js", "text/javascript" }, { ".png", "image/png" },
                  { ".jpg", "image/jpeg" }, { ".gif", "image/gif" } };
    const char *dot = strrchr(path, '.');

    for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

/* Queue the answer's head, and a body of blen bytes from body (or none). */
static void answer(struct conn *c, int code, const char *reason, const char *type, long long length,
                   const char *body, size_t blen)
{
    char head[256];
    int n = snprintf(head, sizeof(head),
                     "HTTP/1.0 %d %s\r\nServer: Ember httpd\r\nContent-Type: %s\r\n"
                     "Content-Length: %lld\r\nConnection: close\r\n\r\n",
                     code, reason, type, length);

    free(c->out);
    c->out = malloc((size_t)n + blen);
    if (!c->out) {
        c->out_len = 0;
        return;
    }
    memcpy(c->out, head, (size_t)n);
    if (blen)
        memcpy(c->out + n, body, blen);
    c->out_len = (size_t)n + blen;
    c->out_at = 0;
}

static void error_page(struct conn *c, int code, const char *reason, bool body)
{
    char page[160];
    int n =
        snprintf(page, sizeof(page), "<html><body><h1>%d %s</h1></body></html>\n", code, reason);
    answer(c, code, reason, "text/html", n, page, body ? (size_t)n : 0);
}

/* Decode %XX in place; false for a malformed escape or a NUL. */
static bool url_decode(char *s)
{
    char *out = s;

    for (; *s; s++) {
        if (*s == '%') {
            unsigned v;
            if (!s[1] || !s[2] || sscanf(s + 1, "%2x", &v) != 1 || v == 0)
                return false;
            *out++ = (char)v;
            s += 2;
        } else {
            *out++ = *s;
        }
    }
    *out = '\0';
    return true;
}

static bool safe_path(const char *p)
{
    if (p[0] != '/')
        return false;
    for (const char *s = p; (s = strstr(s, "..")); s += 2)
        if ((s == p || s[-1] == '/') && (s[2] == '/' || s[2] == '\0'))
            return false;
    return true;
}

static void listing(struct conn *c, const char *url, const char *dir, bool body)
{
    char *page = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&page, &size);
    DIR *d = opendir(dir);
    struct dirent *e;

    if (!f || !d) {
        if (f)
            fclose(f);
        if (d)
            closedir(d);
        free(page);
        error_page(c, 403, "Forbidden", body);
        return;
    }
    fprintf(f, "<html><body><h1>Index of %s</h1><ul>\n", url);
    while ((e = readdir(d)))
        if (e->d_name[0] != '.')
            fprintf(f, "<li><a href=\"%s%s%s\">%s</a></li>\n", url,
                    url[strlen(url) - 1] == '/' ? "" : "/", e->d_name, e->d_name);
    fprintf(f, "</ul></body></html>\n");
    closedir(d);
    fclose(f);
    answer(c, 200, "OK", "text/html", (long long)size, page, body ? size : 0);
    free(page);
}

static void file(struct conn *c, const char *path, const struct stat *st, bool body)
{
    int fd = open(path, O_RDONLY);

    if (fd < 0) {
        bool denied = errno == EACCES;
        error_page(c, denied ? 403 : 404, denied ? "Forbidden" : "Not Found", body);
        return;
    }
    answer(c, 200, "OK", content_type(path), (long long)st->st_size, NULL, 0);
    if (body)
        c->file = fd;
    else
        close(fd);
}

/* The request's head is in: decide the answer. */
static void respond(struct conn *c)
{
    static char path[1024], index[1100];
    char method[16], url[512];
    struct stat st;

    c->state = SENDING;
    if (sscanf(c->in, "%15s %511s", method, url) != 2) {
        error_page(c, 400, "Bad Request", true);
        return;
    }
    bool body = strcmp(method, "GET") == 0;
    if (!body && strcmp(method, "HEAD") != 0) {
        error_page(c, 501, "Not Implemented", true);
        return;
    }
    url[strcspn(url, "?#")] = '\0';
    if (!url_decode(url) || !safe_path(url)) {
        error_page(c, 400, "Bad Request", body);
        return;
    }
    if (verbose)
        fprintf(stderr, "httpd: %s %s\n", method, url);
    snprintf(path, sizeof(path), "%s%s", root, url);
    if (stat(path, &st) < 0) {
        error_page(c, 404, "Not Found", body);
    } else if (S_ISDIR(st.st_mode)) {
        snprintf(index, sizeof(index), "%s/index.html", path);
        if (stat(index, &st) == 0 && S_ISREG(st.st_mode))
            file(c, index, &st, body);
        else
            listing(c, url, path, body);
    } else if (S_ISREG(st.st_mode)) {
        file(c, path, &st, body);
    } else {
        error_page(c, 403, "Forbidden", body);
    }
}

static void drop(struct conn *c)
{
    close(c->fd);
    if (c->file >= 0)
        close(c->file);
    free(c->out);
    memset(c, 0, sizeof(*c));
    c->fd = -1;
    c->file = -1;
}

static void take(int fd)
{
    for (int i = 0; i < MAX_CONNS; i++)
        if (conns[i].fd < 0) {
            fcntl(fd, F_SETFL, O_NONBLOCK);
            conns[i].fd = fd;
            conns[i].state = READING;
            conns[i].deadline_ms = now_ms() + IDLE_MS;
            return;
        }
    close(fd); /* too many at once */
}

static void readable(struct conn *c)
{
    ssize_t n = recv(c->fd, c->in + c->in_len, sizeof(c->in) - 1 - c->in_len, 0);

    if (n <= 0) {
        if (n == 0 || (errno != EAGAIN && errno != EINTR))
            drop(c);
        return;
    }
    c->in_len += (size_t)n;
    c->in[c->in_len] = '\0';
    if (strstr(c->in, "\r\n\r\n") || strstr(c->in, "\n\n"))
        respond(c);
    else if (c->in_len == sizeof(c->in) - 1) {
        c->state = SENDING;
        error_page(c, 400, "Bad Request", true);
    }
}

/* Send what is queued, then the file's next piece; drop when done. */
static void writable(struct conn *c)
{
    for (;;) {
        if (c->out_at == c->out_len) {
            ssize_t n = c->file >= 0 ? read(c->file, chunk, sizeof(chunk)) : 0;
            if (n <= 0) {
                shutdown(c->fd, SHUT_WR);
                drop(c);
                return;
            }
            free(c->out);
            c->out = malloc((size_t)n);
            if (!c->out) {
                drop(c);
                return;
            }
            memcpy(c->out, chunk, (size_t)n);
            c->out_len = (size_t)n;
            c->out_at = 0;
        }
        ssize_t w = send(c->fd, c->out + c->out_at, c->out_len - c->out_at, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno != EAGAIN && errno != EINTR)
                drop(c);
            return;
        }
        c->out_at += (size_t)w;
        c->deadline_ms = now_ms() + IDLE_MS;
    }
}

/* A listening socket on port; -1 (errno set) if the network is not there. */
static int listen_on(int port)
{
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
    int s = socket(AF_INET, SOCK_STREAM, 0), on = 1;

    if (s < 0)
        return -1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
    if (bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(s, 16) < 0) {
        int e = errno;
        close(s);
        errno = e;
        return -1;
    }
    return s;
}

/* Quietly while the network server is starting (at boot, or after its
 * death): a warning only if that takes more than QUIET_S seconds, or for
 * another error. */
static int listen_until_up(int port)
{
    bool told = false;

    for (int waited = 0;; waited++) {
        int s = listen_on(port);
        if (s >= 0) {
            if (told)
                fprintf(stderr, "httpd: listening on port %d\n", port);
            return s;
        }
        if (!told && (waited >= QUIET_S || (errno != ENETDOWN && errno != ECONNRESET))) {
            cmd_warn("port %d (trying again every second)", port);
            told = true;
        }
        sleep(1);
    }
}

static _Noreturn void serve(int port)
{
    struct pollfd p[MAX_CONNS + 1];
    int s = listen_until_up(port);

    for (int i = 0; i < MAX_CONNS; i++)
        conns[i].fd = conns[i].file = -1;
    for (;;) {
        p[0] = (struct pollfd){ s, POLLIN, 0 };
        for (int i = 0; i < MAX_CONNS; i++)
            p[i + 1] =
                (struct pollfd){ conns[i].fd, conns[i].state == READING ? POLLIN : POLLOUT, 0 };
        if (poll(p, MAX_CONNS + 1, 1000) < 0 && errno != EINTR)
            cmd_die(1, "poll");
        uint64_t now = now_ms();
        for (int i = 0; i < MAX_CONNS; i++) {
            struct conn *c = &conns[i];
            if (c->fd < 0)
                continue;
            if (p[i + 1].revents & (POLLERR | POLLNVAL))
                drop(c);
            else if (p[i + 1].revents)
                c->state == READING ? readable(c) : writable(c);
            else if (now > c->deadline_ms)
                drop(c); /* silent too long */
        }
        if (!(p[0].revents & (POLLIN | POLLERR)))
            continue;
        int fd = accept(s, NULL, NULL);
        if (fd >= 0) {
            take(fd);
        } else if (errno != EINTR && errno != EAGAIN && errno != ECONNABORTED && errno != EMFILE &&
                   errno != ENFILE) {
            if (errno != ECONNRESET) /* ECONNRESET: the network server died */
                cmd_warn("accept: listening again");
            close(s);
            s = listen_until_up(port);
        }
    }
}

int main(int argc, char **argv)
{
    int opt, port = 80;
    bool daemon = false;
    struct stat st;

    cmd_setname(argv[0]);
    while ((opt = getopt(argc, argv, "Dvp:")) != -1) {
        if (opt == 'D')
            daemon = true;
        else if (opt == 'v')
            verbose = true;
        else if (opt == 'p' && (port = atoi(optarg)) > 0 && port < 65536)
            continue;
        else
            cmd_usage(USAGE);
    }
    if (optind + 1 < argc)
        cmd_usage(USAGE);
    if (optind < argc)
        root = argv[optind];
    if (stat(root, &st) < 0 || !S_ISDIR(st.st_mode))
        cmd_diex(1, "%s: not a directory", root);
    signal(SIGPIPE, SIG_IGN);
    if (daemon) { /* quietly: it starts beside whatever else the console shows */
        signal(SIGHUP, SIG_IGN);
        setsid(); /* fails harmlessly for a group leader: it still ignores hang-ups */
    }
    serve(port);
}
