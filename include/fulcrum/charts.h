/* Charts of forecasts, drawn with cairo to SVG, PNG or PDF: the issue line, trajectories by
 * round, the bargains of a round as a network, a dilemma's choices side by side and a sweep's
 * histogram and tornado. One colour-blind-safe palette (Okabe-Ito); an actor keeps its colour
 * (by its index in the problem) in every chart. Labels are placed so that they never overlap;
 * fc_chart_labels returns the placed boxes so that callers (and tests) can check it. */
#ifndef FULCRUM_CHARTS_H
#define FULCRUM_CHARTS_H

#include "fulcrum/export.h"

#include <stddef.h>

#include "fulcrum/error.h"
#include "fulcrum/forecast.h"
#include "fulcrum/problem.h"
#include "fulcrum/report.h"
#include "fulcrum/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fc_chart_kind {
    FC_CHART_ISSUE = 0,   /* actors on the issue line, status quo and forecasts marked */
    FC_CHART_TRAJECTORY,  /* positions by round, one line per actor, the forecast over them */
    FC_CHART_BARGAINS,    /* the challenges of one round as arrows between actors */
    FC_CHART_DILEMMA,     /* a dilemma's choices side by side (fc_chart_dilemma) */
    FC_CHART_SWEEP        /* a sweep's histogram with its interval, and the tornado */
} fc_chart_kind;

typedef enum fc_chart_format {
    FC_CHART_SVG = 0,
    FC_CHART_PNG,
    FC_CHART_PDF
} fc_chart_format;

/* A dilemma's figures as the chart needs them: plain arrays, so that charts do not depend
 * on the analysis code that computes them. Choice k's pressure from actor i is
 * pressure[k * n_actors + i]. Arrays of n_choices: outcome, instability, utility. */
typedef struct fc_chart_dilemma {
    const char *title;             /* may be NULL */
    const char *decider;           /* the deciding actor's name, for the utility panel */
    size_t n_choices;
    const char *const *choices;    /* labels, e.g. "status quo", "Scale back", ... */
    const double *choice_position; /* where each choice puts the decider (NaN: not shown) */
    const double *outcome;         /* the forecast outcome under each choice */
    const double *instability;     /* the instability figure under each choice */
    const double *utility;         /* the deciding actor's utility of each outcome */
    size_t n_actors;               /* challengers shown in the pressure panel */
    const char *const *actors;     /* their labels */
    const double *pressure;        /* n_choices * n_actors, or NULL */
    /* The crisis backlash (NULL / 0 when the dilemma has none): per choice the decider's
     * decision value (utility less the weighted crisis cost) and that cost, and per potential
     * challenger with reason to challenge under some choice its expected utility of
     * challenging (> 0: it would), as the dilemma's crisis table gives them. */
    const double *value;           /* n_choices */
    const double *backlash_cost;   /* n_choices */
    size_t n_crisis_actors;
    const char *const *crisis_actors;
    const double *crisis_eu;       /* n_choices * n_crisis_actors */
} fc_chart_dilemma;

/* The figures of one model of a computed dilemma (fulcrum/dilemma.h) as the chart takes them:
 * the decider's outcome, instability and utility under each choice, the pressure of every
 * actor that challenges the decider under some choice in the bargaining, and the crisis
 * backlash; sc (the scenario d was computed from) names the crisis challengers, which may take
 * no stance on the compared issue (NULL: no crisis panel). The result points into d and sc (their
 * labels and names): use it while they live, and free it with free(). */
struct fc_dilemma;
FC_API fc_status fc_chart_dilemma_from(const struct fc_dilemma *d, const fc_scenario *sc, size_t model,
                                       fc_chart_dilemma **out, fc_error *err);

/* A sweep's results: the forecast of every run (the chart bins them), its interval, and
 * the one-at-a-time swings of the tornado: the forecast with parameter j at its low and at
 * its high value, around the base forecast. */
typedef struct fc_chart_sweep {
    const char *title;             /* may be NULL */
    size_t n_samples;
    const double *samples;
    size_t n_bins;                 /* 0: chosen from the number of samples */
    double interval_low, interval_high; /* NaN when none */
    double interval_level;         /* e.g. 0.90, for the legend */
    double center;                 /* the median to mark; NaN when none */
    size_t n_params;               /* tornado rows (0: no tornado) */
    const char *const *params;
    const double *low, *high;      /* n_params forecasts */
    double base;                   /* the base forecast of the tornado */
} fc_chart_sweep;

/* The figures of a sweep's result (fulcrum/sweep.h) for dimension dim, as the chart takes them:
 * every run's forecast, the 90% interval [p5, p95], the median, and the tornado (each input
 * at its 5% and 95% quantile). The result points into r: use it while r lives, free it with
 * free(). FC_EUSAGE when the library was built without the sweep module. */
struct fc_sweep_result;
FC_API fc_status fc_chart_sweep_from(const struct fc_sweep_result *r, size_t dim, fc_chart_sweep **out,
                                     fc_error *err);

/* The figures computed for a chart by the analyses of one model (src/report/chart_from_run.c):
 * the model named, or, when model is NULL or "all", the default of fc_run_one_model (eum);
 * a preset the model lacks is refused as fc_run_select refuses it. */
struct fc_scenario;
struct fc_run_note;

