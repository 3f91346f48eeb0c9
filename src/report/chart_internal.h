/* Private machinery the chart kinds share: the drawing context, text measurement and
 * wrapping, label placement, the issue-scale ruler with its anchors, and the palette. */
#ifndef FULCRUM_REPORT_CHART_INTERNAL_H
#define FULCRUM_REPORT_CHART_INTERNAL_H

#include <stddef.h>

#include "fulcrum/charts.h"
#include "report/chart_cairo.h"

#define CHART_MAX_LINES 4

typedef struct chart_ctx {
    const fc_chart_request *req;
    const fc_problem *p;        /* NULL for dilemma and sweep charts without a set */
    const fc_scenario *sc;
    const fc_issue *issue;      /* the drawn dimension's issue, or NULL */
    double width, height;       /* the canvas in points; a kind sets height when asked */
    double fs;                  /* base font size */
    const char *font;
    fc_chart_box *boxes;        /* the placed labels */
    size_t n_boxes, cap_boxes;
    int nomem;
    size_t crossings;           /* leaders the placer could not keep off other labels */
    fc_error *err;
} chart_ctx;

/* One chart kind: lays out (setting ctx->height when the request leaves it 0), records its
 * placed labels with chart_box, and draws on cr. Called twice: once to measure, once to draw. */
typedef fc_status (*chart_draw_fn)(chart_ctx *c, cairo_t *cr);

fc_status chart_draw_issue(chart_ctx *c, cairo_t *cr);
fc_status chart_draw_trajectory(chart_ctx *c, cairo_t *cr);
fc_status chart_draw_bargains(chart_ctx *c, cairo_t *cr);
fc_status chart_draw_dilemma(chart_ctx *c, cairo_t *cr);
fc_status chart_draw_sweep(chart_ctx *c, cairo_t *cr);

/* Colours. */
void chart_rgb(cairo_t *cr, unsigned rgb, double alpha);
#define CHART_INK 0x222222u
#define CHART_MUTED 0x666666u
#define CHART_GRID 0xDDDDDDu
/* Colours of choices (dilemma) and the tornado's two sides: the palette from its far end,
 * so they are not confused with the first actors. */
unsigned chart_series_color(size_t k);

/* Fonts and text. size is a multiple of the base size. */
void chart_font(chart_ctx *c, cairo_t *cr, double size, int bold, int italic);
double chart_text_width(cairo_t *cr, const char *s);
double chart_line_height(cairo_t *cr);   /* ascent + descent of the current font */
double chart_ascent(cairo_t *cr);
/* Draws s with its box's top-left at (x, y); align 0 left, 1 centre, 2 right of x. */
void chart_text(cairo_t *cr, double x, double y, const char *s, int align);
/* From now on chart_text on cr appends SVG <text> elements to texts instead of drawing glyphs
 * (the SVG format; texts must outlive cr's drawing). */
struct fc_buf;
void chart_svg_text_attach(cairo_t *cr, struct fc_buf *texts);

/* Text cut into lines no wider than max_w (words are never split; an over-long word gets a
 * line of its own, cut with an ellipsis). At most CHART_MAX_LINES; the last ends in an
 * ellipsis when text is left over. */
typedef struct chart_lines {
    char line[CHART_MAX_LINES][128];
    size_t n;
    double w;       /* the widest line */
} chart_lines;
void chart_wrap(cairo_t *cr, const char *text, double max_w, size_t max_lines, chart_lines *out);
void chart_draw_lines(cairo_t *cr, const chart_lines *l, double x, double y, double lh, int align);

/* Records a placed label (returns its index, or -1 when out of memory). */
long chart_box(chart_ctx *c, double x, double y, double w, double h, const char *text);

/* Skyline placement of labels beside a line: label k (width w[k], height h[k]) wants to be
 * centred at x[k] (inside [xmin, xmax]) and as close to the line as possible. Returns in
 * off[k] the distance from the line to the label's near edge and in left[k] its left edge.
 * Labels never overlap one another, and a label's leader (a straight line from x[k] to the
 * label) does not pass through another label where that can be avoided. order[] gives the
 * priority (first = nearest the line). Returns the depth used (max off + h); adds to
 * *crossings (when not NULL) how many leaders had to pass through a label. */
double chart_place_skyline(size_t n, const double *x, const double *w, const double *h,
                           const size_t *order, double xmin, double xmax, double gap,
                           double *left, double *off, size_t *crossings);

/* Lays the chart out and returns how many leaders pass through a label (0 is the aim). */
fc_status chart_count_crossings(const fc_chart_request *r, size_t *crossings, fc_error *err);

/* Where a label's leader meets it: the point's x, kept inside the label. */
double chart_leader_end(double x, double left, double w);

/* Spreads labels of height h wanted at centres y[k] (any order) so that they do not overlap,
 * keeping their order and staying as close as possible, within [lo, hi] when they fit. */
void chart_spread(size_t n, double *y, double h, double lo, double hi);

/* "Nice" tick step for a range (1, 2, 2.5 or 5 times a power of ten). */
double chart_nice_step(double range, int target_ticks);

/* A horizontal ruler for the issue scale [lo, hi] drawn at y between x0 and x1: ticks with
 * numbers, and the issue's anchors (the text up to its first colon, wrapped) placed below
 * without overlap. Returns the height used below y. */
double chart_ruler(chart_ctx *c, cairo_t *cr, double x0, double x1, double y, double lo, double hi);

/* The x of value v on [lo, hi] mapped to [x0, x1]. */
double chart_map(double v, double lo, double hi, double x0, double x1);

/* The short anchor text: up to the first colon or semicolon. */
void chart_anchor_text(const char *text, char *buf, size_t size);

/* The actor's marker: a circle for the first 8 actors, then square, triangle, diamond. */
void chart_marker(cairo_t *cr, size_t actor, double x, double y, double r);
/* The dash of actor i's line (solid for the first 8). */
void chart_actor_dash(cairo_t *cr, size_t actor);

/* Title line at the top; returns its height. */
double chart_title(chart_ctx *c, cairo_t *cr, const char *title, const char *subtitle);

/* The scale and the anchors of dimension c->req->dim. */
void chart_scale(const chart_ctx *c, double *lo, double *hi);
/* The label of forecast f: "model (preset)". */
void chart_forecast_name(const fc_forecast *f, char *buf, size_t size);

fc_status chart_nomem(chart_ctx *c);

/* fc_chart_write_dilemma and fc_chart_write_sweep drawing into memory instead of a file
 * (src/report/chart_from_run.c), for fc_report_chart. */
fc_status chart_render_dilemma(const fc_scenario *sc, const char *issue, const char *model, const char *preset,
                               int mode, fc_chart_request *r, fc_chart_format format, fc_chart_image *img,
                               fc_error *err);
fc_status chart_render_sweep(const fc_scenario *sc, const char *issue, const char *model, const char *preset,
                             size_t runs, fc_chart_request *r, fc_chart_format format, fc_chart_image *img,
                             fc_error *err);

#endif
