/*
 * The account files. /etc/passwd has seven fields per line,
 *
 *     name:password:uid:gid:gecos:home:shell
 *
 * and /etc/shadow, readable by root alone, nine,
 *
 *     name:password:lastchange:min:max:warn:inactive:expire:reserved
 *
 * of which only the first three matter here (lastchange counts days since
 * 1970-01-01). A password field is empty (no password), a "$5$" hash
 * (pwhash.h), "x" in /etc/passwd (the hash is in /etc/shadow), or starts
 * with '!' or '*' (the account is locked).
 *
 * Changes are atomic: the new file is written in full beside the old one
 * as NAME.tmp (created exclusively, so it doubles as the lock against a
 * second writer), flushed, and renamed over it, keeping its mode and
 * owner. A crash leaves either the old file or the new one.
 */
#ifndef SHADOW_H
#define SHADOW_H

#include <stddef.h>

#define PASSWD_FILE "/etc/passwd"
#define SHADOW_FILE "/etc/shadow"
#define FIELD_MAX   256

/* Copy field (0 = the name) of name's line in file into buf. Returns 1,
 * 0 when file has no such line (or does not exist), -1 with errno when
 * it cannot be read. */
int account_field(const char *file, const char *name, int field, char *buf, size_t size);

/* Change name's line in file: each field i < nvalues with values[i]
 * not NULL becomes values[i] (the name, field 0, stays). A missing line
 * is first made from template, a printf format whose one "%s" is the
 * name; with template NULL a missing line is an error (ENOENT). A
 * missing file is created with mode. Returns 0, or -1 with errno (EBUSY:
 * FILE.tmp exists, another writer is at work or one died; EINVAL: a
 * value holds ':' or a newline). */
int account_update(const char *file, const char *name, const char *const values[], int nvalues,
                   const char *template, int mode);

/* The template of a new /etc/shadow line (the caller fills in the
 * date of the change). */
#define SHADOW_TEMPLATE "%s:*::0:99999:7:::"

#endif
