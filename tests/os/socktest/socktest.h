/* socktest's cases and helpers. */
#ifndef SOCKTEST_H
#define SOCKTEST_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("    %s:%d: ", __FILE__, __LINE__);                                             \
            printf(__VA_ARGS__);                                                                   \
            printf(" (errno %d)\n", errno);                                                        \
            return -1;                                                                             \
        }                                                                                          \
    } while (0)

/* A call that must fail with errno e. */
#define FAILS(call, e)                                                                             \
    do {                                                                                           \
        errno = 0;                                                                                 \
        long r_ = (long)(call);                                                                    \
        CHECK(r_ == -1 && errno == (e), "%s: %ld, errno %d, not %d", #call, r_, errno, (e));       \
    } while (0)

/* Addresses no process has: the null page, the kernel's half. */
#define NULL_PAGE   ((void *)0x10)
#define KERNEL_HALF ((void *)0xffff800000001000ull)

extern int net_ep; /* the network server's endpoint, or -1 (stranger=EP) */

/* util.c */
struct sockaddr_in loopback(uint16_t port);
int tcp_listener(uint16_t *port, int flags);
int tcp_pair(int *client, int *server);
int child_status(pid_t pid, int timeout_ms);
long long now_ms(void);

/* The cases. */
int bad_pointers_are_efault(void);
int bad_length_pointers_are_efault(void);
int blocked_recv_with_bad_pointer_is_efault(void);
int nonblocking_accept_connect_recv(void);
int select_and_poll_on_nonblocking_sockets(void);
int close_while_another_process_blocks_in_accept(void);
int close_while_another_process_blocks_in_recv(void);
int death_while_blocked_in_accept_frees_the_port(void);
int signal_ends_a_blocked_recv(void);
int garbage_socket_calls_are_errors(void);
int random_socket_messages_to_vfs(void);
int net_server_refuses_ordinary_processes(void);
int garbage_messages_to_net_from_a_service(void);

#endif
