/* Reports of the dilemma on every issue: with one issue, that dilemma's own reports; with
 * several, the totals over the issues first (the decider's utilities added up, the backlash
 * counted once), then each issue's report (docs/dilemma.md, "Every issue"). */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/dilemma.h"
#include "fulcrum/util.h"
#include "util/json_text.h"
#include "util/strutil.h"
#include "report/dilemma_parts.h"

/* A number at a fixed precision; never "-0.0000". */
static void num4(char *out, size_t size, const char *format, double v)
{
    snprintf(out, size, format, v);
    if (out[0] == '-' && strspn(out + 1, "0.") == strlen(out + 1))
        memmove(out, out + 1, strlen(out));
}

/* The either/or over every issue, first, as the one-issue report puts its own first. */
static void either_totals_text(fc_buf *b, const fc_dilemma_issues *d)
{
    const fc_dilemma_either *e = &d->either;
    if (e->runs == 0)
        return;
    const fc_dilemma *first = d->issues[0];
    char(*titles)[96] = malloc(d->n_totals * sizeof *titles);
    const char **title_p = malloc(d->n_totals * sizeof *title_p), **firsts = malloc(d->n_totals * sizeof *firsts);
    char scope[64];
    snprintf(scope, sizeof scope, " summed over the %zu issues", d->n_issues);
    if (titles && title_p && firsts) {
        for (size_t t = 0; t < d->n_totals; t++) {
            const fc_dilemma_total *tt = &d->totals[t];
            snprintf(titles[t], sizeof titles[t], "%s%s%s%s", tt->name, tt->preset[0] ? " (" : "", tt->preset,
                     tt->preset[0] ? ")" : "");
            title_p[t] = titles[t];
            firsts[t] = tt->margin > 0 ? first->choices[tt->best].label : "a tie";
        }
        dilemma_either_text(b, e, first->choices[e->a].label, first->choices[e->b].label,
                            first->problem.actor_ids[first->decider], scope, d->n_totals, title_p, firsts);
    }
    free(titles);
    free(title_p);
    free(firsts);
}

static void totals_text(fc_buf *b, const fc_dilemma_issues *d)
{
    const fc_dilemma *first = d->issues[0];
    const char *dec = first->problem.actor_ids[first->decider];
    char n1[32], n2[32], n3[32];
    fc_buf_printf(b,
                  "Every issue, in total: %s's utility of the outcome on each of the %zu issues (each\n"
                  "weighted by its salience there) added up, less the backlash cost once (the crisis\n"
                  "models see every issue at once): v = sum of u - w * cost, w = %g.\n",
                  dec, d->n_issues, first->backlash_weight);
    for (size_t t = 0; t < d->n_totals; t++) {
        const fc_dilemma_total *tt = &d->totals[t];
        fc_buf_printf(b, "\nModel: %s%s%s%s\n  %-30s", tt->name, tt->preset[0] ? " (" : "", tt->preset,
                      tt->preset[0] ? ")" : "", "");
        for (size_t c = 0; c < d->n_choices; c++)
            fc_buf_printf(b, " %20.20s", first->choices[c].label);
        fc_buf_puts(b, "\n");
        for (size_t k = 0; k < d->n_issues; k++) {
            const fc_dilemma *e = d->issues[k];
            fc_buf_printf(b, "  utility on %-19.19s", e->problem.dim_ids[0]);
            for (size_t c = 0; c < d->n_choices; c++) {
                const fc_dilemma_cell *cell = fc_dilemma_cell_at(e, tt->model_index[k], c);
                num4(n1, sizeof n1, "%.4f", cell->utility[e->decider]);
                fc_buf_printf(b, " %19s%s", n1, cell->stable ? " " : "~");
            }
            fc_buf_puts(b, "\n");
        }
        fc_buf_printf(b, "  %-30s", "utility, every issue");
        for (size_t c = 0; c < d->n_choices; c++) {
            num4(n1, sizeof n1, "%.4f", tt->utility[c]);
            fc_buf_printf(b, " %19s%s", n1, tt->stable[c] ? " " : "~");
        }
        fc_buf_printf(b, "\n  %-30s", "backlash cost (crises)");
        for (size_t c = 0; c < d->n_choices; c++) {
            num4(n1, sizeof n1, "%.4f", tt->backlash_cost[c]);
            fc_buf_printf(b, " %19s ", n1);
        }
        fc_buf_printf(b, "\n  %-30s", "decision value");
        for (size_t c = 0; c < d->n_choices; c++) {
            num4(n1, sizeof n1, "%.4f", tt->value[c]);
            fc_buf_printf(b, " %19s%s", n1, tt->stable[c] ? " " : "~");
        }
        fc_buf_puts(b, "\n");
        if (tt->margin == 0)
            fc_buf_printf(b, "  best for %s on every issue: a tie\n", dec);
        else {
            num4(n1, sizeof n1, "%.4f", tt->margin);
            num4(n2, sizeof n2, "%+.4f", tt->margin_outcome);
            num4(n3, sizeof n3, "%+.4f", tt->margin_backlash);
            fc_buf_printf(b, "  best for %s on every issue: %s, by %s over %s (outcome %s, backlash %s)\n", dec,
                          first->choices[tt->best].label, n1, first->choices[tt->runner_up].label, n2, n3);
        }
        int unstable = 0;
        for (size_t c = 0; c < d->n_choices; c++)
            unstable |= !tt->stable[c];
        if (unstable)
            fc_buf_puts(b, "  ~: no stable outcome on some issue (see its table): the total is not firm\n");
    }
}

