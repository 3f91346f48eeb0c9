/* The charts' entry points: checks a request, lays the chart out once on a measuring
 * surface (so that its natural height is known), then draws it on an SVG, PDF or PNG
 * surface that writes into memory. Files are written whole (fc_file_write_atomic). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fulcrum/util.h"
#include "report/chart_cairo.h"
#include "report/chart_internal.h"
#include "util/strutil.h"

static const char *const kind_names[] = {"issue", "trajectory", "bargains", "dilemma", "sweep"};

const char *fc_chart_kind_name(fc_chart_kind kind)
{
    return (unsigned)kind < sizeof kind_names / sizeof kind_names[0] ? kind_names[kind] : "?";
}

int fc_chart_kind_parse(const char *name)
{
    for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
        if (name && strcmp(name, kind_names[i]) == 0)
            return (int)i;
    return -1;
}

int fc_chart_format_from_path(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    if (!dot)
        return -1;
    if (strcasecmp(dot, ".svg") == 0)
        return FC_CHART_SVG;
    if (strcasecmp(dot, ".png") == 0)
        return FC_CHART_PNG;
    if (strcasecmp(dot, ".pdf") == 0)
        return FC_CHART_PDF;
    return -1;
}

void fc_chart_image_free(fc_chart_image *img)
{
    if (!img)
        return;
    free(img->data);
    img->data = NULL;
    img->len = 0;
}

static chart_draw_fn kind_fn(fc_chart_kind k)
{
    switch (k) {
    case FC_CHART_ISSUE: return chart_draw_issue;
    case FC_CHART_TRAJECTORY: return chart_draw_trajectory;
    case FC_CHART_BARGAINS: return chart_draw_bargains;
    case FC_CHART_DILEMMA: return chart_draw_dilemma;
    case FC_CHART_SWEEP: return chart_draw_sweep;
    }
    return NULL;
}

static fc_status check_request(const fc_chart_request *r, fc_error *err)
{
    if (!r || !kind_fn(r->kind))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "unknown chart kind");
    const fc_forecast_set *s = r->set;
    switch (r->kind) {
    case FC_CHART_ISSUE:
    case FC_CHART_TRAJECTORY:
    case FC_CHART_BARGAINS:
        if (!s || !s->problem || !s->scenario)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "the %s chart needs a scenario and its problem",
                                fc_chart_kind_name(r->kind));
        if (r->dim >= s->problem->n_dims)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "no dimension %zu in the problem", r->dim);
        if (r->kind != FC_CHART_ISSUE && r->forecast >= s->n_forecasts)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "the %s chart needs a forecast",
                                fc_chart_kind_name(r->kind));
        for (size_t m = 0; m < s->n_forecasts; m++)
            if (s->forecasts[m]->n_actors != s->problem->n_actors || s->forecasts[m]->n_dims != s->problem->n_dims)
                return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                                    "forecast %zu was not made from this problem", m);
        break;
    case FC_CHART_DILEMMA:
        if (!r->dilemma || r->dilemma->n_choices == 0 || !r->dilemma->choices || !r->dilemma->outcome)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "the dilemma chart needs at least one choice");
        if (r->dilemma->n_actors && (!r->dilemma->actors || !r->dilemma->pressure))
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "the dilemma chart's pressure needs actor labels and values");
        break;
    case FC_CHART_SWEEP:
        if (!r->sweep || (r->sweep->n_samples == 0 && r->sweep->n_params == 0))
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "the sweep chart needs samples or a tornado");
        if (r->sweep->n_samples && !r->sweep->samples)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "the sweep chart's samples are missing");
        if (r->sweep->n_params && (!r->sweep->params || !r->sweep->low || !r->sweep->high))
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "the sweep chart's tornado is incomplete");
        break;
    }
    const fc_chart_options *o = &r->options;
    if (o->width < 0 || o->height < 0 || o->png_scale < 0 || o->font_size < 0 || (o->width && o->width < 200) ||
        o->width > 20000 || o->height > 50000 || o->png_scale > 8 || (o->font_size && o->font_size < 4) ||
        o->font_size > 40)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                            "chart options out of range (width 200-20000 pt, height to 50000 pt, "
                            "PNG scale to 8, font 4-40 pt)");
    return FC_OK;
}

static void ctx_init(chart_ctx *c, const fc_chart_request *r, fc_error *err)
{
    memset(c, 0, sizeof *c);
    c->req = r;
    c->err = err;
    if (r->set) {
        c->p = r->set->problem;
        c->sc = r->set->scenario;
        if (c->p && c->sc && r->dim < c->p->n_dims) {
            long ix = fc_scenario_issue_index(c->sc, c->p->dim_ids[r->dim]);
            c->issue = ix >= 0 ? &c->sc->issues[ix] : NULL;
        }
    }
    c->width = r->options.width > 0 ? r->options.width : 720;
    c->height = r->options.height;
    c->fs = r->options.font_size > 0 ? r->options.font_size : 11;
    c->font = r->options.font ? r->options.font : "sans-serif";
}

/* The same metrics on every surface, so that the measured layout is the drawn one. */
static void prepare(cairo_t *cr)
{
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
}

