/* The text report of a forecast: the issue and its scale, the actors sorted by position on
 * a drawn scale with a bar of their weight, every model's forecast marked on the same scale,
 * the explanations, optionally every round and event, and the sources. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/report.h"
#include "fulcrum/util.h"
#include "util/strutil.h"

#define SCALE_WIDTH 41
#define BAR_WIDTH 12

static int column_of(double x, double lo, double hi)
{
    double t = hi > lo ? (x - lo) / (hi - lo) : 0.5;
    int c = (int)lround(t * (SCALE_WIDTH - 1));
    return c < 0 ? 0 : c >= SCALE_WIDTH ? SCALE_WIDTH - 1 : c;
}

static void scale_row(fc_buf *b, double x, double lo, double hi, char mark)
{
    char line[SCALE_WIDTH + 1];
    memset(line, '.', SCALE_WIDTH);
    line[SCALE_WIDTH] = '\0';
    line[column_of(x, lo, hi)] = mark;
    fc_buf_puts(b, line);
}

static void number(fc_buf *b, const char *fmt, double v)
{
    if (isnan(v))
        fc_buf_puts(b, "n/a");
    else
        fc_buf_printf(b, fmt, v);
}

/* Actor names can be long: cut at a width, counting UTF-8 characters, padding to it. */
static void padded(fc_buf *b, const char *s, size_t width)
{
    size_t chars = 0;
    const char *p = s;
    while (*p && chars < width) {
        const char *start = p++;
        while ((*p & 0xC0) == 0x80)
            p++;
        if (chars == width - 1 && *p) {
            fc_buf_puts(b, "~");
            chars++;
            break;
        }
        fc_buf_append(b, start, (size_t)(p - start));
        chars++;
    }
    for (; chars < width; chars++)
        fc_buf_puts(b, " ");
}

/* Prints text broken at spaces into lines of at most `width` bytes, continuation lines
 * indented by `indent`; the first line continues the current one. */
static void wrapped(fc_buf *b, const char *text, int indent, size_t width)
{
    const char *p = text;
    while (*p) {
        size_t len = strlen(p);
        if (len <= width) {
            fc_buf_printf(b, "%s\n", p);
            return;
        }
        size_t cut = width;
        while (cut > 0 && p[cut] != ' ')
            cut--;
        if (cut == 0)
            cut = width;
        fc_buf_append(b, p, cut);
        fc_buf_printf(b, "\n%*s", indent, "");
        p += cut;
        while (*p == ' ')
            p++;
    }
    fc_buf_puts(b, "\n");
}

typedef struct {
    size_t index;
    double x;
} sorted_actor;

static int by_x(const void *a, const void *b)
{
    const sorted_actor *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    return p->index < q->index ? -1 : p->index > q->index;
}

static void trace(fc_buf *b, const fc_problem *p, const fc_forecast *f)
{
    size_t nd = p->n_dims;
    const fc_series *risk = fc_forecast_find_series(f, "risk");
    fc_buf_printf(b, "\n  Rounds of %s%s%s%s:\n", f->model, f->preset[0] ? " (" : "", f->preset,
                  f->preset[0] ? ")" : "");
    for (size_t t = 0; t <= f->n_rounds; t++) {
        fc_buf_printf(b, "  round %zu: median ", t);
        number(b, "%.6g", f->median[t * nd]);
        fc_buf_puts(b, ", mean ");
        number(b, "%.6g", f->mean[t * nd]);
        fc_buf_puts(b, ", forecast ");
        number(b, "%.6g", f->point[t * nd]);
        fc_buf_puts(b, "\n    positions:");
        const double *pos = fc_forecast_positions_at(f, t);
        for (size_t i = 0; i < p->n_actors; i++)
            fc_buf_printf(b, " %s=%.6g", p->actor_ids[i], pos[i * nd]);
        fc_buf_puts(b, "\n");
        if (risk && t > 0) {
            fc_buf_puts(b, "    risk:");
            for (size_t i = 0; i < p->n_actors; i++)
                fc_buf_printf(b, " %s=%.4f", p->actor_ids[i], risk->values[t * risk->width + i]);
            fc_buf_puts(b, "\n");
        }
        for (size_t e = 0; e < f->n_events; e++) {
            const fc_event *ev = &f->events[e];
            if ((size_t)ev->round != t)
                continue;
            fc_buf_printf(b, "    %s %s %s: %.6g -> %.6g (expected utility %.6g vs %.6g)%s\n",
                          p->actor_ids[ev->target],
                          ev->kind == FC_EVENT_CONFLICT       ? "loses a conflict to"
                          : ev->kind == FC_EVENT_COMPROMISE   ? "compromises with"
                          : ev->kind == FC_EVENT_CAPITULATION ? "gives way to"
                          : ev->kind == FC_EVENT_BARGAIN      ? "is offered a bargain by"
                                                              : "stalemates with",
                          p->actor_ids[ev->challenger], fc_event_old_position(f, ev)[0],
                          fc_event_new_position(f, ev)[0], ev->eu_target, ev->eu_challenger,
                          ev->accepted == 0 ? " refused" : "");
        }
    }
}

