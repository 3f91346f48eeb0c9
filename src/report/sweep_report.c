/* Reports of a sweep: the text an analyst reads (distribution, events, choices, tornado and
 * SRC tables), JSON for programs (no timings unless asked, so two sweeps compare byte for
 * byte), and the long CSV of per-run results that R and pandas read directly. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/sweep.h"
#include "fulcrum/util.h"
#include "util/json_text.h"
#include "util/strutil.h"

static const char *quantity_name(fc_input_kind k)
{
    switch (k) {
    case FC_INPUT_CAPABILITY: return "capability";
    case FC_INPUT_POSITION: return "position";
    case FC_INPUT_SALIENCE: return "salience";
    }
    return "?";
}

static const char *dist_name(fc_dist_kind k)
{
    switch (k) {
    case FC_DIST_FIXED: return "fixed";
    case FC_DIST_UNIFORM: return "uniform";
    case FC_DIST_NORMAL: return "normal";
    case FC_DIST_TRIANGULAR: return "triangular";
    }
    return "?";
}

/* Inputs are reported in the scenario's units (saliences back on their declared scale). */
static double shown(const fc_sweep_result *r, const fc_sweep_input *in, double v)
{
    return in->kind == FC_INPUT_SALIENCE ? v * r->salience_max : v;
}

static void input_label(const fc_sweep_result *r, const fc_sweep_input *in, char *buf, size_t size)
{
    if (in->kind == FC_INPUT_CAPABILITY || r->n_dims == 1)
        snprintf(buf, size, "%s %s", r->actor_ids[in->actor], quantity_name(in->kind));
    else
        snprintf(buf, size, "%s %s on %s", r->actor_ids[in->actor], quantity_name(in->kind), r->dim_ids[in->dim]);
}

static void num(fc_buf *b, const char *fmt, double v)
{
    if (isnan(v))
        fc_buf_puts(b, "n/a");
    else
        fc_buf_printf(b, fmt, v);
}

static void spread_text(fc_buf *b, const char *name, double sd, int relative)
{
    if (relative)
        fc_buf_printf(b, "%s sd %g%%", name, sd * 100);
    else
        fc_buf_printf(b, "%s sd %g", name, sd);
}

static const char *event_phrase(fc_event_kind k)
{
    switch (k) {
    case FC_EVENT_CONFLICT: return "%s challenges %s and wins (conflict)";
    case FC_EVENT_COMPROMISE: return "%s wins a compromise from %s";
    case FC_EVENT_CAPITULATION: return "%s makes %s give in (capitulation)";
    case FC_EVENT_STALEMATE: return "%s and %s reach a stalemate";
    case FC_EVENT_BARGAIN: return "%s offers %s a bargain";
    }
    return "%s, %s";
}

static void distribution_text(fc_buf *b, const fc_distribution *d, const char *indent)
{
    fc_buf_printf(b, "%smean ", indent);
    num(b, "%.2f", d->mean);
    fc_buf_puts(b, "   sd ");
    num(b, "%.2f", d->sd);
    fc_buf_puts(b, "   min ");
    num(b, "%.2f", d->min);
    fc_buf_puts(b, "   max ");
    num(b, "%.2f", d->max);
    fc_buf_printf(b, "\n%spercentiles   5%%: ", indent);
    num(b, "%.2f", d->p5);
    fc_buf_puts(b, "   25%: ");
    num(b, "%.2f", d->p25);
    fc_buf_puts(b, "   50%: ");
    num(b, "%.2f", d->p50);
    fc_buf_puts(b, "   75%: ");
    num(b, "%.2f", d->p75);
    fc_buf_puts(b, "   95%: ");
    num(b, "%.2f", d->p95);
    fc_buf_printf(b, "\n%s90%% interval: [", indent);
    num(b, "%.2f", d->p5);
    fc_buf_puts(b, ", ");
    num(b, "%.2f", d->p95);
    fc_buf_puts(b, "]\n");
}

static void histogram_text(fc_buf *b, const fc_distribution *d)
{
    size_t top = 0;
    for (size_t k = 0; k < d->n_bins; k++)
        if (d->hist[k] > top)
            top = d->hist[k];
    if (top == 0)
        return;
    fc_buf_puts(b, "  histogram (share of runs):\n");
    double w = (d->hist_hi - d->hist_lo) / (double)d->n_bins;
    for (size_t k = 0; k < d->n_bins; k++) {
        size_t bar = (size_t)llround(40.0 * (double)d->hist[k] / (double)top);
        fc_buf_printf(b, "  %7.4g - %-7.4g |", d->hist_lo + w * (double)k, d->hist_lo + w * (double)(k + 1));
        fc_buf_repeat(b, "#", bar);
        fc_buf_repeat(b, " ", 40 - bar);
        fc_buf_printf(b, " %5.1f%%\n", d->n ? 100.0 * (double)d->hist[k] / (double)d->n : 0.0);
    }
}

typedef struct ranked {
    size_t k;
    double key;
} ranked;

static int by_key_desc(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    int xn = isnan(x->key), yn = isnan(y->key);
    if (xn != yn)
        return xn - yn;
    if (x->key != y->key)
        return x->key > y->key ? -1 : 1;
    return x->k < y->k ? -1 : x->k > y->k;
}