/* One model's dilemma (mode: FC_DILEMMA_START or FC_DILEMMA_COMMIT, fulcrum/dilemma.h) and
 * its chart figures. Free *cd with free() before *d with fc_dilemma_free. */
FC_API fc_status fc_chart_dilemma_compute(const struct fc_scenario *sc, const char *issue, const char *model,
                                          const char *preset, int mode, struct fc_dilemma **d,
                                          fc_chart_dilemma **cd, fc_error *err);

/* A sweep of `runs` runs of one model with the scenario's uncertainty, or, when it declares
 * none, the fallback spreads (fc_run_sweep_jitter; *note says so and *noted = 1), with the
 * sensitivity analysis, and its chart figures for dimension 0. Free *cs with free() before
 * *r with fc_sweep_result_free. note and noted may be NULL. */
FC_API fc_status fc_chart_sweep_compute(const struct fc_scenario *sc, const char *issue, const char *model,
                                        const char *preset, size_t runs, struct fc_sweep_result **r,
                                        fc_chart_sweep **cs, struct fc_run_note *note, int *noted,
                                        fc_error *err);

/* The chart command's two analyses in one call each: compute the figures as above, build
 * the scenario's problem for the issue (its scale and anchors label the chart), and write the
 * chart to path (fc_chart_write) with r's options; r's kind, set and figures are filled here.
 * The sweep's *note / *noted are as in fc_chart_sweep_compute. */
struct fc_chart_request;
FC_API fc_status fc_chart_write_dilemma(const struct fc_scenario *sc, const char *issue, const char *model,
                                        const char *preset, int mode, struct fc_chart_request *r,
                                        const char *path, fc_error *err);
FC_API fc_status fc_chart_write_sweep(const struct fc_scenario *sc, const char *issue, const char *model,
                                      const char *preset, size_t runs, struct fc_chart_request *r,
                                      const char *path, struct fc_run_note *note, int *noted, fc_error *err);

typedef struct fc_chart_options {
    double width;        /* points (1/72 in); 0 = 720 */
    double height;       /* points; 0 = the chart's natural height for its content */
    double png_scale;    /* PNG pixels per point; 0 = 2 */
    double font_size;    /* points; 0 = 11 */
    const char *font;    /* a fontconfig family; NULL = "sans-serif" */
} fc_chart_options;

/* What to draw. The issue, trajectory and bargains charts read the forecast set (scenario
 * for the issue's label and anchors, problem, forecasts); the dilemma and sweep charts read
 * their own structs and, when set is not NULL, the issue's scale and anchors from it. */
typedef struct fc_chart_request {
    fc_chart_kind kind;
    const fc_forecast_set *set;
    size_t dim;          /* the problem's dimension to draw */
    size_t forecast;     /* trajectory and bargains: the index in set->forecasts */
    size_t round;        /* bargains: the round whose challenges are drawn; 0 = the first */
    const fc_chart_dilemma *dilemma;
    const fc_chart_sweep *sweep;
    fc_chart_options options;
} fc_chart_request;

/* A rendered chart in memory. */
typedef struct fc_chart_image {
    unsigned char *data;
    size_t len;
    fc_chart_format format;
    double width, height;    /* points */
    int pixel_width, pixel_height; /* PNG only */
} fc_chart_image;

/* A placed label: its box in points from the top-left corner, and its text. */
typedef struct fc_chart_box {
    double x, y, w, h;
    char text[96];
} fc_chart_box;

/* Draws the chart in the format asked for. The caller frees with fc_chart_image_free. */
FC_API fc_status fc_chart_render(const fc_chart_request *r, fc_chart_format format, fc_chart_image *out,
                                 fc_error *err);
FC_API void fc_chart_image_free(fc_chart_image *img);

/* Renders and writes the chart to path (format by the extension .svg, .png or .pdf),
 * whole or not at all. */
FC_API fc_status fc_chart_write(const fc_chart_request *r, const char *path, fc_error *err);

/* The boxes of every placed label of the chart (malloc'ed; the caller frees *boxes), and the
 * chart's size in points. Labels placed by the chart never overlap one another. */
FC_API fc_status fc_chart_labels(const fc_chart_request *r, fc_chart_box **boxes, size_t *n,
                                 double *width, double *height, fc_error *err);

/* Kind and format names: "issue", "trajectory", "bargains", "dilemma", "sweep";
 * "svg", "png", "pdf". Parsers return -1 when unknown. */
FC_API const char *fc_chart_kind_name(fc_chart_kind kind);
FC_API int fc_chart_kind_parse(const char *name);
FC_API int fc_chart_format_from_path(const char *path);

/* The colour of actor i in every chart, as 0xRRGGBB (Okabe-Ito, cycling; from the ninth
 * actor on, charts also vary the marker shape and line dash). */
FC_API unsigned fc_chart_actor_color(size_t i);

/* The label of an actor in charts: the display name without a parenthesised remark,
 * shortened with an ellipsis past max_chars characters. Writes into buf. */
FC_API void fc_chart_actor_label(const char *name, char *buf, size_t size, size_t max_chars);

/* Optional, at the end of a program that drew charts: releases the font caches cairo and
 * fontconfig keep for the whole process (a leak checker reports them otherwise). No chart may
 * be drawn at the same time in another thread; drawing afterwards loads them again. */
FC_API void fc_charts_release_caches(void);

#ifdef __cplusplus
}
#endif
#endif
