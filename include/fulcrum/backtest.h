/* Backtests against real outcomes: fc_backtest_* runs every forecaster on every issue of a DEU
 * table (read by fc_deu_*, fulcrum/deu.h) and scores it against the outcome actually decided. */
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

/* The DEU table (fulcrum/deu.h, module io). Declared here only by name, so that the modules
 * that may read this header but not io's (report) still can. */
typedef struct fc_deu_set fc_deu_set;
/* One score per era of the DEU table: FC_DEU_N_ERAS of fulcrum/deu.h (checked at build). */
#define FC_BACKTEST_N_ERAS 3

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
    fc_backtest_stats era[FC_BACKTEST_N_ERAS];
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
                              fc_backtest_stats era[FC_BACKTEST_N_ERAS]);

/* ---- Cross-validation (src/analysis/backtest_cv.c, docs/accuracy.md) ---- */

/* A family is a model with a grid of option values, written
 * "MODEL[:PRESET][,KEY=V1/V2/...]..." (e.g. "nbs,breakdown=1/10,utility=quadratic/linear": four
 * candidates, every combination). Leave-one-proposal-out: for each proposal in turn, the
 * candidate with the lowest error on the other proposals forecasts its issues. With two or more
 * families the choice of family is itself made inside each fold (nested: the family whose own
 * leave-one-out error on the other proposals is lowest), so the selection's figure is honest.
 * Only the issues that every candidate and the baseline forecast are used. */
typedef struct fc_backtest_cv_options {
    const char *const *families;   /* NULL/0: the default families (docs/accuracy.md) */
    size_t n_families;
    const char *baseline;          /* default "compromise" */
    size_t n_boot;                 /* default 2000 */
    uint64_t seed;                 /* default 20140101 */
    int threads;                   /* 0 = all cores; never changes a result */
} fc_backtest_cv_options;

FC_API void fc_backtest_cv_options_init(fc_backtest_cv_options *o);

typedef struct fc_backtest_cv_family {
    char spec[256];                /* the family as given, or "nested selection" */
    size_t n_candidates;
    double cv_mae;                 /* the cross-validated MAE: the expected accuracy */
    double diff_mae, diff_lo, diff_hi;  /* cv_mae minus the baseline's, bootstrap 95% interval */
    double insample_mae;           /* the best candidate on every issue (shows over-fitting) */
    char insample_best[256];       /* its settings ("-" for none) */
    char chosen_most[256];         /* the candidate (or family) chosen in most folds */
    size_t chosen_most_folds;
    double *forecast;              /* n_issues cross-validated forecasts; NaN off the common issues */
} fc_backtest_cv_family;

typedef struct fc_backtest_cv_result {
    const fc_deu_set *set;         /* borrowed */
    char baseline[32];
    double baseline_mae;           /* on the common issues */
    size_t n_common, n_folds;      /* issues used and proposals (folds) among them */
    size_t n_boot;
    uint64_t seed;
    fc_backtest_cv_family *families;
    size_t n_families;
    /* With two or more families: the nested selection (else all zero, forecast NULL). */
    fc_backtest_cv_family nested;
    size_t *family_folds;          /* n_families: the outer folds in which each was chosen */
} fc_backtest_cv_result;

FC_API fc_status fc_backtest_cv(const fc_deu_set *set, const fc_backtest_cv_options *opts,
                                fc_backtest_cv_result **out, fc_error *err);
FC_API void fc_backtest_cv_result_free(fc_backtest_cv_result *r);
FC_API fc_status fc_backtest_cv_report_text(const fc_backtest_cv_result *r, char **out, fc_error *err);
FC_API fc_status fc_backtest_cv_report_json(const fc_backtest_cv_result *r, char **out, fc_error *err);

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
