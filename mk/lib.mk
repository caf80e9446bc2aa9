# Build one static user-space library. A directory's Makefile sets LIB (the
# name without lib/.a) and SRCS, then includes this file.
include $(dir $(lastword $(MAKEFILE_LIST)))config.mk

HERE   := $(abspath .)
REL    := $(patsubst $(TOP)/%,%,$(HERE))/
LIBOBJ := $(OBJ)/$(REL)
OBJS   := $(patsubst %.c,$(LIBOBJ)/%.o,$(filter %.c,$(SRCS))) \
          $(patsubst %.S,$(LIBOBJ)/%.o,$(filter %.S,$(SRCS)))
TARGET := $(LIBDIR)/lib$(LIB).a

all: $(TARGET) $(EXTRA_TARGETS)

$(TARGET): $(OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	@echo "  AR      $@"
	$(Q)$(AR) rcs $@ $^

$(LIBOBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $(REL)$(notdir $<)"
	$(Q)$(CC) $(USER_CFLAGS) $(EXTRA_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(LIBOBJ)/%.o: %.S
	@mkdir -p $(dir $@)
	@echo "  CC      $(REL)$(notdir $<)"
	$(Q)$(CC) $(USER_CFLAGS) $(EXTRA_CFLAGS) $(DEPFLAGS) -c -o $@ $<

clean:
	rm -rf $(LIBOBJ) $(TARGET)

.PHONY: all clean
-include $(OBJS:.o=.d)

# The same library for the Linux host (host-side tests of portable code).
HOSTLIB  := $(BUILD)/host/lib/lib$(LIB).a
HOSTLOBJ := $(BUILD)/host/obj/$(REL)
HOST_LOBJS := $(patsubst %.c,$(HOSTLOBJ)/%.o,$(filter %.c,$(SRCS)))

host: $(HOSTLIB)

$(HOSTLIB): $(HOST_LOBJS)
	@mkdir -p $(dir $@)
	@echo "  HOSTAR  $@"
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(HOSTLOBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $(REL)$(notdir $<)"
	$(Q)$(CC) -std=gnu17 -O1 -g $(WARN) -DHOST_BUILD -I$(TOP)/lib/include $(HOST_CFLAGS) $(DEPFLAGS) -c -o $@ $<

.PHONY: host
-include $(HOST_LOBJS:.o=.d)
