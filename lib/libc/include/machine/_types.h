/*
 * Ember's machine types for newlib: 64-bit inode numbers, 32-bit device
 * numbers and user and group ids. newlib is built with this header (see
 * lib/newlib/Makefile), so the library and every program agree.
 */
#ifndef _MACHINE__TYPES_H
#define _MACHINE__TYPES_H

#include <machine/_default_types.h>

#define __machine_dev_t_defined
typedef __uint32_t __dev_t;

#define __machine_ino_t_defined
typedef __uint64_t __ino_t;

#define __machine_uid_t_defined
typedef __uint32_t __uid_t;

#define __machine_gid_t_defined
typedef __uint32_t __gid_t;

#endif