fc_status fc_dilemma_issues_report_text(const fc_dilemma_issues *d, const fc_scenario *sc, char **out, fc_error *err)
{
    if (d->n_issues == 1)
        return fc_dilemma_report_text(d->issues[0], sc, out, err);
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_printf(&b, "%s", sc->title ? sc->title : "(untitled scenario)");
    if (sc->date)
        fc_buf_printf(&b, " (%s)", sc->date);
    fc_buf_printf(&b, "\n\nThe dilemma on each of %zu issues:", d->n_issues);
    for (size_t k = 0; k < d->n_issues; k++)
        fc_buf_printf(&b, " %s", d->issues[k]->problem.dim_ids[0]);
    fc_buf_puts(&b, ".\n\n");
    either_totals_text(&b, d);
    totals_text(&b, d);
    fc_status st = FC_OK;
    for (size_t k = 0; k < d->n_issues && !st; k++) {
        char *one = NULL;
        st = fc_dilemma_report_text(d->issues[k], sc, &one, err);
        if (!st)
            fc_buf_printf(&b, "\n==== Issue %zu of %zu: %s ====\n\n%s", k + 1, d->n_issues,
                          d->issues[k]->problem.dim_ids[0], one);
        free(one);
    }
    if (st) {
        fc_buf_free(&b);
        return st;
    }
    *out = fc_buf_take(&b);
    return *out ? FC_OK : fc_error_nomem(err);
}

