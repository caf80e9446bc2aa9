# Ember: `make` builds everything; see README.md and build.sh for the rest.
include mk/config.mk

LIB_DIRS     := lib/libc lib/libsys lib/libcmd lib/libfile lib/libblockdriver lib/libnetdriver \
                lib/libcrypt
PROGRAM_DIRS := $(patsubst %/Makefile,%,$(wildcard commands/*/Makefile servers/*/Makefile \
                  drivers/*/Makefile tests/os/*/Makefile)) bench

all: kernel programs ramdisk

kernel:
	@$(MAKE) -s -C kernel

newlib:
	@$(MAKE) -s -C lib/newlib

libs: newlib
	@for d in $(LIB_DIRS); do $(MAKE) -s -C $$d || exit 1; done

programs: libs
	@$(MAKE) -s $(PROGRAM_DIRS:%=build-%)

$(PROGRAM_DIRS:%=build-%): build-%: libs
	@$(MAKE) -s -C $*

ramdisk: programs
	@release/mkramdisk.sh $(BUILD)

image: all
	@release/mkimage.sh $(BUILD) $(BUILD)/ember.img

unit:
	@$(MAKE) -s -C tests/unit

# Portable commands built for the Linux host, for host-side tests.
COMMAND_DIRS := $(patsubst %/Makefile,%,$(wildcard commands/*/Makefile))
host: $(COMMAND_DIRS:%=host-%)
host-libs:
	@$(MAKE) -s -C lib/libcmd host
	@$(MAKE) -s -C lib/libfile host
$(COMMAND_DIRS:%=host-%): host-%: host-libs
	@$(MAKE) -s -C $* host

# Unit tests and system tests in one pytest run, ending with its summary.
test: all image unit host
	cd tests && /usr/bin/python3 -m pytest $(PYTEST_ARGS)

bench: all image
	@bench/run.sh

format-check:
	@release/format-check.sh

kernel-size:
	@find kernel \( -name '*.c' -o -name '*.h' -o -name '*.S' \) | xargs cat | wc -l | \
	    xargs printf 'kernel: %s lines of C and assembly\n'

clean:
	rm -rf $(BUILD)

.PHONY: all kernel newlib libs programs ramdisk image unit host host-libs test bench format-check kernel-size clean
