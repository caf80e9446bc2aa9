/*
 * Program images. rs keeps every service's program in its own memory: a
 * boot service's boot module stays mapped, a service started from a file
 * is read in whole at `service up` (and again at refresh). A restart loads
 * the image into the new process itself, through vm and copies, and pm
 * only starts it: no file system takes part, so the driver a file system
 * is waiting for can always come back.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ember/execelf.h>
#include <ember/execframe.h>
#include "rs.h"

#define IMAGE_MAX (16u << 20)

/* Read the service's program file into fresh memory. */
int image_read(struct service *s)
{
    struct stat st;
    int fd = open(s->path, O_RDONLY);

    if (fd < 0)
        return -errno;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 || st.st_size > IMAGE_MAX) {
        close(fd);
        return -ENOEXEC;
    }
    size_t size = (size_t)st.st_size;
    void *p =
        mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    size_t got = 0;
    for (ssize_t n = 1; p != MAP_FAILED && got < size && n > 0; got += n > 0 ? (size_t)n : 0)
        n = read(fd, (char *)p + got, size - got);
    close(fd);
    if (p == MAP_FAILED || got != size) {
        if (p != MAP_FAILED)
            munmap(p, size);
        return -EIO;
    }
    image_drop(s);
    s->image = (uint64_t)p;
    s->image_len = size;
    s->image_owned = true;
    s->code.len = s->data.len = 0; /* learnt again from the new image */
    return 0;
}

void image_drop(struct service *s)
{
    if (s->image && s->image_owned)
        munmap((void *)s->image, s->image_len);
    s->image = s->image_len = 0;
    s->image_owned = false;
}

/* Copy each loadable segment's file bytes into the new process. */
static int copy_segments(const struct exec_elf *e, const uint8_t *image, endpoint_t ep)
{
    for (int i = 0; i < e->eh->e_phnum; i++) {
        const Elf64_Phdr *p = &e->ph[i];
        if (p->p_type != PT_LOAD || p->p_filesz == 0)
            continue;
        if (sys_vircopy(SELF, (uint64_t)(image + p->p_offset), ep, p->p_vaddr, p->p_filesz) < 0)
            return -EFAULT;
    }
    return 0;
}

/* Load s's image into the empty process ep with the argument frame (len
 * bytes, its pointers as offsets); the entry point and stack pointer. */
int image_load(const struct service *s, endpoint_t ep, void *frame, uint32_t len, uint64_t *entry,
               uint64_t *sp)
{
    static struct vm_exec_layout layout;
    const uint8_t *image = (const uint8_t *)s->image;
    struct exec_elf e;
    uint64_t top;
    int r;

    if (!image)
        return -ENOEXEC;
    if ((r = exec_elf_check(image, s->image_len, s->image_len, &e)) < 0 ||
        (r = exec_elf_layout(&e, &layout)) < 0 ||
        (r = exec_vm(VM_EXEC_NEWMEM, ep, &layout, &top)) < 0 ||
        (r = copy_segments(&e, image, ep)) < 0)
        return r;
    uint64_t base = (top - len) & ~15ull;
    if (exec_frame_relocate(frame, len, base) < 0)
        return -EINVAL;
    if (sys_vircopy(SELF, (uint64_t)frame, ep, base, len) < 0)
        return -EFAULT;
    *entry = e.eh->e_entry;
    *sp = base;
    return exec_vm(VM_EXEC_DONE, ep, NULL, NULL);
}
