/* Loading a scenario and running one or every forecaster on it, for the commands that draw
 * (chart, report): the same choices as `fulcrum forecast` (every model and preset unless
 * one is named; the status-quo baseline only where the issue declares a status quo). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

static fc_status add(tool_run *run, const fc_model *m, const char *preset, const char *const *settings,
                     size_t n_settings, fc_error *err)
{
    fc_forecast *f;
    fc_status st = fc_model_run(m, &run->problem, preset, m->options_size ? settings : NULL,
                                m->options_size ? n_settings : 0, &f, err);
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
    if ((st = fc_problem_from_scenario(&run->problem, run->scenario, a->issue, 0, err)))
        return st;
    run->have_problem = 1;
    if (!all)
        return add(run, chosen, a->preset, a->settings, a->n_settings, err);
    size_t count;
    const fc_model *const *models = fc_models(&count);
    for (size_t i = 0; i < count && !st; i++) {
        const fc_model *m = models[i];
        if (strcmp(m->name, "status-quo") == 0 && isnan(run->problem.status_quo[0]))
            continue;
        if (m->max_dims != 0 && m->max_dims < run->problem.n_dims)
            continue;
        if (a->preset || !m->presets)
            st = add(run, m, a->preset && m->presets ? a->preset : NULL, a->settings, a->n_settings, err);
        else
            for (const char *const *pr = m->presets; *pr && !st; pr++)
                st = add(run, m, *pr, a->settings, a->n_settings, err);
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
