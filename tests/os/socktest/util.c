/* socktest's helpers: loopback addresses, listeners, connected pairs,
 * children with a deadline. */
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <sys/wait.h>
#include "socktest.h"

long long now_ms(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

struct sockaddr_in loopback(uint16_t port)
{
    struct sockaddr_in a;

    memset(&a, 0, sizeof(a));
    a.sin_len = sizeof(a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

/* A TCP socket listening on 127.0.0.1 at a port the server picks (*port
 * gets it); flags go to socket() (SOCK_NONBLOCK). -1 on failure. */
int tcp_listener(uint16_t *port, int flags)
{
    int s = socket(AF_INET, SOCK_STREAM | flags, 0);
    struct sockaddr_in a = loopback(0);
    socklen_t len = sizeof(a);

    if (s < 0)
        return -1;
    if (bind(s, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(s, 4) < 0 ||
        getsockname(s, (struct sockaddr *)&a, &len) < 0) {
        close(s);
        return -1;
    }
    *port = ntohs(a.sin_port);
    return s;
}

/* A connected TCP pair over the loopback interface; 0 or -1. */
int tcp_pair(int *client, int *server)
{
    uint16_t port;
    int l = tcp_listener(&port, 0);
    struct sockaddr_in a = loopback(port);

    if (l < 0)
        return -1;
    *client = socket(AF_INET, SOCK_STREAM, 0);
    if (*client < 0 || connect(*client, (struct sockaddr *)&a, sizeof(a)) < 0) {
        close(l);
        return -1;
    }
    *server = accept(l, NULL, NULL);
    close(l);
    return *server < 0 ? -1 : 0;
}

/* A child's exit status, waiting at most timeout_ms; a child that takes
 * longer is killed and counts as -1 (it hung). */
int child_status(pid_t pid, int timeout_ms)
{
    long long end = now_ms() + timeout_ms;
    int status;

    for (;;) {
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid)
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        if (r < 0)
            return -1;
        if (now_ms() > end) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        usleep(20000);
    }
}
