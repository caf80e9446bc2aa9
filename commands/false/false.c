/* false: do nothing, unsuccessfully. Operands are ignored, as POSIX asks. */
int main(void)
{
    return 1;
}
