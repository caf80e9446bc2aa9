/*
 * Grants. A process publishes grants in a table in its own memory and
 * registers the table with KC_SETGRANT; it sends a grant's id to another
 * process, which may then ask the kernel to copy to or from the granted
 * memory (KC_SAFECOPY). The kernel reads the table at every copy, so
 * clearing GRANT_VALID revokes a grant at once. Every copy is checked for
 * grantee, bounds, rights and the entry's sequence number (an id made for
 * an earlier use of the same entry fails).
 *
 *   direct:   memory of the owner: [addr, addr + size)
 *   indirect: a re-grant of a grant the owner received: (owner, grant),
 *             narrowed to [addr, addr + size) of it; chains end after
 *             GRANT_MAX_DEPTH steps
 *   magic:    memory of another process 'who' (vfs makes these for user
 *             buffers); needs the GRANT_MAGIC privilege
 */
#ifndef EMBER_GRANT_H
#define EMBER_GRANT_H

#include <ember/types.h>

#define GRANT_VALID    0x01
#define GRANT_READ     0x02 /* the grantee may copy from it */
#define GRANT_WRITE    0x04 /* the grantee may copy to it */
#define GRANT_DIRECT   0x10
#define GRANT_INDIRECT 0x20
#define GRANT_MAGIC    0x40
#define GRANT_KIND     (GRANT_DIRECT | GRANT_INDIRECT | GRANT_MAGIC)

#define GRANT_MAX_DEPTH   4
#define GRANT_MAX_ENTRIES 65536

typedef struct {
    uint32_t flags;
    uint32_t seq;       /* bumped by the owner each time the entry is reused */
    endpoint_t grantee; /* who may use it; ANY for anyone */
    endpoint_t target;  /* indirect: the grant's owner; magic: whose memory */
    grant_id_t grant;   /* indirect: the grant being re-granted */
    uint32_t pad;
    uint64_t addr; /* direct, magic: address; indirect: offset into the grant */
    uint64_t size;
} grant_entry_t;

_Static_assert(sizeof(grant_entry_t) == 40, "grant entry layout");

#define GRANT_ID(index, seq) ((grant_id_t)((((uint32_t)(seq)&0x7FFF) << 16) | (uint32_t)(index)))
#define GRANT_INDEX(id)      ((uint32_t)(id)&0xFFFF)
#define GRANT_SEQ(id)        (((uint32_t)(id) >> 16) & 0x7FFF)

#endif
