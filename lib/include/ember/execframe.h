/*
 * The argument frame of exec: the block that becomes the top of the new
 * program's stack. Whoever starts a program (libc's execve, pm for init,
 * rs for services) builds it with every pointer an offset from the block's
 * start; vfs copies it to the new stack and adds the block's final address
 * to each pointer. Layout (System V): argc, argv[argc], NULL, envp[], NULL,
 * an auxiliary vector ending in AT_NULL, then the strings.
 */
#ifndef EMBER_EXECFRAME_H
#define EMBER_EXECFRAME_H

#include <stddef.h>
#include <stdint.h>

/* Build the frame in buf; returns its length or -E2BIG. */
long exec_frame_build(void *buf, size_t size, char *const argv[], char *const envp[]);

/* Check a frame and move its pointers to a block placed at base; returns
 * argc or a negative error. */
long exec_frame_relocate(void *buf, size_t len, uint64_t base);

#endif
