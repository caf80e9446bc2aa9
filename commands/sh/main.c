/*
 * sh: start-up. Parse the command line, set up the variables, signals
 * and (for an interactive shell) job control, read the profile files,
 * then run the command string, the script, or standard input.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alias.h"
#include "cmd.h"
#include "error.h"
#include "exec.h"
#include "expand.h"
#include "func.h"
#include "history.h"
#include "input.h"
#include "jobs.h"
#include "main.h"
#include "options.h"
#include "redir.h"
#include "sh.h"
#include "trap.h"
#include "var.h"

extern char **environ;

struct shell sh;

/* What the command line asked for. */
struct invocation {
    const char *command; /* -c string */
    bool c_flag;
    bool s_flag;
    bool monitor_given;
    int first_operand;
};

_Noreturn void sh_exit(int status)
{
    if (sh.exiting)
        exit(status);
    sh.exiting = true;
    sh.status = status;
    trap_run_exit();
    if (sh.interactive && !sh.subshell)
        history_save();
    if (!sh.subshell)
        jobs_release_terminal();
    fflush(stdout);
    exit(status);
}

static void usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", cmd_name);
    fprintf(stderr, fmt, arg);
    fprintf(stderr,
            "\nusage: %s [-abCefhimnuvx] [-o option] [-c string [name [arg...]] | file [arg...]]\n",
            cmd_name);
    exit(2);
}

/* -o name or +o name on the command line. */
static int long_option(int argc, char **argv, int i, bool on)
{
    if (i + 1 >= argc) {
        options_print(!on);
        exit(0);
    }
    if (option_set_name(argv[i + 1], on) < 0)
        usage_error("%s: no such option", argv[i + 1]);
    return i + 1;
}

static int parse_letters(int argc, char **argv, int i, struct invocation *inv)
{
    bool on = argv[i][0] == '-';

    for (const char *c = argv[i] + 1; *c; c++) {
        if (*c == 'c')
            inv->c_flag = on;
        else if (*c == 's')
            inv->s_flag = on;
        else if (*c == 'i')
            opt.interactive = on;
        else if (*c == 'o')
            i = long_option(argc, argv, i, on);
        else if (*c == 'm') {
            inv->monitor_given = true;
            opt.monitor = on;
        } else if (option_set_letter(*c, on) < 0) {
            char bad[3] = { argv[i][0], *c, '\0' };

            usage_error("%s: invalid option", bad);
        }
    }
    return i;
}

static void parse_command_line(int argc, char **argv, struct invocation *inv)
{
    int i;

    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];

        if (strcmp(arg, "--") == 0 || strcmp(arg, "-") == 0) {
            i++;
            break;
        }
        if ((arg[0] != '-' && arg[0] != '+') || !arg[1])
            break;
        i = parse_letters(argc, argv, i, inv);
    }
    if (inv->c_flag) {
        if (i >= argc)
            usage_error("%s", "-c requires an argument");
        inv->command = argv[i++];
    }
    inv->first_operand = i;
}

static void init_pwd(void)
{
    const char *pwd = var_get("PWD");
    struct stat a, b;
    char buf[4096];

    if (pwd && pwd[0] == '/' && stat(pwd, &a) == 0 && stat(".", &b) == 0 && a.st_dev == b.st_dev &&
        a.st_ino == b.st_ino)
        return;
    if (getcwd(buf, sizeof buf))
        var_set("PWD", buf, V_EXPORT);
}

static void init_variables(void)
{
    var_import_environ(environ);
    var_set("IFS", " \t\n", 0);
    if (!var_get("PS1"))
        var_set("PS1", geteuid() == 0 ? "# " : "$ ", 0);
    if (!var_get("PS2"))
        var_set("PS2", "> ", 0);
    if (!var_get("PS4"))
        var_set("PS4", "+ ", 0);
    var_set("OPTIND", "1", 0);
    var_set_int("PPID", (long)getppid());
    init_pwd();
}

