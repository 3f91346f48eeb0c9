/* The per-thread engine of a sweep: a working copy of the problem that each run samples into,
 * and the call of the model. Any model works through the generic forecaster interface (which
 * allocates its forecast); EUM runs through its allocation-free engine (one workspace per
 * thread, the offers watched through its observer hooks). */
#include <stdlib.h>
#include <string.h>

#include "analysis/sweep_internal.h"
#include "fulcrum/eum.h"
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
} eum_watch;

static void watch_move(void *ctx, size_t round, size_t i, size_t j, fc_event_kind kind, double e_ij,
                       double e_ji, double old_x, double new_x)
{
    (void)round, (void)e_ij, (void)e_ji, (void)old_x, (void)new_x;
    eum_watch *w = ctx;
    if (!w->flags || (unsigned)kind >= SWEEP_EVENT_KINDS)
        return;
    uint32_t cell = (uint32_t)((j * w->n + i) * SWEEP_EVENT_KINDS + (size_t)kind);
    if (!w->flags[cell]) {
        w->flags[cell] = 1;
        w->list[(*w->n_list)++] = cell;
    }
}

static void watch_state(void *ctx, size_t round, const double *x, const double *r, double mean, double median)
{
    (void)round, (void)x, (void)r, (void)mean;
    ((eum_watch *)ctx)->median = median;
}

static fc_status eval_eum(sweep_engine *e, double *outcome, unsigned char *flags, uint32_t *list,
                          size_t *n_list, fc_error *err)
{
    const fc_problem *p = &e->p;
    /* No events wanted (choices, tornado): the plain entry point, which computes the median
     * once at the end instead of after every round. */
    if (!flags)
        return fc_eum_solve(e->eum, e->c->opts, p->n_actors, p->capability, p->position, p->salience, p->fixed,
                            NULL, outcome, err);
    eum_watch w = {.n = p->n_actors, .flags = flags, .list = list, .n_list = n_list};
    eum_observer obs = {.ctx = &w, .move = watch_move, .state = watch_state};
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
        return fc_error_set(err, FC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
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
            return fc_error_set(err, FC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
        }
    }
    if (c->model == &fc_model_eum && c->nominal.n_dims == 1) {
        e->eum = fc_eum_workspace_new(c->nominal.n_actors);
        if (!e->eum) {
            sweep_engine_free(e);
            return fc_error_set(err, FC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
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
                            uint32_t *list, size_t *n_list, fc_error *err)
{
    if (e->eum)
        return eval_eum(e, outcome, flags, list, n_list, err);
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
    fc_forecast_free(f);
    return FC_OK;
}
