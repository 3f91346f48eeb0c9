/* Charts: every kind renders for the built-in case and every EUM input table in SVG (which
 * parses as XML), PNG (which decodes to the size asked for) and PDF; no two placed labels
 * overlap and every label lies on the canvas; the label placers keep their promise on
 * random layouts; bad requests give clear errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cairo.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "chart_cases.h"
#include "report/chart_internal.h"

static chart_case cases[MAX_CASES];
static int n_cases;

static int setup(void **state)
{
    (void)state;
    n_cases = cases_load(cases);
    return n_cases > 1 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    cases_free(cases, n_cases);
    xmlCleanupParser();
    fc_charts_release_caches();
    return 0;
}

typedef struct png_reader {
    const unsigned char *data;
    size_t len, at;
} png_reader;

static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int length)
{
    png_reader *r = closure;
    if (r->at + length > r->len)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->data + r->at, length);
    r->at += length;
    return CAIRO_STATUS_SUCCESS;
}

static void check_svg(const fc_chart_image *img, const char *what)
{
    xmlDocPtr doc = xmlReadMemory((const char *)img->data, (int)img->len, "chart.svg", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc)
        fail_msg("%s: the SVG does not parse as XML", what);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_non_null(root);
    assert_string_equal((const char *)root->name, "svg");
    xmlFreeDoc(doc);
}

static void check_png(const fc_chart_image *img, double scale, const char *what)
{
    png_reader r = {img->data, img->len, 0};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(png_read, &r);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
        fail_msg("%s: the PNG does not decode: %s", what, cairo_status_to_string(cairo_surface_status(s)));
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    cairo_surface_destroy(s);
    if (w != (int)ceil(img->width * scale) || h != (int)ceil(img->height * scale) || w != img->pixel_width ||
        h != img->pixel_height)
        fail_msg("%s: PNG is %dx%d, expected %dx%d", what, w, h, (int)ceil(img->width * scale),
                 (int)ceil(img->height * scale));
}

static void check_pdf(const fc_chart_image *img, const char *what)
{
    if (img->len < 100 || memcmp(img->data, "%PDF-", 5) != 0)
        fail_msg("%s: not a PDF", what);
    /* the trailer's end marker lies in the last bytes */
    size_t from = img->len > 32 ? img->len - 32 : 0;
    int found = 0;
    for (size_t k = from; k + 5 <= img->len; k++)
        if (memcmp(img->data + k, "%%EOF", 5) == 0)
            found = 1;
    if (!found)
        fail_msg("%s: the PDF has no %%%%EOF", what);
}

static void check_labels(const fc_chart_request *r, const char *what)
{
    fc_chart_box *b;
    size_t n;
    double w, h;
    fc_error err;
    fc_error_clear(&err);
    if (fc_chart_labels(r, &b, &n, &w, &h, &err))
        fail_msg("%s: %s", what, err.message);
    if (n == 0)
        fail_msg("%s: no labels placed", what);
    for (size_t i = 0; i < n; i++) {
        if (b[i].x < -0.01 || b[i].y < -0.01 || b[i].x + b[i].w > w + 0.01 || b[i].y + b[i].h > h + 0.01)
            fail_msg("%s: label '%s' (%.1f,%.1f %.1fx%.1f) leaves the %.0fx%.0f canvas", what, b[i].text, b[i].x,
                     b[i].y, b[i].w, b[i].h, w, h);
        if (!(b[i].w > 0 && b[i].h > 0))
            fail_msg("%s: label '%s' has no size", what, b[i].text);
        for (size_t j = i + 1; j < n; j++) {
            double ox = fmin(b[i].x + b[i].w, b[j].x + b[j].w) - fmax(b[i].x, b[j].x);
            double oy = fmin(b[i].y + b[i].h, b[j].y + b[j].h) - fmax(b[i].y, b[j].y);
            if (ox > 0.01 && oy > 0.01)
                fail_msg("%s: labels '%s' and '%s' overlap by %.2f x %.2f pt", what, b[i].text, b[j].text, ox, oy);
        }
    }
    free(b);
}