/* Run a file of commands if it can be opened (profiles, $ENV). */
static void source_if_present(const char *path)
{
    struct input in;
    int fd = open(path, O_RDONLY);

    if (fd < 0)
        return;
    fd = fd_move_high(fd);
    input_init_fd(&in, fd);
    in.prompt = PROMPT_NONE;
    exec_input(&in);
    input_free(&in);
    close(fd);
    sh.unwind = UNWIND_NONE;
}

static void read_startup_files(void)
{
    const char *home = var_get("HOME");

    if (sh.login) {
        source_if_present("/etc/profile");
        if (home) {
            char *path = xmalloc(strlen(home) + 16);

            sprintf(path, "%s/.profile", home);
            source_if_present(path);
            free(path);
        }
    }
    if (sh.interactive && var_get("ENV")) {
        bool failed;
        char *path = expand_text(var_get("ENV"), &failed);

        if (path && *path)
            source_if_present(path);
        free(path);
    }
}

static int run_script_file(const char *path)
{
    struct input in;
    int fd = open(path, O_RDONLY), status;

    if (fd < 0) {
        int err = errno;

        sh_error("%s: %s", path, strerror(err));
        sh_exit(err == ENOENT ? 127 : 126);
    }
    fd = fd_move_high(fd);
    sh.script = path;
    input_init_fd(&in, fd);
    in.prompt = PROMPT_NONE;
    status = exec_input(&in);
    input_free(&in);
    close(fd);
    return status;
}

_Noreturn void sh_run_script(const char *path, char **argv)
{
    int argc = 0;

    while (argv[argc])
        argc++;
    func_clear_all();
    alias_remove_all();
    var_clear_unexported();
    var_set("IFS", " \t\n", 0);
    memset(&opt, 0, sizeof opt);
    sh.arg0 = xstrdup(path);
    params_set(argc - 1, argv + 1);
    sh.interactive = false;
    sh.func_depth = sh.loop_depth = sh.eval_depth = sh.dot_depth = 0;
    sh.unwind = UNWIND_NONE;
    sh.rootpid = getpid();
    sh_exit(run_script_file(path));
}

static int run(int argc, char **argv, struct invocation *inv)
{
    int first = inv->first_operand;
    struct input in;
    int status;

    if (inv->command) {
        sh.arg0 = first < argc ? argv[first++] : argv[0];
        params_set(argc - first, argv + first);
        return exec_string(inv->command, 1);
    }
    if (!inv->s_flag && first < argc) {
        sh.arg0 = argv[first];
        params_set(argc - first - 1, argv + first + 1);
        return run_script_file(argv[first]);
    }
    sh.arg0 = argv[0];
    params_set(argc - first, argv + first);
    if (sh.interactive)
        input_init_terminal(&in);
    else
        input_init_fd(&in, 0);
    status = exec_input(&in);
    input_free(&in);
    if (sh.interactive)
        fputs("exit\n", stderr);
    return status;
}

int main(int argc, char **argv)
{
    struct invocation inv = { 0 };

    sh.login = argv[0] && argv[0][0] == '-';
    cmd_setname(argv[0] && argv[0][0] == '-' ? argv[0] + 1 : argv[0]);
    sh.rootpid = getpid();
    init_variables();
    parse_command_line(argc, argv, &inv);
    sh.interactive =
        opt.interactive ||
        (!inv.command && (inv.s_flag || inv.first_operand >= argc) && isatty(0) && isatty(2));
    opt.interactive = sh.interactive;
    opt.stdin_input = !inv.command && (inv.s_flag || inv.first_operand >= argc);
    trap_init();
    if (sh.interactive) {
        bool monitor = inv.monitor_given ? opt.monitor : true;

        opt.monitor = false;
        if (monitor)
            jobs_set_control(true);
        history_load();
    } else if (opt.monitor) {
        opt.monitor = false;
        jobs_set_control(true);
    }
    read_startup_files();
    sh_exit(run(argc, argv, &inv));
}
