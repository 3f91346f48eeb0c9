/* Backtests against real outcomes. The DEU data (Decision-making in the European Union) give,
 * for each contested issue of an EU legislative proposal, the actors' positions and saliences,
 * the reference point and the outcome actually decided; fc_deu_* reads that table into one
 * fc_problem per issue, fc_backtest_* runs every forecaster on every issue and scores it. */
#ifndef FULCRUM_BACKTEST_H
#define FULCRUM_BACKTEST_H

#include "fulcrum/export.h"

#include <stddef.h>
#include <stdint.h>

#include "fulcrum/error.h"
#include "fulcrum/model.h"
#include "fulcrum/problem.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- The DEU table (src/io/deu.c) ---- */

/* DEU records no capabilities; a backtest supplies them by a named scheme. */
typedef enum fc_deu_capabilities {
    /* Council QMV vote weights: Amsterdam (pre-Nice) weights for proposals dated up to 2000,
     * Nice weights after; the Commission and the Parliament get the largest weight among the
     * member states taking part in the issue. */
    FC_DEU_COUNCIL_VOTES = 0,
    FC_DEU_EQUAL            /* every actor capability 1: salience alone weighs */
} fc_deu_capabilities;

/* "council-votes" / "equal". */
FC_API const char *fc_deu_capabilities_name(fc_deu_capabilities c);
/* Parses a scheme name; FC_EUSAGE naming the field "capabilities" when unknown. */
FC_API fc_status fc_deu_capabilities_parse(const char *name, fc_deu_capabilities *out, fc_error *err);
/* One sentence on what the scheme does, for reports. */
FC_API const char *fc_deu_capabilities_note(fc_deu_capabilities c);

/* The Council vote weight of a member state (DEU actor code, e.g. "de") under the pre-Nice
 * (nice = 0) or Nice (nice = 1) rules; 0 when the state had no vote under those rules. */
FC_API double fc_deu_council_weight(const char *actor, int nice);

typedef enum fc_deu_era {
    FC_DEU_ERA_TO_2000 = 0,  /* proposal year up to 2000 */
    FC_DEU_ERA_2001_2010,
    FC_DEU_ERA_AFTER_2010,
    FC_DEU_N_ERAS
} fc_deu_era;

/* "<=2000", "2001-2010", ">2010". */
FC_API const char *fc_deu_era_name(fc_deu_era e);

/* One scored issue: a one-dimension problem on the 0..100 scale (salience on 0..1), the
 * reference point as status quo (NaN when not recorded) and the outcome as the truth. */
typedef struct fc_deu_issue {
    char proposal[32];       /* prnr, e.g. "d00032" */
    char id[32];             /* isnr, e.g. "d00032i1" */
    int year;                /* the proposal's year */
    fc_deu_era era;
    int line;                /* line of the row in the file */
    double reference_point;  /* NaN when not recorded */
    double outcome;
    fc_problem problem;
} fc_deu_issue;

typedef struct fc_deu_set {
    char *origin;                 /* the file read */
    fc_deu_capabilities capabilities;
    fc_deu_issue *issues;
    size_t n_issues;
    size_t n_rows;                /* data rows in the file */
    size_t n_skipped_no_outcome;  /* rows without an outcome */
    size_t n_skipped_few_actors;  /* rows with fewer than 3 actors having position and salience */
    size_t n_actors_without_vote; /* actor-issue pairs left out: no Council vote in that era */
    size_t n_proposals;           /* distinct proposals among the scored issues */
} fc_deu_set;

/* Reads a DEU table (tab-separated, header row, text fields in double quotes; see
 * docs/backtest.md). Malformed rows give FC_EINPUT naming file, line, column and field. */
FC_API fc_status fc_deu_load(const char *path, fc_deu_capabilities caps, fc_deu_set **out, fc_error *err);
FC_API fc_status fc_deu_parse(const char *text, size_t len, const char *name, fc_deu_capabilities caps,
                              fc_deu_set **out, fc_error *err);
FC_API void fc_deu_set_free(fc_deu_set *set);

/* ---- Backtest (src/analysis/backtest.c) ---- */

typedef struct fc_backtest_options {
    /* Which forecasters: "NAME" (every preset of it) or "NAME:PRESET"; NULL/0 = every model of
     * fc_models() with every preset. The baseline is always run. */
    const char *const *models;
    size_t n_models;
    /* Or, when models is empty, the selection every analysis shares (fc_run_select): model
     * NULL / "all" = every model, preset NULL = every preset; a preset runs in the models
     * that have it and in the models without presets. */
    const char *model;
    const char *preset;
    /* Option settings "MODEL.NAME=VALUE" (e.g. "eum.capitulation=on"), applied to every
     * preset of MODEL; checked before anything runs. */
    const char *const *settings;
    size_t n_settings;
    const char *baseline;     /* the model differences are taken from (default "compromise") */
    size_t n_boot;            /* bootstrap replicates (default 2000) */
    uint64_t seed;            /* seeds the bootstrap; results depend on it and nothing else */
    int threads;              /* OpenMP threads; 0 = all cores. Never changes a result. */
} fc_backtest_options;

FC_API void fc_backtest_options_init(fc_backtest_options *o);

typedef struct fc_backtest_stats {
    size_t n;                 /* issues scored */
    double mae, rmse, median_ae;
    double within10;          /* share of forecasts within 10 points of the outcome */
} fc_backtest_stats;

typedef struct fc_backtest_model {
    char name[32];
    char preset[32];          /* "" when the model has no presets */
    fc_backtest_stats all;
    fc_backtest_stats era[FC_DEU_N_ERAS];
    /* MAE minus the baseline's MAE on the issues both forecast, with a bootstrap 95%
     * percentile interval from resampling proposals (issues of one proposal are related). */
    size_t n_common;
    double diff_mae, diff_lo, diff_hi;
    size_t n_failed;          /* issues the model could not forecast */
    char first_error[256];    /* why, for the first such issue */
    double *forecast;         /* n_issues forecasts; NaN where the model failed */
} fc_backtest_model;

typedef struct fc_backtest_result {
    const fc_deu_set *set;    /* borrowed: must outlive the result */
    char settings[512];       /* the option settings applied, ", "-separated; "" when none */
    char baseline[32];
    size_t n_boot;
    uint64_t seed;
    fc_backtest_model *models;
    size_t n_models;
} fc_backtest_result;

/* Runs the forecasters on every issue of the set and scores them. */
FC_API fc_status fc_backtest_run(const fc_deu_set *set, const fc_backtest_options *opts,
                                 fc_backtest_result **out, fc_error *err);
FC_API void fc_backtest_result_free(fc_backtest_result *r);

/* Scores a vector of forecasts (n = set->n_issues; NaN = none) the same way. */
FC_API void fc_backtest_score(const fc_deu_set *set, const double *forecast, fc_backtest_stats *all,
                              fc_backtest_stats era[FC_DEU_N_ERAS]);

/* Reports (src/analysis/backtest_report.c); each returns a string the caller frees.
 * csv: one row per model, preset and era ("all" first). issues_csv: one row per issue and
 * model with the forecast and its error (long format). */
FC_API fc_status fc_backtest_report_text(const fc_backtest_result *r, char **out, fc_error *err);
FC_API fc_status fc_backtest_report_json(const fc_backtest_result *r, char **out, fc_error *err);
FC_API fc_status fc_backtest_report_csv(const fc_backtest_result *r, char **out, fc_error *err);
FC_API fc_status fc_backtest_issues_csv(const fc_backtest_result *r, char **out, fc_error *err);

#ifdef __cplusplus
}
#endif
#endif
