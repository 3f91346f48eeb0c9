/* One interface for every bargaining forecaster. A model has a name, an options struct
 * with documented defaults (a named preset is a filled struct), a way to set one option
 * by name (for --set NAME=VALUE), and a run function from an fc_problem to an fc_forecast.
 * Adding a model is adding one file in src/models/ and one line in the table (models.c). */
#ifndef FULCRUM_MODEL_H
#define FULCRUM_MODEL_H

#include "fulcrum/export.h"

#include <stddef.h>

#include "fulcrum/error.h"
#include "fulcrum/forecast.h"
#include "fulcrum/problem.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One offer of a run, as a model's fast path reports it to an analysis that watches: the
 * challenger's offer the target took (refused = 0) or, when the target is fixed, would have
 * taken and refused (refused = 1). old_x and new_x are the target's position before the
 * offer and the position offered (the first issue's). */
typedef struct fc_model_offer {
    size_t round, challenger, target;
    fc_event_kind kind;
    double eu_challenger, eu_target;
    double old_x, new_x;
    int refused;
} fc_model_offer;

/* What an analysis watches of a fast-path run: offer (may be NULL) hears every offer taken,
 * and with refused set also those that fixed targets refuse (which costs the model the work
 * of finding them). */
typedef struct fc_model_watch {
    void *ctx;
    void (*offer)(void *ctx, const fc_model_offer *o);
    int refused;
} fc_model_watch;

typedef struct fc_model {
    const char *name;
    const char *summary;                /* one line for `fulcrum models` */
    const char *const *presets;         /* NULL-terminated; the first is the default; may be NULL */
    size_t options_size;                /* bytes of the model's options struct (0: none) */
    size_t max_dims;                    /* 1 for one-issue models; 0 = any number */
    /* Fills opts with the preset's values (preset NULL = the default). */
    fc_status (*options_init)(void *opts, const char *preset, fc_error *err);
    /* Sets one option by name from text. */
    fc_status (*options_set)(void *opts, const char *key, const char *value, fc_error *err);
    /* Runs the model. opts may be NULL for the default preset. */
    fc_status (*run)(const fc_problem *p, const void *opts, fc_forecast **out, fc_error *err);

    /* The fast path for analyses that run a model many times (sweeps): NULL for a model
     * without one. workspace_new holds every buffer a run on up to n_actors actors and
     * n_dims issues needs (NULL when out of memory); solve then never allocates and writes what run's forecast would
     * hold as its outcome (n_dims values, the same bits), reporting each offer to watch
     * (may be NULL) in the order the forecast lists its events. opts may be NULL for the
     * default preset. One workspace per thread. */
    void *(*workspace_new)(size_t n_actors, size_t n_dims);
    void (*workspace_free)(void *ws);
    fc_status (*solve)(void *ws, const fc_problem *p, const void *opts, const fc_model_watch *watch,
                       double *outcome, fc_error *err);

    /* 1: runs only when named, left out of "all" (fc_run_select, the backtest's default). A
     * model stays so until it beats the compromise model under nested cross-validation
     * (docs/accuracy.md). */
    int on_request;
    /* 1: forecasts the issues of one decision together (vote trading across them): the
     * backtest hands it every issue of a proposal as the dimensions of one problem. */
    int joint_issues;
    /* 1: reads the decision procedure from its options "procedure" (consultation,
     * codecision) and "voting_rule" (qmv, unanimity); the backtest sets them per issue. */
    int uses_procedure;
    /* The actors the model takes (0: no bound), which its run refuses outside (field "actors");
     * fc_run_check_models reads them, so that validating a scenario says what a forecast of it
     * will skip. */
    size_t min_actors, max_actors;
} fc_model;

/* The forecasters that "all" runs, in the order `fulcrum models` lists them. */
FC_API const fc_model *const *fc_models(size_t *count);
/* Every forecaster: those of fc_models() followed by those that run only when named
 * (on_request). */
FC_API const fc_model *const *fc_models_all(size_t *count);
/* Looks a model up by name, among all of them; NULL when unknown. */
FC_API const fc_model *fc_model_find(const char *name);

/* Runs a model with a preset and a list of "key=value" settings (may be NULL/0). */
FC_API fc_status fc_model_run(const fc_model *m, const fc_problem *p, const char *preset,
                              const char *const *settings, size_t n_settings, fc_forecast **out,
                              fc_error *err);

/* The baselines (src/models/baseline.c). */
FC_API extern const fc_model fc_model_median;
FC_API extern const fc_model fc_model_compromise;
FC_API extern const fc_model fc_model_status_quo;
/* The capability-weighted mean (src/models/capability_mean.c, docs/models/capability-mean.md). */
FC_API extern const fc_model fc_model_capability_mean;
/* The bargaining models of the DEU literature (docs/models/nbs.md, procedural.md, exchange.md). */
FC_API extern const fc_model fc_model_nbs;
FC_API extern const fc_model fc_model_procedural;
FC_API extern const fc_model fc_model_exchange;

#ifdef __cplusplus
}
#endif
#endif