fc_status fc_dilemma_issues_report_json(const fc_dilemma_issues *d, const fc_scenario *sc, char **out, fc_error *err)
{
    if (d->n_issues == 1)
        return fc_dilemma_report_json(d->issues[0], sc, out, err);
    json_t *root = json_object(), *issues = json_array(), *totals = json_array();
    for (size_t k = 0; k < d->n_issues; k++) {
        char *one = NULL;
        fc_status st = fc_dilemma_report_json(d->issues[k], sc, &one, err);
        json_t *tree = st ? NULL : json_loads(one, 0, NULL);
        free(one);
        if (st || !tree) {
            json_decref(root);
            json_decref(issues);
            json_decref(totals);
            return st ? st : fc_error_nomem(err);
        }
        json_array_append_new(issues, tree);
    }
    const fc_dilemma *first = d->issues[0];
    for (size_t t = 0; t < d->n_totals; t++) {
        const fc_dilemma_total *tt = &d->totals[t];
        json_t *choices = json_array();
        for (size_t c = 0; c < d->n_choices; c++)
            json_array_append_new(choices, json_pack("{s:s,s:o,s:o,s:o,s:b}", "choice", first->choices[c].id,
                                                     "utility", fc_json_number(tt->utility[c]), "backlash_cost",
                                                     fc_json_number(tt->backlash_cost[c]), "value",
                                                     fc_json_number(tt->value[c]), "stable", tt->stable[c]));
        json_array_append_new(
            totals, json_pack("{s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "model", tt->name, "preset",
                              tt->preset[0] ? json_string(tt->preset) : json_null(), "best",
                              tt->margin > 0 ? json_string(first->choices[tt->best].id) : json_null(), "runner_up",
                              tt->margin > 0 ? json_string(first->choices[tt->runner_up].id) : json_null(), "margin",
                              fc_json_number(tt->margin), "margin_outcome", fc_json_number(tt->margin_outcome),
                              "margin_backlash", fc_json_number(tt->margin_backlash), "choices", choices));
    }
    json_object_set_new(root, "decider", json_string(first->problem.actor_ids[first->decider]));
    json_t *eo = json_null();
    const fc_dilemma_either *e = &d->either;
    if (e->runs) {
        const char **names = malloc(d->n_totals * sizeof *names), **presets = malloc(d->n_totals * sizeof *presets);
        for (size_t t = 0; names && presets && t < d->n_totals; t++) {
            names[t] = d->totals[t].name;
            presets[t] = d->totals[t].preset;
        }
        eo = names && presets ? dilemma_either_json(e, first->choices[e->a].id, first->choices[e->b].id, d->n_totals,
                                                    names, presets)
                              : NULL;
        free(names);
        free(presets);
        if (!eo) {
            json_decref(root);
            json_decref(issues);
            json_decref(totals);
            return fc_error_nomem(err);
        }
    }
    json_object_set_new(root, "either_or", eo);
    json_object_set_new(root, "totals", totals);
    json_object_set_new(root, "issues", issues);
    return fc_json_to_text(root, out, err);
}

/* One row of the totals: over every issue, so the column "issue" is NA. */
static void total_row(fc_buf *b, const fc_dilemma_total *t, const char *mode, const char *choice,
                      const char *figure, const char *decider, double v)
{
    fc_buf_csv_text(b, t->name);
    fc_buf_puts(b, ",");
    fc_buf_csv_text(b, t->preset[0] ? t->preset : "NA");
    fc_buf_printf(b, ",%s,NA,", mode);
    fc_buf_csv_text(b, choice);
    fc_buf_printf(b, ",%s,", figure);
    fc_buf_csv_text(b, decider);
    fc_buf_puts(b, ",NA,NA,NA,");
    fc_buf_csv_number(b, v);
    fc_buf_puts(b, "\n");
}

fc_status fc_dilemma_issues_report_csv(const fc_dilemma_issues *d, const fc_scenario *sc, char **out, fc_error *err)
{
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, DILEMMA_CSV_HEADER);
    for (size_t k = 0; k < d->n_issues; k++)
        dilemma_csv_rows(&b, d->issues[k], sc);
    const fc_dilemma *first = d->issues[0];
    const char *mode = fc_dilemma_mode_name(first->mode), *dec = first->problem.actor_ids[first->decider];
    for (size_t t = 0; d->n_issues > 1 && t < d->n_totals; t++) {
        const fc_dilemma_total *tt = &d->totals[t];
        for (size_t c = 0; c < d->n_choices; c++) {
            const char *id = first->choices[c].id;
            total_row(&b, tt, mode, id, "total_utility", dec, tt->utility[c]);
            total_row(&b, tt, mode, id, "total_backlash_cost", dec, tt->backlash_cost[c]);
            total_row(&b, tt, mode, id, "total_value", dec, tt->value[c]);
            total_row(&b, tt, mode, id, "total_stable", dec, tt->stable[c]);
            total_row(&b, tt, mode, id, "total_best", dec, tt->margin > 0 && tt->best == c);
            if (tt->margin > 0 && tt->best == c)
                total_row(&b, tt, mode, id, "total_margin", dec, tt->margin);
        }
    }
    *out = fc_buf_take(&b);
    return *out ? FC_OK : fc_error_nomem(err);
}
