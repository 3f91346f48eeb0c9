/* The self-contained HTML report: every chart is rendered to SVG by cairo and inlined (its
 * ids prefixed so that several charts can share one page), the styles are inline, and
 * nothing is loaded from elsewhere; only the sources' citations link out. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/dilemma.h"
#include "fulcrum/html.h"
#include "fulcrum/util.h"
#include "util/strutil.h"

static void esc(fc_buf *b, const char *s)
{
    if (!s)
        return;
    for (; *s; s++) {
        switch (*s) {
        case '&': fc_buf_puts(b, "&amp;"); break;
        case '<': fc_buf_puts(b, "&lt;"); break;
        case '>': fc_buf_puts(b, "&gt;"); break;
        case '"': fc_buf_puts(b, "&quot;"); break;
        case '\'': fc_buf_puts(b, "&#39;"); break;
        default: fc_buf_append(b, s, 1);
        }
    }
}

static void num(fc_buf *b, double v)
{
    if (isnan(v))
        fc_buf_puts(b, "n/a");
    else
        fc_buf_printf(b, "%.4g", v == 0 ? 0.0 : v); /* no "-0" */
}

static const char *const css =
    ":root{--ink:#222;--muted:#555;--rule:#ddd;--band:#f6f6f6;--link:#0060a0}"
    "*{box-sizing:border-box}"
    "html{-webkit-text-size-adjust:100%}"
    "body{margin:0 auto;max-width:60rem;padding:1rem;font:16px/1.5 'DejaVu Sans',system-ui,-apple-system,"
    "'Segoe UI',Roboto,sans-serif;color:var(--ink);background:#fff}"
    "h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0}"
    "h2{font-size:1.25rem;margin:2rem 0 .5rem;padding-top:.5rem;border-top:2px solid var(--rule)}"
    "h3{font-size:1.05rem;margin:1.2rem 0 .4rem}"
    "p,li{max-width:42rem}"
    ".meta{color:var(--muted)}"
    "nav ul{display:flex;flex-wrap:wrap;gap:.3rem 1rem;padding:0;list-style:none}"
    "a{color:var(--link)}"
    "figure{margin:1rem 0}"
    "figure svg{display:block;width:100%;height:auto;max-width:100%}"
    "figcaption{color:var(--muted);font-size:.9rem}"
    ".scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}"
    "table{border-collapse:collapse;font-size:.92rem;min-width:100%}"
    "th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--rule)}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
    "tbody tr:nth-child(odd){background:var(--band)}"
    ".sw{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.35em;vertical-align:baseline}"
    ".note{font-size:.85rem;color:var(--muted)}"
    ".explain{border-left:4px solid var(--rule);padding:.2rem 0 .2rem .8rem}"
    ".bottom{font-size:1.05rem}"
    ".chart-narrow{display:none}"
    "@media (max-width:40rem){body{padding:.6rem;font-size:15px}h1{font-size:1.3rem}"
    ".chart-wide{display:none}.chart-narrow{display:block}"
    "th,td{padding:.3rem}.hide-narrow{display:none}td.n,th.n{white-space:normal}"
    /* Wide tables become one card per row on a phone (no column cut off, no row of blank
     * height): each cell on its own line after its column's name. */
    "table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}"
    "table.stack{min-width:0}table.stack thead{display:none}"
    "table.stack tr{padding:.3rem 0;border-bottom:1px solid var(--rule)}"
    "table.stack td{border:0;padding:.1rem .3rem;text-align:left}"
    "table.stack td[data-label]::before{content:attr(data-label) ': ';font-weight:bold}}"
    "@media print{body{max-width:none;padding:0;font-size:10.5pt}nav{display:none}"
    ".chart-wide{display:block}.chart-narrow{display:none}"
    "h2{break-after:avoid;border-top:none}figure,table,tr{break-inside:avoid}"
    ".scroll{overflow:visible}a{color:inherit;text-decoration:none}"
    ".src a[href]::after{content:' (' attr(href) ')';font-size:.85em;word-break:break-all}"
    "@page{margin:15mm}}";

/* Inlines an SVG document: drops the XML declaration and gives every id the prefix so that
 * two charts' glyph and clip definitions cannot resolve to one another's. */