/* ---- Several issues ---- */

/* One forecast row of an issue's table: a model's forecast of that issue, made on the issue
 * alone or (joint) on every issue at once, where dim is the issue's dimension. */
typedef struct issue_row {
    const fc_forecast *f;
    size_t dim;
    int joint;
} issue_row;

static void model_label(char *out, size_t size, const fc_forecast *f, int joint)
{
    snprintf(out, size, "%s%s%s%s%s", f->model, f->preset[0] ? " (" : "", f->preset, f->preset[0] ? ")" : "",
             joint ? ", joint" : "");
}

/* The issue's heading, anchors, actors on the scale and every model's forecast of it. */
static fc_status issue_block(fc_buf *b, const fc_scenario *sc, const fc_problem *p, size_t d,
                             const issue_row *rows, size_t n_rows, fc_error *err)
{
    long ix = fc_scenario_issue_index(sc, p->dim_ids[d]);
    const fc_issue *is = ix >= 0 ? &sc->issues[ix] : NULL;
    double lo = p->scale_min[d], hi = p->scale_max[d];
    fc_buf_printf(b, "\nIssue: %s [%s], scale %g to %g", is && is->label ? is->label : p->dim_ids[d], p->dim_ids[d],
                  lo, hi);
    if (!isnan(p->status_quo[d]))
        fc_buf_printf(b, ", status quo %g", p->status_quo[d]);
    fc_buf_puts(b, "\n");
    if (is)
        for (size_t k = 0; k < is->n_anchors; k++) {
            fc_buf_printf(b, "  %6g  ", is->anchors[k].point);
            wrapped(b, is->anchors[k].text, 10, 92);
        }
    sorted_actor *order = malloc(p->n_actors * sizeof *order);
    if (!order)
        return fc_error_nomem(err);
    double wmax = 0;
    for (size_t i = 0; i < p->n_actors; i++) {
        order[i].index = i;
        order[i].x = p->position[i * p->n_dims + d];
        double w = p->capability[i] * p->salience[i * p->n_dims + d];
        if (w > wmax)
            wmax = w;
    }
    qsort(order, p->n_actors, sizeof *order, by_x);
    fc_buf_printf(b, "\n  %-30s %8s  %-*s  %s\n", "actor", "position", SCALE_WIDTH, "on the scale",
                  "weight (capability x salience)");
    for (size_t k = 0; k < p->n_actors; k++) {
        size_t i = order[k].index;
        double w = p->capability[i] * p->salience[i * p->n_dims + d];
        fc_buf_puts(b, "  ");
        padded(b, p->actor_names[i], 30);
        fc_buf_printf(b, " %8.4g  ", order[k].x);
        scale_row(b, order[k].x, lo, hi, 'o');
        int bar = wmax > 0 ? (int)lround(w / wmax * BAR_WIDTH) : 0;
        fc_buf_puts(b, "  ");
        fc_buf_repeat(b, "#", (size_t)bar);
        fc_buf_repeat(b, " ", (size_t)(BAR_WIDTH - bar));
        fc_buf_printf(b, " %.4g\n", w);
    }
    free(order);
    fc_buf_puts(b, "\n");
    for (size_t m = 0; m < n_rows; m++) {
        const fc_forecast *f = rows[m].f;
        char name[72], label[80];
        model_label(name, sizeof name, f, rows[m].joint);
        snprintf(label, sizeof label, "forecast: %s", name);
        fc_buf_puts(b, "  ");
        padded(b, label, 30);
        fc_buf_printf(b, " %8.4g  ", f->outcome[rows[m].dim]);
        scale_row(b, f->outcome[rows[m].dim], lo, hi, '^');
        if (f->n_rounds > 1)
            fc_buf_printf(b, "  after %zu rounds%s", f->n_rounds, f->converged == 1 ? ", converged" : "");
        fc_buf_puts(b, "\n");
    }
    fc_buf_printf(b, "  %-30s %8s  %-*g%*g\n", "", "", SCALE_WIDTH / 2, lo, SCALE_WIDTH - SCALE_WIDTH / 2, hi);
    return FC_OK;
}

