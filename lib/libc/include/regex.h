/*
 * POSIX regular expressions (basic and extended), implemented in
 * lib/libc/port/regex_*.c. This header replaces newlib's own.
 */
#ifndef EMBER_REGEX_H
#define EMBER_REGEX_H

#include <stddef.h>
#include <sys/types.h>

typedef ssize_t regoff_t;

typedef struct {
    size_t re_nsub;             /* number of parenthesized subexpressions */
    struct re_program *re_prog; /* compiled program; private to the library */
} regex_t;

typedef struct {
    regoff_t rm_so; /* offset of the first byte of the match, or -1 */
    regoff_t rm_eo; /* offset one past the last byte of the match, or -1 */
} regmatch_t;

/* regcomp() flags */
#define REG_EXTENDED 0001
#define REG_ICASE    0002
#define REG_NOSUB    0004
#define REG_NEWLINE  0010

/* regexec() flags */
#define REG_NOTBOL 0001
#define REG_NOTEOL 0002

/* Error codes (0 is success). */
#define REG_NOMATCH  1
#define REG_BADPAT   2
#define REG_ECOLLATE 3
#define REG_ECTYPE   4
#define REG_EESCAPE  5
#define REG_ESUBREG  6
#define REG_EBRACK   7
#define REG_EPAREN   8
#define REG_EBRACE   9
#define REG_BADBR    10
#define REG_ERANGE   11
#define REG_ESPACE   12
#define REG_BADRPT   13

#ifndef RE_DUP_MAX
#define RE_DUP_MAX 255
#endif

#ifdef __cplusplus
extern "C" {
#endif

int regcomp(regex_t *restrict preg, const char *restrict pattern, int cflags);
int regexec(const regex_t *restrict preg, const char *restrict string, size_t nmatch,
            regmatch_t pmatch[restrict], int eflags);
size_t regerror(int errcode, const regex_t *restrict preg, char *restrict errbuf,
                size_t errbuf_size);
void regfree(regex_t *preg);

#ifdef __cplusplus
}
#endif

#endif