static void sensitivity_text(fc_buf *b, const fc_sweep_result *r, size_t d, size_t limit)
{
    size_t p = r->n_inputs;
    ranked *rk = malloc((p ? p : 1) * sizeof *rk);
    if (!rk) {
        b->failed = 1;
        return;
    }
    fc_buf_printf(b, "\nWhich estimates matter for '%s'\n", r->dim_ids[d]);
    fc_buf_puts(b, "  One at a time (tornado): each input at its 5% and 95% quantile, the others at their estimates\n");
    fc_buf_printf(b, "  %-28s %9s %9s %11s %11s %8s\n", "input", "low", "high", "forecast lo", "forecast hi", "swing");
    for (size_t k = 0; k < p; k++)
        rk[k] = (ranked){k, fabs(r->inputs[k].out_high[d] - r->inputs[k].out_low[d])};
    qsort(rk, p, sizeof *rk, by_key_desc);
    for (size_t i = 0; i < p && i < limit; i++) {
        const fc_sweep_input *in = &r->inputs[rk[i].k];
        char label[128];
        input_label(r, in, label, sizeof label);
        fc_buf_printf(b, "  %-28.28s %9.2f %9.2f ", label, shown(r, in, in->low), shown(r, in, in->high));
        num(b, "%11.2f", in->out_low[d]);
        fc_buf_puts(b, " ");
        num(b, "%11.2f", in->out_high[d]);
        fc_buf_puts(b, " ");
        num(b, "%8.2f", rk[i].key);
        fc_buf_puts(b, "\n");
    }
    if (p > limit)
        fc_buf_printf(b, "  (%zu more inputs with smaller swings)\n", p - limit);
    fc_buf_puts(b, "  Over the whole sweep: standardised regression coefficients (SRC; SRC^2 is the input's\n"
                   "  share of the forecast's variance when the fit is good), R^2 = ");
    num(b, "%.3f", r->r2[d]);
    fc_buf_puts(b, "\n");
    for (size_t k = 0; k < p; k++)
        rk[k] = (ranked){k, fabs(r->inputs[k].src[d])};
    qsort(rk, p, sizeof *rk, by_key_desc);
    for (size_t i = 0; i < p && i < limit; i++) {
        const fc_sweep_input *in = &r->inputs[rk[i].k];
        char label[128];
        input_label(r, in, label, sizeof label);
        fc_buf_printf(b, "  %-28.28s ", label);
        num(b, "%+8.3f", in->src[d]);
        fc_buf_puts(b, "\n");
    }
    free(rk);
}

/* "mean [p5, p95]" with the given precision, or "n/a" when no run counts. */
static void dist_cell(char *buf, size_t size, const fc_distribution *d, int prec)
{
    if (d->n == 0 || isnan(d->mean))
        snprintf(buf, size, "n/a");
    else
        snprintf(buf, size, "%.*f [%.*f, %.*f]", prec, d->mean, prec, d->p5, prec, d->p95);
}

/* Which estimates decide the choice, globally over the runs (docs/dilemma.md). */
static void decision_sensitivity_text(fc_buf *b, const fc_sweep_result *r, size_t max_rows)
{
    const char *la = r->choices[r->sens_a].label, *lb = r->choices[r->sens_b].label;
    fc_buf_printf(b, "\nWhich estimates decide between \"%s\" and \"%s\" (global, over %zu runs)\n", la, lb,
                  r->sens_runs);
    fc_buf_printf(b, "  margin = value of the first - value of the second. S: first-order variance index, the runs\n"
                     "  in %zu bins by the input (below about %.3f it is noise). SRRC: standardised rank\n"
                     "  regression coefficient; the rank regression explains R^2 = ",
                  r->sens_bins, (double)(r->sens_bins - 1) / (double)(r->sens_runs - 1));
    num(b, "%.2f", r->r2_margin);
    fc_buf_puts(b, " of the margin");
    if (r->has_backlash) {
        fc_buf_printf(b, ",\n  ");
        num(b, "%.2f", r->r2_backlash);
        fc_buf_printf(b, " of the backlash under the first (some actor has reason to challenge in %.1f%% of the runs)",
                      100.0 * r->p_backlash_a);
    }
    fc_buf_puts(b, ".\n  P(a first): share of runs in which the first wins with the input in its lowest / highest fifth.\n");
    fc_buf_printf(b, "  %-28s %9s %7s %17s %6s %11s %7s\n", "input", "S(margin)", "SRRC", "P(a first) lo/hi", "flips",
                  "S(backlash)", "SRRC");
    size_t shown_n = r->n_decision_inputs < max_rows ? r->n_decision_inputs : max_rows;
    for (size_t q = 0; q < shown_n; q++) {
        const fc_sweep_decision_input *d = &r->decision_inputs[q];
        char label[128], pl[32];
        input_label(r, &r->inputs[d->input], label, sizeof label);
        snprintf(pl, sizeof pl, "%.2f / %.2f", d->p_low, d->p_high);
        fc_buf_printf(b, "  %-28.28s ", label);
        num(b, "%9.3f", d->s_margin);
        fc_buf_puts(b, " ");
        num(b, "%+7.3f", d->srrc_margin);
        fc_buf_printf(b, " %17s %6s ", pl, d->flips ? "yes" : "");
        num(b, "%11.3f", d->s_backlash);
        fc_buf_puts(b, " ");
        num(b, "%+7.3f", d->srrc_backlash);
        fc_buf_puts(b, "\n");
    }
    size_t flips = 0;
    for (size_t q = 0; q < r->n_decision_inputs; q++)
        flips += (size_t)r->decision_inputs[q].flips;
    if (flips)
        fc_buf_printf(b, "  %zu estimate(s) flip the choice: with them at one end \"%s\" wins most runs, at the other \"%s\"\n",
                      flips, la, lb);
    else
        fc_buf_puts(b, "  no single estimate flips the choice between its lowest and highest fifth\n");
}