static void inline_svg(fc_buf *b, const char *svg, const char *prefix, const char *label)
{
    const char *s = strstr(svg, "<svg");
    if (!s)
        return;
    const char *p = s;
    int first = 1;
    while (*p) {
        if (first && strncmp(p, "<svg", 4) == 0) {
            fc_buf_puts(b, "<svg role=\"img\" aria-label=\"");
            esc(b, label);
            fc_buf_puts(b, "\"");
            p += 4;
            first = 0;
            continue;
        }
        if (strncmp(p, "id=\"", 4) == 0) {
            fc_buf_printf(b, "id=\"%s-", prefix);
            p += 4;
        } else if (strncmp(p, "href=\"#", 7) == 0) {
            fc_buf_printf(b, "href=\"#%s-", prefix);
            p += 7;
        } else if (strncmp(p, "url(#", 5) == 0) {
            fc_buf_printf(b, "url(#%s-", prefix);
            p += 5;
        } else {
            const char *q = p + 1;
            while (*q && *q != 'i' && *q != 'h' && *q != 'u' && *q != '<')
                q++;
            fc_buf_append(b, p, (size_t)(q - p));
            p = q;
        }
    }
    fc_buf_puts(b, "\n");
}

/* A chart twice: at the asked width for screens and print, and narrow for phones, where the
 * wide one would shrink its text below legibility; CSS shows one of them. The narrow one is
 * drawn about as wide as a 390 px phone's column (356 px), so a unit is about a pixel, with a
 * font large enough that its smallest text (0.75 of it) is still 11 px there. */
#define NARROW_WIDTH 360
#define NARROW_FONT 15.5

static fc_status figure(fc_buf *b, const fc_chart_request *r, int *counter, const char *label,
                        const char *caption, fc_error *err)
{
    fc_buf_puts(b, "<figure>\n");
    for (int narrow = 0; narrow < 2; narrow++) {
        fc_chart_request rr = *r;
        if (narrow) {
            rr.options.width = NARROW_WIDTH;
            if (rr.options.font_size < NARROW_FONT)
                rr.options.font_size = NARROW_FONT;
        }
        fc_chart_image img;
        fc_status st = fc_chart_render(&rr, FC_CHART_SVG, &img, err);
        if (st)
            return st;
        char prefix[16];
        snprintf(prefix, sizeof prefix, "c%d", ++*counter);
        fc_buf_puts(b, narrow ? "<div class=\"chart-narrow\">" : "<div class=\"chart-wide\">");
        inline_svg(b, (const char *)img.data, prefix, label);
        fc_buf_puts(b, "</div>\n");
        fc_chart_image_free(&img);
    }
    if (caption) {
        fc_buf_puts(b, "<figcaption>");
        esc(b, caption);
        fc_buf_puts(b, "</figcaption>\n");
    }
    fc_buf_puts(b, "</figure>\n");
    return FC_OK;
}

static void model_name(fc_buf *b, const fc_forecast *f)
{
    esc(b, f->model);
    if (f->preset[0]) {
        fc_buf_puts(b, " (");
        esc(b, f->preset);
        fc_buf_puts(b, ")");
    }
}

static void swatch(fc_buf *b, size_t i)
{
    fc_buf_printf(b, "<span class=\"sw\" style=\"background:#%06X\"></span>", fc_chart_actor_color(i));
}

static const fc_actor *scenario_actor(const fc_scenario *sc, const char *id)
{
    long ix = fc_scenario_actor_index(sc, id);
    return ix >= 0 ? &sc->actors[ix] : NULL;
}

