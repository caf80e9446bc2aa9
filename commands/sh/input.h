/*
 * Where the lexer's characters come from: a stack of sources. The bottom
 * one is a script file, a string (-c, eval) or the terminal; aliases push
 * their text on top. A source that runs dry stays on the stack until the
 * lexer starts its next token, so an alias is still "in use" while the
 * word that ends just after it is checked for alias expansion.
 */
#ifndef SH_INPUT_H
#define SH_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "alloc.h"

struct alias;

enum prompt_kind { PROMPT_NONE, PROMPT_PS1, PROMPT_PS2 };

struct source {
    struct source *prev;
    enum { SRC_STRING, SRC_FD, SRC_TERMINAL, SRC_PUSHED } kind;
    char *buf;
    size_t len;
    size_t pos;
    size_t cap;    /* allocated size of buf, for the sources that own it */
    size_t echoed; /* set -v: bytes already copied to stderr */
    bool owned;
    int fd;
    bool bytewise; /* read a byte at a time: the fd is shared with commands */
    bool seekable; /* fd 0 on a file: give back read-ahead before commands */
    struct alias *alias;
};

#define INPUT_RECENT 4

struct input {
    struct source *top;
    int line;
    struct source *recent[INPUT_RECENT]; /* where the last chars came from */
    int nrecent;
    struct strbuf capture; /* raw text of the word being scanned */
    int capture_depth;
    enum prompt_kind prompt;
    bool interrupted; /* ^C at the terminal: drop the command being read */
};

void input_init_string(struct input *in, const char *s, int line);
void input_init_fd(struct input *in, int fd);
void input_init_terminal(struct input *in);
void input_free(struct input *in);

/* The next character, or -1 at the end of the input. */
int input_getc(struct input *in);
void input_ungetc(struct input *in, int c);

/* Read text before what is left (alias text, or text scanned too far). */
void input_push(struct input *in, const char *s, size_t len, struct alias *alias);
/* Drop pushed sources that are used up (the lexer calls this per token). */
void input_pop_done(struct input *in);

/* Before running a command: give back read-ahead on a shared fd 0. */
void input_sync(struct input *in);
/* After a syntax error: skip the rest of the current line. */
void input_discard_line(struct input *in);

void input_set_prompt(struct input *in, enum prompt_kind which);

/* Raw text of words: nested words share one buffer. */
size_t input_capture_begin(struct input *in);
char *input_capture_end(struct input *in, size_t start, struct arena *arena);

#endif
