# Build one user program. A directory's Makefile sets PROG and SRCS (and
# optionally EXTRA_CFLAGS, EXTRA_LIBS), then includes this file.
include $(dir $(lastword $(MAKEFILE_LIST)))config.mk

HERE    := $(abspath .)
REL     := $(patsubst $(TOP)/%,%,$(HERE))/
PROGOBJ := $(OBJ)/$(REL)
OBJS    := $(patsubst %.c,$(PROGOBJ)/%.o,$(filter %.c,$(SRCS))) \
           $(patsubst %.S,$(PROGOBJ)/%.o,$(filter %.S,$(SRCS)))
TARGET  := $(BIN)/$(PROG)

all: $(TARGET)

$(TARGET): $(OBJS) $(USER_CRT) $(LIBDIR)/libposix.a $(EXTRA_DEPS)
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
