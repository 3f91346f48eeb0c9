/* The deciding actor's dilemma: run every model once per choice (and once for the status
 * quo) and compare what each choice brings: the outcome, the backlash aimed at the decider,
 * the conflicts in the region, and every actor's utility of the outcome (docs/dilemma.md
 * defines each figure). Works with any model behind the fc_model interface. */
#ifndef FULCRUM_DILEMMA_H
#define FULCRUM_DILEMMA_H

#include "fulcrum/export.h"

#include <stddef.h>
#include <stdint.h>

#include "fulcrum/crisis.h"
#include "fulcrum/error.h"
#include "fulcrum/forecast.h"
#include "fulcrum/model.h"
#include "fulcrum/problem.h"
#include "fulcrum/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fc_dilemma_mode {
    FC_DILEMMA_START = 0, /* the choice is the decider's starting position; it may then move */
    FC_DILEMMA_COMMIT     /* the decider holds the choice throughout (problem.fixed) */
} fc_dilemma_mode;

typedef struct fc_dilemma_options {
    const char *issue;    /* NULL = the first issue (in scenario order) that a choice sets */
    const char *model;    /* NULL or "all" = every model of fc_models() with every preset */
    const char *preset;   /* NULL = the model's every preset (all) or its default (one model) */
    fc_dilemma_mode mode;
    /* Optional: run these models instead of looking `model` up in fc_models() (a program's
     * own forecaster, or a chosen few). Each runs with `preset`, or with every preset. */
    const fc_model *const *models;
    size_t n_models;
    /* Backlash as crisis bargaining (docs/dilemma.md): each other actor as the potential
     * challenger of the decider under each choice, by the War Trap's expected utility and the
     * international interaction game (include/fulcrum/crisis.h). */
    int backlash;                 /* 1 (default): compute it; 0: leave it out (no cost) */
    fc_crisis_options crisis;     /* the crisis models' options (fc_crisis_options_init) */
    double backlash_weight;       /* >= 0: the decider's utility per unit of game utility lost
                                     in a crisis; NaN (default): the scenario's backlash.weight,
                                     0 when it declares none */
    /* The article's either/or (docs/dilemma.md): with at least two choices, a sweep of this many
     * jittered runs per model run compares the second choice with the first by decision value. */
    size_t either_or_runs;        /* 0 (default): none; reports ask for FC_DILEMMA_EITHER_RUNS */
    uint64_t either_or_seed;      /* default 1 */
} fc_dilemma_options;

/* The either/or's jittered runs per model run that the dilemma's reports use unless told. */
#define FC_DILEMMA_EITHER_RUNS 100

/* Defaults: first chosen issue, every model, start mode, backlash with the crisis defaults. */
FC_API void fc_dilemma_options_init(fc_dilemma_options *o);

/* One of the compared choices. Index 0 is always the status quo (the decider keeps the
 * position the scenario gives it); then the scenario's choices in the order listed. */
typedef struct fc_dilemma_choice {
    char id[64];
    char label[128];
    double position;      /* the decider's position under this choice */
    int sets_issue;       /* 0: the choice sets no position on this issue (position kept) */
} fc_dilemma_choice;

/* One challenge aimed at the decider (an event whose target is the decider). */
typedef struct fc_backlash_event {
    int round;
    int challenger;       /* actor index */
    fc_event_kind kind;
    double eu_challenger; /* the challenger's expected utility of the challenge */
    double eu_target;
    double from, to;      /* the decider's position before and after (NaN when unknown) */
} fc_backlash_event;

/* The figures of one model run under one choice. */
typedef struct fc_dilemma_cell {
    fc_forecast *forecast;       /* the full run (trajectory, events) */
    double outcome;              /* the model's forecast after the last round */
    double decider_final;        /* the decider's position after the last round */
    fc_backlash_event *backlash; /* in the order the model recorded them */
    size_t n_backlash;
    double *pressure;            /* n_actors: sum of eu_challenger of the actor's challenges */
    size_t *pressure_events;     /* n_actors: how many challenges the actor aimed at the decider */
    double pressure_total;
    size_t n_challenges;         /* every event of kind conflict, compromise, capitulation or bargain */
    size_t n_conflicts;          /* events of kind conflict, among all pairs */
    double instability;          /* capability-weighted size of those conflicts */
    double *utility;             /* n_actors: u_i = -s_i * |x_i - outcome| / range */
    double *utility_change;      /* n_actors: u_i minus u_i of the status-quo cell */
    double *bloc_utility;        /* n_blocs: sum of the members' u_i */
    double *bloc_change;         /* n_blocs: sum of the members' utility changes */
    double backlash_cost;        /* weight * the crisis cost of this choice (0 without backlash) */
    double value;                /* the decision value: utility[decider] - backlash_cost */
    int stable;                  /* 1: the forecast converged (or the model has no rounds to
                                    converge in); 0: it stopped at the round limit still moving */
    double outcome_low, outcome_high; /* the forecast's range over its last rounds (= outcome when stable) */
} fc_dilemma_cell;

