/* C start-up: read the auxiliary vector, set the environment, run main. */
#include <stdlib.h>
#include <ember/startup.h>

extern char **environ;
int main(int argc, char **argv, char **envp);
_Noreturn void __libc_start(int argc, char **argv, char **envp);

struct startup_info __startup;

static void read_auxv(char **envp)
{
    while (*envp)
        envp++;
    for (uint64_t *aux = (uint64_t *)(envp + 1); aux[0] != AT_NULL; aux += 2) {
        if (aux[0] == AT_EMBER_HEAP_END)
            __startup.heap_end = aux[1];
        else if (aux[0] == AT_EMBER_BOOT)
            __startup.boot = aux[1] != 0;
    }
}

_Noreturn void __libc_start(int argc, char **argv, char **envp)
{
    read_auxv(envp);
    environ = envp;
    /* rs starts services with EMBER_KCONSOLE set: they have no terminal */
    __startup.kconsole = __startup.boot || getenv("EMBER_KCONSOLE") != NULL;
    exit(main(argc, argv, envp));
}
