# The benchmark's helper programs for Ember, one per invocation from the
# Makefile: make -f extra.mk PROG=NAME SRCS=FILE.c
include ../mk/prog.mk