/* A model's backtest record, read from the table the library ships (docs/backtest-record.tsv,
 * compiled in; its source run is fc_dilemma.record_source): the DEU dev half's mean absolute
 * error and its difference from the compromise model's with the 95% bootstrap interval. */
typedef struct fc_dilemma_record {
    int found;                    /* 0: the table has no row for this model and preset */
    size_t n;                     /* issues scored */
    double mae, rmse;
    double diff, diff_low, diff_high; /* MAE minus the compromise model's (NaN for it) */
} fc_dilemma_record;

/* One model with one preset, and which choice serves the decider best under it. */
typedef struct fc_dilemma_model {
    const fc_model *model;
    char name[32];
    char preset[32];              /* "" when the model has none */
    size_t best;                  /* choice index with the highest decision value */
    size_t runner_up;             /* the next best (== best when there is one choice only) */
    double margin;                /* value(best) - value(runner_up) >= 0; 0 means a tie */
    double margin_outcome;        /* u_d(best) - u_d(runner_up): the outcome's part of the margin */
    double margin_backlash;       /* cost(runner_up) - cost(best): the backlash's part */
    /* Why it puts best first (docs/dilemma.md, "Why the models disagree"): the actor whose
     * position (the scenario's, the decider's own for it) lies nearest the forecast under the
     * best choice and under the runner-up (problem indices), and how far. */
    size_t near_best, near_runner_up;
    double near_best_gap, near_runner_up_gap;
    fc_dilemma_record record;
} fc_dilemma_model;

/* A group of actors whose utilities are added up: an alliance (actors joined by relations
 * of kind "alliance", transitively) or every actor of one kind (state, bloc, ...). */
typedef struct fc_dilemma_bloc {
    char id[64];                  /* "alliance:AZE+TUR", "kind:state" */
    char label[160];
    size_t *members;              /* actor indices, ascending */
    size_t n_members;
} fc_dilemma_bloc;

/* Does choice a beat choice b (by decision value) when the estimates are jittered? Per model run
 * of the dilemma, `runs` sampled scenarios (the scenario's uncertainty, else the sweep's default
 * spreads); margin = v_d(a) - v_d(b), the backlash cost at the estimates. */
typedef struct fc_dilemma_either {
    size_t a, b;                  /* choice indices (0 runs when the scenario has < 2 choices) */
    size_t runs;                  /* per model run */
    uint64_t seed;
    fc_default_uncertainty jitter;
    int default_jitter;           /* 1: the scenario declares none; the default spreads were used */
    size_t counted;               /* runs with a finite margin, over every model run */
    double p;                     /* share of them with margin > 0 */
    double low, high;             /* 5% and 95% quantiles of the margin */
    double *model_p, *model_low, *model_high; /* n_models: the same per model run */
    size_t *model_counted;
    /* Honest headlines: the conflicts among all actors summed over the model runs (the text's
     * "conflicts rise from 84 to 112"), per jittered run and choice (n_choices each). A change
     * from the status quo is a headline only when at least FC_DILEMMA_ROBUST of the runs give it
     * the sign it has at the estimates (docs/dilemma.md). */
    size_t conflict_runs;         /* jittered runs in which every model run counted */
    double *conflicts_low, *conflicts_high; /* 5% and 95% quantiles of the sum */
    double *conflicts_same_sign;  /* share of runs whose change from the status quo has the
                                     estimates' sign (no change: stays 0 too); [0] unused */
} fc_dilemma_either;

/* The share of jittered runs a headline's sign must hold in (0.9). */
#define FC_DILEMMA_ROBUST 0.9

