/*
 * Device numbers: the major number names the driver (vfs maps it to the
 * driver's endpoint, found in ds under the driver's label), the minor
 * number names one device of that driver. A dev_t packs both.
 *
 * Minor 0 of the tty driver is an alias for the system console (the line
 * named by console= on the driver's command line, ttyS0 by default), and
 * TTY_MINOR_CTTY for the caller's controlling terminal: opening either
 * answers the real minor (CDEV_OPEN's "new minor"), which vfs should use
 * for the open file from then on. The driver still accepts both aliases
 * in every later request.
 */
#ifndef EMBER_DEVICES_H
#define EMBER_DEVICES_H

/* dev_t: the major number above bit 16, the minor in the low 16 bits. */
#define DEV_MAKE(major, minor) ((((unsigned)(major)) << 16) | ((unsigned)(minor)&0xFFFF))
#define DEV_MAJOR(dev)         (((unsigned)(dev)) >> 16)
#define DEV_MINOR(dev)         (((unsigned)(dev)) & 0xFFFF)

/* Major numbers of the character devices (and their ds labels). */
#define MEMORY_MAJOR 1 /* "memory" */
#define TTY_MAJOR    4 /* "tty" */

/* Major numbers of the block devices (and their drivers' ds labels); the
 * memory driver's ramdisk is block major MEMORY_MAJOR. Minor 0 is the
 * whole disk, minors 1-4 its primary partitions. */
#define VIRTIO_BLK_MAJOR  8  /* "virtio-blk": /dev/vda, vda1..vda4 */
#define ATA_MAJOR         9  /* "ata": /dev/sda, sda1..sda4 */
#define VIRTIO_BLK1_MAJOR 10 /* "virtio-blk1", a second virtio disk: /dev/vdb... */

/* Memory driver: character minors. */
#define MEMORY_NULL    0 /* /dev/null */
#define MEMORY_ZERO    1 /* /dev/zero */
#define MEMORY_FULL    2 /* /dev/full */
#define MEMORY_RANDOM  3 /* /dev/random */
#define MEMORY_URANDOM 4 /* /dev/urandom */

/* Memory driver: block minors (BDEV protocol). */
#define MEMORY_RAMDISK 0 /* the boot module named "ramdisk" */

/* tty driver minors. */
#define TTY_MINOR_CONSOLE   0          /* /dev/console: an alias, see above */
#define TTY_NR_VCS          4          /* VGA consoles tty1..tty4 */
#define TTY_MINOR_VC(n)     (n)        /* ttyN, 1 <= N <= TTY_NR_VCS */
#define TTY_NR_SERIAL       2          /* 16550 lines ttyS0 (COM1), ttyS1 (COM2) */
#define TTY_MINOR_SERIAL(n) (64 + (n)) /* ttySn */
#define TTY_MINOR_CTTY      255        /* /dev/tty: an alias, see above */

#endif
