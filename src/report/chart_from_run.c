/* The figures of the dilemma and sweep charts computed from a scenario: one model's analysis
 * (the run entry point's default model and preset rule) and its chart figures, for the chart
 * command and the HTML report alike. */
#include "fulcrum/charts.h"

#include <stdlib.h>

#include "fulcrum/dilemma.h"
#include "fulcrum/run.h"
#include "fulcrum/sweep.h"
#include "report/chart_internal.h"

fc_status fc_chart_dilemma_compute(const fc_scenario *sc, const char *issue, const char *model, const char *preset,
                                   int mode, fc_dilemma **d, fc_chart_dilemma **cd, fc_error *err)
{
    *d = NULL;
    *cd = NULL;
    const fc_model *m;
    fc_status st = fc_run_one_model(model, preset, &m, err);
    if (st)
        return st;
    fc_dilemma_options o;
    fc_dilemma_options_init(&o);
    o.issue = issue;
    o.model = m->name;
    o.preset = preset;
    o.mode = mode == FC_DILEMMA_COMMIT ? FC_DILEMMA_COMMIT : FC_DILEMMA_START;
    if (!(st = fc_dilemma_compute(sc, &o, d, err)))
        st = fc_chart_dilemma_from(*d, sc, 0, cd, err);
    return st;
}

fc_status fc_chart_sweep_compute(const fc_scenario *sc, const char *issue, const char *model, const char *preset,
                                 size_t runs, fc_sweep_result **r, fc_chart_sweep **cs, fc_run_note *note,
                                 int *noted, fc_error *err)
{
    *r = NULL;
    *cs = NULL;
    if (noted)
        *noted = 0;
    const fc_model *m;
    fc_default_uncertainty jitter;
    fc_status st = fc_run_one_model(model, preset, &m, err);
    if (!st)
        st = fc_run_sweep_jitter(sc, NULL, &jitter, note, noted, err);
    if (st)
        return st;
    fc_sweep_options o;
    fc_sweep_options_init(&o);
    o.model = m;
    o.preset = preset;
    o.issue = issue;
    o.runs = runs;
    o.jitter = &jitter;
    o.sensitivity = 1;
    if (!(st = fc_sweep_run(sc, &o, r, err)))
        st = fc_chart_sweep_from(*r, 0, cs, err);
    return st;
}

/* The chart written to path, or, when path is NULL, drawn into *img in `format`: the chart
 * command writes files, the bindings (fc_report_chart) take the bytes. */
static fc_status emit(const fc_chart_request *r, const char *path, fc_chart_format format, fc_chart_image *img,
                      fc_error *err)
{
    return path ? fc_chart_write(r, path, err) : fc_chart_render(r, format, img, err);
}

static fc_status dilemma_chart(const fc_scenario *sc, const char *issue, const char *model, const char *preset,
                               int mode, fc_chart_request *r, const char *path, fc_chart_format format,
                               fc_chart_image *img, fc_error *err)
{
    fc_dilemma *d = NULL;
    fc_chart_dilemma *cd = NULL;
    fc_status st = fc_chart_dilemma_compute(sc, issue, model, preset, mode, &d, &cd, err);
    if (!st) {
        fc_forecast_set set = {.scenario = sc, .problem = &d->problem};
        r->kind = FC_CHART_DILEMMA;
        r->set = &set;
        r->dilemma = cd;
        st = emit(r, path, format, img, err);
        r->set = NULL;
        r->dilemma = NULL;
    }
    free(cd);
    fc_dilemma_free(d);
    return st;
}

fc_status fc_chart_write_dilemma(const fc_scenario *sc, const char *issue, const char *model, const char *preset,
                                 int mode, fc_chart_request *r, const char *path, fc_error *err)
{
    return dilemma_chart(sc, issue, model, preset, mode, r, path, FC_CHART_SVG, NULL, err);
}

fc_status chart_render_dilemma(const fc_scenario *sc, const char *issue, const char *model, const char *preset,
                               int mode, fc_chart_request *r, fc_chart_format format, fc_chart_image *img,
                               fc_error *err)
{
    return dilemma_chart(sc, issue, model, preset, mode, r, NULL, format, img, err);
}

static fc_status sweep_chart(const fc_scenario *sc, const char *issue, const char *model, const char *preset,
                             size_t runs, fc_chart_request *r, const char *path, fc_chart_format format,
                             fc_chart_image *img, fc_run_note *note, int *noted, fc_error *err)
{
    fc_sweep_result *result = NULL;
    fc_chart_sweep *cs = NULL;
    fc_problem p;
    fc_status st = fc_chart_sweep_compute(sc, issue, model, preset, runs, &result, &cs, note, noted, err);
    /* The sweep's first dimension is the issue asked for (or the first): the same problem
     * the sweep ran on gives the chart its scale and anchors. */
    if (!st && !(st = fc_problem_from_scenario(&p, sc, issue, 0, err))) {
        fc_forecast_set set = {.scenario = sc, .problem = &p};
        r->kind = FC_CHART_SWEEP;
        r->set = &set;
        r->sweep = cs;
        st = emit(r, path, format, img, err);
        r->set = NULL;
        r->sweep = NULL;
        fc_problem_free(&p);
    }
    free(cs);
    fc_sweep_result_free(result);
    return st;
}

fc_status fc_chart_write_sweep(const fc_scenario *sc, const char *issue, const char *model, const char *preset,
                               size_t runs, fc_chart_request *r, const char *path, fc_run_note *note, int *noted,
                               fc_error *err)
{
    return sweep_chart(sc, issue, model, preset, runs, r, path, FC_CHART_SVG, NULL, note, noted, err);
}

fc_status chart_render_sweep(const fc_scenario *sc, const char *issue, const char *model, const char *preset,
                             size_t runs, fc_chart_request *r, fc_chart_format format, fc_chart_image *img,
                             fc_error *err)
{
    return sweep_chart(sc, issue, model, preset, runs, r, NULL, format, img, NULL, NULL, err);
}