static void scenario_section(fc_buf *b, const fc_forecast_set *set)
{
    const fc_scenario *sc = set->scenario;
    const fc_problem *p = set->problem;
    fc_buf_puts(b, "<section id=\"scenario\">\n<h2>The scenario</h2>\n");
    fc_buf_printf(b, "<p>%zu actors. Capability is influence over this issue; salience is how much the issue "
                     "matters to the actor (0&ndash;1); weight = capability &times; salience.</p>\n",
                  p->n_actors);
    fc_buf_puts(b, "<div class=\"scroll\"><table class=\"stack\">\n<thead><tr><th>Actor</th><th class=\"hide-narrow\">Kind</th>"
                   "<th class=\"n\">Capability</th>");
    for (size_t d = 0; d < p->n_dims; d++) {
        fc_buf_puts(b, "<th class=\"n\">Position");
        if (p->n_dims > 1) {
            fc_buf_puts(b, " (");
            esc(b, p->dim_ids[d]);
            fc_buf_puts(b, ")");
        }
        fc_buf_puts(b, "</th><th class=\"n\">Salience</th>");
    }
    fc_buf_puts(b, "<th class=\"n\">Weight</th><th>Why</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < p->n_actors; i++) {
        const fc_actor *a = scenario_actor(sc, p->actor_ids[i]);
        fc_buf_puts(b, "<tr><td>");
        swatch(b, i);
        esc(b, p->actor_names[i]);
        fc_buf_puts(b, "</td><td class=\"hide-narrow\">");
        esc(b, a ? fc_actor_kind_name(a->kind) : "");
        fc_buf_puts(b, "</td><td class=\"n\" data-label=\"Capability\">");
        num(b, p->capability[i]);
        fc_buf_puts(b, "</td>");
        double w = 0;
        for (size_t d = 0; d < p->n_dims; d++) {
            fc_buf_puts(b, "<td class=\"n\" data-label=\"Position");
            if (p->n_dims > 1) {
                fc_buf_puts(b, " (");
                esc(b, p->dim_ids[d]);
                fc_buf_puts(b, ")");
            }
            fc_buf_puts(b, "\">");
            num(b, p->position[i * p->n_dims + d]);
            fc_buf_puts(b, "</td><td class=\"n\" data-label=\"Salience\">");
            num(b, p->salience[i * p->n_dims + d]);
            fc_buf_puts(b, "</td>");
            w += p->capability[i] * p->salience[i * p->n_dims + d];
        }
        fc_buf_puts(b, "<td class=\"n\" data-label=\"Weight\">");
        num(b, w);
        fc_buf_puts(b, "</td><td>");
        if (a) {
            esc(b, a->note);
            if (a->capability.source) {
                fc_buf_puts(b, a->note ? " <span class=\"note\">Capability: " : "<span class=\"note\">Capability: ");
                esc(b, a->capability.source);
                fc_buf_puts(b, "</span>");
            }
        }
        fc_buf_puts(b, "</td></tr>\n");
    }
    fc_buf_puts(b, "</tbody></table></div>\n");

    if (sc->n_relations) {
        fc_buf_puts(b, "<h3>Relations</h3>\n<ul>\n");
        for (size_t k = 0; k < sc->n_relations; k++) {
            const fc_relation *r = &sc->relations[k];
            const fc_actor *a = scenario_actor(sc, r->a), *c = scenario_actor(sc, r->b);
            fc_buf_puts(b, "<li>");
            esc(b, a && a->name ? a->name : r->a);
            fc_buf_puts(b, " &ndash; ");
            esc(b, c && c->name ? c->name : r->b);
            fc_buf_puts(b, ": ");
            esc(b, r->kind);
            if (r->source) {
                fc_buf_puts(b, " <span class=\"note\">(");
                esc(b, r->source);
                fc_buf_puts(b, ")</span>");
            }
            fc_buf_puts(b, "</li>\n");
        }
        fc_buf_puts(b, "</ul>\n");
    }
    if (sc->n_choices) {
        const fc_actor *dec = sc->decider ? scenario_actor(sc, sc->decider) : NULL;
        fc_buf_puts(b, "<h3>The choices of ");
        esc(b, dec && dec->name ? dec->name : sc->decider);
        fc_buf_puts(b, "</h3>\n<ul>\n");
        for (size_t k = 0; k < sc->n_choices; k++) {
            const fc_choice *ch = &sc->choices[k];
            fc_buf_puts(b, "<li><strong>");
            esc(b, ch->label ? ch->label : ch->id);
            fc_buf_puts(b, "</strong>");
            for (size_t j = 0; j < ch->n_positions; j++) {
                fc_buf_puts(b, j ? ", " : " (");
                esc(b, ch->positions[j].issue);
                fc_buf_puts(b, " at ");
                num(b, ch->positions[j].position);
                if (j + 1 == ch->n_positions)
                    fc_buf_puts(b, ")");
            }
            if (ch->description) {
                fc_buf_puts(b, ": ");
                esc(b, ch->description);
            }
            fc_buf_puts(b, "</li>\n");
        }
        fc_buf_puts(b, "</ul>\n");
    }
    fc_buf_puts(b, "</section>\n");
}

static void sources_section(fc_buf *b, const fc_scenario *sc)
{
    fc_buf_puts(b, "<section id=\"sources\" class=\"src\">\n<h2>Sources</h2>\n");
    if (!sc->n_sources)
        fc_buf_puts(b, "<p>The scenario names no sources.</p>\n");
    else
        fc_buf_puts(b, "<ol>\n");
    for (size_t i = 0; i < sc->n_sources; i++) {
        const fc_source *s = &sc->sources[i];
        fc_buf_puts(b, "<li id=\"src-");
        esc(b, s->id ? s->id : "");
        fc_buf_puts(b, "\"><strong>");
        esc(b, s->id ? s->id : "");
        fc_buf_puts(b, "</strong>: ");
        esc(b, s->citation);
        if (s->url && (strncmp(s->url, "https://", 8) == 0 || strncmp(s->url, "http://", 7) == 0)) {
            fc_buf_puts(b, " <a href=\"");
            esc(b, s->url);
            fc_buf_puts(b, "\" rel=\"noopener\">");
            esc(b, s->url);
            fc_buf_puts(b, "</a>");
        } else if (s->url) {
            fc_buf_puts(b, " ");
            esc(b, s->url);
        }
        fc_buf_puts(b, "</li>\n");
    }
    if (sc->n_sources)
        fc_buf_puts(b, "</ol>\n");
    fc_buf_puts(b, "</section>\n");
}

