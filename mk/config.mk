# Settings shared by every Makefile in the tree. Include it first.
TOP    := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)
BUILD  ?= $(TOP)/build
OBJ    := $(BUILD)/obj
BIN    := $(BUILD)/bin
LIBDIR := $(BUILD)/lib

CC := gcc
AR := ar
LD := ld
OBJCOPY := objcopy

# newlib, built by lib/newlib/Makefile into the build tree.
NEWLIB_PREFIX := $(BUILD)/newlib/install
SYSROOT       := $(NEWLIB_PREFIX)/x86_64-elf
GCC_INCLUDE   := $(shell $(CC) -print-file-name=include)
LIBGCC        := $(shell $(CC) -print-libgcc-file-name)

WARN := -Wall -Wextra -Werror
BASE_CFLAGS := -std=gnu17 -O2 -g $(WARN) -fno-pie -fno-pic -fno-stack-protector -fno-strict-aliasing \
               -fno-asynchronous-unwind-tables -fcf-protection=none

KERNEL_CFLAGS := $(BASE_CFLAGS) -ffreestanding -fno-builtin -mcmodel=kernel -mno-red-zone \
                 -mgeneral-regs-only -fomit-frame-pointer -nostdinc -isystem $(GCC_INCLUDE)

# User space: our headers, then GCC's (stddef, stdarg), then newlib's.
USER_CFLAGS := $(BASE_CFLAGS) -nostdinc -I$(TOP)/lib/include -isystem $(TOP)/lib/libc/include \
               -isystem $(GCC_INCLUDE) -isystem $(SYSROOT)/include -D__ember__
USER_LDFLAGS := -nostdlib -static -Wl,-z,max-page-size=4096 -Wl,--build-id=none -Wl,-z,noexecstack \
                -Wl,-Ttext-segment=0x400000
USER_CRT  := $(LIBDIR)/crt0.o
USER_LIBS := -Wl,--start-group $(LIBDIR)/libcmd.a $(LIBDIR)/libposix.a $(LIBDIR)/libsys.a\
             $(SYSROOT)/lib/libc.a $(SYSROOT)/lib/libm.a $(LIBGCC) -Wl,--end-group

DEPFLAGS = -MMD -MP
Q ?= @