/* The forecast with the most rounds (the one a trajectory is most worth drawing for). */
static size_t longest(const chart_case *c)
{
    size_t best = 0;
    for (size_t m = 1; m < c->nf; m++)
        if (c->f[m]->n_rounds > c->f[best]->n_rounds || c->f[m]->n_events > c->f[best]->n_events)
            best = m;
    return best;
}

static void render_all_formats(const fc_chart_request *r, const char *what)
{
    for (int fmt = FC_CHART_SVG; fmt <= FC_CHART_PDF; fmt++) {
        fc_chart_image img;
        fc_error err;
        fc_error_clear(&err);
        char w2[512];
        snprintf(w2, sizeof w2, "%s (%s)", what, fmt == FC_CHART_SVG ? "svg" : fmt == FC_CHART_PNG ? "png" : "pdf");
        if (fc_chart_render(r, (fc_chart_format)fmt, &img, &err))
            fail_msg("%s: %s", w2, err.message);
        if (fmt == FC_CHART_SVG)
            check_svg(&img, w2);
        else if (fmt == FC_CHART_PNG)
            check_png(&img, r->options.png_scale > 0 ? r->options.png_scale : 2, w2);
        else
            check_pdf(&img, w2);
        fc_chart_image_free(&img);
    }
}

static void kind_on_every_case(fc_chart_kind kind, double png_scale)
{
    for (int k = 0; k < n_cases; k++) {
        chart_case *c = &cases[k];
        dilemma_data *dd = calloc(1, sizeof *dd);
        sweep_data *sd = calloc(1, sizeof *sd);
        assert_non_null(dd);
        assert_non_null(sd);
        make_dilemma(&c->p, dd);
        make_sweep(&c->p, sd);
        fc_chart_request r = {.kind = kind, .set = &c->set, .forecast = longest(c), .dilemma = &dd->d,
                              .sweep = &sd->s, .options = {.png_scale = png_scale}};
        char what[400];
        snprintf(what, sizeof what, "%s chart of %s", fc_chart_kind_name(kind), c->name);
        render_all_formats(&r, what);
        check_labels(&r, what);
        /* At the default width no leader passes through another label either. */
        size_t crossings = 0;
        fc_error err;
        assert_int_equal(chart_count_crossings(&r, &crossings, &err), FC_OK);
        if (crossings)
            fail_msg("%s: %zu label leaders pass through other labels", what, crossings);
        /* A narrow canvas (a phone) must still place every label without overlap. */
        r.options.width = 360;
        snprintf(what, sizeof what, "%s chart of %s, 360 pt wide", fc_chart_kind_name(kind), c->name);
        check_labels(&r, what);
        free(dd);
        free(sd);
    }
}

static void test_issue(void **state) { (void)state; kind_on_every_case(FC_CHART_ISSUE, 1); }
static void test_trajectory(void **state) { (void)state; kind_on_every_case(FC_CHART_TRAJECTORY, 1); }
static void test_bargains(void **state) { (void)state; kind_on_every_case(FC_CHART_BARGAINS, 1); }
static void test_dilemma(void **state) { (void)state; kind_on_every_case(FC_CHART_DILEMMA, 1); }
static void test_sweep(void **state) { (void)state; kind_on_every_case(FC_CHART_SWEEP, 1.5); }

/* The chart's stated size is the one drawn, in every format; a height asked for is kept. */
static void test_sizes(void **state)
{
    (void)state;
    chart_case *c = &cases[0];
    fc_chart_request r = {.kind = FC_CHART_ISSUE, .set = &c->set, .options = {.width = 500, .png_scale = 1}};
    fc_chart_image img;
    fc_error err;
    double w, h;
    fc_chart_box *b;
    size_t n;
    assert_int_equal(fc_chart_labels(&r, &b, &n, &w, &h, &err), FC_OK);
    free(b);
    assert_int_equal(fc_chart_render(&r, FC_CHART_PNG, &img, &err), FC_OK);
    assert_int_equal(img.pixel_width, 500);
    assert_int_equal(img.pixel_height, (int)ceil(h));
    fc_chart_image_free(&img);
    r.options.height = 900;
    assert_int_equal(fc_chart_render(&r, FC_CHART_SVG, &img, &err), FC_OK);
    assert_non_null(strstr((const char *)img.data, "height=\"900"));
    fc_chart_image_free(&img);
}

