/* Terminals: the console is a terminal; pipes and files are not. */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "posixtest.h"

int isatty_on_the_console(void)
{
    int p[2], fd;

    CHECK(isatty(0) == 1, "isatty(0) = 0 (%s): stdin is not the console", errname(errno));
    CHECK(isatty(1) == 1, "isatty(1) = 0 (%s): stdout is not the console", errname(errno));
    EXPECT_OK(pipe(p));
    errno = 0;
    CHECK(isatty(p[0]) == 0 && errno == ENOTTY, "isatty(pipe) errno %s, expected ENOTTY",
          errname(errno));
    TRY(make_file("f", "x", 0644));
    EXPECT_OK(fd = open("f", O_RDONLY));
    errno = 0;
    CHECK(isatty(fd) == 0 && errno == ENOTTY, "isatty(file) errno %s, expected ENOTTY",
          errname(errno));
    close(fd);
    errno = 0;
    CHECK(isatty(fd) == 0 && errno == EBADF, "isatty(closed) errno %s, expected EBADF",
          errname(errno));
    close(p[0]);
    close(p[1]);
    return 0;
}

int tcgetattr_on_the_console(void)
{
    struct termios t, again;
    int p[2];

    EXPECT_OK(tcgetattr(0, &t));
    EXPECT_OK(tcgetattr(1, &again));
    CHECK(memcmp(&t, &again, sizeof(t)) == 0, "stdin and stdout report other attributes");
    signal(SIGTTOU, SIG_IGN); /* this case runs in a background process group */
    EXPECT_OK(tcsetattr(1, TCSANOW, &t));
    EXPECT_OK(tcgetattr(1, &again));
    CHECK(again.c_lflag == t.c_lflag && again.c_iflag == t.c_iflag && again.c_oflag == t.c_oflag &&
              again.c_cflag == t.c_cflag,
          "attributes changed by setting them to themselves");
    EXPECT_OK(pipe(p));
    EXPECT_ERR(tcgetattr(p[0], &t), ENOTTY);
    close(p[0]);
    close(p[1]);
    EXPECT_ERR(tcgetattr(p[0], &t), EBADF);
    return 0;
}
