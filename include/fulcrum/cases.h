/* The track record: the dilemma run on comparable decisions whose outcome is known (a folder of
 * case files, each with its `outcome` block: the choice actually made and the backlash that
 * followed), scored against what happened. Per case: which choice each model run ranks first by
 * decision value and whether that is the choice made; under the choice made, which actors the
 * crisis models expect to challenge the decider, beside those recorded as pressing it. */
#ifndef FULCRUM_CASES_H
#define FULCRUM_CASES_H

#include "fulcrum/export.h"

#include <stddef.h>
#include <stdint.h>

#include "fulcrum/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fc_cases_options {
    const char *model;        /* as fc_run_select: NULL or "all" = every model */
    const char *preset;       /* NULL = every preset (all) or the default (one model) */
    size_t either_or_runs;    /* jittered runs per model run for P(second choice beats first); 0 = none */
    uint64_t seed;            /* of those runs (default 1) */
} fc_cases_options;

/* Defaults: every model and preset, no jittered runs, seed 1. */
FC_API void fc_cases_options_init(fc_cases_options *o);

/* One model run on one case. */
typedef struct fc_case_model {
    char name[32], preset[32];
    size_t first;             /* the choice ranked first by decision value, over every issue */
    double margin;            /* its decision value minus the runner-up's (0: a tie) */
    int stable;               /* 1 when every issue's forecast under that choice settled */
    int tie;                  /* margin 0: the run does not tell the choices apart (no call) */
    int hit;                  /* not a tie, and first is the choice made */
} fc_case_model;

/* One actor the crisis models expect to challenge the decider under the choice made, or one
 * recorded as pressing it, or both. */
typedef struct fc_case_call {
    char actor[64];
    char name[128];
    int predicted;            /* the interaction game between it and the decider leaves the status quo */
    int challenges;           /* its War Trap expected utility of challenging the decider is > 0 */
    int recorded;             /* the outcome block names it among those who pressed */
    char outcome[32];         /* the game's outcome ("negotiation", "war started by A", ...) */
    double eu_challenge;
} fc_case_call;

typedef struct fc_case {
    char *path;
    char *title;
    char *decider;            /* actor id */
    char *date;               /* of the decision */
    char *choice_made;        /* the outcome's choice id ("status-quo" or a choice of the file) */
    char **choices;           /* n_choices choice ids, [0] = "status-quo" */
    char **choice_labels;
    size_t n_choices;
    long made;                /* index of choice_made in choices */
    size_t n_issues;          /* issues the dilemma ran on */
    fc_case_model *models;
    size_t n_models;
    size_t n_hits;
    fc_case_call *calls;      /* predicted or recorded, scenario actor order */
    size_t n_calls;
    size_t n_others;          /* actors besides the decider: the calls' denominator */
    size_t n_predicted, n_recorded, n_both;
    size_t n_challenging, n_both_challenging; /* with E(U) of challenging > 0, and recorded too */
    /* The either/or (first issue's dilemma): P(choice b beats choice a) over the jittered runs
     * and the 90% interval of the margin; runs = 0 when not asked for. */
    size_t either_runs, either_a, either_b;
    double either_p, either_low, either_high;
} fc_case;

/* Per model run over the cases: how often its first choice was the choice made. */
typedef struct fc_case_tally {
    char name[32], preset[32];
    size_t n, hits, ties;     /* cases run, right calls, ties (no call) */
} fc_case_tally;

typedef struct fc_case_set {
    char *dir;                /* the paths given, joined with ", " */
    fc_case *cases;
    size_t n_cases;
    fc_case_tally *tally;
    size_t n_tally;
    size_t n_others;                        /* actors besides the deciders, over every case */
    size_t n_predicted, n_recorded, n_both; /* backlash calls over every case */
    size_t n_challenging, n_both_challenging; /* the War Trap's stricter call: E(U) > 0 */
} fc_case_set;

/* Runs every case: each path is a case file, or a folder whose case files (*.yaml, *.yml, *.json)
 * run in name order. Each must name a decider, at least one choice and an outcome whose choice is
 * one of them (or "status-quo"); a file that does not is an error naming it. */
FC_API fc_status fc_cases_run(const char *const *paths, size_t n_paths, const fc_cases_options *o,
                              fc_case_set **out, fc_error *err);
FC_API void fc_case_set_free(fc_case_set *s);

/* Reports (src/report/cases_report.c): the table per model first, then each case. */
FC_API fc_status fc_cases_report_text(const fc_case_set *s, char **out, fc_error *err);
FC_API fc_status fc_cases_report_json(const fc_case_set *s, char **out, fc_error *err);

#ifdef __cplusplus
}
#endif
#endif
