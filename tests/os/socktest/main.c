/*
 * socktest: sockets from an ordinary process, at their edges.
 *
 *   socktest [stranger=EP] [CASE...]
 *
 * Runs every case (or the ones named), one line each, then "socktest: N
 * passed, N failed"; exit status 1 if any failed. stranger=EP names the
 * network server's endpoint (from `service list`) for the case that
 * checks an ordinary process cannot reach it. Everything runs over the
 * loopback interface, so no network is needed, only the network server.
 */
#include <stdlib.h>
#include "socktest.h"

int net_ep = -1;

static const struct {
    const char *name;
    int (*run)(void);
} cases[] = {
    { "bad_pointers_are_efault", bad_pointers_are_efault },
    { "blocked_recv_with_bad_pointer_is_efault", blocked_recv_with_bad_pointer_is_efault },
    { "nonblocking_accept_connect_recv", nonblocking_accept_connect_recv },
    { "select_and_poll_on_nonblocking_sockets", select_and_poll_on_nonblocking_sockets },
    { "close_while_another_process_blocks_in_accept",
      close_while_another_process_blocks_in_accept },
    { "close_while_another_process_blocks_in_recv", close_while_another_process_blocks_in_recv },
    { "death_while_blocked_in_accept_frees_the_port",
      death_while_blocked_in_accept_frees_the_port },
    { "signal_ends_a_blocked_recv", signal_ends_a_blocked_recv },
    { "garbage_socket_calls_are_errors", garbage_socket_calls_are_errors },
    { "random_socket_messages_to_vfs", random_socket_messages_to_vfs },
    { "net_server_refuses_ordinary_processes", net_server_refuses_ordinary_processes },
};

#define NCASES ((int)(sizeof(cases) / sizeof(cases[0])))

static bool chosen(int i, int argc, char **argv)
{
    bool named = false, any = false;

    for (int a = 1; a < argc; a++) {
        if (strncmp(argv[a], "stranger=", 9) == 0)
            continue;
        any = true;
        named |= strcmp(argv[a], cases[i].name) == 0;
    }
    return !any || named;
}

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;

    for (int a = 1; a < argc; a++)
        if (strncmp(argv[a], "stranger=", 9) == 0)
            net_ep = atoi(argv[a] + 9);
    for (int i = 0; i < NCASES; i++) {
        if (!chosen(i, argc, argv))
            continue;
        int r = cases[i].run();
        printf("socktest: %s %s\n", cases[i].name, r == 0 ? "ok" : "FAIL");
        fflush(stdout);
        r == 0 ? passed++ : failed++;
    }
    printf("socktest: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
