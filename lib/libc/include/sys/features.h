/* newlib's feature macros, plus the POSIX options Ember provides. */
#ifndef _EMBER_SYS_FEATURES_H
#define _EMBER_SYS_FEATURES_H

#include_next <sys/features.h>

#ifndef _POSIX_MONOTONIC_CLOCK
#define _POSIX_MONOTONIC_CLOCK 200112L
#endif
#ifndef _POSIX_CPUTIME
#define _POSIX_CPUTIME 200112L
#endif
#ifndef _POSIX_TIMERS
#define _POSIX_TIMERS 200112L
#endif
#ifndef _POSIX_THREAD_CPUTIME
#define _POSIX_THREAD_CPUTIME 200112L
#endif

#endif
