/* Backtest reports: the error table an analyst reads, JSON for programs, a CSV of the table
 * (one row per model, preset and era) and the per-issue CSV (one row per issue and model). */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fulcrum/backtest.h"
#include "fulcrum/deu.h"
#include "fulcrum/util.h"
#include "util/json_text.h"
#include "util/strutil.h"

static fc_status finish(fc_buf *b, char **out, fc_error *err)
{
    *out = fc_buf_take(b);
    if (!*out)
        return fc_error_nomem(err);
    return FC_OK;
}

static void label_of(const fc_backtest_model *m, char *buf, size_t size)
{
    if (m->preset[0])
        snprintf(buf, size, "%s:%s", m->name, m->preset);
    else
        snprintf(buf, size, "%s", m->name);
}

/* A number with `prec` decimals, or "-" when there is none. */
static void cell(fc_buf *b, int width, int prec, double v)
{
    if (isnan(v))
        fc_buf_printf(b, " %*s", width, "-");
    else
        fc_buf_printf(b, " %*.*f", width, prec, v);
}

static void describe_set(fc_buf *b, const fc_deu_set *s)
{
    fc_buf_printf(b, "DEU backtest: %s\n", s->origin);
    fc_buf_printf(b, "%zu rows; %zu issues scored from %zu proposals; skipped %zu without an outcome "
                     "and %zu with fewer than 3 actors having a position and a salience\n",
                  s->n_rows, s->n_issues, s->n_proposals, s->n_skipped_no_outcome,
                  s->n_skipped_few_actors);
    fc_buf_printf(b, "capabilities: %s: %s\n", fc_deu_capabilities_name(s->capabilities),
                  fc_deu_capabilities_note(s->capabilities));
    if (s->n_actors_without_vote)
        fc_buf_printf(b, "left out: %zu actor positions of states without a Council vote at the time\n",
                      s->n_actors_without_vote);
}

fc_status fc_backtest_report_text(const fc_backtest_result *r, char **out, fc_error *err)
{
    fc_buf b;
    fc_buf_init(&b);
    describe_set(&b, r->set);
    fc_buf_printf(&b, "errors in points of the 0-100 scale; diff = MAE minus the %s model's MAE on the "
                      "same issues,\nwith a bootstrap 95%% interval from %zu resamples of proposals "
                      "(seed %llu)\n\n",
                  r->baseline, r->n_boot, (unsigned long long)r->seed);
    if (r->settings[0])
        fc_buf_printf(&b, "model settings: %s\n\n", r->settings);
    int w = 10;
    for (size_t k = 0; k < r->n_models; k++) {
        char label[80];
        label_of(&r->models[k], label, sizeof label);
        if ((int)strlen(label) > w)
            w = (int)strlen(label);
    }
    fc_buf_printf(&b, "%-*s %4s %6s %6s %6s %5s %7s  %s\n", w, "model", "n", "MAE", "RMSE", "MedAE",
                  "<=10", "diff", "95% interval");
    for (size_t k = 0; k < r->n_models; k++) {
        const fc_backtest_model *m = &r->models[k];
        char label[80];
        label_of(m, label, sizeof label);
        fc_buf_printf(&b, "%-*s %4zu", w, label, m->all.n);
        cell(&b, 6, 2, m->all.mae);
        cell(&b, 6, 2, m->all.rmse);
        cell(&b, 6, 2, m->all.median_ae);
        if (isnan(m->all.within10))
            fc_buf_printf(&b, " %5s", "-");
        else
            fc_buf_printf(&b, " %4.0f%%", 100 * m->all.within10);
        if (k == 0 && strcmp(m->name, r->baseline) == 0 && !m->preset[0]) {
            fc_buf_printf(&b, " %7s  (baseline)\n", "");
            continue;
        }
        cell(&b, 7, 2, m->diff_mae);
        if (isnan(m->diff_lo))
            fc_buf_printf(&b, "\n");
        else
            fc_buf_printf(&b, "  [%.2f, %.2f]\n", m->diff_lo, m->diff_hi);
    }
    fc_buf_printf(&b, "\nMAE (n) by proposal year:\n%-*s", w, "model");
    for (int e = 0; e < FC_DEU_N_ERAS; e++)
        fc_buf_printf(&b, " %13s", fc_deu_era_name((fc_deu_era)e));
    fc_buf_printf(&b, "\n");
    for (size_t k = 0; k < r->n_models; k++) {
        const fc_backtest_model *m = &r->models[k];
        char label[80];
        label_of(m, label, sizeof label);
        fc_buf_printf(&b, "%-*s", w, label);
        for (int e = 0; e < FC_DEU_N_ERAS; e++) {
            if (m->era[e].n == 0)
                fc_buf_printf(&b, " %13s", "-");
            else
                fc_buf_printf(&b, " %7.2f (%3zu)", m->era[e].mae, m->era[e].n);
        }
        fc_buf_printf(&b, "\n");
    }
    int any_failed = 0;
    for (size_t k = 0; k < r->n_models; k++) {
        const fc_backtest_model *m = &r->models[k];
        if (!m->n_failed)
            continue;
        if (!any_failed++)
            fc_buf_printf(&b, "\nissues a model could not forecast (left out of its figures):\n");
        char label[80];
        label_of(m, label, sizeof label);
        fc_buf_printf(&b, "  %s: %zu, first %s\n", label, m->n_failed, m->first_error);
    }
    return finish(&b, out, err);
}