/* The decision under uncertainty: the either/or first, then per choice the forecast, the
 * decider's utility, the crisis cost and the decision value, who would challenge the decider,
 * and the backlash figures of the bargaining model. */
static void choices_text(fc_buf *b, const fc_sweep_result *r)
{
    size_t nc = r->n_choices, nd = r->n_dims;
    fc_buf_printf(b, "\nChoices of %s under uncertainty\n  (%s)\n", r->actor_names[r->decider],
                  r->commit ? "commit mode: it holds the chosen position throughout"
                            : "start mode: the choice sets its starting position, bargaining goes on");
    if (r->either_n) {
        fc_buf_printf(b, "  \"%s\" beats \"%s\" in %.1f%% of %zu runs (decision value; margin 90%% interval %+.3f to %+.3f)\n",
                      r->choices[r->either_a].label, r->choices[r->either_b].label, 100.0 * r->either_p, r->either_n,
                      r->either_low, r->either_high);
    }
    if (r->undecided)
        fc_buf_printf(b, "  %zu of %zu runs have no stable outcome under some choice (the forecast still moved at the\n"
                         "  round limit): they are left out of the decision below (P(best), value, the either/or)\n",
                      r->undecided, r->runs - r->failed);
    fc_buf_printf(b, "  %-34s %-26s %-26s %7s\n", "choice", nd > 1 ? "forecast, 1st issue [90%]" : "forecast mean [90%]",
                  "its utility mean [90%]", "P(best)");
    for (size_t ch = 0; ch < nc; ch++) {
        const fc_sweep_choice *c = &r->choices[ch];
        char f[64], u[64];
        dist_cell(f, sizeof f, &c->outcome[0], 2);
        dist_cell(u, sizeof u, &c->utility, 3);
        fc_buf_printf(b, "  %-34.34s %-26s %-26s %7.3f\n", c->label, f, u, c->p_best);
    }
    if (nd > 1) {
        fc_buf_puts(b, "  every issue: forecast mean [90%], and the decider's utility there (mean)\n");
        for (size_t ch = 0; ch < nc; ch++) {
            fc_buf_printf(b, "    %s:\n     ", r->choices[ch].label);
            for (size_t d = 0; d < nd; d++) {
                char f[64];
                dist_cell(f, sizeof f, &r->choices[ch].outcome[d], 1);
                fc_buf_printf(b, "%s %s %s u ", d ? ";" : "", r->dim_ids[d], f);
                num(b, "%.3f", r->choices[ch].issue_utility ? r->choices[ch].issue_utility[d].mean : NAN);
            }
            fc_buf_puts(b, "\n");
        }
    }
    int any_unstable = 0;
    for (size_t ch = 0; ch < nc; ch++)
        any_unstable |= r->choices[ch].unstable > 0;
    if (any_unstable) {
        fc_buf_puts(b, "  runs without a stable outcome:");
        for (size_t ch = 0; ch < nc; ch++)
            fc_buf_printf(b, "%s %s %zu", ch ? "," : "", r->choices[ch].label, r->choices[ch].unstable);
        fc_buf_puts(b, "\n");
    }
    if (r->has_backlash) {
        fc_buf_printf(b, "\n  Backlash as crisis bargaining, in every run (War Trap E(U) and the interaction game)\n"
                         "  decision value = utility - %g x crisis cost (weight: %s)\n",
                      r->backlash_weight, r->backlash_weight_source);
        fc_buf_printf(b, "  %-34s %-26s %-26s %7s %7s\n", "choice", "weighted cost mean [90%]",
                      "decision value mean [90%]", "P(chal)", "P(cost)");
        for (size_t ch = 0; ch < nc; ch++) {
            const fc_sweep_choice *c = &r->choices[ch];
            char k[64], v[64];
            dist_cell(k, sizeof k, &c->cost, 3);
            dist_cell(v, sizeof v, &c->value, 3);
            fc_buf_printf(b, "  %-34.34s %-26s %-26s %7.3f %7.3f\n", c->label, k, v, c->p_backlash, c->p_costly);
        }
        fc_buf_printf(b, "  Who would challenge %s: share of runs with E(U) > 0 (and in which the crisis costs it)\n",
                      r->crisis_actor_names[r->crisis_decider]);
        fc_buf_printf(b, "  %-28s", "challenger");
        for (size_t ch = 0; ch < nc; ch++)
            fc_buf_printf(b, ch + 1 < nc ? " %-15.15s" : " %.15s", r->choices[ch].label);
        fc_buf_puts(b, "\n");
        size_t shown_rows = 0;
        for (size_t j = 0; j < r->n_crisis_actors; j++) {
            if (j == r->crisis_decider)
                continue;
            int any = 0;
            for (size_t ch = 0; ch < nc; ch++)
                any |= r->choices[ch].p_challenge[j] > 0 || r->choices[ch].p_crisis_cost[j] > 0;
            if (!any)
                continue;
            shown_rows++;
            fc_buf_printf(b, "  %-28.28s", r->crisis_actor_names[j]);
            for (size_t ch = 0; ch < nc; ch++) {
                char cell[32];
                snprintf(cell, sizeof cell, "%.3f (%.3f)", r->choices[ch].p_challenge[j], r->choices[ch].p_crisis_cost[j]);
                fc_buf_printf(b, ch + 1 < nc ? " %-15s" : " %s", cell);
            }
            fc_buf_puts(b, "\n");
        }
        if (!shown_rows)
            fc_buf_puts(b, "  no actor has reason to challenge it in any run\n");
        double war = 0;
        for (size_t ch = 0; ch < nc; ch++)
            for (size_t j = 0; j < r->n_crisis_actors; j++)
                war = fmax(war, r->choices[ch].p_war[j]);
        if (war > 0) {
            fc_buf_puts(b, "  crises that end in war, share of runs:");
            for (size_t ch = 0; ch < nc; ch++)
                for (size_t j = 0; j < r->n_crisis_actors; j++)
                    if (r->choices[ch].p_war[j] > 0)
                        fc_buf_printf(b, " %s under %s %.3f;", r->crisis_actor_names[j], r->choices[ch].label,
                                      r->choices[ch].p_war[j]);
            fc_buf_puts(b, "\n");
        } else {
            fc_buf_puts(b, "  no crisis ends in war in any run\n");
        }
    }
    if (r->round_based) {
        fc_buf_printf(b, "\n  %-34s %-24s %-20s %s\n", "bargaining model's backlash", "pressure on it [90%]",
                      "conflicts [90%]", "instability [90%]");
        for (size_t ch = 0; ch < nc; ch++) {
            const fc_sweep_choice *c = &r->choices[ch];
            char pr[64], cf[64], in[64];
            dist_cell(pr, sizeof pr, &c->pressure, 3);
            if (c->conflicts.n)
                snprintf(cf, sizeof cf, "%.1f [%.0f, %.0f]", c->conflicts.mean, c->conflicts.p5, c->conflicts.p95);
            else
                snprintf(cf, sizeof cf, "n/a");
            dist_cell(in, sizeof in, &c->instability, 3);
            fc_buf_printf(b, "  %-34.34s %-24s %-20s %s\n", c->label, pr, cf, in);
        }
        fc_buf_puts(b, "  (as the dilemma defines them, docs/dilemma.md: pressure = sum of the\n"
                       "   challengers' expected utilities of the challenges aimed at the decider;\n"
                       "   instability = conflicts weighted by capability share and distance");
        fc_buf_puts(b, nd > 1 ? ",\n   defined on one issue only: n/a here)\n" : ")\n");
    }
    fc_buf_puts(b, "  (utility: -salience x distance of the forecast from the decider's own position, in\n"
                   "   scale lengths, as in the dilemma; P(best): share of runs in which the choice\n"
                   "   has the highest decision value, ties shared)\n");
    if (r->has_decision_sensitivity)
        decision_sensitivity_text(b, r, 15);
}

