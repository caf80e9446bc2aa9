# Build one user program. A directory's Makefile sets PROG and SRCS (and
# optionally EXTRA_CFLAGS, EXTRA_LIBS), then includes this file.
include $(dir $(lastword $(MAKEFILE_LIST)))config.mk

HERE    := $(abspath .)
REL     := $(patsubst $(TOP)/%,%,$(HERE))/
PROGOBJ := $(OBJ)/$(REL)
OBJS    := $(patsubst %.c,$(PROGOBJ)/%.o,$(filter %.c,$(SRCS))) \
           $(patsubst %.S,$(PROGOBJ)/%.o,$(filter %.S,$(SRCS)))
TARGET  := $(BIN)/$(PROG)

# EMBER := no marks a portable program whose needs the OS's libc does not
# meet yet: it is built for the host only.
ifeq ($(EMBER),no)
all:
else
all: $(TARGET)
endif

$(TARGET): $(OBJS) $(USER_CRT) $(LIBDIR)/libposix.a $(LIBDIR)/libcmd.a $(LIBDIR)/libsys.a $(EXTRA_DEPS)
	@mkdir -p $(dir $@)
	@echo "  LINK    $@"
	$(Q)$(CC) $(USER_LDFLAGS) -o $@ $(USER_CRT) $(OBJS) $(EXTRA_LIBS) $(USER_LIBS)

$(PROGOBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $(REL)$(notdir $<)"
	$(Q)$(CC) $(USER_CFLAGS) $(EXTRA_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(PROGOBJ)/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  CC      $(REL)$(notdir $<)"
	$(Q)$(CC) $(USER_CFLAGS) $(EXTRA_CFLAGS) $(DEPFLAGS) -c -o $@ $<

clean:
	rm -rf $(PROGOBJ) $(TARGET)

.PHONY: all clean
-include $(OBJS:.o=.d)

# The same program built for the Linux host with glibc, for host-side tests
# of portable code: `make host` puts it in $(BUILD)/host/bin. A program that
# only makes sense on Ember sets HOST := no.
HOSTBIN  := $(BUILD)/host/bin
HOSTOBJ  := $(BUILD)/host/obj/$(REL)
HOST_OBJS := $(patsubst %.c,$(HOSTOBJ)/%.o,$(filter %.c,$(SRCS)))
HOST_CFLAGS_ALL := -std=gnu17 -O1 -g $(WARN) -DHOST_BUILD -I$(TOP)/lib/include $(HOST_CFLAGS)

ifeq ($(HOST),no)
host:
else
host: $(HOSTBIN)/$(PROG)
endif

$(HOSTBIN)/$(PROG): $(HOST_OBJS) $(BUILD)/host/lib/libcmd.a $(HOST_EXTRA_DEPS)
	@mkdir -p $(dir $@)
	@echo "  HOSTLD  $@"
	$(Q)$(CC) -o $@ $(HOST_OBJS) $(HOST_LIBS) $(BUILD)/host/lib/libcmd.a

$(HOSTOBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $(REL)$(notdir $<)"
	$(Q)$(CC) $(HOST_CFLAGS_ALL) $(EXTRA_CFLAGS) $(DEPFLAGS) -c -o $@ $<

.PHONY: host
-include $(HOST_OBJS:.o=.d)