static void stats_json(json_t *o, const fc_backtest_stats *s)
{
    json_object_set_new(o, "n", json_integer((json_int_t)s->n));
    json_object_set_new(o, "mae", fc_json_number(s->mae));
    json_object_set_new(o, "rmse", fc_json_number(s->rmse));
    json_object_set_new(o, "median_ae", fc_json_number(s->median_ae));
    json_object_set_new(o, "within10", fc_json_number(s->within10));
}

fc_status fc_backtest_report_json(const fc_backtest_result *r, char **out, fc_error *err)
{
    const fc_deu_set *s = r->set;
    json_t *root = json_object();
    json_object_set_new(root, "file", json_string(s->origin));
    json_t *caps = json_object();
    json_object_set_new(caps, "scheme", json_string(fc_deu_capabilities_name(s->capabilities)));
    json_object_set_new(caps, "note", json_string(fc_deu_capabilities_note(s->capabilities)));
    json_object_set_new(caps, "actors_without_vote", json_integer((json_int_t)s->n_actors_without_vote));
    json_object_set_new(root, "capabilities", caps);
    json_object_set_new(root, "rows", json_integer((json_int_t)s->n_rows));
    json_object_set_new(root, "issues", json_integer((json_int_t)s->n_issues));
    json_object_set_new(root, "proposals", json_integer((json_int_t)s->n_proposals));
    json_t *skipped = json_object();
    json_object_set_new(skipped, "no_outcome", json_integer((json_int_t)s->n_skipped_no_outcome));
    json_object_set_new(skipped, "few_actors", json_integer((json_int_t)s->n_skipped_few_actors));
    json_object_set_new(root, "skipped", skipped);
    json_object_set_new(root, "baseline", json_string(r->baseline));
    json_object_set_new(root, "settings", json_string(r->settings));
    json_t *boot = json_object();
    json_object_set_new(boot, "replicates", json_integer((json_int_t)r->n_boot));
    json_object_set_new(boot, "seed", json_integer((json_int_t)r->seed));
    json_object_set_new(boot, "resampled", json_string("proposals"));
    json_object_set_new(root, "bootstrap", boot);
    json_t *models = json_array();
    for (size_t k = 0; k < r->n_models; k++) {
        const fc_backtest_model *m = &r->models[k];
        json_t *o = json_object();
        json_object_set_new(o, "name", json_string(m->name));
        json_object_set_new(o, "preset", m->preset[0] ? json_string(m->preset) : json_null());
        stats_json(o, &m->all);
        json_object_set_new(o, "n_common", json_integer((json_int_t)m->n_common));
        json_object_set_new(o, "diff_mae", fc_json_number(m->diff_mae));
        json_t *ci = json_array();
        json_array_append_new(ci, fc_json_number(m->diff_lo));
        json_array_append_new(ci, fc_json_number(m->diff_hi));
        json_object_set_new(o, "diff_mae_ci95", ci);
        json_object_set_new(o, "failed", json_integer((json_int_t)m->n_failed));
        json_object_set_new(o, "first_error", m->n_failed ? json_string(m->first_error) : json_null());
        json_t *eras = json_array();
        for (int e = 0; e < FC_DEU_N_ERAS; e++) {
            json_t *eo = json_object();
            json_object_set_new(eo, "era", json_string(fc_deu_era_name((fc_deu_era)e)));
            stats_json(eo, &m->era[e]);
            json_array_append_new(eras, eo);
        }
        json_object_set_new(o, "eras", eras);
        json_array_append_new(models, o);
    }
    json_object_set_new(root, "models", models);
    return fc_json_to_text(root, out, err);
}