/* The dilemma's figures as a table, and the choice that serves the decider best. */
static void dilemma_table(fc_buf *b, const fc_chart_dilemma *dm)
{
    if (dm->title) {
        fc_buf_puts(b, "<h3>");
        esc(b, dm->title);
        fc_buf_puts(b, "</h3>\n");
    }
    size_t best = 0;
    for (size_t k = 1; k < dm->n_choices; k++)
        if (dm->utility && dm->utility[k] > dm->utility[best])
            best = k;
    fc_buf_puts(b, "<div class=\"scroll\"><table class=\"stack\">\n<thead><tr><th>Choice</th><th class=\"n\">Decider at</th>"
                   "<th class=\"n\">Outcome</th><th class=\"n\">Instability</th><th class=\"n\">Utility to ");
    esc(b, dm->decider ? dm->decider : "the decider");
    fc_buf_puts(b, "</th></tr></thead>\n<tbody>\n");
    for (size_t k = 0; k < dm->n_choices; k++) {
        fc_buf_puts(b, "<tr><td>");
        if (dm->utility && k == best && dm->n_choices > 1)
            fc_buf_puts(b, "<strong>");
        esc(b, dm->choices[k]);
        if (dm->utility && k == best && dm->n_choices > 1)
            fc_buf_puts(b, "</strong> (best for the decider)");
        fc_buf_puts(b, "</td><td class=\"n\" data-label=\"Decider at\">");
        num(b, dm->choice_position ? dm->choice_position[k] : NAN);
        fc_buf_puts(b, "</td><td class=\"n\" data-label=\"Outcome\">");
        num(b, dm->outcome[k]);
        fc_buf_puts(b, "</td><td class=\"n\" data-label=\"Instability\">");
        num(b, dm->instability ? dm->instability[k] : NAN);
        fc_buf_puts(b, "</td><td class=\"n\" data-label=\"Utility to the decider\">");
        num(b, dm->utility ? dm->utility[k] : NAN);
        fc_buf_puts(b, "</td></tr>\n");
    }
    fc_buf_puts(b, "</tbody></table></div>\n");
}

/* The bottom line of every model run's dilemma: which choice serves the decider best under how
 * many of them, then a table of decision values (model run x choice), the best of each row
 * marked, as the dilemma's text report ranks them. */