/* A scale far from 0 and narrow ([1e15, 1e15 + 0.25]): scenarios may no longer declare one
 * (fc_scenario_validate), but the ruler and the trajectory's grid must still end on such a
 * problem built in code (they stepped t += step, which stands still there). The test's
 * timeout turns a loop into a failure. */
static void test_narrow_far_scale(void **state)
{
    (void)state;
    chart_case *c = &cases[0];
    double lo = c->p.scale_min[0], hi = c->p.scale_max[0];
    c->p.scale_min[0] = 1e15;
    c->p.scale_max[0] = 1e15 + 0.25;
    fc_chart_kind kinds[] = {FC_CHART_ISSUE, FC_CHART_TRAJECTORY};
    for (size_t k = 0; k < 2; k++) {
        fc_chart_request r = {.kind = kinds[k], .set = &c->set};
        fc_chart_image img;
        fc_error err;
        assert_int_equal(fc_chart_render(&r, FC_CHART_SVG, &img, &err), FC_OK);
        assert_true(img.len > 0);
        fc_chart_image_free(&img);
    }
    c->p.scale_min[0] = lo;
    c->p.scale_max[0] = hi;
}

/* cairo's SVG colour of one channel: a percentage with up to six decimals, no trailing zeros. */
static void channel(char *buf, size_t size, unsigned v)
{
    snprintf(buf, size, "%f", v / 255.0 * 100);
    char *e = buf + strlen(buf) - 1;
    while (*e == '0')
        *e-- = '\0';
    if (*e == '.')
        *e = '\0';
}

/* Each actor's line in the trajectory chart has the colour fc_chart_actor_color gives for its
 * index; black is kept for the forecast; the first eight actors' colours differ. */
static void test_actor_colours(void **state)
{
    (void)state;
    chart_case *c = &cases[0];
    fc_chart_request r = {.kind = FC_CHART_TRAJECTORY, .set = &c->set};
    fc_chart_image img;
    fc_error err;
    assert_int_equal(fc_chart_render(&r, FC_CHART_SVG, &img, &err), FC_OK);
    for (size_t i = 0; i < c->p.n_actors; i++) {
        unsigned col = fc_chart_actor_color(i);
        char red[32], green[32], blue[32], rgb[120];
        channel(red, sizeof red, (col >> 16) & 0xFF);
        channel(green, sizeof green, (col >> 8) & 0xFF);
        channel(blue, sizeof blue, col & 0xFF);
        snprintf(rgb, sizeof rgb, "rgb(%s%%,%s%%,%s%%)", red, green, blue);
        if (!strstr((const char *)img.data, rgb))
            fail_msg("actor %zu's colour %s is not in the chart", i, rgb);
        assert_true(col != 0x000000);
    }
    assert_non_null(strstr((const char *)img.data, "rgb(0%,0%,0%)"));
    for (size_t i = 0; i < 8; i++)
        for (size_t j = i + 1; j < 8; j++)
            assert_int_not_equal(fc_chart_actor_color(i), fc_chart_actor_color(j));
    assert_int_equal(fc_chart_actor_color(3), fc_chart_actor_color(11));
    fc_chart_image_free(&img);
}

/* Issue 17: an SVG chart's words are <text> (searchable, copyable), not cairo's glyph outlines;
 * actors' names on the built-in trajectory chart are there as text, drawn at the measured width,
 * and nothing is drawn as a glyph. */
