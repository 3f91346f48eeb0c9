/* The HTML report: every section is there, every chart is inline SVG with ids that do not
 * collide, nothing is loaded from outside the file (no script, stylesheet, font or image;
 * only the sources' citations link out), for the built-in case with the dilemma and sweep
 * sections and for every EUM input table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "chart_cases.h"

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

static size_t count_of(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

typedef struct walk {
    const char *what;
    char **ids;
    size_t n_ids, cap_ids;
    size_t links_out;
} walk;

static int in_sources(xmlNodePtr n)
{
    for (; n; n = n->parent) {
        if (n->type != XML_ELEMENT_NODE || xmlStrcmp(n->name, BAD_CAST "section") != 0)
            continue;
        xmlChar *id = xmlGetProp(n, BAD_CAST "id");
        int yes = id && xmlStrcmp(id, BAD_CAST "sources") == 0;
        xmlFree(id);
        return yes;
    }
    return 0;
}

static void visit(xmlNodePtr n, walk *w)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) {
            continue;
        }
        const char *name = (const char *)n->name;
        static const char *const banned[] = {"script", "link", "iframe", "object", "embed", "img", "image",
                                             "audio", "video", "source", "frame", "base", NULL};
        for (int b = 0; banned[b]; b++)
            if (strcmp(name, banned[b]) == 0)
                fail_msg("%s: the report has a <%s> element", w->what, name);
        for (xmlAttrPtr a = n->properties; a; a = a->next) {
            xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
            const char *an = (const char *)a->name, *val = v ? (const char *)v : "";
            if (strcmp(an, "src") == 0 || strcmp(an, "srcset") == 0 || strcmp(an, "data") == 0)
                fail_msg("%s: <%s %s=\"%s\"> loads a resource", w->what, name, an, val);
            if (strcmp(an, "href") == 0 && val[0] != '#') {
                if (strcmp(name, "a") != 0 || !in_sources(n) ||
                    (strncmp(val, "https://", 8) != 0 && strncmp(val, "http://", 7) != 0))
                    fail_msg("%s: <%s href=\"%s\"> points outside the file", w->what, name, val);
                w->links_out++;
            }
            if (strcmp(an, "style") == 0 && strstr(val, "url(") && !strstr(val, "url(#"))
                fail_msg("%s: a style loads %s", w->what, val);
            if (strcmp(an, "id") == 0) {
                for (size_t k = 0; k < w->n_ids; k++)
                    if (strcmp(w->ids[k], val) == 0)
                        fail_msg("%s: the id '%s' is used twice", w->what, val);
                if (w->n_ids == w->cap_ids) {
                    w->cap_ids = w->cap_ids ? 2 * w->cap_ids : 256;
                    w->ids = realloc(w->ids, w->cap_ids * sizeof *w->ids);
                    assert_non_null(w->ids);
                }
                w->ids[w->n_ids++] = strdup(val);
            }
            xmlFree(v);
        }
        if (strcmp(name, "style") == 0) {
            xmlChar *css = xmlNodeGetContent(n);
            if (css && (strstr((const char *)css, "@import") || strstr((const char *)css, "url(") ||
                        strstr((const char *)css, "@font-face")))
                fail_msg("%s: the stylesheet loads something", w->what);
            xmlFree(css);
        }
        visit(n->children, w);
    }
}

/* Parses the report and checks that it is self-contained; returns the links out. */
static size_t check_self_contained(const char *html, const char *what)
{
    htmlDocPtr doc = htmlReadMemory(html, (int)strlen(html), "report.html", "UTF-8",
                                    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    if (!doc)
        fail_msg("%s: the report does not parse", what);
    walk w = {.what = what};
    visit(xmlDocGetRootElement(doc), &w);
    for (size_t k = 0; k < w.n_ids; k++)
        free(w.ids[k]);
    free(w.ids);
    xmlFreeDoc(doc);
    /* and, as plain text, no reference to anything but the page itself and the sources */
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<link"));
    assert_null(strstr(html, "@import"));
    return w.links_out;
}

static size_t round_based(const chart_case *c)
{
    size_t n = 0;
    for (size_t m = 0; m < c->nf; m++)
        n += c->f[m]->n_rounds > 1 || c->f[m]->n_events > 0;
    return n;
}

static void test_builtin_report(void **state)
{
    (void)state;
    chart_case *c = &cases[0];
    dilemma_data *dd = calloc(1, sizeof *dd);
    sweep_data *sd = calloc(1, sizeof *sd);
    assert_non_null(dd);
    assert_non_null(sd);
    make_dilemma(&c->p, dd);
    make_sweep(&c->p, sd);
    fc_html_options o = {.dilemma = &dd->d, .dilemma_text = "Choices compared.", .sweep = &sd->s,
                         .sweep_text = "Four hundred runs."};
    char *html = NULL;
    fc_error err;
    fc_error_clear(&err);
    if (fc_report_html(&c->set, &o, &html, &err))
        fail_msg("%s", err.message);
    static const char *const sections[] = {"issue", "forecasts", "trajectories", "bargains", "dilemma",
                                           "sweep", "scenario", "sources"};
    for (size_t k = 0; k < sizeof sections / sizeof sections[0]; k++) {
        char tag[64];
        snprintf(tag, sizeof tag, "<section id=\"%s\"", sections[k]);
        if (count_of(html, tag) != 1)
            fail_msg("section %s appears %zu times", sections[k], count_of(html, tag));
    }
    assert_non_null(strstr(html, "id=\"explanations\""));
    /* The bottom line first (issue 17): the dilemma, then the sweep, before the issue line and
     * long before the first trajectory chart. */
    const char *at_dilemma = strstr(html, "<section id=\"dilemma\""), *at_sweep = strstr(html, "<section id=\"sweep\""),
               *at_issue = strstr(html, "<section id=\"issue\""),
               *at_trajectory = strstr(html, "<section id=\"trajectories\"");
    assert_true(at_dilemma < at_sweep && at_sweep < at_issue && at_issue < at_trajectory);
    assert_true(strstr(html, "href=\"#dilemma\"") < strstr(html, "href=\"#issue\""));
    /* one issue chart, trajectory and bargain charts (one each per round-based forecast, or
     * one for the first when none is), dilemma, sweep */
    size_t rb = round_based(c);
    size_t expect_figures = 1 + 2 * (rb ? rb : 1) + 2;
    assert_int_equal(count_of(html, "<figure>"), expect_figures);
    /* each drawn twice: wide (screen, print) and narrow (phone), one shown by the styles */
    assert_int_equal(count_of(html, "<svg"), 2 * expect_figures);
    assert_int_equal(count_of(html, "<div class=\"chart-wide\">"), expect_figures);
    assert_int_equal(count_of(html, "<div class=\"chart-narrow\">"), expect_figures);
    /* every model's forecast has its row; every explanation is shown */
    size_t nexp = 0;
    for (size_t m = 0; m < c->nf; m++) {
        char row[128];
        snprintf(row, sizeof row, "<tr><td>%s", c->f[m]->model);
        assert_non_null(strstr(html, row));
        nexp += c->f[m]->explanation != NULL;
    }
    assert_int_equal(count_of(html, "<div class=\"explain\">"), nexp);
    /* every actor and every source is named; the issue's anchors are listed */
    for (size_t i = 0; i < c->p.n_actors; i++)
        if (!strchr(c->p.actor_names[i], '&') && !strchr(c->p.actor_names[i], '\''))
            assert_non_null(strstr(html, c->p.actor_names[i]));
    for (size_t s = 0; s < c->sc->n_sources; s++) {
        char li[160];
        snprintf(li, sizeof li, "<li id=\"src-%s\">", c->sc->sources[s].id);
        assert_non_null(strstr(html, li));
    }
    assert_non_null(strstr(html, "full Western embrace"));
    /* readable on a phone and in print */
    assert_non_null(strstr(html, "name=\"viewport\""));
    assert_non_null(strstr(html, "@media (max-width"));
    assert_non_null(strstr(html, "@media print"));
    size_t links = check_self_contained(html, "built-in report");
    size_t with_url = 0;
    for (size_t s = 0; s < c->sc->n_sources; s++)
        with_url += c->sc->sources[s].url != NULL;
    assert_int_equal(links, with_url);
    free(html);
    free(dd);
    free(sd);
}

static void test_every_case(void **state)
{
    (void)state;
    for (int k = 0; k < n_cases; k++) {
        char *html = NULL;
        fc_error err;
        fc_error_clear(&err);
        if (fc_report_html(&cases[k].set, NULL, &html, &err))
            fail_msg("%s: %s", cases[k].name, err.message);
        assert_null(strstr(html, "<section id=\"dilemma\""));
        assert_null(strstr(html, "<section id=\"sweep\""));
        assert_non_null(strstr(html, "<section id=\"trajectories\""));
        assert_non_null(strstr(html, "<section id=\"bargains\""));
        check_self_contained(html, cases[k].name);
        free(html);
    }
}

/* Text from the scenario is escaped: a title with markup stays text. */
static void test_escaping(void **state)
{
    (void)state;
    fc_scenario *sc = fc_scenario_copy(cases[0].sc);
    assert_non_null(sc);
    free(sc->title);
    sc->title = strdup("<script>alert(1)</script> & \"x\"");
    fc_forecast_set set = cases[0].set;
    set.scenario = sc;
    char *html = NULL;
    fc_error err;
    assert_int_equal(fc_report_html(&set, NULL, &html, &err), FC_OK);
    assert_null(strstr(html, "<script"));
    assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
    free(html);
    fc_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_builtin_report),
        cmocka_unit_test(test_every_case),
        cmocka_unit_test(test_escaping),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