fc_status fc_sweep_report_text(const fc_sweep_result *r, int timing, char **out, fc_error *err)
{
    if (!r->outcome)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                            "this is one rank's share of a sweep; merge the shares (fc_sweep_run_mpi) first");
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_printf(&b, "Sweep of \"%s\"\n", r->title);
    fc_buf_printf(&b, "model %s%s%s%s, %zu runs, seed %llu, %zu failed\n", r->model, r->preset[0] ? " (preset " : "",
                  r->preset, r->preset[0] ? ")" : "", r->runs, (unsigned long long)r->seed, r->failed);
    const fc_default_uncertainty *j = &r->jitter;
    if (r->n_inputs && !(j->position_sd > 0 || j->salience_sd > 0 || j->capability_sd > 0)) {
        /* No default spread: every varied input varies by the uncertainty its own value declares. */
        fc_buf_printf(&b, "uncertain inputs: %zu; each by the uncertainty the scenario declares for it\n",
                      r->n_inputs);
    } else {
        fc_buf_printf(&b, "uncertain inputs: %zu; default spreads: ", r->n_inputs);
        spread_text(&b, "position", j->position_sd, j->position_relative);
        fc_buf_puts(&b, ", ");
        spread_text(&b, "salience", j->salience_sd, j->salience_relative);
        fc_buf_puts(&b, ", ");
        spread_text(&b, "capability", j->capability_sd, j->capability_relative);
        fc_buf_puts(&b, "\n");
    }
    if (r->n_inputs == 0)
        fc_buf_puts(&b, "(no estimate is uncertain: give values an sd, range or triangular, a scenario-wide\n"
                         " 'uncertainty:' default, or jitter spreads such as\n"
                         " position=10,salience=10,capability=20%)\n");
    for (size_t d = 0; d < r->n_dims; d++) {
        const fc_distribution *o = &r->outcome[d];
        fc_buf_printf(&b, "\nForecast of '%s' (scale %g to %g)\n", r->dim_ids[d], r->scale_min[d], r->scale_max[d]);
        fc_buf_puts(&b, "  with every estimate as given: ");
        num(&b, "%.2f", r->nominal[d]);
        fc_buf_puts(&b, "\n");
        distribution_text(&b, o, "  ");
        histogram_text(&b, o);
    }
    if (r->round_based) {
        size_t shown_n = r->n_events < r->max_events ? r->n_events : r->max_events;
        fc_buf_printf(&b, "\nEvents: the share of runs in which each happens at least once (%zu of %zu)\n", shown_n,
                      r->n_events);
        for (size_t k = 0; k < shown_n; k++) {
            const fc_sweep_event_stat *e = &r->events[k];
            char line[512];
            snprintf(line, sizeof line, event_phrase(e->kind), r->actor_names[e->challenger], r->actor_names[e->target]);
            fc_buf_printf(&b, "  %.3f  %s\n", e->probability, line);
        }
        if (r->has_decider) {
            /* The backlash: every kind of challenge aimed at the deciding actor. */
            fc_buf_printf(&b, "\nAimed at %s (the deciding actor):\n", r->actor_names[r->decider]);
            size_t any = 0;
            for (size_t k = 0; k < r->n_events; k++) {
                const fc_sweep_event_stat *e = &r->events[k];
                if (e->target != r->decider)
                    continue;
                char line[512];
                snprintf(line, sizeof line, event_phrase(e->kind), r->actor_names[e->challenger],
                         r->actor_names[e->target]);
                fc_buf_printf(&b, "  %.3f  %s\n", e->probability, line);
                any++;
            }
            if (!any)
                fc_buf_puts(&b, "  no challenge in any run\n");
        }
    }
    if (r->n_choices)
        choices_text(&b, r);
    if (r->has_sensitivity && r->n_inputs)
        for (size_t d = 0; d < r->n_dims; d++)
            sensitivity_text(&b, r, d, 15);
    if (timing)
        fc_buf_printf(&b, "\ntime: %.3f s, %.0f runs per second, %d thread(s), %d rank(s), %zu runs resumed\n",
                      r->seconds, r->runs_per_second, r->threads_used, r->ranks_used, r->resumed_runs);
    *out = fc_buf_take(&b);
    if (!*out)
        return fc_error_nomem(err);
    return FC_OK;
}

