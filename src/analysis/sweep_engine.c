/* The per-thread engine of a sweep: a working copy of the problem that each run samples into,
 * and the call of the model. A model with a fast path (fc_model's workspace and solve) runs
 * in one workspace per thread, allocating nothing, its offers watched as they are made; any
 * other runs through the forecaster interface, which builds a whole forecast per run. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/sweep_internal.h"
#include "fulcrum/util.h"

struct sweep_engine {
    const sweep_ctx *c;
    fc_problem p;
    void *ws;                     /* the model's fast-path workspace; NULL: through run */
    sweep_issues *issues;         /* every issue on its own (sweep_issues.c), or NULL */
};

/* What a fast-path run reports to: each offer's event cell and its part of the figures. */
typedef struct offer_watch {
    size_t n;
    unsigned char *flags;
    uint32_t *list;
    size_t *n_list;
    sweep_figures *fig;           /* NULL when not wanted */
    size_t decider;
    const double *cap;
    double total_cap, range;
} offer_watch;

/* One event's part of the dilemma figures, in the dilemma module's arithmetic (the gap of a
 * conflict is between the two actors' positions when the round began). range <= 0: a problem
 * of several issues, where pressure and conflicts count but instability (a distance on one
 * scale) is not defined and stays NaN. */
static void add_figures(sweep_figures *fig, size_t decider, const double *cap, double total_cap, double range,
                        size_t challenger, size_t target, fc_event_kind kind, double eu_challenger, double gap_x)
{
    if (kind == FC_EVENT_CONFLICT) {
        fig->conflicts += 1;
        if (range > 0) {
            double gap = gap_x / range;
            double share = total_cap > 0 ? (cap[challenger] + cap[target]) / total_cap : 0;
            fig->instability += share * gap;
        }
    }
    if (target == decider && kind != FC_EVENT_STALEMATE && isfinite(eu_challenger))
        fig->pressure += eu_challenger;
}

/* The figures before the first event: instability only on one issue. */
static sweep_figures figures_start(const fc_problem *p)
{
    return (sweep_figures){0, 0, p->n_dims == 1 ? 0 : NAN, 1};
}

static void watch_offer(void *ctx, const fc_model_offer *o)
{
    offer_watch *w = ctx;
    /* A conflict moves the target to the challenger's position: |old - new| is their gap
     * when the round began. */
    if (w->fig)
        add_figures(w->fig, w->decider, w->cap, w->total_cap, w->range, o->challenger, o->target, o->kind,
                    o->eu_challenger, fabs(o->new_x - o->old_x));
    if (!w->flags || (unsigned)o->kind >= SWEEP_EVENT_KINDS)
        return;
    uint32_t cell = (uint32_t)((o->challenger * w->n + o->target) * SWEEP_EVENT_KINDS + (size_t)o->kind);
    if (!w->flags[cell]) {
        w->flags[cell] = 1;
        w->list[(*w->n_list)++] = cell;
    }
}

static double total_capability(const fc_problem *p)
{
    double t = 0;
    for (size_t i = 0; i < p->n_actors; i++)
        t += p->capability[i];
    return t;
}

static fc_status eval_fast(sweep_engine *e, double *outcome, unsigned char *flags, uint32_t *list,
                           size_t *n_list, sweep_figures *fig, fc_error *err)
{
    const fc_problem *p = &e->p;
    const fc_model *m = e->c->model;
    /* No events wanted (tornado, nominal): nothing watched. */
    if (!flags && !fig)
        return m->solve(e->ws, p, e->c->opts, NULL, outcome, err);
    offer_watch w = {.n = p->n_actors, .flags = flags, .list = list, .n_list = n_list, .fig = fig,
                     .decider = e->c->r->decider, .cap = p->capability};
    if (fig) {
        /* A fast path ends where run's forecast ends; it keeps no rounds to judge whether that
         * is at rest, so its runs count as stable (docs/uncertainty.md). */
        *fig = figures_start(p);
        w.total_cap = total_capability(p);
        w.range = p->n_dims == 1 ? p->scale_max[0] - p->scale_min[0] : 0;
    }
    /* The refusals of fixed targets count for the figures only (as they always have). */
    fc_model_watch watch = {.ctx = &w, .offer = watch_offer, .refused = fig != NULL};
    return m->solve(e->ws, p, e->c->opts, &watch, outcome, err);
}

