/* The per-thread engine of a sweep: a working copy of the problem that each run samples into,
 * and the call of the model. Any model works through the generic forecaster interface (which
 * allocates its forecast); EUM runs through its allocation-free engine (one workspace per
 * thread, the offers watched through its observer hooks). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/sweep_internal.h"
#include "fulcrum/eum.h"
#include "fulcrum/util.h"
#include "models/eum_internal.h"

struct sweep_engine {
    const sweep_ctx *c;
    fc_problem p;
    fc_eum_workspace *eum;   /* the EUM fast path: one workspace, no allocation per run */
};

/* Observer of the EUM fast path: marks each chosen offer and keeps the last state's median
 * (the model's point forecast, the same number its fc_forecast reports as the outcome). */
typedef struct eum_watch {
    size_t n;
    unsigned char *flags;
    uint32_t *list;
    size_t *n_list;
    double median;
    sweep_figures *fig;           /* NULL when not wanted */
    size_t decider;
    const double *cap;
    double total_cap, range;
} eum_watch;

/* One event's part of the dilemma figures, in the dilemma module's arithmetic (the gap of a
 * conflict is between the two actors' positions when the round began). */
static void add_figures(sweep_figures *fig, size_t decider, const double *cap, double total_cap, double range,
                        size_t challenger, size_t target, fc_event_kind kind, double eu_challenger, double gap_x)
{
    if (kind == FC_EVENT_CONFLICT) {
        double gap = gap_x / range;
        double share = total_cap > 0 ? (cap[challenger] + cap[target]) / total_cap : 0;
        fig->conflicts += 1;
        fig->instability += share * gap;
    }
    if (target == decider && kind != FC_EVENT_STALEMATE && isfinite(eu_challenger))
        fig->pressure += eu_challenger;
}

static void watch_move(void *ctx, size_t round, size_t i, size_t j, fc_event_kind kind, double e_ij,
                       double e_ji, double old_x, double new_x)
{
    (void)round, (void)e_ij;
    eum_watch *w = ctx;
    /* EUM's conflict moves the receiver i to the sender j's position: |old - new| is the gap. */
    if (w->fig)
        add_figures(w->fig, w->decider, w->cap, w->total_cap, w->range, j, i, kind, e_ji, fabs(new_x - old_x));
    if (!w->flags || (unsigned)kind >= SWEEP_EVENT_KINDS)
        return;
    uint32_t cell = (uint32_t)((j * w->n + i) * SWEEP_EVENT_KINDS + (size_t)kind);
    if (!w->flags[cell]) {
        w->flags[cell] = 1;
        w->list[(*w->n_list)++] = cell;
    }
}

/* A committed (fixed) decider refuses the offer it would have taken: it does not move, but the
 * challenge was made, and the dilemma module counts it (pressure, conflicts, instability). */
static void watch_refused(void *ctx, size_t round, size_t i, size_t j, fc_event_kind kind, double e_ij,
                          double e_ji, double old_x, double offered_x)
{
    watch_move(ctx, round, i, j, kind, e_ij, e_ji, old_x, offered_x);
}

static void watch_state(void *ctx, size_t round, const double *x, const double *r, double mean, double median)
{
    (void)round, (void)x, (void)r, (void)mean;
    ((eum_watch *)ctx)->median = median;
}

static double total_capability(const fc_problem *p)
{
    double t = 0;
    for (size_t i = 0; i < p->n_actors; i++)
        t += p->capability[i];
    return t;
}

static fc_status eval_eum(sweep_engine *e, double *outcome, unsigned char *flags, uint32_t *list,
                          size_t *n_list, sweep_figures *fig, fc_error *err)
{
    const fc_problem *p = &e->p;
    /* No events wanted (tornado): the plain entry point, which computes the median once at
     * the end instead of after every round. */
    if (!flags && !fig)
        return fc_eum_solve(e->eum, e->c->opts, p->n_actors, p->capability, p->position, p->salience, p->fixed,
                            NULL, outcome, err);
    eum_watch w = {.n = p->n_actors, .flags = flags, .list = list, .n_list = n_list, .fig = fig,
                   .decider = e->c->r->decider, .cap = p->capability};
    if (fig) {
        *fig = (sweep_figures){0, 0, 0};
        w.total_cap = total_capability(p);
        w.range = p->scale_max[0] - p->scale_min[0];
    }
    eum_observer obs = {.ctx = &w, .move = watch_move, .state = watch_state, .refused = fig ? watch_refused : NULL};
    fc_status st = eum_run(e->eum, e->c->opts, p->n_actors, p->capability, p->position, p->salience, p->fixed,
                           &obs, NULL, NULL, err);
    if (st)
        return st;
    outcome[0] = w.median;
    return FC_OK;
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
    if (c->model == &fc_model_eum && c->nominal.n_dims == 1) {
        e->eum = fc_eum_workspace_new(c->nominal.n_actors);
        if (!e->eum) {
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
    fc_eum_workspace_free(e->eum);
    free(e);
}

fc_problem *sweep_engine_problem(sweep_engine *e)
{
    return &e->p;
}

fc_status sweep_engine_eval(sweep_engine *e, double *outcome, unsigned char *flags,
                            uint32_t *list, size_t *n_list, sweep_figures *fig, fc_error *err)
{
    if (e->eum)
        return eval_eum(e, outcome, flags, list, n_list, fig, err);
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
        size_t n = p->n_actors;
        *fig = (sweep_figures){0, 0, 0};
        if (p->n_dims != 1) {
            *fig = (sweep_figures){NAN, NAN, NAN};
        } else {
            double total = total_capability(p), range = p->scale_max[0] - p->scale_min[0];
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
                            fabs(x[ev->challenger] - x[ev->target]));
            }
        }
    }
    fc_forecast_free(f);
    return FC_OK;
}
