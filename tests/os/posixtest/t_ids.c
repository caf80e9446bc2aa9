/* Processes: process groups, sessions, user and group ids. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "posixtest.h"

/* A child that waits until its gate pipe closes; its exit status 0. */
static pid_t gated_child(int gate[2], bool own_group)
{
    pid_t pid = fork_child();

    if (pid == 0) {
        char c;
        if (own_group)
            setpgid(0, 0);
        close(gate[1]);
        read(gate[0], &c, 1);
        _exit(0);
    }
    return pid;
}

static int child_makes_own_group(void *arg)
{
    pid_t parent_group = *(pid_t *)arg;

    CHECK(getpgrp() == parent_group, "child's group %d, parent's %d", (int)getpgrp(),
          (int)parent_group);
    EXPECT_OK(setpgid(0, 0));
    EXPECT_EQ(getpgid(0), getpid());
    EXPECT_EQ(getpgrp(), getpid());
    EXPECT_OK(setpgid(getpid(), getpid())); /* again: no change */
    EXPECT_OK(setpgid(0, parent_group));    /* back to the parent's group */
    EXPECT_EQ(getpgrp(), parent_group);
    EXPECT_ERR(setpgid(0, -1), EINVAL);
    EXPECT_ERR(setpgid(0, dead_pid()), EPERM); /* no such group in the session */
    return 0;
}

int setpgid_and_getpgid(void)
{
    pid_t group = getpgrp();
    int gate[2];

    EXPECT_EQ(getpgid(0), group);
    EXPECT_EQ(getpgid(getpid()), group);
    RUN_CHILD(child_makes_own_group, &group);

    EXPECT_OK(pipe(gate));
    pid_t pid = gated_child(gate, false);
    EXPECT_OK(pid);
    EXPECT_OK(setpgid(pid, pid)); /* the parent moves its child */
    EXPECT_EQ(getpgid(pid), pid);
    EXPECT_OK(setpgid(pid, group));
    EXPECT_EQ(getpgid(pid), group);
    close(gate[0]);
    close(gate[1]);
    EXPECT_EXIT(pid, 0);

    pid_t gone = dead_pid();
    EXPECT_ERR(getpgid(gone), ESRCH);
    EXPECT_ERR(setpgid(gone, gone), ESRCH);
    if (getppid() > 1)
        EXPECT_ERR(setpgid(getppid(), getppid()), ESRCH); /* not a child */
    return 0;
}

/* setpgid() of a child that has exec'd: EACCES. */
int setpgid_after_exec_is_refused(void)
{
    int ready[2];
    char fdarg[16], c;

    EXPECT_OK(pipe(ready));
    snprintf(fdarg, sizeof(fdarg), "%d", ready[1]);
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        char *argv[] = { "posixtest", "--child", "ready", "-1", fdarg, NULL };
        execv(self_path, argv);
        _exit(127);
    }
    close(ready[1]);
    EXPECT_EQ(read_within(ready[0], &c, 1, 10000), 1);
    EXPECT_ERR(setpgid(pid, pid), EACCES);
    kill(pid, SIGKILL);
    EXPECT_SIGNAL(pid, SIGKILL);
    close(ready[0]);
    return 0;
}

static int leader_of_new_session(void *arg)
{
    pid_t old_sid = *(pid_t *)arg;
    pid_t me = getpid();

    CHECK(getsid(0) == old_sid, "getsid(0) = %d, parent's session %d", (int)getsid(0),
          (int)old_sid);
    EXPECT_EQ(setsid(), me);
    EXPECT_EQ(getsid(0), me);
    EXPECT_EQ(getsid(me), me);
    EXPECT_EQ(getpgrp(), me);
    EXPECT_ERR(setsid(), EPERM);      /* already a group leader */
    EXPECT_ERR(setpgid(0, 0), EPERM); /* a session leader cannot move */
    EXPECT_ERR(setpgid(0, old_sid), EPERM);
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0)
        _exit(getsid(0) == me && getpgrp() == me ? 0 : 1);
    EXPECT_EXIT(pid, 0);
    return 0;
}

static int group_leader_cannot_setsid(void *arg)
{
    (void)arg;
    EXPECT_OK(setpgid(0, 0));
    EXPECT_ERR(setsid(), EPERM);
    return 0;
}

int setsid_and_getsid(void)
{
    pid_t sid = getsid(0);
    int gate[2];

    EXPECT_OK(sid);
    RUN_CHILD(leader_of_new_session, &sid);
    RUN_CHILD(group_leader_cannot_setsid, NULL);
    EXPECT_ERR(getsid(dead_pid()), ESRCH);

    /* The parent cannot move a child that is in another session. */
    EXPECT_OK(pipe(gate));
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0) {
        char c;
        close(gate[1]);
        setsid();
        read(gate[0], &c, 1);
        _exit(0);
    }
    close(gate[0]);
    for (int i = 0; i < 500 && getsid(pid) != pid; i++)
        sleep_ms(10);
    EXPECT_EQ(getsid(pid), pid);
    EXPECT_ERR(setpgid(pid, getpgrp()), EPERM);
    close(gate[1]);
    EXPECT_EXIT(pid, 0);
    return 0;
}

static int ids_as_ordinary_user(void *arg)
{
    (void)arg;
    EXPECT_OK(setgid(TEST_GID));
    EXPECT_EQ(getgid(), TEST_GID);
    EXPECT_EQ(getegid(), TEST_GID);
    EXPECT_OK(setuid(TEST_UID));
    EXPECT_EQ(getuid(), TEST_UID);
    EXPECT_EQ(geteuid(), TEST_UID);
    EXPECT_OK(setuid(TEST_UID)); /* to its own id: allowed */
    EXPECT_ERR(setuid(0), EPERM);
    EXPECT_ERR(setgid(0), EPERM);
    EXPECT_EQ(getuid(), TEST_UID);
    pid_t pid = fork_child();
    EXPECT_OK(pid);
    if (pid == 0)
        _exit(getuid() == TEST_UID && getgid() == TEST_GID ? 0 : 1);
    EXPECT_EXIT(pid, 0);
    return 0;
}

int uid_gid_calls(void)
{
    uid_t uid = getuid(), euid = geteuid();

    CHECK(uid == euid, "getuid() %d and geteuid() %d differ", (int)uid, (int)euid);
    CHECK(getgid() == getegid(), "getgid() %d and getegid() %d differ", (int)getgid(),
          (int)getegid());
    if (euid != 0) {
        EXPECT_OK(setuid(uid));
        EXPECT_ERR(setuid(0), EPERM);
        return 0;
    }
    RUN_CHILD(ids_as_ordinary_user, NULL);
    EXPECT_EQ(getuid(), 0); /* the child's change stays in the child */
    return 0;
}
