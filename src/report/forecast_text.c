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

static void trace(fc_buf *b, const fc_forecast_set *set, const fc_forecast *f)
{
    const fc_problem *p = set->problem;
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
            trace(&b, set, f);
    }

    if (sc->n_sources) {
        fc_buf_puts(&b, "\nSources:\n");
        for (size_t i = 0; i < sc->n_sources; i++) {
            const fc_source *s = &sc->sources[i];
            fc_buf_printf(&b, "  [%s] %s%s%s\n", s->id ? s->id : "-", s->citation, s->url ? " " : "",
                          s->url ? s->url : "");
        }
    }
    *out = fc_buf_take(&b);
    if (!*out)
        return fc_error_nomem(err);
    return FC_OK;
}
