/* Grants: resolving a grant id to memory, with every check on the way. */
#ifndef GRANT_H
#define GRANT_H

#include "thread.h"
#include "space.h"

int grant_resolve(struct thread *grantee, endpoint_t owner, grant_id_t id, uint64_t offset,
                  uint64_t len, uint32_t access, struct space **space, uint64_t *addr);

#endif
