/* Counter-based random numbers: every draw is a pure function of (seed, stream, index), so a
 * sweep's run i sees the same numbers whichever thread or MPI rank computes it. The generator
 * is Philox4x32-10 (Salmon, Moraes, Dror & Shaw 2011, "Parallel random numbers: as easy as
 * 1, 2, 3"); the distributions are sampled by inverting their distribution functions, so each
 * variate uses exactly one uniform and truncation to a scale is exact. */
#ifndef FULCRUM_RNG_H
#define FULCRUM_RNG_H

#include "fulcrum/export.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One Philox4x32-10 block: encrypts the 128-bit counter ctr under the 64-bit key. */
FC_API void fc_philox4x32(const uint32_t ctr[4], const uint32_t key[2], uint32_t out[4]);

/* The uniform number with index `index` of stream `stream` under `seed`, strictly inside
 * (0, 1) with 53 random bits: ((k + 0.5) / 2^53). Two uniforms come from one Philox block. */
FC_API double fc_rng_uniform(uint64_t seed, uint64_t stream, uint64_t index);

/* The standard normal distribution function and its inverse (full double precision: a
 * rational first guess refined by one Halley step on erfc). fc_normal_quantile(p) for p in
 * (0, 1); 0 and 1 give -inf and +inf. */
FC_API double fc_normal_cdf(double x);
FC_API double fc_normal_quantile(double p);

/* The kinds of distribution an uncertain input may have (see docs/uncertainty.md). */
typedef enum fc_dist_kind {
    FC_DIST_FIXED = 0,   /* always `mode` */
    FC_DIST_UNIFORM,     /* on [low, high] */
    FC_DIST_NORMAL,      /* normal(mode, sd) truncated to [low, high] (either may be infinite) */
    FC_DIST_TRIANGULAR   /* triangular(a, mode, b) truncated to [low, high] */
} fc_dist_kind;

typedef struct fc_dist {
    fc_dist_kind kind;
    double mode;         /* the estimate itself (the centre of the normal) */
    double sd;           /* NORMAL */
    double a, b;         /* TRIANGULAR: the support before truncation */
    double low, high;    /* the truncation bounds (UNIFORM: the support) */
    int prepared;        /* set by fc_dist_prepare: f_low and f_high hold F(low) and F(high) */
    double f_low, f_high;
} fc_dist;

/* Caches the distribution function at the bounds, so that sampling a truncated normal or
 * triangular costs one quantile (the draws are the same with or without it). */
FC_API void fc_dist_prepare(fc_dist *d);

/* The value below which a fraction u of the distribution lies (u in (0, 1)); sampling is
 * fc_dist_quantile(d, fc_rng_uniform(...)). */
FC_API double fc_dist_quantile(const fc_dist *d, double u);

#ifdef __cplusplus
}
#endif
#endif
