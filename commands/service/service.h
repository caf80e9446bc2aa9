/* service: the pieces shared between service.c and list.c. */
#ifndef SERVICE_H
#define SERVICE_H

#include "rs_client.h"

/* Report rs's failure r of the request what (on label, or NULL), exit 1. */
_Noreturn void service_fail(int r, const char *what, const char *label);

/* service list */
int service_list(void);

#endif
