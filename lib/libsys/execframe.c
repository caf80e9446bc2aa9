/* Building and relocating exec argument frames (see ember/execframe.h). */
#include <string.h>
#include <ember/errno.h>
#include <ember/execframe.h>
#include <ember/startup.h>

static size_t count(char *const v[])
{
    size_t n = 0;

    while (v && v[n])
        n++;
    return n;
}

long exec_frame_build(void *buf, size_t size, char *const argv[], char *const envp[])
{
    size_t argc = count(argv), envc = count(envp);
    size_t words = 1 + argc + 1 + envc + 1 + 4;
    uint64_t *w = buf;
    size_t pos = words * sizeof(uint64_t);

    if (pos > size)
        return -E2BIG;
    size_t n = 0;
    w[n++] = argc;
    for (int part = 0; part < 2; part++) {
        char *const *v = part ? envp : argv;
        for (size_t i = 0; i < (part ? envc : argc); i++) {
            size_t len = strlen(v[i]) + 1;
            if (pos + len > size)
                return -E2BIG;
            memcpy((char *)buf + pos, v[i], len);
            w[n++] = pos;
            pos += len;
        }
        w[n++] = 0;
    }
    w[n++] = AT_PAGESZ;
    w[n++] = 4096;
    w[n++] = AT_NULL;
    w[n++] = 0;
    return (long)((pos + 15) & ~(size_t)15);
}

/* Each string offset must point inside the string area of the block. */
static int fix_vector(uint64_t *w, size_t *n, size_t words, size_t len, size_t strings,
                      uint64_t base)
{
    for (;;) {
        if (*n >= words)
            return -EINVAL;
        uint64_t off = w[(*n)++];
        if (off == 0)
            return 0;
        if (off < strings || off >= len || !memchr((char *)w + off, '\0', len - off))
            return -EINVAL;
        w[*n - 1] = base + off;
    }
}

long exec_frame_relocate(void *buf, size_t len, uint64_t base)
{
    uint64_t *w = buf;
    size_t words = len / sizeof(uint64_t), n = 1;

    if (words < 7 || w[0] > words)
        return -EINVAL;
    size_t argc = w[0];
    /* strings begin after argv, envp and the auxiliary vector: find envp's end first */
    size_t envp_end = argc + 2;
    while (envp_end < words && w[envp_end] != 0)
        envp_end++;
    size_t aux = envp_end + 1;
    while (aux + 1 < words && w[aux] != AT_NULL)
        aux += 2;
    size_t strings = (aux + 2) * sizeof(uint64_t);
    if (aux + 1 >= words || strings > len)
        return -EINVAL;
    if (fix_vector(w, &n, words, len, strings, base) < 0 || n != argc + 2 ||
        fix_vector(w, &n, words, len, strings, base) < 0)
        return -EINVAL;
    return (long)argc;
}