static void test_svg_text(void **state)
{
    (void)state;
    chart_case *c = &cases[0];
    for (int kind = FC_CHART_ISSUE; kind <= FC_CHART_BARGAINS; kind++) {
        fc_chart_request r = {.kind = (fc_chart_kind)kind, .set = &c->set, .forecast = longest(c)};
        fc_chart_image img;
        fc_error err;
        assert_int_equal(fc_chart_render(&r, FC_CHART_SVG, &img, &err), FC_OK);
        const char *svg = (const char *)img.data;
        assert_null(strstr(svg, "glyph"));
        assert_non_null(strstr(svg, "<text x=\""));
        assert_non_null(strstr(svg, "textLength=\""));
        assert_non_null(strstr(svg, "font-family=\"'DejaVu Sans'"));
        fc_chart_image_free(&img);
    }
    fc_chart_request r = {.kind = FC_CHART_TRAJECTORY, .set = &c->set, .forecast = longest(c)};
    fc_chart_image img;
    fc_error err;
    assert_int_equal(fc_chart_render(&r, FC_CHART_SVG, &img, &err), FC_OK);
    assert_non_null(strstr((const char *)img.data, ">Russia</text>"));
    assert_non_null(strstr((const char *)img.data, ">Iran</text>"));
    fc_chart_image_free(&img);
}

static void test_actor_label(void **state)
{
    (void)state;
    char buf[64];
    fc_chart_actor_label("Azerbaijan (Aliyev government)", buf, sizeof buf, 24);
    assert_string_equal(buf, "Azerbaijan");
    fc_chart_actor_label("Pro-Iran religious current in Azerbaijan", buf, sizeof buf, 20);
    assert_string_equal(buf, "Pro-Iran religious\xE2\x80\xA6");
    fc_chart_actor_label("I\xC5\x9F\xC3\xA7i Partisi", buf, sizeof buf, 4);
    assert_string_equal(buf, "I\xC5\x9F\xC3\xA7\xE2\x80\xA6");
    fc_chart_actor_label("Iran", buf, sizeof buf, 4);
    assert_string_equal(buf, "Iran");
}

/* The placers on random layouts: no two labels overlap; the spread keeps the order. */
static void test_placers_random(void **state)
{
    (void)state;
    unsigned long long s = 42;
#define RND() ((s = s * 6364136223846793005ULL + 1442695040888963407ULL), (double)(s >> 11) / 9007199254740992.0)
    for (int trial = 0; trial < 200; trial++) {
        size_t n = 1 + (size_t)(RND() * 30);
        double x[32], w[32], h[32], l[32], o[32], y[32], y0[32];
        size_t order[32];
        for (size_t k = 0; k < n; k++) {
            x[k] = trial % 3 == 0 ? 300 + 10 * floor(RND() * 3) : RND() * 700;
            w[k] = 20 + RND() * 150;
            h[k] = 12 + 14 * floor(RND() * 3);
            order[k] = k;
            y[k] = y0[k] = RND() * 300;
        }
        chart_place_skyline(n, x, w, h, order, 0, 720, 4, l, o, NULL);
        for (size_t i = 0; i < n; i++) {
            assert_true(l[i] >= -1e-9 && l[i] + w[i] <= 720 + 1e-9);
            assert_true(o[i] >= 0);
            for (size_t j = i + 1; j < n; j++) {
                int xo = l[i] < l[j] + w[j] && l[j] < l[i] + w[i];
                int yo = o[i] < o[j] + h[j] && o[j] < o[i] + h[i];
                assert_false(xo && yo);
            }
        }
        chart_spread(n, y, 14, 0, 600);
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++) {
                if (i == j)
                    continue;
                assert_true(fabs(y[i] - y[j]) >= 14 - 1e-9);
                if (y0[i] < y0[j])
                    assert_true(y[i] < y[j]);
            }
        for (size_t i = 0; i < n; i++)
            assert_true(y[i] - 7 >= -1e-9 && y[i] + 7 <= 600 + 1e-9);
    }
#undef RND
}

/* The real dilemma of the built-in case, through fc_chart_dilemma_from: the chart's figures
 * are the dilemma's own, and it renders in every format with its labels apart. */
