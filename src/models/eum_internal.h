/* Internals of the expected-utility engine shared by its forecaster wrapper and its tests:
 * the run loop with observer hooks that expose every intermediate number the specification's
 * traces print (probabilities, denominators, security sums, all expected-utility pairs). */
#ifndef FULCRUM_MODELS_EUM_INTERNAL_H
#define FULCRUM_MODELS_EUM_INTERNAL_H

#include <stddef.h>

#include "fulcrum/eum.h"
#include "fulcrum/forecast.h"

/* Every hook may be NULL. round is 1-based for in-round hooks, 0 for the initial state.
 * stage 0 = the vote state of the risk step's start (every r = 1), 1 = the offer stage's. */
typedef struct eum_observer {
    void *ctx;
    void (*den)(void *ctx, size_t round, int stage, double den);
    void (*prob)(void *ctx, size_t round, int stage, double a, double b, double p);
    /* S of the r = 1 state (the first security vector), R and the new r of every actor. */
    void (*risk)(void *ctx, size_t round, size_t n, const double *S, const double *R,
                 const double *r);
    /* Every receiver i and sender j at a different position (receivers that may move). */
    void (*pair)(void *ctx, size_t round, size_t i, size_t j, double e_ij, double e_ji,
                 double p_ij, double p_ji);
    /* A chosen offer: receiver i moves from old_x to new_x because of sender j. */
    void (*move)(void *ctx, size_t round, size_t i, size_t j, fc_event_kind kind, double e_ij,
                 double e_ji, double old_x, double new_x);
    /* The offer a fixed receiver i would have taken from sender j; it refuses and stays. */
    void (*refused)(void *ctx, size_t round, size_t i, size_t j, fc_event_kind kind, double e_ij,
                    double e_ji, double old_x, double offered_x);
    /* The state after round `round` (0: the input): positions, the round's r, statistics. */
    void (*state)(void *ctx, size_t round, const double *x, const double *r, double mean,
                  double median);
} eum_observer;

/* Runs the engine; *rounds_played and *converged (1 stopped by tol) may be NULL. */
fc_status eum_run(fc_eum_workspace *ws, const fc_eum_options *o, size_t n, const double *cap,
                  const double *pos, const double *sal, const unsigned char *fixed,
                  const eum_observer *obs, size_t *rounds_played, int *converged,
                  fc_error *err);

/* fc_eum_solve with observer hooks (the state hook is never needed: the point forecast of
 * the last state is computed once, at the end). */
fc_status eum_solve_observed(fc_eum_workspace *ws, const fc_eum_options *opts, size_t n, const double *cap,
                             const double *pos, const double *sal, const unsigned char *fixed,
                             const eum_observer *obs, double *final_positions, double *forecast_out,
                             fc_error *err);

/* pow(b, r) within 1e-8 for b in [0, 1] (pow itself outside [2^-60, 1] x [1/4, 4]): the
 * offer stage's approximation, which decides only what its error cannot change. */
double eum_approx_pow(double b, double r);

/* The name of a switch value, for docs and round-trip tests (NULL when out of range). */
const char *eum_option_value_name(const char *key, int value);

#endif
