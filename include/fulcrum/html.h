/* The HTML report: one self-contained file (charts inline as SVG, styles inline, no script)
 * with the scenario's table and sources, every model's forecast and explanation, the issue
 * line, trajectory and bargain charts, and the dilemma and sweep sections when given.
 * Readable on a phone (fluid layout) and in print (print styles). */
#ifndef FULCRUM_HTML_H
#define FULCRUM_HTML_H

#include "fulcrum/export.h"

#include <stddef.h>

#include "fulcrum/charts.h"
#include "fulcrum/error.h"
#include "fulcrum/report.h"

#ifdef __cplusplus
extern "C" {
#endif

struct fc_dilemma_issues; /* fulcrum/dilemma.h */

typedef struct fc_html_options {
    /* Every model run's dilemma (fc_dilemma_compute_issues, as `dilemma` reports it): opens
     * the report with the bottom line and a table of each model run's decision value per
     * choice, the best marked. NULL: none. */
    const struct fc_dilemma_issues *dilemma_models;
    const fc_chart_dilemma *dilemma;  /* NULL: no dilemma section */
    const char *dilemma_text;         /* a paragraph for the dilemma section, or NULL */
    const fc_chart_sweep *sweep;      /* NULL: no sweep section */
    const char *sweep_text;           /* a paragraph for the sweep section, or NULL */
    size_t bargain_round;             /* 0: the first round with challenges */
    fc_chart_options chart;           /* chart size and font (zeros: defaults) */
} fc_html_options;

/* Writes the report into a NUL-terminated string the caller frees. opts may be NULL. */
FC_API fc_status fc_report_html(const fc_forecast_set *set, const fc_html_options *opts, char **out,
                                fc_error *err);

#ifdef __cplusplus
}
#endif
#endif