typedef struct fc_dilemma {
    fc_problem problem;           /* the issue as the models saw it, decider at its own position */
    size_t decider;               /* actor index in problem */
    fc_dilemma_mode mode;
    double range;                 /* scale_max - scale_min: the distance unit of utilities */
    fc_dilemma_choice *choices;   /* n_choices, [0] = status quo */
    size_t n_choices;
    fc_dilemma_model *models;     /* n_models */
    size_t n_models;
    fc_dilemma_cell *cells;       /* n_models * n_choices: cells[m * n_choices + c] */
    fc_dilemma_bloc *blocs;
    size_t n_blocs;
    /* The backlash each choice provokes (NULL when options.backlash = 0): crisis[c] holds the
     * pairs (k, decider) for every other actor k, computed on every issue of the scenario with
     * the decider at the choice's positions and the ties from the scenario's relations. Their
     * actor indices (challenger, target, decider) are the scenario's (sc->actors), which may
     * list actors that take no stance on the compared issue and so are absent from problem. */
    fc_crisis_backlash **crisis;  /* n_choices */
    fc_crisis_options crisis_options;
    double backlash_weight;       /* the weight used */
    char backlash_weight_source[256]; /* where it comes from: the scenario's source, "option", "none" */
    fc_dilemma_either either;     /* runs = 0 when not asked for */
    char record_source[256];      /* the backtest run the records come from */
} fc_dilemma;

/* Runs the comparison. The scenario must name a decider and at least one choice. */
FC_API fc_status fc_dilemma_compute(const fc_scenario *sc, const fc_dilemma_options *opts,
                                    fc_dilemma **out, fc_error *err);
FC_API void fc_dilemma_free(fc_dilemma *d);

/* The cell of model m under choice c. */
FC_API const fc_dilemma_cell *fc_dilemma_cell_at(const fc_dilemma *d, size_t m, size_t c);

FC_API const char *fc_dilemma_mode_name(fc_dilemma_mode mode);

/* ---- Every issue --------------------------------------------------------------------------
 * The dilemma on every issue the decider takes a stance on (options.issue is ignored), and the
 * totals: per model run and choice, the decider's utility summed over the issues (each already
 * weighted by its salience there), less the backlash cost once (the crisis models see every
 * issue at once). A model run enters the totals when every issue has it (the status-quo
 * baseline is left out of an issue that declares no status quo). On a one-issue scenario the
 * one dilemma is the one-issue dilemma bit for bit, and the reports are its reports. */
typedef struct fc_dilemma_total {
    char name[32], preset[32];
    size_t *model_index;          /* n_issues: the model's index in each issue's dilemma */
    double *utility;              /* n_choices: sum over the issues of the decider's utility */
    double *backlash_cost;        /* n_choices: weight * crisis cost (once) */
    double *value;                /* n_choices: utility - backlash_cost */
    int *stable;                  /* n_choices: 1 when every issue's run is stable */
    size_t best, runner_up;
    double margin, margin_outcome, margin_backlash;
} fc_dilemma_total;

typedef struct fc_dilemma_issues {
    fc_dilemma **issues;          /* n_issues, in scenario order */
    size_t n_issues;
    size_t n_choices;             /* the same choices on every issue */
    fc_dilemma_total *totals;     /* n_totals model runs found on every issue */
    size_t n_totals;
    /* The either/or over every issue at once (several issues, options.either_or_runs > 0):
     * the margin of the totals' decision values in jittered runs of the whole scenario, per
     * total (model_* index totals); no conflict headlines (those are per issue). */
    fc_dilemma_either either;
} fc_dilemma_issues;

FC_API fc_status fc_dilemma_compute_issues(const fc_scenario *sc, const fc_dilemma_options *opts,
                                           fc_dilemma_issues **out, fc_error *err);
FC_API void fc_dilemma_issues_free(fc_dilemma_issues *d);
/* One issue: that dilemma's own report. Several: each issue's report, then the totals. */
FC_API fc_status fc_dilemma_issues_report_text(const fc_dilemma_issues *d, const fc_scenario *sc, char **out,
                                               fc_error *err);
FC_API fc_status fc_dilemma_issues_report_json(const fc_dilemma_issues *d, const fc_scenario *sc, char **out,
                                               fc_error *err);
/* The long CSV of every issue (each issue's rows, its id in the column "issue"), then with
 * several issues the totals per model run and choice, "issue" NA: total_utility,
 * total_backlash_cost, total_value, total_stable, total_best (1/0) and total_margin. */
FC_API fc_status fc_dilemma_issues_report_csv(const fc_dilemma_issues *d, const fc_scenario *sc, char **out,
                                              fc_error *err);