int sweep_forecast_stable(const fc_forecast *f, const fc_problem *p)
{
    /* The dilemma's rule (docs/dilemma.md): stopped at the round limit while the last round
     * still moved the forecast by more than 0.1% of the scale, on any issue. */
    if (f->converged != 0 || f->n_rounds == 0)
        return 1;
    size_t nd = f->n_dims, T = f->n_rounds;
    for (size_t d = 0; d < nd; d++) {
        double range = p->scale_max[d] - p->scale_min[d];
        if (fabs(f->point[T * nd + d] - f->point[(T - 1) * nd + d]) > 0.001 * range)
            return 0;
    }
    return 1;
}

fc_status sweep_engine_new(const sweep_ctx *c, sweep_engine **out, fc_error *err)
{
    *out = NULL;
    sweep_engine *e = calloc(1, sizeof *e);
    if (!e)
        return fc_error_nomem(err);
    e->c = c;
    fc_status st = fc_problem_copy(&e->p, &c->nominal, err);
    if (st) {
        free(e);
        return st;
    }
    if (!e->p.fixed) {
        e->p.fixed = calloc(e->p.n_actors ? e->p.n_actors : 1, 1);
        if (!e->p.fixed) {
            sweep_engine_free(e);
            return fc_error_nomem(err);
        }
    }
    const fc_model *m = c->model;
    if (c->per_issue) {
        fc_status ist = sweep_issues_new(c, &e->issues, err);
        if (ist) {
            sweep_engine_free(e);
            return ist;
        }
        *out = e;
        return FC_OK;
    }
    if (m->solve && m->workspace_new && m->workspace_free && (m->max_dims == 0 || c->nominal.n_dims <= m->max_dims)) {
        e->ws = m->workspace_new(c->nominal.n_actors, c->nominal.n_dims);
        if (!e->ws) {
            sweep_engine_free(e);
            return fc_error_nomem(err);
        }
    }
    *out = e;
    return FC_OK;
}

void sweep_engine_free(sweep_engine *e)
{
    if (!e)
        return;
    fc_problem_free(&e->p);
    sweep_issues_free(e->issues);
    if (e->ws)
        e->c->model->workspace_free(e->ws);
    free(e);
}

fc_problem *sweep_engine_problem(sweep_engine *e)
{
    return &e->p;
}

fc_status sweep_engine_eval(sweep_engine *e, double *outcome, unsigned char *flags,
                            uint32_t *list, size_t *n_list, sweep_figures *fig, fc_error *err)
{
    if (e->issues)
        return sweep_issues_eval(e->issues, &e->p, outcome, flags, list, n_list, fig, err);
    if (e->ws)
        return eval_fast(e, outcome, flags, list, n_list, fig, err);
    const sweep_ctx *c = e->c;
    fc_forecast *f = NULL;
    fc_status st = c->model->run(&e->p, c->opts, &f, err);
    if (st)
        return st;
    memcpy(outcome, f->outcome, e->p.n_dims * sizeof *outcome);
    if (flags) {
        size_t n = e->p.n_actors;
        for (size_t k = 0; k < f->n_events; k++) {
            const fc_event *ev = &f->events[k];
            if (ev->challenger < 0 || ev->target < 0 || (size_t)ev->challenger >= n ||
                (size_t)ev->target >= n || (unsigned)ev->kind >= SWEEP_EVENT_KINDS)
                continue;
            uint32_t cell = (uint32_t)(((size_t)ev->challenger * n + (size_t)ev->target) * SWEEP_EVENT_KINDS +
                                       (size_t)ev->kind);
            if (!flags[cell]) {
                flags[cell] = 1;
                list[(*n_list)++] = cell;
            }
        }
    }
    if (fig) {
        const fc_problem *p = &e->p;
        size_t n = p->n_actors, nd = p->n_dims;
        *fig = figures_start(p);
        double total = total_capability(p), range = nd == 1 ? p->scale_max[0] - p->scale_min[0] : 0;
        for (size_t k = 0; k < f->n_events; k++) {
            const fc_event *ev = &f->events[k];
            if (ev->challenger < 0 || ev->target < 0 || (size_t)ev->challenger >= n || (size_t)ev->target >= n)
                continue;
            size_t t = ev->round > 0 ? (size_t)ev->round - 1 : 0;
            if (t > f->n_rounds)
                t = f->n_rounds;
            const double *x = fc_forecast_positions_at(f, t);
            add_figures(fig, e->c->r->decider, p->capability, total, range, (size_t)ev->challenger,
                        (size_t)ev->target, ev->kind, ev->eu_challenger,
                        fabs(x[(size_t)ev->challenger * nd] - x[(size_t)ev->target * nd]));
        }
        fig->stable = sweep_forecast_stable(f, p) ? 1.0 : 0.0;
    }
    fc_forecast_free(f);
    return FC_OK;
}