/* The explanations (and with trace every round) of one part's forecasts, each headed by the
 * issue it concerns. */
static void explanations(fc_buf *b, const fc_problem *p, const fc_forecast *const *fs, size_t n, int joint,
                         int with_trace)
{
    for (size_t m = 0; m < n; m++) {
        const fc_forecast *f = fs[m];
        if (f->explanation) {
            char name[72];
            model_label(name, sizeof name, f, 0);
            if (joint)
                fc_buf_printf(b, "\n%s on every issue at once:\n  ", name);
            else
                fc_buf_printf(b, "\n%s on %s:\n  ", name, p->dim_ids[0]);
            wrapped(b, f->explanation, 2, 92);
        }
        if (with_trace && f->n_rounds > 1)
            trace(b, p, f);
    }
}

/* Every issue of the scenario: a table of every model's forecast of every issue first (the
 * answer at a glance), then each issue's actors and forecasts on its scale, then what the
 * models say. The joint models' forecasts appear in each issue's rows, marked "joint". */
static fc_status report_issues(fc_buf *b, const fc_forecast_set *set, fc_error *err)
{
    const fc_scenario *sc = set->scenario;
    size_t n_issue_parts = 1 + set->n_parts;
    const fc_run_part *joint = NULL;
    if (set->n_parts && set->parts[set->n_parts - 1].problem.n_dims > 1) {
        joint = &set->parts[set->n_parts - 1];
        n_issue_parts--;
    }
    /* Part k's problem and forecasts: k 0 is the set's own. */
#define PART_P(k) ((k) == 0 ? set->problem : &set->parts[(k) - 1].problem)
#define PART_N(k) ((k) == 0 ? set->n_forecasts : set->parts[(k) - 1].n_forecasts)
#define PART_F(k) ((k) == 0 ? set->forecasts : (const fc_forecast *const *)set->parts[(k) - 1].forecasts)
    char intro[640];
    size_t len = (size_t)snprintf(intro, sizeof intro,
                                  "%zu issues, each forecast by every model of one issue on that issue alone",
                                  n_issue_parts);
    for (size_t m = 0; joint && m < joint->n_forecasts && len < sizeof intro; m++)
        len += (size_t)snprintf(intro + len, sizeof intro - len, "%s%s",
                                m ? (m + 1 == joint->n_forecasts ? " and " : ", ") : "; ", joint->forecasts[m]->model);
    if (joint && len < sizeof intro)
        len += (size_t)snprintf(intro + len, sizeof intro - len,
                                " (joint) %s over all %zu issues at once, so %s forecast of an issue depends on "
                                "the others and differs from a run on that issue alone",
                                joint->n_forecasts > 1 ? "bargain" : "bargains", joint->problem.n_dims,
                                joint->n_forecasts > 1 ? "their" : "its");
    if (len < sizeof intro)
        snprintf(intro + len, sizeof intro - len, ".");
    fc_buf_puts(b, "\n");
    wrapped(b, intro, 0, 92);
    fc_buf_puts(b, "\n");
    /* The table: one row per model (preset), one column per issue; a model that did not run
     * on an issue (refused, or no status quo there) leaves "-". Rows in the order of the
     * first part that has them. */
    size_t cap = 0;
    for (size_t k = 0; k < n_issue_parts; k++)
        cap += PART_N(k);
    cap += joint ? joint->n_forecasts : 0;
    issue_row *names = malloc((cap ? cap : 1) * sizeof *names);
    if (!names)
        return fc_error_nomem(err);
    size_t n_names = 0;
    for (size_t k = 0; k <= n_issue_parts; k++) {
        int is_joint = k == n_issue_parts;
        if (is_joint && !joint)
            break;
        size_t n = is_joint ? joint->n_forecasts : PART_N(k);
        const fc_forecast *const *fs = is_joint ? (const fc_forecast *const *)joint->forecasts : PART_F(k);
        for (size_t m = 0; m < n; m++) {
            size_t j = 0;
            while (j < n_names && !(names[j].joint == is_joint && strcmp(names[j].f->model, fs[m]->model) == 0 &&
                                    strcmp(names[j].f->preset, fs[m]->preset) == 0))
                j++;
            if (j == n_names)
                names[n_names++] = (issue_row){.f = fs[m], .joint = is_joint};
        }
    }
    fc_buf_printf(b, "  %-24s", "forecast");
    for (size_t k = 0; k < n_issue_parts; k++) {
        fc_buf_puts(b, " ");
        const char *id = PART_P(k)->dim_ids[0];
        size_t len = strlen(id);
        if (len < 10)
            fc_buf_repeat(b, " ", 10 - len);
        padded(b, id, len < 10 ? len : 10);
    }
    fc_buf_puts(b, "\n");
    for (size_t j = 0; j < n_names; j++) {
        char name[72];
        model_label(name, sizeof name, names[j].f, names[j].joint);
        fc_buf_puts(b, "  ");
        padded(b, name, 24);
        for (size_t k = 0; k < n_issue_parts; k++) {
            const fc_problem *pk = PART_P(k);
            double v = NAN;
            int found = 0;
            if (names[j].joint) {
                for (size_t d = 0; d < joint->problem.n_dims; d++)
                    if (strcmp(joint->problem.dim_ids[d], pk->dim_ids[0]) == 0)
                        v = names[j].f->outcome[d], found = 1;
            } else
                for (size_t m = 0; m < PART_N(k); m++) {
                    const fc_forecast *f = PART_F(k)[m];
                    if (strcmp(f->model, names[j].f->model) == 0 && strcmp(f->preset, names[j].f->preset) == 0)
                        v = f->outcome[0], found = 1;
                }
            if (found && !isnan(v))
                fc_buf_printf(b, " %10.4g", v);
            else
                fc_buf_printf(b, " %10s", found ? "n/a" : "-");
        }
        fc_buf_puts(b, "\n");
    }
    free(names);

    fc_status st = FC_OK;
    for (size_t k = 0; k < n_issue_parts && !st; k++) {
        const fc_problem *pk = PART_P(k);
        size_t n = PART_N(k), nj = joint ? joint->n_forecasts : 0;
        issue_row *rows = malloc((n + nj ? n + nj : 1) * sizeof *rows);
        if (!rows)
            return fc_error_nomem(err);
        for (size_t m = 0; m < n; m++)
            rows[m] = (issue_row){.f = PART_F(k)[m]};
        size_t nr = n;
        for (size_t m = 0; m < nj; m++)
            for (size_t d = 0; d < joint->problem.n_dims; d++)
                if (strcmp(joint->problem.dim_ids[d], pk->dim_ids[0]) == 0)
                    rows[nr++] = (issue_row){.f = joint->forecasts[m], .dim = d, .joint = 1};
        st = issue_block(b, sc, pk, 0, rows, nr, err);
        free(rows);
        if (!st)
            explanations(b, pk, PART_F(k), n, 0, set->trace);
    }
    if (!st && joint)
        explanations(b, &joint->problem, (const fc_forecast *const *)joint->forecasts, joint->n_forecasts, 1,
                     set->trace);
#undef PART_P
#undef PART_N
#undef PART_F
    return st;
}