static json_t *dist_json(const fc_distribution *d)
{
    json_t *o = json_object();
    json_object_set_new(o, "n", json_integer((json_int_t)d->n));
    json_object_set_new(o, "mean", fc_json_number(d->mean));
    json_object_set_new(o, "sd", fc_json_number(d->sd));
    json_object_set_new(o, "min", fc_json_number(d->min));
    json_object_set_new(o, "max", fc_json_number(d->max));
    json_t *p = json_object();
    json_object_set_new(p, "5", fc_json_number(d->p5));
    json_object_set_new(p, "25", fc_json_number(d->p25));
    json_object_set_new(p, "50", fc_json_number(d->p50));
    json_object_set_new(p, "75", fc_json_number(d->p75));
    json_object_set_new(p, "95", fc_json_number(d->p95));
    json_object_set_new(o, "percentiles", p);
    json_object_set_new(o, "interval90", json_pack("[oo]", fc_json_number(d->p5), fc_json_number(d->p95)));
    json_t *h = json_object();
    json_object_set_new(h, "lo", fc_json_number(d->hist_lo));
    json_object_set_new(h, "hi", fc_json_number(d->hist_hi));
    json_t *counts = json_array();
    for (size_t k = 0; k < d->n_bins; k++)
        json_array_append_new(counts, json_integer((json_int_t)d->hist[k]));
    json_object_set_new(h, "counts", counts);
    json_object_set_new(o, "histogram", h);
    return o;
}

static json_t *spread_json(double sd, int relative)
{
    if (relative) {
        char buf[64];
        snprintf(buf, sizeof buf, "%.17g%%", sd * 100);
        return json_string(buf);
    }
    return fc_json_number(sd);
}

