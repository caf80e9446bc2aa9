/*
 * recovery on a system whose drivers are not restarted when they die (the
 * Linux baseline): a skip line saying so. recovery.c is Ember's.
 */
#include "bench.h"

void bench_recovery(const struct bench_config *config)
{
    (void)config;
    report_skip("recovery", "Ember only: this system does not restart a dead driver");
}
