/* The uncertain inputs of a sweep: which capabilities, positions and saliences vary, with
 * which distribution (a value's own uncertainty, else the scenario-wide default, else the
 * --jitter override of that default), and how a run's values are drawn from its stream. */
#include <math.h>
#include <stdlib.h>

#include "fulcrum/util.h"
#include "analysis/sweep_internal.h"

/* div turns scenario units into problem units exactly as fc_problem_from_scenario does
 * (saliences: one division by the scenario's scale), so a nominal draw is bit-identical. */
static int make_dist(const fc_value *v, double div, double lo, double hi, double def_sd,
                     int def_relative, fc_dist *d)
{
    const fc_uncertainty *u = &v->uncertainty;
    double mode = v->value / div;
    *d = (fc_dist){.kind = FC_DIST_FIXED, .mode = mode, .low = lo, .high = hi};
    switch (u->kind) {
    case FC_UNCERTAIN_NONE: {
        double sd = def_relative ? def_sd * fabs(v->value) : def_sd;
        sd /= div;
        if (!(sd > 0))
            return 0;
        d->kind = FC_DIST_NORMAL;
        d->sd = sd;
        return 1;
    }
    case FC_UNCERTAIN_NORMAL:
        if (!(u->sd > 0))
            return 0;
        d->kind = FC_DIST_NORMAL;
        d->sd = u->sd / div;
        return 1;
    case FC_UNCERTAIN_RANGE:
        d->kind = FC_DIST_UNIFORM;
        d->low = fmax(u->low / div, lo);
        d->high = fmin(u->high / div, hi);
        return d->high > d->low;
    case FC_UNCERTAIN_TRIANGULAR:
        d->kind = FC_DIST_TRIANGULAR;
        d->a = u->low / div;
        d->b = u->high / div;
        d->low = fmax(d->a, lo);
        d->high = fmin(d->b, hi);
        return d->b > d->a && d->high > d->low;
    }
    return 0;
}

static fc_status add_input(sweep_ctx *c, size_t *cap, size_t actor, size_t dim, fc_input_kind kind,
                           const fc_dist *d, fc_error *err)
{
    fc_sweep_result *r = c->r;
    if (r->n_inputs == *cap) {
        size_t ncap = *cap ? 2 * *cap : 16;
        fc_sweep_input *g = realloc(r->inputs, ncap * sizeof *g);
        if (!g)
            return fc_error_nomem(err);
        r->inputs = g;
        *cap = ncap;
    }
    size_t nd = c->nominal.n_dims;
    fc_sweep_input *in = &r->inputs[r->n_inputs];
    *in = (fc_sweep_input){.actor = actor, .dim = dim, .kind = kind, .dist = *d};
    fc_dist_prepare(&in->dist);
    in->low = fc_dist_quantile(&in->dist, 0.05);
    in->high = fc_dist_quantile(&in->dist, 0.95);
    in->out_low = calloc(3 * nd, sizeof *in->out_low);
    if (!in->out_low)
        return fc_error_nomem(err);
    in->out_high = in->out_low + nd;
    in->src = in->out_low + 2 * nd;
    for (size_t k = 0; k < 3 * nd; k++)
        in->out_low[k] = NAN;
    r->n_inputs++;
    return FC_OK;
}

fc_status sweep_inputs_build(sweep_ctx *c, fc_error *err)
{
    const fc_scenario *sc = c->sc;
    const fc_problem *p = &c->nominal;
    const fc_default_uncertainty *ju = &c->r->jitter;
    size_t nd = p->n_dims, cap = 0;
    for (size_t k = 0; k < p->n_actors; k++) {
        long ai = fc_scenario_actor_index(sc, p->actor_ids[k]);
        if (ai < 0)
            return fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL, "actor '%s' lost", p->actor_ids[k]);
        const fc_actor *a = &sc->actors[ai];
        fc_dist d;
        fc_status st;
        if (make_dist(&a->capability, 1.0, 0.0, INFINITY, ju->capability_sd, ju->capability_relative, &d) &&
            (st = add_input(c, &cap, k, 0, FC_INPUT_CAPABILITY, &d, err)))
            return st;
        for (size_t dim = 0; dim < nd; dim++) {
            long ii = fc_scenario_issue_index(sc, p->dim_ids[dim]);
            if (ii < 0 || !a->stances[ii].present)
                continue; /* silent on the issue: salience 0, nothing to vary */
            const fc_stance *s = &a->stances[ii];
            if (make_dist(&s->position, 1.0, p->scale_min[dim], p->scale_max[dim], ju->position_sd,
                          ju->position_relative, &d) &&
                (st = add_input(c, &cap, k, dim, FC_INPUT_POSITION, &d, err)))
                return st;
            if (make_dist(&s->salience, sc->salience_max, 0.0, 1.0, ju->salience_sd,
                          ju->salience_relative, &d) &&
                (st = add_input(c, &cap, k, dim, FC_INPUT_SALIENCE, &d, err)))
                return st;
        }
    }
    return FC_OK;
}

static double *slot(fc_problem *p, const fc_sweep_input *in)
{
    switch (in->kind) {
    case FC_INPUT_CAPABILITY: return &p->capability[in->actor];
    case FC_INPUT_POSITION: return &p->position[in->actor * p->n_dims + in->dim];
    case FC_INPUT_SALIENCE: return &p->salience[in->actor * p->n_dims + in->dim];
    }
    return &p->capability[in->actor];
}

void sweep_inputs_apply(const sweep_ctx *c, fc_problem *p, int64_t run, size_t only, double value)
{
    const fc_sweep_result *r = c->r;
    for (size_t k = 0; k < r->n_inputs; k++) {
        const fc_sweep_input *in = &r->inputs[k];
        double x;
        if (k == only)
            x = value;
        else if (run < 0)
            x = in->dist.mode;
        else
            x = fc_dist_quantile(&in->dist, fc_rng_uniform(r->seed, (uint64_t)run, k));
        *slot(p, in) = x;
    }
}

double fc_sweep_input_sample(const fc_sweep_result *r, uint64_t run, size_t k)
{
    return fc_dist_quantile(&r->inputs[k].dist, fc_rng_uniform(r->seed, run, k));
}
