/* The sweep's figures for `fulcrum chart sweep` and `fulcrum report --sweep N`: a Monte Carlo
 * sweep of one model (EUM by default) with the scenario's declared uncertainty, or, when it
 * declares none, the same fallback spreads as `fulcrum sweep`. The sweep module lands from its
 * own branch; until it is in the build these say so. */
#include <stdio.h>
#include <string.h>

#include "tool.h"

#if defined(__has_include)
#if __has_include("fulcrum/sweep.h")
#include "fulcrum/sweep.h"
#define TOOL_HAVE_SWEEP 1
#endif
#endif

#ifndef TOOL_HAVE_SWEEP
fc_status tool_sweep_chart(const fc_scenario *sc, const char *issue, const char *model, const char *preset,
                           long runs, void **result, fc_chart_sweep **cs, fc_error *err)
{
    (void)sc, (void)issue, (void)model, (void)preset, (void)runs;
    *result = NULL;
    *cs = NULL;
    return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                        "the sweep chart draws the results of `fulcrum sweep`, which this build does not have yet");
}

void tool_sweep_free(void *result)
{
    (void)result;
}
#else
#define FALLBACK_JITTER "position=10,salience=10,capability=20%"

/* The rule of `fulcrum sweep`: a scenario with no uncertainty anywhere gets the fallback. */
static int declares_none(const fc_scenario *sc)
{
    const fc_default_uncertainty *u = &sc->default_uncertainty;
    if (u->position_sd > 0 || u->salience_sd > 0 || u->capability_sd > 0)
        return 0;
    for (size_t i = 0; i < sc->n_actors; i++) {
        const fc_actor *a = &sc->actors[i];
        if (a->capability.uncertainty.kind != FC_UNCERTAIN_NONE)
            return 0;
        for (size_t k = 0; k < sc->n_issues; k++)
            if (a->stances[k].present && (a->stances[k].position.uncertainty.kind != FC_UNCERTAIN_NONE ||
                                          a->stances[k].salience.uncertainty.kind != FC_UNCERTAIN_NONE))
                return 0;
    }
    return 1;
}

fc_status tool_sweep_chart(const fc_scenario *sc, const char *issue, const char *model, const char *preset,
                           long runs, void **result, fc_chart_sweep **cs, fc_error *err)
{
    *result = NULL;
    *cs = NULL;
    const fc_model *m = fc_model_find(model ? model : "eum");
    if (!m)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "--model", "unknown model '%s' (see `fulcrum models`)",
                            model ? model : "eum");
    fc_default_uncertainty jitter = sc->default_uncertainty;
    if (declares_none(sc)) {
        fprintf(stderr, "fulcrum: the scenario declares no uncertainty; the sweep uses --jitter %s\n", FALLBACK_JITTER);
        fc_status st = fc_sweep_parse_jitter(FALLBACK_JITTER, &jitter, err);
        if (st)
            return st;
    }
    fc_sweep_options o;
    fc_sweep_options_init(&o);
    o.model = m;
    o.preset = preset;
    o.issue = issue;
    o.runs = (size_t)runs;
    o.jitter = &jitter;
    o.sensitivity = 1;
    fc_sweep_result *r = NULL;
    fc_status st = fc_sweep_run(sc, &o, &r, err);
    if (!st)
        st = fc_chart_sweep_from(r, 0, cs, err);
    *result = r;
    return st;
}

void tool_sweep_free(void *result)
{
    fc_sweep_result_free(result);
}
#endif