fc_status fc_sweep_report_json(const fc_sweep_result *r, int timing, char **out, fc_error *err)
{
    if (!r->outcome)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                            "this is one rank's share of a sweep; merge the shares (fc_sweep_run_mpi) first");
    json_t *root = json_object();
    json_object_set_new(root, "title", json_string(r->title));
    json_object_set_new(root, "model", json_string(r->model));
    json_object_set_new(root, "preset", json_string(r->preset));
    json_object_set_new(root, "runs", json_integer((json_int_t)r->runs));
    json_object_set_new(root, "seed", json_integer((json_int_t)r->seed));
    json_object_set_new(root, "failed", json_integer((json_int_t)r->failed));
    json_t *u = json_object();
    json_object_set_new(u, "position", spread_json(r->jitter.position_sd, r->jitter.position_relative));
    json_object_set_new(u, "salience", spread_json(r->jitter.salience_sd, r->jitter.salience_relative));
    json_object_set_new(u, "capability", spread_json(r->jitter.capability_sd, r->jitter.capability_relative));
    json_object_set_new(root, "default_uncertainty", u);
    json_t *inputs = json_array();
    for (size_t k = 0; k < r->n_inputs; k++) {
        const fc_sweep_input *in = &r->inputs[k];
        json_t *o = json_object();
        json_object_set_new(o, "actor", json_string(r->actor_ids[in->actor]));
        json_object_set_new(o, "quantity", json_string(quantity_name(in->kind)));
        json_object_set_new(o, "issue", in->kind == FC_INPUT_CAPABILITY ? json_null() : json_string(r->dim_ids[in->dim]));
        json_object_set_new(o, "distribution", json_string(dist_name(in->dist.kind)));
        json_object_set_new(o, "estimate", fc_json_number(shown(r, in, in->dist.mode)));
        if (in->dist.kind == FC_DIST_NORMAL)
            json_object_set_new(o, "sd", fc_json_number(shown(r, in, in->dist.sd)));
        if (in->dist.kind == FC_DIST_TRIANGULAR)
            json_object_set_new(o, "support", json_pack("[oo]", fc_json_number(shown(r, in, in->dist.a)),
                                                        fc_json_number(shown(r, in, in->dist.b))));
        json_object_set_new(o, "bounds", json_pack("[oo]", fc_json_number(shown(r, in, in->dist.low)),
                                                   fc_json_number(shown(r, in, in->dist.high))));
        json_object_set_new(o, "q05", fc_json_number(shown(r, in, in->low)));
        json_object_set_new(o, "q95", fc_json_number(shown(r, in, in->high)));
        json_array_append_new(inputs, o);
    }
    json_object_set_new(root, "inputs", inputs);
    json_t *outcome = json_array();
    for (size_t d = 0; d < r->n_dims; d++) {
        json_t *o = dist_json(&r->outcome[d]);
        json_object_set_new(o, "issue", json_string(r->dim_ids[d]));
        json_object_set_new(o, "estimate", fc_json_number(r->nominal[d]));
        json_array_append_new(outcome, o);
    }
    json_object_set_new(root, "outcome", outcome);
    json_t *events = json_array();
    for (size_t k = 0; k < r->n_events; k++) {
        const fc_sweep_event_stat *e = &r->events[k];
        json_array_append_new(events, json_pack("{s:s,s:s,s:s,s:I,s:o}", "challenger", r->actor_ids[e->challenger],
                                                "target", r->actor_ids[e->target], "kind", fc_event_kind_name(e->kind),
                                                "runs", (json_int_t)e->runs, "probability",
                                                fc_json_number(e->probability)));
    }
    json_object_set_new(root, "events", events);
    if (r->n_choices) {
        json_t *c = json_object();
        json_object_set_new(c, "decider", json_string(r->actor_ids[r->decider]));
        json_object_set_new(c, "mode", json_string(r->commit ? "commit" : "start"));
        json_t *list = json_array();
        for (size_t ch = 0; ch < r->n_choices; ch++) {
            const fc_sweep_choice *cc = &r->choices[ch];
            json_t *o = json_object();
            json_object_set_new(o, "id", json_string(cc->id));
            json_object_set_new(o, "label", json_string(cc->label));
            json_t *oc = json_array();
            for (size_t d = 0; d < r->n_dims; d++) {
                json_t *x = dist_json(&cc->outcome[d]);
                json_object_set_new(x, "issue", json_string(r->dim_ids[d]));
                json_array_append_new(oc, x);
            }
            json_object_set_new(o, "outcome", oc);
            json_object_set_new(o, "utility", dist_json(&cc->utility));
            if (cc->issue_utility) {
                json_t *iu = json_array();
                for (size_t d = 0; d < r->n_dims; d++) {
                    json_t *x = dist_json(&cc->issue_utility[d]);
                    json_object_set_new(x, "issue", json_string(r->dim_ids[d]));
                    json_array_append_new(iu, x);
                }
                json_object_set_new(o, "issue_utility", iu);
            }
            json_object_set_new(o, "pressure", dist_json(&cc->pressure));
            json_object_set_new(o, "conflicts", dist_json(&cc->conflicts));
            json_object_set_new(o, "instability", dist_json(&cc->instability));
            json_object_set_new(o, "p_best", fc_json_number(cc->p_best));
            json_object_set_new(o, "unstable", json_integer((json_int_t)cc->unstable));
            json_object_set_new(o, "value", dist_json(&cc->value));
            if (r->has_backlash) {
                json_object_set_new(o, "backlash_cost", dist_json(&cc->cost));
                json_object_set_new(o, "p_backlash", fc_json_number(cc->p_backlash));
                json_object_set_new(o, "p_costly_crisis", fc_json_number(cc->p_costly));
                json_t *ch_list = json_array();
                for (size_t j = 0; j < r->n_crisis_actors; j++) {
                    if (j == r->crisis_decider)
                        continue;
                    json_array_append_new(ch_list,
                                          json_pack("{s:s,s:o,s:o,s:o}", "actor", r->crisis_actor_ids[j], "p_challenge",
                                                    fc_json_number(cc->p_challenge[j]), "p_crisis_cost",
                                                    fc_json_number(cc->p_crisis_cost[j]), "p_war",
                                                    fc_json_number(cc->p_war[j])));
                }
                json_object_set_new(o, "challengers", ch_list);
            }
            json_array_append_new(list, o);
        }
        json_object_set_new(c, "decided", json_integer((json_int_t)r->decided));
        json_object_set_new(c, "undecided", json_integer((json_int_t)r->undecided));
        if (r->has_backlash)
            json_object_set_new(c, "backlash", json_pack("{s:o,s:s}", "weight", fc_json_number(r->backlash_weight),
                                                         "weight_source", r->backlash_weight_source));
        else
            json_object_set_new(c, "backlash", json_null());
        if (r->either_n)
            json_object_set_new(c, "either_or",
                                json_pack("{s:s,s:s,s:I,s:o,s:[oo]}", "a", r->choices[r->either_a].id, "b",
                                          r->choices[r->either_b].id, "runs", (json_int_t)r->either_n, "p",
                                          fc_json_number(r->either_p), "interval90", fc_json_number(r->either_low),
                                          fc_json_number(r->either_high)));
        else
            json_object_set_new(c, "either_or", json_null());
        json_object_set_new(c, "choices", list);
        if (r->has_decision_sensitivity) {
            json_t *ds = json_object();
            json_object_set_new(ds, "a", json_string(r->choices[r->sens_a].id));
            json_object_set_new(ds, "b", json_string(r->choices[r->sens_b].id));
            json_object_set_new(ds, "runs", json_integer((json_int_t)r->sens_runs));
            json_object_set_new(ds, "bins", json_integer((json_int_t)r->sens_bins));
            json_object_set_new(ds, "r2_margin", fc_json_number(r->r2_margin));
            json_object_set_new(ds, "r2_backlash", fc_json_number(r->r2_backlash));
            json_object_set_new(ds, "p_backlash_a", fc_json_number(r->p_backlash_a));
            json_t *rows = json_array();
            for (size_t q = 0; q < r->n_decision_inputs; q++) {
                const fc_sweep_decision_input *d = &r->decision_inputs[q];
                const fc_sweep_input *in = &r->inputs[d->input];
                json_t *x = json_object();
                json_object_set_new(x, "actor", json_string(r->actor_ids[in->actor]));
                json_object_set_new(x, "quantity", json_string(quantity_name(in->kind)));
                json_object_set_new(x, "issue", in->kind == FC_INPUT_CAPABILITY ? json_null()
                                                                                : json_string(r->dim_ids[in->dim]));
                json_object_set_new(x, "s_margin", fc_json_number(d->s_margin));
                json_object_set_new(x, "srrc_margin", fc_json_number(d->srrc_margin));
                json_object_set_new(x, "p_low", fc_json_number(d->p_low));
                json_object_set_new(x, "p_high", fc_json_number(d->p_high));
                json_object_set_new(x, "flips", json_boolean(d->flips));
                json_object_set_new(x, "s_backlash", fc_json_number(d->s_backlash));
                json_object_set_new(x, "srrc_backlash", fc_json_number(d->srrc_backlash));
                json_array_append_new(rows, x);
            }
            json_object_set_new(ds, "inputs", rows);
            json_object_set_new(c, "decision_sensitivity", ds);
        }
        json_object_set_new(root, "choices", c);
    }
    if (r->has_sensitivity) {
        json_t *sens = json_array();
        for (size_t d = 0; d < r->n_dims; d++) {
            json_t *o = json_object();
            json_object_set_new(o, "issue", json_string(r->dim_ids[d]));
            json_object_set_new(o, "r2", fc_json_number(r->r2[d]));
            json_t *rows = json_array();
            for (size_t k = 0; k < r->n_inputs; k++) {
                const fc_sweep_input *in = &r->inputs[k];
                json_t *x = json_object();
                json_object_set_new(x, "actor", json_string(r->actor_ids[in->actor]));
                json_object_set_new(x, "quantity", json_string(quantity_name(in->kind)));
                json_object_set_new(x, "issue", in->kind == FC_INPUT_CAPABILITY ? json_null()
                                                                                : json_string(r->dim_ids[in->dim]));
                json_object_set_new(x, "forecast_low", fc_json_number(in->out_low[d]));
                json_object_set_new(x, "forecast_high", fc_json_number(in->out_high[d]));
                json_object_set_new(x, "swing", fc_json_number(fabs(in->out_high[d] - in->out_low[d])));
                json_object_set_new(x, "src", fc_json_number(in->src[d]));
                json_array_append_new(rows, x);
            }
            json_object_set_new(o, "inputs", rows);
            json_array_append_new(sens, o);
        }
        json_object_set_new(root, "sensitivity", sens);
    }
    if (timing) {
        json_t *t = json_object();
        json_object_set_new(t, "seconds", json_real(r->seconds));
        json_object_set_new(t, "runs_per_second", json_real(r->runs_per_second));
        json_object_set_new(t, "threads", json_integer(r->threads_used));
        json_object_set_new(t, "ranks", json_integer(r->ranks_used));
        json_object_set_new(t, "resumed_runs", json_integer((json_int_t)r->resumed_runs));
        json_object_set_new(root, "timing", t);
    }
    fc_buf b;
    fc_buf_init(&b);
    fc_json_print(&b, root, 0);
    fc_buf_puts(&b, "\n");
    json_decref(root);
    *out = fc_buf_take(&b);
    if (!*out)
        return fc_error_nomem(err);
    return FC_OK;
}

