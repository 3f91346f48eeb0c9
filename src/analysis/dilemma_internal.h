/* Internal to the dilemma analysis: the either/or sweeps (dilemma_either.c) that
 * fc_dilemma_compute and fc_dilemma_compute_issues call after the model runs. */
#ifndef FULCRUM_ANALYSIS_DILEMMA_INTERNAL_H
#define FULCRUM_ANALYSIS_DILEMMA_INTERNAL_H

#include "fulcrum/dilemma.h"

fc_status dilemma_either_or(fc_dilemma *d, const fc_scenario *sc, const fc_dilemma_options *o, fc_error *err);
/* The same over every issue at once, on the totals' decision values (dilemma_issues.c). */
fc_status dilemma_either_totals(fc_dilemma_issues *d, const fc_scenario *sc, const fc_dilemma_options *o,
                                fc_error *err);
void dilemma_either_free(fc_dilemma_either *e);
/* Why each model run puts its best choice first, and its backtest record (dilemma_explain.c). */
void dilemma_explain(fc_dilemma *d);

#endif