static void sources(fc_buf *b, const fc_scenario *sc)
{
    if (sc->n_sources) {
        fc_buf_puts(b, "\nSources:\n");
        for (size_t i = 0; i < sc->n_sources; i++) {
            const fc_source *s = &sc->sources[i];
            fc_buf_printf(b, "  [%s] %s%s%s\n", s->id ? s->id : "-", s->citation, s->url ? " " : "",
                          s->url ? s->url : "");
        }
    }
}

fc_status fc_report_text(const fc_forecast_set *set, char **out, fc_error *err)
{
    const fc_scenario *sc = set->scenario;
    const fc_problem *p = set->problem;
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_printf(&b, "%s", sc->title ? sc->title : "(untitled scenario)");
    if (sc->date)
        fc_buf_printf(&b, " (%s)", sc->date);
    fc_buf_puts(&b, "\n");

    if (set->n_parts) {
        fc_status st = report_issues(&b, set, err);
        if (st) {
            fc_buf_free(&b);
            return st;
        }
        sources(&b, sc);
        *out = fc_buf_take(&b);
        return *out ? FC_OK : fc_error_nomem(err);
    }
    /* One problem of several issues: a joint model named alone, which says so. */
    if (p->n_dims > 1 && set->n_forecasts) {
        char line[256];
        snprintf(line, sizeof line, "These forecasts bargain over all %zu issues at once (joint), so each issue's "
                                    "forecast depends on the others and differs from a run on that issue alone.",
                 p->n_dims);
        fc_buf_puts(&b, "\n");
        wrapped(&b, line, 0, 92);
    }

    for (size_t d = 0; d < p->n_dims; d++) {
        long ix = fc_scenario_issue_index(sc, p->dim_ids[d]);
        const fc_issue *is = ix >= 0 ? &sc->issues[ix] : NULL;
        double lo = p->scale_min[d], hi = p->scale_max[d];
        fc_buf_printf(&b, "\nIssue: %s [%s], scale %g to %g", is && is->label ? is->label : p->dim_ids[d],
                      p->dim_ids[d], lo, hi);
        if (!isnan(p->status_quo[d]))
            fc_buf_printf(&b, ", status quo %g", p->status_quo[d]);
        fc_buf_puts(&b, "\n");
        if (is)
            for (size_t k = 0; k < is->n_anchors; k++) {
                fc_buf_printf(&b, "  %6g  ", is->anchors[k].point);
                wrapped(&b, is->anchors[k].text, 10, 92);
            }

        sorted_actor *order = malloc(p->n_actors * sizeof *order);
        double wmax = 0;
        if (!order) {
            fc_buf_free(&b);
            return fc_error_nomem(err);
        }
        for (size_t i = 0; i < p->n_actors; i++) {
            order[i].index = i;
            order[i].x = p->position[i * p->n_dims + d];
            double w = p->capability[i] * p->salience[i * p->n_dims + d];
            if (w > wmax)
                wmax = w;
        }
        qsort(order, p->n_actors, sizeof *order, by_x);
        fc_buf_printf(&b, "\n  %-30s %8s  %-*s  %s\n", "actor", "position", SCALE_WIDTH, "on the scale",
                      "weight (capability x salience)");
        for (size_t k = 0; k < p->n_actors; k++) {
            size_t i = order[k].index;
            double w = p->capability[i] * p->salience[i * p->n_dims + d];
            fc_buf_puts(&b, "  ");
            padded(&b, p->actor_names[i], 30);
            fc_buf_printf(&b, " %8.4g  ", order[k].x);
            scale_row(&b, order[k].x, lo, hi, 'o');
            int bar = wmax > 0 ? (int)lround(w / wmax * BAR_WIDTH) : 0;
            fc_buf_puts(&b, "  ");
            fc_buf_repeat(&b, "#", (size_t)bar);
            fc_buf_repeat(&b, " ", (size_t)(BAR_WIDTH - bar));
            fc_buf_printf(&b, " %.4g\n", w);
        }
        free(order);
        fc_buf_puts(&b, "\n");
        for (size_t m = 0; m < set->n_forecasts; m++) {
            const fc_forecast *f = set->forecasts[m];
            char label[80];
            snprintf(label, sizeof label, "forecast: %s%s%s%s", f->model, f->preset[0] ? " (" : "",
                     f->preset, f->preset[0] ? ")" : "");
            fc_buf_puts(&b, "  ");
            padded(&b, label, 30);
            fc_buf_printf(&b, " %8.4g  ", f->outcome[d]);
            scale_row(&b, f->outcome[d], lo, hi, '^');
            if (f->n_rounds > 1)
                fc_buf_printf(&b, "  after %zu rounds%s", f->n_rounds, f->converged == 1 ? ", converged" : "");
            fc_buf_puts(&b, "\n");
        }
        fc_buf_printf(&b, "  %-30s %8s  %-*g%*g\n", "", "", SCALE_WIDTH / 2, lo, SCALE_WIDTH - SCALE_WIDTH / 2, hi);
    }

    for (size_t m = 0; m < set->n_forecasts; m++) {
        const fc_forecast *f = set->forecasts[m];
        if (f->explanation) {
            fc_buf_printf(&b, "\n%s%s%s%s:\n  ", f->model, f->preset[0] ? " (" : "", f->preset,
                          f->preset[0] ? ")" : "");
            wrapped(&b, f->explanation, 2, 92);
        }
        if (set->trace && f->n_rounds > 1)
            trace(&b, p, f);
    }

    sources(&b, sc);
    *out = fc_buf_take(&b);
    if (!*out)
        return fc_error_nomem(err);
    return FC_OK;
}