static void stats_csv(fc_buf *b, const fc_backtest_stats *s)
{
    fc_buf_printf(b, ",%zu,", s->n);
    fc_buf_csv_number(b, s->mae);
    fc_buf_puts(b, ",");
    fc_buf_csv_number(b, s->rmse);
    fc_buf_puts(b, ",");
    fc_buf_csv_number(b, s->median_ae);
    fc_buf_puts(b, ",");
    fc_buf_csv_number(b, s->within10);
}

fc_status fc_backtest_report_csv(const fc_backtest_result *r, char **out, fc_error *err)
{
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, "model,preset,era,n,mae,rmse,median_ae,within10,diff_mae,diff_lo,diff_hi\n");
    for (size_t k = 0; k < r->n_models; k++) {
        const fc_backtest_model *m = &r->models[k];
        for (int e = -1; e < FC_DEU_N_ERAS; e++) {
            fc_buf_printf(&b, "%s,%s,%s", m->name, m->preset, e < 0 ? "all" : fc_deu_era_name((fc_deu_era)e));
            stats_csv(&b, e < 0 ? &m->all : &m->era[e]);
            fc_buf_puts(&b, ",");
            if (e < 0) {
                fc_buf_csv_number(&b, m->diff_mae);
                fc_buf_puts(&b, ",");
                fc_buf_csv_number(&b, m->diff_lo);
                fc_buf_puts(&b, ",");
                fc_buf_csv_number(&b, m->diff_hi);
            } else {
                fc_buf_puts(&b, "NA,NA,NA");
            }
            fc_buf_puts(&b, "\n");
        }
    }
    return finish(&b, out, err);
}

fc_status fc_backtest_issues_csv(const fc_backtest_result *r, char **out, fc_error *err)
{
    const fc_deu_set *s = r->set;
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, "proposal,issue,line,year,era,n_actors,reference_point,outcome,model,preset,"
                    "forecast,error\n");
    for (size_t i = 0; i < s->n_issues; i++) {
        const fc_deu_issue *is = &s->issues[i];
        for (size_t k = 0; k < r->n_models; k++) {
            const fc_backtest_model *m = &r->models[k];
            double f = m->forecast[i];
            fc_buf_csv_text(&b, is->proposal);
            fc_buf_puts(&b, ",");
            fc_buf_csv_text(&b, is->id);
            fc_buf_printf(&b, ",%d,%d,%s,%zu,", is->line, is->year, fc_deu_era_name(is->era),
                          is->problem.n_actors);
            fc_buf_csv_number(&b, is->reference_point);
            fc_buf_puts(&b, ",");
            fc_buf_csv_number(&b, is->outcome);
            fc_buf_printf(&b, ",%s,%s,", m->name, m->preset);
            fc_buf_csv_number(&b, f);
            fc_buf_puts(&b, ",");
            fc_buf_csv_number(&b, isnan(f) ? NAN : f - is->outcome);
            fc_buf_puts(&b, "\n");
        }
    }
    return finish(&b, out, err);
}
