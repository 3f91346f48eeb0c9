/* What the backtest (backtest.c) shares with its cross-validation (backtest_cv.c): proposals as
 * clusters and the bootstrap of an MAE difference that resamples them. */
#ifndef FULCRUM_BACKTEST_INTERNAL_H
#define FULCRUM_BACKTEST_INTERNAL_H

#include <stddef.h>

#include "fulcrum/backtest.h"

/* group[i] = the proposal index of issue i, numbered in order of first appearance; returns the
 * number of proposals. */
size_t backtest_groups(const fc_deu_set *set, size_t *group);

/* MAE difference of forecasts fm from baseline fb on the issues both forecast (NaN = none),
 * and its bootstrap interval (o->n_boot, o->seed, o->threads), into out's n_common, diff_mae,
 * diff_lo and diff_hi. */
fc_status backtest_bootstrap_diff(const fc_deu_set *set, const size_t *group, size_t n_groups,
                                  const double *fm, const double *fb, const fc_backtest_options *o,
                                  fc_backtest_model *out, fc_error *err);

#endif
