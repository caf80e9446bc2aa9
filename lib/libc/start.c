/* C start-up: set the environment, run main, exit with its status. */
#include <stdlib.h>

extern char **environ;
int main(int argc, char **argv, char **envp);
_Noreturn void __libc_start(int argc, char **argv, char **envp);

_Noreturn void __libc_start(int argc, char **argv, char **envp)
{
    environ = envp;
    exit(main(argc, argv, envp));
}