/* Lays the chart out on a 1x1 surface: fixes ctx->height and the label boxes. */
static fc_status measure(chart_ctx *c)
{
    /* Every chart is measured before it is drawn: cairo is opened here, at the first. */
    fc_status loaded = chart_cairo_load(c->err);
    if (loaded)
        return loaded;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create(s);
    fc_status st = FC_OK;
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        st = fc_error_set(c->err, FC_EINTERNAL, NULL, 0, 0, NULL, "cairo: %s",
                          cairo_status_to_string(cairo_status(cr)));
    } else {
        prepare(cr);
        st = kind_fn(c->req->kind)(c, cr);
        if (!st && c->nomem)
            st = chart_nomem(c);
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    if (!st && !(c->height > 0))
        st = fc_error_set(c->err, FC_EINTERNAL, NULL, 0, 0, NULL, "the chart has no height");
    return st;
}

typedef struct membuf {
    unsigned char *data;
    size_t len, cap;
    int failed;
} membuf;

static cairo_status_t membuf_write(void *closure, const unsigned char *data, unsigned int length)
{
    membuf *m = closure;
    if (m->failed)
        return CAIRO_STATUS_WRITE_ERROR;
    if (m->len + length + 1 > m->cap) {
        size_t cap = m->cap ? m->cap : 65536;
        while (cap < m->len + length + 1)
            cap *= 2;
        unsigned char *d = realloc(m->data, cap);
        if (!d) {
            m->failed = 1;
            return CAIRO_STATUS_WRITE_ERROR;
        }
        m->data = d;
        m->cap = cap;
    }
    memcpy(m->data + m->len, data, length);
    m->len += length;
    m->data[m->len] = 0; /* SVG is text: keep it NUL-terminated for callers */
    return CAIRO_STATUS_SUCCESS;
}

/* The chart's text, recorded as <text> elements while cairo drew the rest, goes in at the end
 * of the SVG document (on top of the shapes, as cairo would have drawn it), in one group that
 * names the font the layout was measured with. */
static fc_status splice_texts(membuf *m, fc_buf *texts, const char *font, fc_error *err)
{
    if (texts->failed)
        return fc_error_nomem(err);
    if (!texts->len)
        return FC_OK;
    char *end = m->data ? strstr((char *)m->data, "</svg>") : NULL;
    if (!end)
        return fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL, "cairo wrote no </svg>");
    size_t at = (size_t)((unsigned char *)end - m->data);
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_append(&b, (const char *)m->data, at);
    fc_buf_puts(&b, "<g font-family=\"");
    if (strcmp(font, "sans-serif") != 0 && !strpbrk(font, "\"'<>&"))
        fc_buf_printf(&b, "'%s', ", font);
    fc_buf_puts(&b, "'DejaVu Sans', Verdana, sans-serif\">\n");
    fc_buf_append(&b, texts->data, texts->len);
    fc_buf_puts(&b, "</g>\n");
    fc_buf_puts(&b, (const char *)m->data + at);
    if (b.failed) {
        fc_buf_free(&b);
        return fc_error_nomem(err);
    }
    free(m->data);
    m->len = b.len;
    m->cap = b.cap;
    m->data = (unsigned char *)fc_buf_take(&b);
    return FC_OK;
}