static void test_real_dilemma(void **state)
{
    (void)state;
    chart_case *c = &cases[0];
    fc_dilemma_options o;
    fc_dilemma_options_init(&o);
    o.model = "eum";
    o.preset = "bdm-paper";
    fc_dilemma *d = NULL;
    fc_chart_dilemma *cd = NULL;
    fc_error err;
    fc_error_clear(&err);
    if (fc_dilemma_compute(c->sc, &o, &d, &err))
        fail_msg("%s", err.message);
    assert_int_equal(fc_chart_dilemma_from(d, c->sc, 0, &cd, &err), FC_OK);
    assert_int_equal(cd->n_choices, d->n_choices);
    size_t pressed = 0;
    for (size_t k = 0; k < d->n_choices; k++) {
        const fc_dilemma_cell *cell = fc_dilemma_cell_at(d, 0, k);
        assert_true(cd->outcome[k] == cell->outcome);
        assert_true(cd->instability[k] == cell->instability);
        assert_true(cd->utility[k] == cell->utility[d->decider]);
        assert_true(cd->choice_position[k] == d->choices[k].position);
    }
    for (size_t i = 0; i < d->problem.n_actors; i++) {
        size_t events = 0;
        for (size_t k = 0; k < d->n_choices; k++)
            events += fc_dilemma_cell_at(d, 0, k)->pressure_events[i];
        if (i != d->decider && events) {
            /* the chart's row of this actor carries its pressure under every choice */
            assert_string_equal(cd->actors[pressed], d->problem.actor_names[i]);
            for (size_t k = 0; k < d->n_choices; k++)
                assert_true(cd->pressure[k * cd->n_actors + pressed] == fc_dilemma_cell_at(d, 0, k)->pressure[i]);
            pressed++;
        }
    }
    assert_int_equal(cd->n_actors, pressed);
    assert_true(pressed > 0); /* bdm-paper predicts a backlash against Azerbaijan */
    /* The crisis backlash: the decision values and costs are the cells', and every actor with
     * reason to challenge under some choice has its row of War Trap expected utilities. */
    assert_non_null(cd->value);
    size_t crisis_rows = 0;
    for (size_t k = 0; k < d->n_choices; k++) {
        assert_true(cd->value[k] == fc_dilemma_cell_at(d, 0, k)->value);
        assert_true(cd->backlash_cost[k] == fc_dilemma_cell_at(d, 0, k)->backlash_cost);
    }
    for (size_t a = 0; a < c->sc->n_actors; a++) {
        int challenges = 0;
        for (size_t k = 0; k < d->n_choices; k++)
            for (size_t i = 0; i < d->crisis[k]->n_pairs; i++)
                challenges |= d->crisis[k]->pairs[i].challenger == a && d->crisis[k]->pairs[i].challenges;
        if (!challenges)
            continue;
        assert_string_equal(cd->crisis_actors[crisis_rows], c->sc->actors[a].name);
        for (size_t k = 0; k < d->n_choices; k++)
            for (size_t i = 0; i < d->crisis[k]->n_pairs; i++)
                if (d->crisis[k]->pairs[i].challenger == a)
                    assert_true(cd->crisis_eu[k * cd->n_crisis_actors + crisis_rows] ==
                                d->crisis[k]->pairs[i].eu_challenge);
        crisis_rows++;
    }
    assert_int_equal(cd->n_crisis_actors, crisis_rows);
    fc_forecast_set set = {.scenario = c->sc, .problem = &d->problem};
    fc_chart_request r = {.kind = FC_CHART_DILEMMA, .set = &set, .dilemma = cd, .options = {.png_scale = 1}};
    render_all_formats(&r, "real dilemma");
    check_labels(&r, "real dilemma");
    free(cd);
    fc_dilemma_free(d);
}

#if defined(__has_include)
#if __has_include("fulcrum/sweep.h")
#include "fulcrum/sweep.h"
#define TEST_HAVE_SWEEP 1
#endif
#endif

/* A real sweep of the built-in case, through fc_chart_sweep_from: the chart gets every run's
 * forecast, the sweep's own interval, median and tornado, and renders in every format. */
