/* Loading a scenario and running one or every forecaster on it, for the commands that draw
 * (forecast, chart, report): the same choices as `fulcrum forecast` (every model and preset unless
 * one is named; the status-quo baseline only where the issue declares a status quo). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

static fc_status add(tool_run *run, const tool_run_args *a, const fc_model *m, const char *preset,
                     fc_error *err)
{
    const char *const *settings = m->options_size ? a->settings : NULL;
    size_t n_settings = m->options_size ? a->n_settings : 0;
    fc_forecast *f;
    /* A KTAB file carries the spatial model's parameters, seed and ideal adjustments,
     * which a scenario cannot hold: run it as KTAB would, with --set on top. */
    int ktab = m == &fc_model_smp && a->file && fc_ktab_sniff_file(a->file) != FC_KTAB_NONE;
    fc_status st = ktab ? fc_ktab_smp_forecast(a->file, settings, n_settings, &f, err)
                        : fc_model_run(m, &run->problem, preset, settings, n_settings, &f, err);
    if (st)
        return st;
    fc_forecast **grown = realloc(run->forecasts, (run->n + 1) * sizeof *grown);
    if (!grown) {
        fc_forecast_free(f);
        return fc_error_set(err, FC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
    }
    grown[run->n++] = f;
    run->forecasts = grown;
    return FC_OK;
}

fc_status tool_run_models(const tool_run_args *a, tool_run *run, fc_error *err)
{
    memset(run, 0, sizeof *run);
    fc_status st = tool_load_scenario(a->file, a->salience_scale > 0 ? a->salience_scale : 100, &run->scenario, err);
    if (st)
        return st;
    int all = !a->model || strcmp(a->model, "all") == 0;
    const fc_model *chosen = all ? NULL : fc_model_find(a->model);
    if (!all && !chosen)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "--model", "unknown model '%s' (see `fulcrum models`)",
                            a->model);
    /* A model of any number of dimensions, named alone, takes every issue as a dimension. */
    int multi = chosen && chosen->max_dims == 0 && !a->issue && run->scenario->n_issues > 1;
    if ((st = fc_problem_from_scenario(&run->problem, run->scenario, a->issue, multi, err)))
        return st;
    run->have_problem = 1;
    if (!all)
        return add(run, a, chosen, a->preset, err);
    size_t count;
    const fc_model *const *models = fc_models(&count);
    for (size_t i = 0; i < count && !st; i++) {
        const fc_model *m = models[i];
        /* Without a declared status quo there is nothing for that baseline to say. */
        if (strcmp(m->name, "status-quo") == 0 && isnan(run->problem.status_quo[0]))
            continue;
        if (m->max_dims != 0 && m->max_dims < run->problem.n_dims)
            continue;
        if (a->preset || !m->presets)
            st = add(run, a, m, a->preset && m->presets ? a->preset : NULL, err);
        else
            for (const char *const *pr = m->presets; *pr && !st; pr++)
                st = add(run, a, m, *pr, err);
    }
    return st;
}

void tool_run_free(tool_run *run)
{
    for (size_t i = 0; i < run->n; i++)
        fc_forecast_free(run->forecasts[i]);
    free(run->forecasts);
    if (run->have_problem)
        fc_problem_free(&run->problem);
    fc_scenario_free(run->scenario);
    memset(run, 0, sizeof *run);
}