/* Reports (src/report/dilemma_*.c): each returns a NUL-terminated string the caller frees.
 * sc is the scenario the dilemma was computed from (title, issue label, sources). */
FC_API fc_status fc_dilemma_report_text(const fc_dilemma *d, const fc_scenario *sc, char **out, fc_error *err);
FC_API fc_status fc_dilemma_report_json(const fc_dilemma *d, const fc_scenario *sc, char **out, fc_error *err);
/* A paragraph (no line breaks): per model run the verdict and its margin split, the either/or
 * when computed, and per choice who would challenge the decider, what it costs, any war. The
 * HTML report's dilemma section prints it. */
FC_API fc_status fc_dilemma_report_brief(const fc_dilemma *d, const fc_scenario *sc, char **out, fc_error *err);
/* Long CSV: one row per model, preset, issue, choice, figure, actor (or bloc, or none) and round. */
FC_API fc_status fc_dilemma_report_csv(const fc_dilemma *d, const fc_scenario *sc, char **out, fc_error *err);

/* ---- Advice (one model run of a one-issue dilemma) ---------------------------------------- */

typedef enum fc_dilemma_estimate {
    FC_ESTIMATE_POSITION = 0,     /* an actor's position on the compared issue */
    FC_ESTIMATE_SALIENCE,         /* its salience there (on the scenario's salience scale) */
    FC_ESTIMATE_CAPABILITY        /* its capability */
} fc_dilemma_estimate;

/* "position", "salience", "capability". */
FC_API const char *fc_dilemma_estimate_name(fc_dilemma_estimate e);

/* One estimate moved one step down and up (position +-10% of the scale, salience +-10% of its
 * scale, capability +-20%), the models and the crisis backlash re-run: the margin of the best
 * choice over the runner-up (as at the estimates) and the best choice then. */
typedef struct fc_dilemma_swing {
    size_t actor;                 /* scenario actor index */
    fc_dilemma_estimate estimate;
    double base, low, high;
    double margin, margin_low, margin_high;
    size_t best_low, best_high;   /* choice index; SIZE_MAX for a tie */
    int flips;                    /* how many of the two steps change the best choice */
    size_t challengers_low, challengers_high; /* actors with reason to challenge under the best choice */
} fc_dilemma_swing;

typedef enum fc_dilemma_goal {
    FC_GOAL_MAKE_BEST = 0,        /* the option becomes the decider's best choice */
    FC_GOAL_STOP_CHALLENGE        /* the actor no longer has reason to challenge under the option */
} fc_dilemma_goal;

/* The smallest change of one estimate of one actor (position in steps of 1% of the scale,
 * salience in steps of 5% of its scale, the nearer direction first) that reaches the goal. */
typedef struct fc_dilemma_offer {
    size_t actor;                 /* scenario actor index */
    fc_dilemma_estimate estimate; /* position or salience */
    fc_dilemma_goal goal;
    int found;                    /* 0: no value of this estimate alone reaches the goal */
    double from, to;
    double size;                  /* |to - from| as a share of the estimate's scale */
} fc_dilemma_offer;

typedef struct fc_dilemma_advice {
    size_t model;                 /* the model run of the dilemma */
    size_t choice;                /* the option advised on */
    size_t best, runner_up;
    double margin;                /* value(best) - value(runner_up) at the estimates */
    int already_best;             /* the option is the best already: no offer to make it so */
    fc_dilemma_swing *swings;     /* flips first, then by the larger change of the margin */
    size_t n_swings;
    fc_dilemma_offer *offers;     /* make-best first, then stop-challenge; smallest first */
    size_t n_offers;
} fc_dilemma_advice;

/* Advice for model run m of d (computed from sc with opts) on option `choice`. Costly: one
 * dilemma of that model per estimate step and per search step. */
FC_API fc_status fc_dilemma_advise(const fc_scenario *sc, const fc_dilemma_options *opts, const fc_dilemma *d,
                                   size_t m, size_t choice, fc_dilemma_advice **out, fc_error *err);
FC_API void fc_dilemma_advice_free(fc_dilemma_advice *a);
FC_API fc_status fc_dilemma_advice_report_text(const fc_dilemma_advice *a, const fc_dilemma *d,
                                               const fc_scenario *sc, char **out, fc_error *err);

#ifdef __cplusplus
}
#endif
#endif
