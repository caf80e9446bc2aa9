/* regerror(): the text for each REG_* code. */
#include <string.h>

#include "regex_impl.h"

static const char *const re_messages[] = {
    [0] = "success",
    [REG_NOMATCH] = "no match",
    [REG_BADPAT] = "invalid regular expression",
    [REG_ECOLLATE] = "invalid collating element",
    [REG_ECTYPE] = "invalid character class",
    [REG_EESCAPE] = "trailing backslash",
    [REG_ESUBREG] = "invalid back reference",
    [REG_EBRACK] = "unmatched [ or [^",
    [REG_EPAREN] = "unmatched ( or \\(, or ) or \\)",
    [REG_EBRACE] = "unmatched { or \\{",
    [REG_BADBR] = "invalid content of {} or \\{\\}",
    [REG_ERANGE] = "invalid range end",
    [REG_ESPACE] = "out of memory or too complex",
    [REG_BADRPT] = "repetition operator with nothing to repeat",
};

/*
 * Copy the message for errcode into errbuf (truncated, always terminated
 * when errbuf_size > 0); return the size the whole message needs.
 */
size_t regerror(int errcode, const regex_t *restrict preg, char *restrict errbuf,
                size_t errbuf_size)
{
    const char *message = "unknown regular expression error";
    size_t need;

    (void)preg;
    if (errcode >= 0 && errcode < (int)(sizeof(re_messages) / sizeof(re_messages[0])))
        message = re_messages[errcode];
    need = strlen(message) + 1;
    if (errbuf && errbuf_size > 0) {
        size_t n = need < errbuf_size ? need : errbuf_size;

        memcpy(errbuf, message, n - 1);
        errbuf[n - 1] = '\0';
    }
    return need;
}