static void csv_value(fc_buf *b, double v)
{
    if (isnan(v)) {
        fc_buf_puts(b, "NA\n");
        return;
    }
    char num[64];
    fc_format_double(num, sizeof num, v);
    fc_buf_printf(b, "%s\n", num);
}

static void run_rows(fc_buf *b, const fc_sweep_result *r, size_t run)
{
    size_t nd = r->n_dims, nc = r->n_choices;
    for (size_t k = 0; k < r->n_inputs; k++) {
        const fc_sweep_input *in = &r->inputs[k];
        fc_buf_printf(b, "%zu,%s,%s,%s,,", run, quantity_name(in->kind), r->actor_ids[in->actor],
                      in->kind == FC_INPUT_CAPABILITY ? "" : r->dim_ids[in->dim]);
        csv_value(b, shown(r, in, fc_sweep_input_sample(r, run, k)));
    }
    for (size_t d = 0; d < nd; d++) {
        fc_buf_printf(b, "%zu,forecast,,%s,,", run, r->dim_ids[d]);
        csv_value(b, r->run_outcome[run * nd + d]);
    }
    for (size_t ch = 0; ch < nc; ch++) {
        for (size_t d = 0; d < nd; d++) {
            fc_buf_printf(b, "%zu,choice_forecast,,%s,%s,", run, r->dim_ids[d], r->choices[ch].id);
            csv_value(b, r->run_choice_outcome[(run * nc + ch) * nd + d]);
        }
        fc_buf_printf(b, "%zu,choice_utility,%s,,%s,", run, r->actor_ids[r->decider], r->choices[ch].id);
        csv_value(b, r->run_choice_utility[run * nc + ch]);
        static const char *const fig_names[4] = {"choice_pressure", "choice_conflicts", "choice_instability",
                                                 "choice_stable"};
        for (size_t k = 0; k < 4; k++) {
            fc_buf_printf(b, "%zu,%s,%s,,%s,", run, fig_names[k], k == 0 ? r->actor_ids[r->decider] : "",
                          r->choices[ch].id);
            csv_value(b, r->run_choice_figures[(run * nc + ch) * 4 + k]);
        }
        if (r->run_choice_cost) {
            fc_buf_printf(b, "%zu,choice_backlash_cost,%s,,%s,", run, r->actor_ids[r->decider], r->choices[ch].id);
            csv_value(b, r->run_choice_cost[run * nc + ch]);
            const unsigned char *f = &r->run_choice_crisis[(run * nc + ch) * r->n_crisis_actors];
            for (size_t j = 0; j < r->n_crisis_actors; j++)
                if (f[j] & FC_SWEEP_CRISIS_CHALLENGES)
                    fc_buf_printf(b, "%zu,choice_challenger,%s,,%s,1\n", run, r->crisis_actor_ids[j], r->choices[ch].id);
        }
    }
}

