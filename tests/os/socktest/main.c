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
 * The case garbage_messages_to_net_from_a_service runs only when named,
 * as a service (service up /usr/tests/socktest -args CASE -norestart): it
 * needs a system process's right to send to the server.
 */
#include <stdlib.h>
#include "socktest.h"

int net_ep = -1;

static const struct {
    const char *name;
    int (*run)(void);
    bool service; /* only when named: it needs a system process */
} cases[] = {
    { "bad_pointers_are_efault", bad_pointers_are_efault, false },
    { "bad_length_pointers_are_efault", bad_length_pointers_are_efault, false },
    { "blocked_recv_with_bad_pointer_is_efault", blocked_recv_with_bad_pointer_is_efault, false },
    { "nonblocking_accept_connect_recv", nonblocking_accept_connect_recv, false },
    { "select_and_poll_on_nonblocking_sockets", select_and_poll_on_nonblocking_sockets, false },
    { "close_while_another_process_blocks_in_accept", close_while_another_process_blocks_in_accept,
      false },
    { "close_while_another_process_blocks_in_recv", close_while_another_process_blocks_in_recv,
      false },
    { "death_while_blocked_in_accept_frees_the_port", death_while_blocked_in_accept_frees_the_port,
      false },
    { "signal_ends_a_blocked_recv", signal_ends_a_blocked_recv, false },
    { "garbage_socket_calls_are_errors", garbage_socket_calls_are_errors, false },
    { "random_socket_messages_to_vfs", random_socket_messages_to_vfs, false },
    { "net_server_refuses_ordinary_processes", net_server_refuses_ordinary_processes, false },
    { "garbage_messages_to_net_from_a_service", garbage_messages_to_net_from_a_service, true },
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
    return any ? named : !cases[i].service;
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
