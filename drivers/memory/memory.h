/* The memory driver: its handlers and the parts they share. */
#ifndef MEMORY_H
#define MEMORY_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <ember/server.h>
#include <ember/devices.h>

/* The most one read or write moves; a longer one gets a short count. */
#define MAX_TRANSFER (1u << 20)

/* chardev.c: the CDEV protocol for null, zero, full, random, urandom. */
int do_cdev_open(message *m);
int do_cdev_close(message *m);
int do_cdev_read(message *m);
int do_cdev_write(message *m);
int do_cdev_ioctl(message *m);
int do_cdev_cancel(message *m);
int do_cdev_select(message *m);

/* ramdisk.c: the BDEV protocol for the boot module "ramdisk". */
int ramdisk_init(void);
int do_bdev_open(message *m);
int do_bdev_close(message *m);
int do_bdev_read(message *m);
int do_bdev_write(message *m);
int do_bdev_size(message *m);

/* random.c: the generator behind /dev/random and /dev/urandom. */
void random_init(void);
void random_bytes(void *buf, size_t len);
void random_mix(const void *buf, size_t len);
const char *random_sources(void);

/* chacha.c: the ChaCha20 block function (RFC 8439). */
#define CHACHA_BLOCK 64
void chacha20_block(const uint32_t key[8], uint64_t counter, uint64_t nonce,
                    uint8_t out[CHACHA_BLOCK]);

#endif
