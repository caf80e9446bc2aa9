# bench-true for Ember: it needs nothing but crt0 and exit.
PROG := bench-true
SRCS := true.c
include ../mk/prog.mk