static void dilemma_models_table(fc_buf *b, const fc_dilemma_issues *di)
{
    if (!di->n_totals || !di->n_issues || !di->n_choices)
        return;
    const fc_dilemma *d0 = di->issues[0];
    size_t nc = di->n_choices;
    size_t *wins = calloc(nc, sizeof *wins);
    if (!wins)
        return;
    for (size_t m = 0; m < di->n_totals; m++)
        if (di->totals[m].margin > 0)
            wins[di->totals[m].best]++;
    size_t top = 0;
    for (size_t c = 1; c < nc; c++)
        if (wins[c] > wins[top])
            top = c;
    const char *decider = d0->problem.actor_names[d0->decider];
    fc_buf_puts(b, "<p class=\"bottom\"><strong>Bottom line:</strong> ");
    if (wins[top] == 0)
        fc_buf_puts(b, "no choice stands out: every model run finds the choices tied.");
    else {
        esc(b, d0->choices[top].label[0] ? d0->choices[top].label : d0->choices[top].id);
        fc_buf_printf(b, " serves ");
        esc(b, decider);
        fc_buf_printf(b, " best under %zu of %zu model runs", wins[top], di->n_totals);
        size_t shown = 0;
        for (size_t c = 0; c < nc; c++) {
            if (c == top || !wins[c])
                continue;
            fc_buf_puts(b, shown++ ? ", " : "; ");
            esc(b, d0->choices[c].label[0] ? d0->choices[c].label : d0->choices[c].id);
            fc_buf_printf(b, " under %zu", wins[c]);
        }
        size_t ties = di->n_totals;
        for (size_t c = 0; c < nc; c++)
            ties -= wins[c];
        if (ties)
            fc_buf_printf(b, "; %zu tied", ties);
        fc_buf_puts(b, ".");
    }
    fc_buf_printf(b, " By decision value: the decider's utility of the forecast outcome%s less the "
                     "backlash the choice provokes.</p>\n",
                  di->n_issues > 1 ? ", summed over the issues," : "");
    free(wins);
    /* The article's either/or, as `fulcrum dilemma` opens with it: over every issue when there
     * are several, else on the one. */
    const fc_dilemma_either *e = di->n_issues > 1 ? &di->either : &d0->either;
    if (e->runs && e->counted) {
        fc_buf_puts(b, "<p class=\"either\"><strong>The either/or:</strong> ");
        esc(b, d0->choices[e->a].label[0] ? d0->choices[e->a].label : d0->choices[e->a].id);
        fc_buf_puts(b, " beats ");
        esc(b, d0->choices[e->b].label[0] ? d0->choices[e->b].label : d0->choices[e->b].id);
        fc_buf_printf(b, " in %.0f%% of %zu runs over the estimates' uncertainty (90%% interval of the margin "
                         "%+.3f to %+.3f)%s.</p>\n",
                      100 * e->p, e->counted, e->low, e->high, di->n_issues > 1 ? ", summed over the issues" : "");
    }
    fc_buf_puts(b, "<div class=\"scroll\"><table class=\"stack\" id=\"dilemma-models\">\n<thead><tr><th>Model run</th>");
    for (size_t c = 0; c < nc; c++) {
        fc_buf_puts(b, "<th class=\"n\">");
        esc(b, d0->choices[c].label[0] ? d0->choices[c].label : d0->choices[c].id);
        fc_buf_puts(b, "</th>");
    }
    fc_buf_puts(b, "<th>Best</th></tr></thead>\n<tbody>\n");
    for (size_t m = 0; m < di->n_totals; m++) {
        const fc_dilemma_total *t = &di->totals[m];
        fc_buf_puts(b, "<tr><td>");
        esc(b, t->name);
        if (t->preset[0]) {
            fc_buf_puts(b, " (");
            esc(b, t->preset);
            fc_buf_puts(b, ")");
        }
        fc_buf_puts(b, "</td>");
        for (size_t c = 0; c < nc; c++) {
            const fc_dilemma_choice *ch = &d0->choices[c];
            int best = t->margin > 0 && c == t->best;
            fc_buf_puts(b, "<td class=\"n\" data-label=\"");
            esc(b, ch->label[0] ? ch->label : ch->id);
            fc_buf_puts(b, best ? "\"><strong>" : "\">");
            if (isnan(t->value[c]))
                fc_buf_puts(b, "n/a");
            else
                fc_buf_printf(b, "%+.3f", t->value[c] == 0 ? 0.0 : t->value[c]);
            fc_buf_puts(b, best ? "</strong> &#9733;</td>" : "</td>");
        }
        fc_buf_puts(b, "<td data-label=\"Best\">");
        if (t->margin > 0)
            esc(b, d0->choices[t->best].label[0] ? d0->choices[t->best].label : d0->choices[t->best].id);
        else
            fc_buf_puts(b, "a tie");
        fc_buf_puts(b, "</td></tr>\n");
    }
    fc_buf_puts(b, "</tbody></table></div>\n");
}

/* A scenario of several issues (the set's parts): every model's forecast of every issue, one
 * row per model run, one column per issue; smp's run on every issue at once is marked joint. */
static void every_issue_table(fc_buf *b, const fc_forecast_set *set)
{
    size_t np = 1 + set->n_parts;
    const fc_run_part *joint = set->n_parts && set->parts[set->n_parts - 1].problem.n_dims > 1
                                   ? &set->parts[set->n_parts - 1] : NULL;
    size_t n_issue = joint ? np - 1 : np;
    fc_buf_puts(b, "<h3 id=\"every-issue\">Every issue</h3>\n<p>Each model of one issue forecasts each issue alone");
    if (joint)
        fc_buf_printf(b, "; rows marked joint bargain over all %zu issues at once, so their forecast of an issue "
                         "depends on the others", joint->problem.n_dims);
    fc_buf_puts(b, ".</p>\n<div class=\"scroll\"><table class=\"stack\">\n<thead><tr><th>Model</th>");
    for (size_t k = 0; k < n_issue; k++) {
        const fc_problem *pk = k ? &set->parts[k - 1].problem : set->problem;
        fc_buf_puts(b, "<th class=\"n\">");
        esc(b, pk->dim_ids[0]);
        fc_buf_puts(b, "</th>");
    }
    fc_buf_puts(b, "</tr></thead>\n<tbody>\n");
    /* Rows: the models of the first issue, then the joint ones. */
    for (size_t pass = 0; pass < 2; pass++) {
        size_t n = pass == 0 ? set->n_forecasts : joint ? joint->n_forecasts : 0;
        for (size_t m = 0; m < n; m++) {
            const fc_forecast *f = pass == 0 ? set->forecasts[m] : joint->forecasts[m];
            fc_buf_puts(b, "<tr><td>");
            model_name(b, f);
            if (pass)
                fc_buf_puts(b, ", joint");
            fc_buf_puts(b, "</td>");
            for (size_t k = 0; k < n_issue; k++) {
                const fc_problem *pk = k ? &set->parts[k - 1].problem : set->problem;
                double v = NAN;
                if (pass) {
                    for (size_t d = 0; d < joint->problem.n_dims; d++)
                        if (strcmp(joint->problem.dim_ids[d], pk->dim_ids[0]) == 0)
                            v = f->outcome[d];
                } else {
                    size_t nk = k ? set->parts[k - 1].n_forecasts : set->n_forecasts;
                    for (size_t j = 0; j < nk; j++) {
                        const fc_forecast *g = k ? set->parts[k - 1].forecasts[j] : set->forecasts[j];
                        if (strcmp(g->model, f->model) == 0 && strcmp(g->preset, f->preset) == 0)
                            v = g->outcome[0];
                    }
                }
                fc_buf_puts(b, "<td class=\"n\" data-label=\"");
                esc(b, pk->dim_ids[0]);
                fc_buf_puts(b, "\">");
                num(b, v);
                fc_buf_puts(b, "</td>");
            }
            fc_buf_puts(b, "</tr>\n");
        }
    }
    fc_buf_puts(b, "</tbody></table></div>\n");
}

