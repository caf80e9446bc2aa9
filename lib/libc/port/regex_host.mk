# The libc's regular expressions built for the Linux host, so that host
# tests of grep, sed, expr and tests/unit/test_regex exercise this code and
# not glibc's regcomp. The functions are renamed ember_reg* at compile
# time, and only our regex.h (copied to a directory of its own) is put
# ahead of glibc's headers.
#
# A command's Makefile includes this after mk/prog.mk; its host build then
# compiles with REGEX_HOST_CFLAGS and links REGEX_HOST_LIB. Other users
# (tests/unit) use the variables and rules directly.
REGEX_SRCDIR    := $(TOP)/lib/libc/port
REGEX_HOST_DIR  := $(BUILD)/host/regex
REGEX_HOST_INC  := $(REGEX_HOST_DIR)/include
REGEX_HOST_LIB  := $(REGEX_HOST_DIR)/libregex.a
REGEX_HOST_SRCS := $(wildcard $(REGEX_SRCDIR)/regex_*.c)
REGEX_HOST_OBJS := $(patsubst $(REGEX_SRCDIR)/%.c,$(REGEX_HOST_DIR)/%.o,$(REGEX_HOST_SRCS))
REGEX_HOST_CFLAGS := -I$(REGEX_HOST_INC) -Dregcomp=ember_regcomp -Dregexec=ember_regexec \
                     -Dregerror=ember_regerror -Dregfree=ember_regfree

$(REGEX_HOST_INC)/regex.h: $(TOP)/lib/libc/include/regex.h
	@mkdir -p $(dir $@)
	$(Q)cp $< $@

$(REGEX_HOST_DIR)/%.o: $(REGEX_SRCDIR)/%.c $(REGEX_SRCDIR)/regex_impl.h $(REGEX_HOST_INC)/regex.h
	@echo "  HOSTCC  lib/libc/port/$(notdir $<)"
	$(Q)$(CC) -std=gnu17 -O2 -g $(WARN) $(REGEX_HOST_CFLAGS) -c -o $@ $<

$(REGEX_HOST_LIB): $(REGEX_HOST_OBJS)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

ifdef HOST_OBJS
HOST_CFLAGS_ALL += $(REGEX_HOST_CFLAGS)
HOST_LIBS += $(REGEX_HOST_LIB)
$(HOSTBIN)/$(PROG): $(REGEX_HOST_LIB)
$(HOST_OBJS): | $(REGEX_HOST_INC)/regex.h
endif
