/* true: do nothing, successfully. Operands are ignored, as POSIX asks. */
int main(void)
{
    return 0;
}
