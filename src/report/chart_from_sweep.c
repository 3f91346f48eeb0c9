/* The bridge from a sweep's result (src/analysis/sweep.c) to the plain figures the sweep
 * chart draws: every run's forecast, the 90% interval and median, and the tornado of the
 * one-at-a-time swings. The sweep module may not be in this build (it lands from its own
 * branch): then fc_chart_sweep_from says so. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/charts.h"

#if defined(__has_include)
#if __has_include("fulcrum/sweep.h")
#include "fulcrum/sweep.h"
#include "fulcrum/util.h"
#define FC_CHARTS_HAVE_SWEEP 1
#endif
#endif

#ifndef FC_CHARTS_HAVE_SWEEP
fc_status fc_chart_sweep_from(const struct fc_sweep_result *r, size_t dim, fc_chart_sweep **out, fc_error *err)
{
    (void)r;
    (void)dim;
    *out = NULL;
    return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "this build has no sweep module");
}
#else
#define LABEL_SIZE 96

fc_status fc_chart_sweep_from(const struct fc_sweep_result *r, size_t dim, fc_chart_sweep **out, fc_error *err)
{
    *out = NULL;
    if (!r || dim >= r->n_dims)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "no dimension %zu in the sweep", dim);
    size_t runs = r->runs, np = r->has_sensitivity ? r->n_inputs : 0;
    size_t bytes = sizeof(fc_chart_sweep) + np * sizeof(const char *) + (runs + 2 * np) * sizeof(double) +
                   np * LABEL_SIZE + 256;
    unsigned char *mem = calloc(1, bytes);
    if (!mem)
        return fc_error_nomem(err);
    fc_chart_sweep *cs = (fc_chart_sweep *)mem;
    const char **params = (const char **)(mem + sizeof *cs);
    double *samples = (double *)(params + np);
    double *low = samples + runs, *high = low + np;
    char *labels = (char *)(high + np);
    char *title = labels + np * LABEL_SIZE;

    /* Failed runs (NaN) are kept: the chart leaves them out of the bins. */
    for (size_t k = 0; k < runs; k++)
        samples[k] = r->run_outcome ? r->run_outcome[k * r->n_dims + dim] : NAN;
    static const char *const kinds[] = {"capability", "position", "salience"};
    for (size_t j = 0; j < np; j++) {
        const fc_sweep_input *in = &r->inputs[j];
        char name[64];
        fc_chart_actor_label(in->actor < r->n_actors ? r->actor_names[in->actor] : "?", name, sizeof name, 40);
        snprintf(labels + j * LABEL_SIZE, LABEL_SIZE, "%s: %s", name,
                 (unsigned)in->kind < 3 ? kinds[in->kind] : "input");
        params[j] = labels + j * LABEL_SIZE;
        low[j] = in->out_low ? in->out_low[dim] : NAN;
        high[j] = in->out_high ? in->out_high[dim] : NAN;
    }
    const fc_distribution *dist = &r->outcome[dim];
    snprintf(title, 256, "How sure is the forecast? %zu runs of %s%s%s%s", runs, r->model, r->preset[0] ? " (" : "",
             r->preset, r->preset[0] ? ")" : "");
    cs->title = title;
    cs->n_samples = r->run_outcome ? runs : 0;
    cs->samples = samples;
    cs->n_bins = dist->n_bins;
    cs->interval_low = dist->n ? dist->p5 : NAN;
    cs->interval_high = dist->n ? dist->p95 : NAN;
    cs->interval_level = 0.90;
    cs->center = dist->n ? dist->p50 : NAN;
    cs->n_params = np;
    cs->params = np ? params : NULL;
    cs->low = np ? low : NULL;
    cs->high = np ? high : NULL;
    cs->base = r->nominal ? r->nominal[dim] : NAN;
    *out = cs;
    return FC_OK;
}
#endif
