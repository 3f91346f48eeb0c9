/* The per-thread engine of a sweep: a working copy of the problem that each run samples into,
 * and the call of the model. Any model works through the generic forecaster interface (which
 * allocates its forecast); models with an allocation-free entry point get a fast path. */
#include <stdlib.h>
#include <string.h>

#include "analysis/sweep_internal.h"

struct sweep_engine {
    const sweep_ctx *c;
    fc_problem p;
};

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
    *out = e;
    return FC_OK;
}

void sweep_engine_free(sweep_engine *e)
{
    if (!e)
        return;
    fc_problem_free(&e->p);
    free(e);
}

fc_problem *sweep_engine_problem(sweep_engine *e)
{
    return &e->p;
}

fc_status sweep_engine_eval(sweep_engine *e, double *outcome, unsigned char *flags,
                            uint32_t *list, size_t *n_list, fc_error *err)
{
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
