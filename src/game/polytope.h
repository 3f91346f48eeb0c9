/* The best-response polytopes of a bimatrix game in integer (fraction-free) dictionary form,
 * after von Stengel (2002, "Computing equilibria for two-person games", Handbook of Game
 * Theory 3, ch. 45): P = {x >= 0 : B'x <= 1}, Q = {y >= 0 : Ay <= 1} with payoffs made
 * positive integers. Variables are numbered by label: 0..m-1 for player 1's strategies,
 * m..m+n-1 for player 2's. Shared by enummixed (vertex enumeration) and lcp. */
#ifndef FULCRUM_GAME_POLYTOPE_H
#define FULCRUM_GAME_POLYTOPE_H

#include <gmp.h>
#include <stdint.h>

#include "game/game_internal.h"

typedef struct bimatrix {
    size_t m, n;
    mpz_t *A;  /* m*n, row-major, positive integers: player 1's payoffs shifted and scaled */
    mpz_t *B;  /* m*n, row-major: player 2's */
} bimatrix;

fc_status polytope_bimatrix_from_sform(const sform *s, bimatrix *bm, fc_error *err);
void polytope_bimatrix_free(bimatrix *bm);

/* A dictionary: D * x_basic[r] = c[r] - sum_k a[r][k] * x_nonbasic[k]. */
typedef struct dict {
    size_t rows, cols;
    mpz_t *a;      /* rows * cols */
    mpz_t *c;
    mpz_t D;
    int *basic;    /* label of each row's basic variable */
    int *nonbasic; /* label of each column's variable */
    mpz_t t1, t2;
} dict;

/* which = 0: P (rows = player 2's slack labels m+j, columns = x_i); 1: Q. */
fc_status polytope_dict_init(dict *d, const bimatrix *bm, int which, fc_error *err);
void polytope_dict_free(dict *d);
void polytope_dict_pivot(dict *d, size_t r, size_t s);

/* Solves for the point of P (which 0) or Q (which 1) whose tight constraints include
 * `labels`, normalised to a probability vector (m or n entries). False if none. */
bool polytope_bimatrix_point(const bimatrix *bm, int which, const uint64_t *labels, mpq_t *out);

/* The same, checking the point lies in the polytope: -1 when the labels do not determine a
 * single point, 0 when the point is outside (or the origin), 1 when out holds it. */
int polytope_bimatrix_point_checked(const bimatrix *bm, int which, const uint64_t *labels, mpq_t *out);

#endif