static void test_real_sweep(void **state)
{
    (void)state;
#ifdef TEST_HAVE_SWEEP
    chart_case *c = &cases[0];
    fc_sweep_options o;
    fc_sweep_options_init(&o);
    fc_default_uncertainty jitter = c->sc->default_uncertainty;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_sweep_parse_jitter("position=10,salience=10,capability=20%", &jitter, &err), FC_OK);
    o.model = &fc_model_compromise;
    o.runs = 300;
    o.threads = 1;
    o.jitter = &jitter;
    o.sensitivity = 1;
    fc_sweep_result *res = NULL;
    if (fc_sweep_run(c->sc, &o, &res, &err))
        fail_msg("%s", err.message);
    fc_chart_sweep *cs = NULL;
    assert_int_equal(fc_chart_sweep_from(res, 0, &cs, &err), FC_OK);
    assert_int_equal(cs->n_samples, res->runs);
    for (size_t k = 0; k < res->runs; k++)
        assert_true(cs->samples[k] == res->run_outcome[k * res->n_dims] ||
                    (isnan(cs->samples[k]) && isnan(res->run_outcome[k * res->n_dims])));
    assert_true(cs->interval_low == res->outcome[0].p5);
    assert_true(cs->interval_high == res->outcome[0].p95);
    assert_true(cs->center == res->outcome[0].p50);
    assert_int_equal(cs->n_params, res->n_inputs);
    for (size_t j = 0; j < cs->n_params; j++) {
        assert_true(cs->low[j] == res->inputs[j].out_low[0]);
        assert_true(cs->high[j] == res->inputs[j].out_high[0]);
    }
    fc_chart_request r = {.kind = FC_CHART_SWEEP, .set = &c->set, .sweep = cs, .options = {.png_scale = 1}};
    render_all_formats(&r, "real sweep");
    check_labels(&r, "real sweep");
    free(cs);
    fc_sweep_result_free(res);
#else
    /* Without the sweep module the bridge says so. */
    fc_chart_sweep *cs = (fc_chart_sweep *)&cs;
    fc_error err;
    assert_int_equal(fc_chart_sweep_from(NULL, 0, &cs, &err), FC_EUSAGE);
    assert_null(cs);
    assert_non_null(strstr(err.message, "sweep"));
#endif
}

static void test_bad_requests(void **state)
{
    (void)state;
    chart_case *c = &cases[0];
    fc_chart_image img;
    fc_error err;
    fc_chart_request r = {.kind = FC_CHART_TRAJECTORY, .set = &c->set, .forecast = 99};
    assert_int_equal(fc_chart_render(&r, FC_CHART_SVG, &img, &err), FC_EUSAGE);
    assert_non_null(strstr(err.message, "forecast"));
    r = (fc_chart_request){.kind = FC_CHART_DILEMMA};
    assert_int_equal(fc_chart_render(&r, FC_CHART_SVG, &img, &err), FC_EUSAGE);
    assert_non_null(strstr(err.message, "choice"));
    r = (fc_chart_request){.kind = FC_CHART_ISSUE, .set = &c->set, .options = {.width = 50}};
    assert_int_equal(fc_chart_render(&r, FC_CHART_SVG, &img, &err), FC_EUSAGE);
    r = (fc_chart_request){.kind = FC_CHART_ISSUE, .set = &c->set};
    assert_int_equal(fc_chart_write(&r, "/tmp/chart.gif", &err), FC_EUSAGE);
    assert_non_null(strstr(err.message, ".svg"));
    assert_int_equal(fc_chart_write(&r, "/nonexistent-dir/chart.svg", &err), FC_EIO);
    assert_int_equal(fc_chart_kind_parse("sweep"), FC_CHART_SWEEP);
    assert_int_equal(fc_chart_kind_parse("pie"), -1);
    assert_int_equal(fc_chart_format_from_path("a/b.PDF"), FC_CHART_PDF);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_issue),         cmocka_unit_test(test_trajectory),
        cmocka_unit_test(test_bargains),      cmocka_unit_test(test_dilemma),
        cmocka_unit_test(test_sweep),         cmocka_unit_test(test_sizes),
        cmocka_unit_test(test_narrow_far_scale),
        cmocka_unit_test(test_actor_colours), cmocka_unit_test(test_actor_label),
        cmocka_unit_test(test_svg_text),
        cmocka_unit_test(test_placers_random), cmocka_unit_test(test_bad_requests),
        cmocka_unit_test(test_real_dilemma),  cmocka_unit_test(test_real_sweep),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
