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
} fc_model;

/* The table of forecasters, in the order `fulcrum models` lists them. */
FC_API const fc_model *const *fc_models(size_t *count);
/* Looks a model up by name; NULL when unknown. */
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

#ifdef __cplusplus
}
#endif
#endif