/* The forecast whose rounds the bargains or trajectory show first: the one with most rounds. */
static int round_based(const fc_forecast *f)
{
    return f->n_rounds > 1 || f->n_events > 0;
}

fc_status fc_report_html(const fc_forecast_set *set, const fc_html_options *opts, char **out, fc_error *err)
{
    static const fc_html_options none;
    if (!opts)
        opts = &none;
    if (!set || !set->scenario || !set->problem)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "the report needs a scenario and its problem");
    const fc_scenario *sc = set->scenario;
    const fc_problem *p = set->problem;
    fc_buf b;
    fc_buf_init(&b);
    fc_status st = FC_OK;
    int counter = 0;

    fc_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"Fulcrum ");
    esc(&b, fc_version());
    fc_buf_puts(&b, "\">\n<title>");
    esc(&b, sc->title ? sc->title : "Fulcrum forecast");
    fc_buf_puts(&b, "</title>\n<style>");
    fc_buf_puts(&b, css);
    fc_buf_puts(&b, "</style>\n</head>\n<body>\n<header>\n<h1>");
    esc(&b, sc->title ? sc->title : "Forecast");
    fc_buf_puts(&b, "</h1>\n<p class=\"meta\">");
    if (sc->date) {
        esc(&b, sc->date);
        fc_buf_puts(&b, " &middot; ");
    }
    fc_buf_puts(&b, "forecast by Fulcrum ");
    esc(&b, fc_version());
    if (sc->origin && sc->origin[0]) {
        fc_buf_puts(&b, " from ");
        esc(&b, sc->origin);
    }
    fc_buf_puts(&b, "</p>\n");
    if (sc->description) {
        fc_buf_puts(&b, "<p>");
        esc(&b, sc->description);
        fc_buf_puts(&b, "</p>\n");
    }
    fc_buf_puts(&b, "<nav><ul>");
    if (opts->dilemma)
        fc_buf_puts(&b, "<li><a href=\"#dilemma\">Dilemma</a></li>");
    if (opts->sweep)
        fc_buf_puts(&b, "<li><a href=\"#sweep\">Uncertainty</a></li>");
    fc_buf_puts(&b, "<li><a href=\"#issue\">Issue</a></li><li><a href=\"#forecasts\">Forecasts</a></li>"
                    "<li><a href=\"#trajectories\">Trajectories</a></li><li><a href=\"#bargains\">Bargains</a></li>");
    fc_buf_puts(&b, "<li><a href=\"#scenario\">Scenario</a></li><li><a href=\"#sources\">Sources</a></li></ul></nav>\n"
                    "</header>\n<main>\n");

    /* The bottom line first: the dilemma's answer and how sure the forecast is, then the
     * issue, the forecasts and the charts that explain them. */
    if (!st && opts->dilemma) {
        fc_buf_puts(&b, "<section id=\"dilemma\">\n<h2>The dilemma</h2>\n");
        if (opts->dilemma_models) {
            dilemma_models_table(&b, opts->dilemma_models);
            fc_buf_puts(&b, "<h3>One model run in detail</h3>\n");
        }
        if (opts->dilemma_text) {
            fc_buf_puts(&b, "<p>");
            esc(&b, opts->dilemma_text);
            fc_buf_puts(&b, "</p>\n");
        }
        dilemma_table(&b, opts->dilemma);
        fc_chart_request r = {.kind = FC_CHART_DILEMMA, .set = set, .dilemma = opts->dilemma, .options = opts->chart};
        st = figure(&b, &r, &counter, "The choices side by side", NULL, err);
        fc_buf_puts(&b, "</section>\n");
    }
    if (!st && opts->sweep) {
        fc_buf_puts(&b, "<section id=\"sweep\">\n<h2>How sure is the forecast?</h2>\n");
        if (opts->sweep_text) {
            fc_buf_puts(&b, "<p>");
            esc(&b, opts->sweep_text);
            fc_buf_puts(&b, "</p>\n");
        }
        fc_chart_request r = {.kind = FC_CHART_SWEEP, .set = set, .sweep = opts->sweep, .options = opts->chart};
        st = figure(&b, &r, &counter, "The forecast's distribution and its sensitivity", NULL, err);
        fc_buf_puts(&b, "</section>\n");
    }

    /* The issue line, for each dimension. */
    fc_buf_puts(&b, "<section id=\"issue\">\n<h2>The issue</h2>\n");
    /* Issues of the scenario that this report does not forecast are named, not dropped. */
    if (set->n_parts) {
        fc_buf_printf(&b, "<p class=\"note\">The scenario has %zu issues: every model's forecast of each is in the "
                          "table <a href=\"#every-issue\">Every issue</a>; the charts show ",
                      sc->n_issues);
        esc(&b, p->dim_ids[0]);
        fc_buf_puts(&b, ", the first.</p>\n");
    } else if (sc->n_issues > p->n_dims) {
        fc_buf_printf(&b, "<p class=\"note\">The scenario has %zu issues; this report forecasts ", sc->n_issues);
        for (size_t d = 0; d < p->n_dims; d++) {
            fc_buf_puts(&b, d ? ", " : "");
            esc(&b, p->dim_ids[d]);
        }
        fc_buf_puts(&b, " only. Not forecast here: ");
        size_t shown = 0;
        for (size_t k = 0; k < sc->n_issues; k++) {
            int in = 0;
            for (size_t d = 0; d < p->n_dims; d++)
                in |= strcmp(p->dim_ids[d], sc->issues[k].id) == 0;
            if (in)
                continue;
            fc_buf_puts(&b, shown++ ? ", " : "");
            esc(&b, sc->issues[k].label ? sc->issues[k].label : sc->issues[k].id);
            fc_buf_puts(&b, " (");
            esc(&b, sc->issues[k].id);
            fc_buf_puts(&b, ")");
        }
        fc_buf_puts(&b, ": a report of its own names it as the issue to forecast.</p>\n");
    }
    for (size_t d = 0; d < p->n_dims && !st; d++) {
        long ix = fc_scenario_issue_index(sc, p->dim_ids[d]);
        const fc_issue *is = ix >= 0 ? &sc->issues[ix] : NULL;
        fc_buf_puts(&b, "<h3>");
        esc(&b, is && is->label ? is->label : p->dim_ids[d]);
        fc_buf_printf(&b, "</h3>\n<p>Scale %g to %g", p->scale_min[d], p->scale_max[d]);
        if (!isnan(p->status_quo[d]))
            fc_buf_printf(&b, "; status quo %g", p->status_quo[d]);
        if (is && is->status_quo_source) {
            fc_buf_puts(&b, " (");
            esc(&b, is->status_quo_source);
            fc_buf_puts(&b, ")");
        }
        fc_buf_puts(&b, ".</p>\n");
        if (is && is->n_anchors) {
            fc_buf_puts(&b, "<ul>\n");
            for (size_t k = 0; k < is->n_anchors; k++) {
                fc_buf_printf(&b, "<li><strong>%g</strong>: ", is->anchors[k].point);
                esc(&b, is->anchors[k].text);
                fc_buf_puts(&b, "</li>\n");
            }
            fc_buf_puts(&b, "</ul>\n");
        }
        fc_chart_request r = {.kind = FC_CHART_ISSUE, .set = set, .dim = d, .options = opts->chart};
        st = figure(&b, &r, &counter, "The actors on the issue line with the status quo and the forecasts",
                    "Each disc is an actor at its position; its area is proportional to capability \xC3\x97 "
                    "salience. Triangles mark the models' forecasts, the diamond the status quo.",
                    err);
    }
    fc_buf_puts(&b, "</section>\n");

    /* Every model's forecast and its explanation. */
    if (!st) {
        fc_buf_puts(&b, "<section id=\"forecasts\">\n<h2>The forecasts</h2>\n<div class=\"scroll\"><table>\n"
                        "<thead><tr><th>Model</th>");
        for (size_t d = 0; d < p->n_dims; d++) {
            fc_buf_puts(&b, "<th class=\"n\">Forecast");
            if (p->n_dims > 1) {
                fc_buf_puts(&b, " (");
                esc(&b, p->dim_ids[d]);
                fc_buf_puts(&b, ")");
            }
            fc_buf_puts(&b, "</th>");
        }
        fc_buf_puts(&b, "<th class=\"n\">Rounds</th><th class=\"n hide-narrow\">Challenges</th></tr></thead>\n<tbody>\n");
        for (size_t m = 0; m < set->n_forecasts; m++) {
            const fc_forecast *f = set->forecasts[m];
            fc_buf_puts(&b, "<tr><td>");
            model_name(&b, f);
            fc_buf_puts(&b, "</td>");
            for (size_t d = 0; d < p->n_dims; d++) {
                fc_buf_puts(&b, "<td class=\"n\">");
                num(&b, f->outcome[d]);
                fc_buf_puts(&b, "</td>");
            }
            /* The challenges are in each explanation too: a phone leaves out their column. */
            fc_buf_printf(&b, "<td class=\"n\">%zu%s</td><td class=\"n hide-narrow\">%zu</td></tr>\n", f->n_rounds,
                          f->converged == 1 ? " (converged)" : "", f->n_events);
        }
        fc_buf_puts(&b, "</tbody></table></div>\n");
        if (set->n_parts)
            every_issue_table(&b, set);
        fc_buf_puts(&b, "<h3 id=\"explanations\">What the models say</h3>\n");
        size_t nexp = 0;
        for (size_t m = 0; m < set->n_forecasts; m++) {
            const fc_forecast *f = set->forecasts[m];
            if (!f->explanation)
                continue;
            fc_buf_puts(&b, "<div class=\"explain\"><p><strong>");
            model_name(&b, f);
            fc_buf_puts(&b, ".</strong> ");
            esc(&b, f->explanation);
            fc_buf_puts(&b, "</p></div>\n");
            nexp++;
        }
        if (!nexp)
            fc_buf_puts(&b, "<p>No model gave an explanation.</p>\n");
        fc_buf_puts(&b, "</section>\n");
    }

    /* Trajectories and bargains: every round-based forecast; the first forecast otherwise. */
    size_t n_rb = 0;
    for (size_t m = 0; m < set->n_forecasts; m++)
        n_rb += round_based(set->forecasts[m]);
    const char *const sections[2] = {"trajectories", "bargains"};
    for (int s = 0; s < 2 && !st; s++) {
        fc_buf_printf(&b, "<section id=\"%s\">\n<h2>%s</h2>\n", sections[s],
                      s == 0 ? "Positions by round" : "The bargains");
        if (set->n_forecasts == 0)
            fc_buf_puts(&b, "<p>No forecast was made.</p>\n");
        else if (n_rb == 0)
            fc_buf_puts(&b, "<p class=\"note\">None of these models bargains round by round: each moves in one "
                            "step, and none records challenges. The chart shows the first.</p>\n");
        for (size_t m = 0; m < set->n_forecasts && !st; m++) {
            const fc_forecast *f = set->forecasts[m];
            if (n_rb ? !round_based(f) : m > 0)
                continue;
            for (size_t d = 0; d < p->n_dims && !st; d++) {
                fc_chart_request r = {.kind = s == 0 ? FC_CHART_TRAJECTORY : FC_CHART_BARGAINS, .set = set,
                                      .dim = d, .forecast = m, .round = opts->bargain_round,
                                      .options = opts->chart};
                char label[160];
                snprintf(label, sizeof label, "%s of %s%s%s%s", s == 0 ? "Positions by round" : "Challenges",
                         f->model, f->preset[0] ? " (" : "", f->preset, f->preset[0] ? ")" : "");
                st = figure(&b, &r, &counter, label, NULL, err);
            }
        }
        fc_buf_puts(&b, "</section>\n");
    }

    if (!st) {
        scenario_section(&b, set);
        sources_section(&b, sc);
        fc_buf_puts(&b, "</main>\n<footer><p class=\"note\">Made by Fulcrum ");
        esc(&b, fc_version());
        fc_buf_puts(&b, ". Positions, saliences and capabilities are estimates: see the scenario table for the "
                        "reasons given for each.</p></footer>\n</body>\n</html>\n");
    }
    if (st) {
        fc_buf_free(&b);
        return st;
    }
    *out = fc_buf_take(&b);
    if (!*out)
        return fc_error_nomem(err);
    return FC_OK;
}
