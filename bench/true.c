/*
 * bench-true: the program fork_exec_wait runs. It exits at once, so the
 * metric weighs only what the system spends on fork, exec, exit and wait.
 */
int main(void)
{
    return 0;
}
