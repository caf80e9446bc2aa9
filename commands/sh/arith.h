/* Arithmetic expansion: $(( )) with the C integer operators. */
#ifndef SH_ARITH_H
#define SH_ARITH_H

/* Evaluate; returns -1 after reporting a syntax or division error. */
int arith_eval(const char *expr, long *result);

#endif
