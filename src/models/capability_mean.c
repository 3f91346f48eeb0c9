/* The capability-weighted mean: the compromise model with the salience weight tempered or
 * dropped, w_i = capability_i^a x salience_i^b (defaults a = 1, b = 0), optionally pulled
 * toward the status quo. On the DEU development half it beat the compromise model under
 * cross-validation by proposal (docs/accuracy.md, docs/models/capability-mean.md). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/model.h"
#include "fulcrum/util.h"

typedef struct capmean_options {
    double capability_exponent;  /* a */
    double salience_exponent;    /* b: 1 = the compromise model's weights, 0 = salience ignored */
    double reference_pull;       /* g: forecast + g * (status quo - forecast); 0 = none */
} capmean_options;

static fc_status capmean_init(void *opts, const char *preset, fc_error *err)
{
    if (preset)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "preset",
                            "model 'capability-mean' has no presets; set its options instead");
    capmean_options *o = opts;
    o->capability_exponent = 1;
    o->salience_exponent = 0;
    o->reference_pull = 0;
    return FC_OK;
}

static fc_status capmean_set(void *opts, const char *key, const char *value, fc_error *err)
{
    capmean_options *o = opts;
    double *slot = strcmp(key, "capability_exponent") == 0 ? &o->capability_exponent
                   : strcmp(key, "salience_exponent") == 0 ? &o->salience_exponent
                   : strcmp(key, "reference_pull") == 0    ? &o->reference_pull
                                                           : NULL;
    if (!slot)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key,
                            "model 'capability-mean' has no option '%s' (capability_exponent, "
                            "salience_exponent, reference_pull)", key);
    double v = 0;
    if (fc_number_parse(value, &v) != FC_NUMBER_OK || v < (slot == &o->reference_pull ? -1 : 0) ||
        v > (slot == &o->reference_pull ? 1 : 10))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key, "%s must be a number in [%s], not '%s'",
                            key, slot == &o->reference_pull ? "-1, 1" : "0, 10", value);
    *slot = v;
    return FC_OK;
}

static fc_status capmean_run(const fc_problem *p, const void *opts, fc_forecast **out, fc_error *err)
{
    *out = NULL;
    capmean_options defaults;
    if (!opts) {
        capmean_init(&defaults, NULL, err);
        opts = &defaults;
    }
    const capmean_options *o = opts;
    size_t n = p->n_actors, nd = p->n_dims;
    if (o->reference_pull != 0)
        for (size_t d = 0; d < nd; d++)
            if (isnan(p->status_quo[d]))
                return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "status_quo",
                                    "issue '%s' declares no status quo to pull toward", p->dim_ids[d]);
    fc_forecast *f = fc_forecast_new_one_round("capability-mean", p);
    if (!f)
        return fc_error_nomem(err);
    for (size_t d = 0; d < nd; d++) {
        /* pow(0, 0) = 1: with b = 0 an actor that declared salience 0 still counts. An actor
         * without a stance on this dimension (multi-issue problems give it salience 0 and
         * no position of its own) would then count too, so it is left out explicitly. */
        double sw = 0, swx = 0;
        for (size_t i = 0; i < n; i++) {
            double s = p->salience[i * nd + d];
            if (nd > 1 && s == 0)
                continue;
            double w = pow(p->capability[i], o->capability_exponent) * pow(s, o->salience_exponent);
            sw += w;
            swx += w * p->position[i * nd + d];
        }
        if (!(sw > 0)) {
            fc_forecast_free(f);
            return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "actors",
                                "the total weight on issue '%s' is 0", p->dim_ids[d]);
        }
        double x = swx / sw;
        if (o->reference_pull != 0)
            x += o->reference_pull * (p->status_quo[d] - x);
        f->point[d] = f->point[nd + d] = x;
        f->outcome[d] = x;
    }
    *out = f;
    return FC_OK;
}

const fc_model fc_model_capability_mean = {
    .name = "capability-mean",
    .summary = "capability-weighted mean of positions (salience tempered: capability^a x salience^b)",
    .options_size = sizeof(capmean_options),
    .max_dims = 0,
    .options_init = capmean_init,
    .options_set = capmean_set,
    .run = capmean_run,
};