fc_status fc_chart_render(const fc_chart_request *r, fc_chart_format format, fc_chart_image *out,
                          fc_error *err)
{
    memset(out, 0, sizeof *out);
    fc_status st = check_request(r, err);
    if (st)
        return st;
    if ((unsigned)format > FC_CHART_PDF)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "unknown chart format");
    chart_ctx c;
    ctx_init(&c, r, err);
    if ((st = measure(&c))) {
        free(c.boxes);
        return st;
    }
    double w = c.width, h = c.height;
    free(c.boxes);
    ctx_init(&c, r, err);
    c.height = h; /* the measured height: the second pass draws at the same size */

    membuf m = {0};
    cairo_surface_t *s = NULL;
    double scale = r->options.png_scale > 0 ? r->options.png_scale : 2;
    int pw = 0, ph = 0;
    if (format == FC_CHART_SVG) {
        s = cairo_svg_surface_create_for_stream(membuf_write, &m, w, h);
        cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
    } else if (format == FC_CHART_PDF) {
        s = cairo_pdf_surface_create_for_stream(membuf_write, &m, w, h);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "Fulcrum");
    } else {
        pw = (int)ceil(w * scale);
        ph = (int)ceil(h * scale);
        s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph);
    }
    cairo_t *cr = cairo_create(s);
    fc_buf texts;
    fc_buf_init(&texts);
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
        st = fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL, "cairo: %s",
                          cairo_status_to_string(cairo_status(cr)));
    } else {
        prepare(cr);
        if (format == FC_CHART_SVG)
            chart_svg_text_attach(cr, &texts);
        if (format == FC_CHART_PNG)
            cairo_scale(cr, scale, scale);
        /* A white page: a PNG is not transparent, and a dark-mode viewer shows it as drawn. */
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        st = kind_fn(r->kind)(&c, cr);
        if (!st && c.nomem)
            st = chart_nomem(&c);
        if (!st && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
            st = fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL, "cairo: %s",
                              cairo_status_to_string(cairo_status(cr)));
    }
    cairo_destroy(cr);
    if (!st && format == FC_CHART_PNG) {
        cairo_surface_flush(s);
        if (cairo_surface_write_to_png_stream(s, membuf_write, &m) != CAIRO_STATUS_SUCCESS)
            st = m.failed ? fc_error_nomem(err)
                          : fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL, "cairo could not encode the PNG");
    }
    cairo_surface_finish(s);
    if (!st && cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
        st = m.failed ? fc_error_nomem(err)
                      : fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL, "cairo: %s",
                                     cairo_status_to_string(cairo_surface_status(s)));
    cairo_surface_destroy(s);
    free(c.boxes);
    if (!st && format == FC_CHART_SVG)
        st = splice_texts(&m, &texts, c.font, err);
    fc_buf_free(&texts);
    if (st) {
        free(m.data);
        return st;
    }
    out->data = m.data;
    out->len = m.len;
    out->format = format;
    out->width = w;
    out->height = h;
    out->pixel_width = pw;
    out->pixel_height = ph;
    return FC_OK;
}

fc_status fc_chart_write(const fc_chart_request *r, const char *path, fc_error *err)
{
    int fmt = fc_chart_format_from_path(path);
    if (fmt < 0)
        return fc_error_set(err, FC_EUSAGE, path, 0, 0, NULL,
                            "a chart is written as .svg, .png or .pdf: the file name says which");
    fc_chart_image img;
    fc_status st = fc_chart_render(r, (fc_chart_format)fmt, &img, err);
    if (st)
        return st;
    st = fc_file_write_atomic(path, img.data, img.len, err);
    fc_chart_image_free(&img);
    return st;
}

fc_status fc_chart_labels(const fc_chart_request *r, fc_chart_box **boxes, size_t *n,
                          double *width, double *height, fc_error *err)
{
    *boxes = NULL;
    *n = 0;
    fc_status st = check_request(r, err);
    if (st)
        return st;
    chart_ctx c;
    ctx_init(&c, r, err);
    if ((st = measure(&c))) {
        free(c.boxes);
        return st;
    }
    *boxes = c.boxes;
    *n = c.n_boxes;
    if (width)
        *width = c.width;
    if (height)
        *height = c.height;
    return FC_OK;
}

fc_status chart_count_crossings(const fc_chart_request *r, size_t *crossings, fc_error *err)
{
    *crossings = 0;
    fc_status st = check_request(r, err);
    if (st)
        return st;
    chart_ctx c;
    ctx_init(&c, r, err);
    st = measure(&c);
    free(c.boxes);
    *crossings = c.crossings;
    return st;
}

void fc_charts_release_caches(void)
{
    if (!chart_cairo_loaded())
        return; /* no chart was drawn: cairo was never loaded */
    cairo_debug_reset_static_data();
    FcFini();
}
