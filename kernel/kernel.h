/* Definitions every kernel file uses: types, printing, panic, assertions. */
#ifndef KERNEL_H
#define KERNEL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ember/errno.h>

#define ARRAY_SIZE(a)    (sizeof(a) / sizeof((a)[0]))
#define ROUND_UP(x, a)   (((x) + (a)-1) & ~((uint64_t)(a)-1))
#define ROUND_DOWN(x, a) ((x) & ~((uint64_t)(a)-1))
#define MIN(a, b)        ((a) < (b) ? (a) : (b))
#define MAX(a, b)        ((a) > (b) ? (a) : (b))
#define UNUSED(x)        ((void)(x))
#define likely(x)        __builtin_expect(!!(x), 1)
#define unlikely(x)      __builtin_expect(!!(x), 0)

/*
 * The system call and IPC path's code and the variables it touches on
 * every call, each kept together on one page (kernel.ld puts them first).
 * Under emulation every address-space switch empties the TLB, and each
 * distinct page touched afterwards costs a page walk.
 */
#define HOT_PATH __attribute__((section(".text.hot")))
#define HOT_DATA __attribute__((section(".data.hot")))

void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void console_write(const char *s, size_t n);

_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define assert(c)                                                                                  \
    do {                                                                                           \
        if (unlikely(!(c)))                                                                        \
            panic("%s:%d: %s: assertion '%s' failed", __FILE__, __LINE__, __func__, #c);           \
    } while (0)

void *memset(void *d, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
size_t strlcpy(char *d, const char *s, size_t n);
char *strchr(const char *s, int c);

#endif