#define CSV_HEADER "run,quantity,actor,issue,choice,value\n"

fc_status fc_sweep_report_runs_csv(const fc_sweep_result *r, char **out, fc_error *err)
{
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, CSV_HEADER);
    for (size_t run = 0; run < r->runs && !b.failed; run++)
        run_rows(&b, r, run);
    *out = fc_buf_take(&b);
    if (!*out)
        return fc_error_nomem(err);
    return FC_OK;
}

/* A million runs make a gigabyte of CSV: it is streamed in chunks of runs through the library's
 * one output writer (whole or not at all, same mode and target rules as every other output). */
static fc_status runs_csv_chunk(fc_file_writer *w, FILE *f, const fc_buf *b, fc_error *err)
{
    if (w)
        return fc_file_write_chunk(w, b->data, b->len, err);
    if (fwrite(b->data, 1, b->len, f) != b->len)
        return fc_error_set(err, FC_EIO, NULL, 0, 0, "runs_csv", "cannot write to the stream: %s",
                            strerror(errno));
    return FC_OK;
}

/* The rows in chunks of about a megabyte, to the writer w or, when w is NULL, to f. */
static fc_status runs_csv_stream(const fc_sweep_result *r, fc_file_writer *w, FILE *f, fc_error *err)
{
    fc_status st = FC_OK;
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, CSV_HEADER);
    for (size_t run = 0; run < r->runs && !st; run++) {
        run_rows(&b, r, run);
        if (b.failed)
            st = fc_error_nomem(err);
        else if (b.len >= (1u << 20) || run + 1 == r->runs) {
            st = runs_csv_chunk(w, f, &b, err);
            b.len = 0;
            b.data[0] = '\0';
        }
    }
    if (!st && r->runs == 0)
        st = b.failed ? fc_error_nomem(err) : runs_csv_chunk(w, f, &b, err);
    fc_buf_free(&b);
    return st;
}

fc_status fc_sweep_print_runs_csv(const fc_sweep_result *r, FILE *f, fc_error *err)
{
    fc_status st = runs_csv_stream(r, NULL, f, err);
    if (!st && fflush(f) != 0)
        st = fc_error_set(err, FC_EIO, NULL, 0, 0, "runs_csv", "cannot write to the stream: %s", strerror(errno));
    return st;
}

/* To a file only: "-" names a file called "-" (the command line maps it to stdout). */
fc_status fc_sweep_write_runs_csv(const fc_sweep_result *r, const char *path, fc_error *err)
{
    if (!path || !path[0])
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "runs_csv", "no file named");
    fc_file_writer *w = NULL;
    fc_status st = fc_file_write_begin(path, NULL, &w, err);
    if (st)
        return st;
    if ((st = runs_csv_stream(r, w, NULL, err))) {
        fc_file_write_abort(w);
        return st;
    }
    return fc_file_write_commit(w, err);
}
