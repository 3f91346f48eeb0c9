/* Internals shared by the sweep's files: the prepared sweep (inputs, per-run storage, block
 * bookkeeping), the per-thread engine that runs one model call without allocating when the
 * model allows it, checkpoints, and the packing that MPI and checkpoints share. */
#ifndef FULCRUM_ANALYSIS_SWEEP_INTERNAL_H
#define FULCRUM_ANALYSIS_SWEEP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "fulcrum/problem.h"
#include "fulcrum/sweep.h"

#define SWEEP_EVENT_KINDS 5

typedef struct sweep_ctx {
    const fc_scenario *sc;
    fc_sweep_options o;
    fc_problem nominal;
    const fc_model *model;
    void *opts;                   /* the model's options struct (NULL when it has none) */
    fc_sweep_result *r;           /* inputs, per-run arrays, summaries */
    double *choice_pos;           /* n_choices * n_dims; NaN = the decider keeps its position */
    size_t block_size, n_blocks;
    unsigned char *block_done;    /* n_blocks flags */
    unsigned char *run_failed;    /* runs flags */
    uint64_t *event_counts;       /* n_actors^2 * SWEEP_EVENT_KINDS */
    size_t n_event_cells;
    uint64_t fingerprint;         /* of everything that decides the per-run results */
    int per_issue;                /* a one-issue model run on each issue (sweep_issues.c) */
    fc_status nominal_status;     /* the model's verdict on the estimates themselves */
    fc_error nominal_err;
} sweep_ctx;

/* The dilemma module's figures of one run (docs/dilemma.md), for the deciding actor: the
 * pressure (sum of the challengers' expected utilities of every challenge aimed at it), the
 * number of conflicts among all pairs, and the regional instability. */
typedef struct sweep_figures {
    double pressure, conflicts, instability;
    double stable;                /* 1: the forecast came to rest (or has no rounds); 0: not */
} sweep_figures;
#define SWEEP_FIGURES 4

/* A per-thread engine: a working copy of the problem and the model's workspace. */
typedef struct sweep_engine sweep_engine;

fc_status sweep_engine_new(const sweep_ctx *c, sweep_engine **out, fc_error *err);
void sweep_engine_free(sweep_engine *e);
/* The engine's working problem (sample into it, then call sweep_engine_eval). */
fc_problem *sweep_engine_problem(sweep_engine *e);
/* Runs the model on the engine's problem. Writes n_dims outcomes; when flags is not NULL,
 * sets flags[(challenger * n + target) * KINDS + kind] = 1 for every event (and appends the
 * cell to list, *n_list counting); when fig is not NULL, fills the dilemma figures for the
 * deciding actor (one-issue problems; NaN otherwise). A model's refusal of the input returns
 * its status. */
fc_status sweep_engine_eval(sweep_engine *e, double *outcome, unsigned char *flags,
                            uint32_t *list, size_t *n_list, sweep_figures *fig, fc_error *err);

/* Every issue on its own (sweep_issues.c): wanted for choices with a one-issue model, no issue
 * named and several issues; an engine of engines, one per issue. */
typedef struct sweep_issues sweep_issues;
int sweep_issues_wanted(const fc_model *m, const fc_sweep_options *o, const fc_scenario *sc);
fc_status sweep_issues_new(const sweep_ctx *c, sweep_issues **out, fc_error *err);
void sweep_issues_free(sweep_issues *s);
fc_status sweep_issues_eval(sweep_issues *s, const fc_problem *p, double *outcome, unsigned char *flags,
                            uint32_t *list, size_t *n_list, sweep_figures *fig, fc_error *err);

/* 0 when the forecast stopped at its round limit still moving (the dilemma's rule). */
int sweep_forecast_stable(const fc_forecast *f, const fc_problem *p);

/* Inputs (sweep_inputs.c). */
fc_status sweep_inputs_build(sweep_ctx *c, fc_error *err);
/* Writes input values into p: run's samples (run >= 0) or all nominal (run < 0), with input
 * `only` (if < n_inputs) set to `value` instead. */
void sweep_inputs_apply(const sweep_ctx *c, fc_problem *p, int64_t run, size_t only, double value);

/* Per-run record packing (checkpoints and MPI): doubles per run. */
size_t sweep_record_size(const sweep_ctx *c);
void sweep_pack_run(const sweep_ctx *c, size_t run, double *rec);
void sweep_unpack_run(sweep_ctx *c, size_t run, const double *rec);

/* Checkpoints (sweep_checkpoint.c). A missing file is not an error (nothing resumed). */
fc_status sweep_checkpoint_load(sweep_ctx *c, const char *path, size_t *resumed, fc_error *err);
fc_status sweep_checkpoint_save(const sweep_ctx *c, const char *path, fc_error *err);

/* The parts of fc_sweep_run (sweep.c), so that the MPI driver can merge between them. */
fc_status sweep_prepare(const fc_scenario *sc, const fc_sweep_options *o, sweep_ctx *c, fc_error *err);
fc_status sweep_compute(sweep_ctx *c, fc_error *err);
fc_status sweep_finish(sweep_ctx *c, fc_error *err);
void sweep_ctx_free(sweep_ctx *c);

/* The crisis backlash of the choices (sweep_backlash.c): the weight and the scenario's actors
 * (at prepare), then each run's crisis costs and challengers from its samples (at finish). */
fc_status sweep_backlash_prepare(sweep_ctx *c, fc_error *err);
fc_status sweep_backlash(sweep_ctx *c, fc_error *err);

/* The threads a sweep uses: the option, else OpenMP's default, at least 1 (sweep.c). */
int sweep_threads(const sweep_ctx *c);

/* Solves the symmetric positive definite system a x = b (n x n) by Cholesky, in place (b
 * receives x); 0 when a is not positive definite, e.g. collinear inputs (sensitivity.c). */
int sweep_cholesky_solve(double *a, double *b, size_t n);

/* Decision sensitivity over the runs (sweep_decision.c), after the summaries. */
fc_status sweep_decision_sensitivity(sweep_ctx *c, fc_error *err);

/* Summaries and sensitivity. */
fc_status sweep_summarise(sweep_ctx *c, fc_error *err);
/* The nominal forecast, and with full the tornado and the regression. */
fc_status sweep_sensitivity(sweep_ctx *c, int full, fc_error *err);
fc_status fc_distribution_compute(fc_distribution *d, const double *x, size_t n, size_t stride,
                                  double lo, double hi, size_t bins, fc_error *err);
void fc_distribution_free(fc_distribution *d);

double sweep_now(void);

#endif
