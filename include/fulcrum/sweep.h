/* Monte Carlo sweeps over the uncertainty of a scenario's estimates: every run draws each
 * uncertain capability, position and salience from its distribution, runs a forecaster and
 * keeps the outcome; the sweep then summarises the outcome's distribution, the probability of
 * each kind of event per ordered pair of actors, the deciding actor's choices under
 * uncertainty, and which inputs matter (sensitivity). Same seed, same summaries, bit for bit,
 * whatever the number of threads or MPI ranks (docs/uncertainty.md). */
#ifndef FULCRUM_SWEEP_H
#define FULCRUM_SWEEP_H

#include "fulcrum/export.h"

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "fulcrum/crisis.h"
#include "fulcrum/error.h"
#include "fulcrum/forecast.h"
#include "fulcrum/model.h"
#include "fulcrum/rng.h"
#include "fulcrum/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Parses a --jitter text such as "position=10,salience=10,capability=20%" into *u, changing
 * only the spreads it names (start from the scenario's default). Spreads are standard
 * deviations in the scenario's units; "N%" is N percent of each value. */
FC_API fc_status fc_sweep_parse_jitter(const char *text, fc_default_uncertainty *u, fc_error *err);

typedef struct fc_sweep_options {
    const fc_model *model;        /* required */
    const char *preset;           /* NULL = the model's default */
    const char *const *settings;  /* "key=value" model settings, n_settings of them */
    size_t n_settings;
    const char *issue;            /* NULL = the first issue (or all, for multi-issue models) */
    size_t runs;                  /* >= 1 */
    uint64_t seed;
    int threads;                  /* 0 = as many as OpenMP offers */
    const fc_default_uncertainty *jitter; /* NULL = the scenario's default uncertainty */
    int choices;                  /* 1: compare the deciding actor's choices in every run */
    int commit;                   /* choices held fixed throughout (credible commitment) */
    int sensitivity;              /* 1: tornado and standardised regression coefficients */
    /* With choices: the crisis backlash of each choice in every run, as the dilemma counts it
     * (docs/dilemma.md): each other actor as the decider's potential challenger (War Trap E(U)
     * and the international interaction game) on the run's sampled estimates, and the decision
     * value utility - weight x crisis cost. */
    int backlash;                 /* 1 (default): compute it; 0: the utility alone decides */
    double backlash_weight;       /* >= 0; NaN (default): the scenario's backlash.weight, else 0 */
    fc_crisis_options crisis;     /* the crisis models' options (fc_crisis_options_init) */
    int histogram_bins;           /* 0 = 20 */
    size_t max_events;            /* at most this many event lines in text reports; 0 = 20 */
    const char *checkpoint;       /* NULL = none; finished blocks are saved here atomically */
    double checkpoint_interval;   /* seconds between saves; <= 0 = 2 */
    int rank, n_ranks;            /* this process's share of the runs (MPI); 0 and 1 alone */
    /* Called from one thread at a time after each finished block (may be NULL). */
    void (*progress)(void *ctx, size_t done, size_t total);
    void *progress_ctx;
    /* NULL, or a flag another thread may set (with an atomic store) to stop the sweep: no new
     * block starts once it is non-zero, and fc_sweep_run fails with FC_EUSAGE, field "cancel".
     * A sweep that is not cancelled gives the same result whatever this is. */
    const int *cancel;
} fc_sweep_options;

/* Defaults: 1000 runs, seed 1, all threads, sensitivity on, 20 bins, one process, backlash on
 * with the crisis defaults and the scenario's weight. */
FC_API void fc_sweep_options_init(fc_sweep_options *o);

/* The distribution of one quantity over the runs. Percentiles interpolate linearly between
 * order statistics (R's type 7, numpy's default); sd divides by n - 1. */
typedef struct fc_distribution {
    size_t n;                     /* runs that count (failed runs are left out) */
    double mean, sd, min, max;
    double p5, p25, p50, p75, p95; /* the 90% interval is [p5, p95] */
    double hist_lo, hist_hi;      /* the histogram spans [hist_lo, hist_hi] in n_bins equal bins */
    size_t n_bins;
    size_t *hist;
} fc_distribution;

typedef enum fc_input_kind { FC_INPUT_CAPABILITY = 0, FC_INPUT_POSITION, FC_INPUT_SALIENCE } fc_input_kind;

/* One uncertain input: its distribution (in the problem's units: salience on 0..1) and what
 * the sensitivity analysis found. */
typedef struct fc_sweep_input {
    size_t actor;                 /* index into the problem's actors */
    size_t dim;                   /* issue dimension (0 for capability) */
    fc_input_kind kind;
    fc_dist dist;
    double low, high;             /* the input's 5% and 95% quantiles: the tornado's swing */
    double *out_low, *out_high;   /* n_dims outcomes with the input at low / high, others nominal */
    double *src;                  /* n_dims standardised regression coefficients */
} fc_sweep_input;

/* Decision sensitivity of one uncertain input (choices with sensitivity, docs/dilemma.md): what
 * it does to the margin between the two best choices (a and b of fc_sweep_result) and to the
 * backlash under a, estimated from the sweep's runs themselves. */
typedef struct fc_sweep_decision_input {
    size_t input;                 /* index into fc_sweep_result.inputs */
    double s_margin;              /* first-order variance-based index of the margin, from the
                                     runs binned by this input (Var E[margin | input] / Var margin) */
    double srrc_margin;           /* standardised rank regression coefficient on the margin */
    double p_low, p_high;         /* share of runs in which a beats b with the input in its
                                     lowest / highest fifth (of the runs) */
    int flips;                    /* 1: one fifth has a first (> 1/2), the other b */
    double s_backlash, srrc_backlash; /* the same on the backlash under a (1: some actor has
                                     reason to challenge); NaN without backlash */
} fc_sweep_decision_input;

typedef struct fc_sweep_event_stat {
    size_t challenger, target;
    fc_event_kind kind;
    uint64_t runs;                /* runs in which it happened at least once */
    double probability;           /* runs / counted runs */
} fc_sweep_event_stat;

/* What the crisis models found for one (run, choice, potential challenger). */
#define FC_SWEEP_CRISIS_CHALLENGES 1u /* E(U) of challenging the decider > 0 */
#define FC_SWEEP_CRISIS_COSTLY 2u     /* the interaction game's outcome costs the decider */
#define FC_SWEEP_CRISIS_WAR 4u        /* ... and it ends in war */

typedef struct fc_sweep_choice {
    char id[64];
    char label[128];
    fc_distribution *outcome;     /* n_dims */
    fc_distribution utility;      /* the decider's utility of the outcome, -s|x - o|/range (docs/uncertainty.md),
                                     summed over the issues */
    fc_distribution *issue_utility; /* n_dims: its part on each issue (NULL on one issue) */
    /* The dilemma module's figures (docs/dilemma.md), one-issue sweeps: the pressure on the
     * decider (sum of the challengers' expected utilities of the challenges aimed at it), the
     * conflicts among all pairs, and the regional instability. */
    fc_distribution pressure, conflicts, instability; /* instability: one-issue problems only */
    double p_best;                /* share of the decided runs in which this choice has the
                                     highest decision value (ties shared) */
    /* The crisis backlash (has_backlash): cost = weight x the crisis cost of the choice, value =
     * utility - cost (= utility without backlash), over the decided runs. */
    fc_distribution cost, value;
    double p_backlash;            /* share of runs in which some actor has reason to challenge */
    double p_costly;              /* share of runs in which some crisis costs the decider */
    double *p_challenge;          /* n_crisis_actors: share of runs in which the actor has reason
                                     to challenge the decider (E(U) > 0) */
    double *p_crisis_cost;        /* n_crisis_actors: share of runs in which its crisis costs the decider */
    double *p_war;                /* n_crisis_actors: share of runs in which its crisis ends in war */
    size_t unstable;              /* runs whose forecast under this choice has no stable outcome */
} fc_sweep_choice;

typedef struct fc_sweep_result {
    char model[32], preset[32];
    char title[256];
    size_t runs, failed;          /* failed: runs where the model refused the sampled input */
    uint64_t seed;
    size_t n_actors, n_dims;
    char **actor_ids, **actor_names, **dim_ids;
    double *scale_min, *scale_max;
    fc_default_uncertainty jitter;
    double salience_max;
    double *nominal;              /* n_dims: the forecast with every input at its estimate */
    fc_distribution *outcome;     /* n_dims */
    fc_sweep_input *inputs;
    size_t n_inputs;
    int has_sensitivity;
    double *r2;                   /* n_dims: share of variance the linear fit explains */
    fc_sweep_event_stat *events;  /* sorted by probability, descending */
    size_t n_events;
    int round_based;              /* 1 when the model reports events */
    int has_decider;              /* the scenario names a deciding actor who takes part */
    size_t decider;               /* its problem index */
    int commit;
    fc_sweep_choice *choices;     /* [0] is the status quo (no change of policy) */
    size_t n_choices;
    /* The decision (choices): runs that count are those the model did not refuse and in which
     * the forecast under every choice is stable (a run that stopped at its round limit still
     * moving has no outcome to judge; such runs are counted in `undecided`, not averaged in). */
    size_t decided, undecided;
    int has_backlash;
    double backlash_weight;
    char backlash_weight_source[256];
    size_t n_crisis_actors;       /* the scenario's actors (the crisis models see every one) */
    char **crisis_actor_ids, **crisis_actor_names;
    size_t crisis_decider;        /* the decider's index among them */
    /* The article's either/or (at least two choices): choice a = the second listed, b = the
     * first; margin = value(a) - value(b) per decided run. */
    size_t either_a, either_b;
    size_t either_n;              /* 0 when there is no either/or */
    double either_p;              /* share of decided runs with margin > 0 */
    double either_low, either_high; /* 5% and 95% quantiles of the margin */
    /* Decision sensitivity (choices and sensitivity, at least 20 decided runs): a and b are the
     * two choices most often best; inputs that flip the choice first (by |p_high - p_low|),
     * then by s_margin. */
    int has_decision_sensitivity;
    size_t sens_a, sens_b;
    size_t sens_runs, sens_bins;  /* decided runs used; bins of the first-order estimate */
    double r2_margin, r2_backlash; /* R^2 of the rank regressions (NaN when not computed) */
    double p_backlash_a;          /* share of those runs with backlash under a */
    fc_sweep_decision_input *decision_inputs;
    size_t n_decision_inputs;
    size_t max_events;
    /* Per-run results, in run order (rank 0 after an MPI sweep holds all of them). */
    double *run_outcome;          /* runs * n_dims (NaN for failed runs) */
    double *run_choice_outcome;   /* runs * n_choices * n_dims */
    double *run_choice_utility;   /* runs * n_choices */
    double *run_choice_figures;   /* runs * n_choices * 4: pressure, conflicts, instability,
                                     stable (1 / 0; NaN for failed runs) */
    double *run_choice_cost;      /* runs * n_choices: weight x crisis cost (NaN without backlash) */
    unsigned char *run_choice_crisis; /* runs * n_choices * n_crisis_actors: FC_SWEEP_CRISIS_* bits */
    /* Timings (reports show them only when asked). */
    double seconds, runs_per_second;
    int threads_used, ranks_used;
    size_t resumed_runs;          /* runs read back from a checkpoint */
} fc_sweep_result;

/* Runs the sweep (the whole of it, or this rank's share when n_ranks > 1; then fc_sweep_merge
 * or fc_sweep_run_mpi brings the shares together). */
FC_API fc_status fc_sweep_run(const fc_scenario *sc, const fc_sweep_options *o, fc_sweep_result **out,
                              fc_error *err);

/* The MPI sweep: every rank calls it (after MPI_Init) with the same arguments; rank 0 gets the
 * full result, the others a NULL *out. FC_EUSAGE when the library was built without MPI. */
FC_API fc_status fc_sweep_run_mpi(const fc_scenario *sc, const fc_sweep_options *o, fc_sweep_result **out,
                                  int *rank, fc_error *err);

/* 1 when the library was built with MPI support. */
FC_API int fc_sweep_has_mpi(void);

FC_API void fc_sweep_result_free(fc_sweep_result *r);

/* The sampled value of input k in run `run` (what run `run` used). */
FC_API double fc_sweep_input_sample(const fc_sweep_result *r, uint64_t run, size_t k);

/* Reports; each returns a NUL-terminated string the caller frees. timing: include seconds and
 * runs per second (left out by default so that two sweeps compare byte for byte). */
FC_API fc_status fc_sweep_report_text(const fc_sweep_result *r, int timing, char **out, fc_error *err);
FC_API fc_status fc_sweep_report_json(const fc_sweep_result *r, int timing, char **out, fc_error *err);
/* Long CSV, one row per run and quantity: run,quantity,actor,issue,choice,value. */
FC_API fc_status fc_sweep_report_runs_csv(const fc_sweep_result *r, char **out, fc_error *err);
/* The same CSV streamed to path (atomically: a temporary file beside it, then rename); for
 * sweeps whose CSV would not fit in memory. path is always a file ("-" too). */
FC_API fc_status fc_sweep_write_runs_csv(const fc_sweep_result *r, const char *path, fc_error *err);
/* The same CSV streamed to an open stream (e.g. stdout), flushed at the end. */
FC_API fc_status fc_sweep_print_runs_csv(const fc_sweep_result *r, FILE *f, fc_error *err);

#ifdef __cplusplus
}
#endif
#endif
