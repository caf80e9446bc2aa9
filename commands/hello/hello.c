/* hello: the smallest program; proves a user program links against newlib. */
#include <stdio.h>

int main(void)
{
    printf("hello from user space\n");
    return 0;
}
