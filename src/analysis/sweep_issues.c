/* Every issue of a scenario in a choices sweep with a one-issue model: the run samples every
 * issue's estimates into one problem (each capability once, so all issues of a run share it),
 * then the model forecasts each issue on its own, as the dilemma's every-issue analysis does
 * (fc_dilemma_compute_issues). Outcomes, events and figures come back in the whole problem's
 * numbering, so the summaries, the tornado and the regression see one multi-issue sweep. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/sweep_internal.h"
#include "fulcrum/util.h"

struct sweep_issues {
    size_t nd;
    sweep_ctx *ctx;               /* nd: each issue's own context (its problem, the model) */
    fc_sweep_result *res;         /* nd: what the engine reads of a result (the decider) */
    sweep_engine **eng;           /* nd */
    size_t **map;                 /* nd: the issue problem's actor k is the whole problem's map[d][k] */
    unsigned char *flags;         /* scratch event flags of one issue */
    uint32_t *list;
    size_t max_cells;
};

static size_t find_id(char *const *ids, size_t n, const char *id)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(ids[k], id) == 0)
            return k;
    return SIZE_MAX;
}

int sweep_issues_wanted(const fc_model *m, const fc_sweep_options *o, const fc_scenario *sc)
{
    return o->choices && m && m->max_dims == 1 && !o->issue && sc->n_issues > 1;
}

void sweep_issues_free(sweep_issues *s)
{
    if (!s)
        return;
    for (size_t d = 0; d < s->nd; d++) {
        if (s->eng)
            sweep_engine_free(s->eng[d]);
        if (s->ctx)
            fc_problem_free(&s->ctx[d].nominal);
        if (s->map)
            free(s->map[d]);
    }
    free(s->eng);
    free(s->ctx);
    free(s->res);
    free(s->map);
    free(s->flags);
    free(s->list);
    free(s);
}

fc_status sweep_issues_new(const sweep_ctx *c, sweep_issues **out, fc_error *err)
{
    *out = NULL;
    const fc_problem *whole = &c->nominal;
    sweep_issues *s = calloc(1, sizeof *s);
    if (!s)
        return fc_error_nomem(err);
    size_t nd = s->nd = whole->n_dims;
    s->ctx = calloc(nd, sizeof *s->ctx);
    s->res = calloc(nd, sizeof *s->res);
    s->eng = calloc(nd, sizeof *s->eng);
    s->map = calloc(nd, sizeof *s->map);
    fc_status st = FC_OK;
    if (!s->ctx || !s->res || !s->eng || !s->map) {
        st = fc_error_nomem(err);
        goto fail;
    }
    for (size_t d = 0; d < nd; d++) {
        sweep_ctx *ic = &s->ctx[d];
        ic->sc = c->sc;
        ic->o = c->o;
        ic->model = c->model;
        ic->opts = c->opts;
        ic->r = &s->res[d];
        if ((st = fc_problem_from_scenario(&ic->nominal, c->sc, whole->dim_ids[d], 0, err)))
            goto fail;
        const fc_problem *ip = &ic->nominal;
        s->map[d] = malloc((ip->n_actors ? ip->n_actors : 1) * sizeof *s->map[d]);
        if (!s->map[d]) {
            st = fc_error_nomem(err);
            goto fail;
        }
        s->res[d].decider = SIZE_MAX; /* absent from the issue: no challenge aims at it there */
        for (size_t k = 0; k < ip->n_actors; k++) {
            s->map[d][k] = find_id(whole->actor_ids, whole->n_actors, ip->actor_ids[k]);
            if (s->map[d][k] == SIZE_MAX) {
                st = fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL, "actor '%s' lost", ip->actor_ids[k]);
                goto fail;
            }
            if (c->r->has_decider && s->map[d][k] == c->r->decider)
                s->res[d].decider = k;
        }
        size_t cells = ip->n_actors * ip->n_actors * SWEEP_EVENT_KINDS;
        if (cells > s->max_cells)
            s->max_cells = cells;
        if ((st = sweep_engine_new(ic, &s->eng[d], err)))
            goto fail;
    }
    s->flags = calloc(s->max_cells ? s->max_cells : 1, 1);
    s->list = malloc((s->max_cells ? s->max_cells : 1) * sizeof *s->list);
    if (!s->flags || !s->list) {
        st = fc_error_nomem(err);
        goto fail;
    }
    *out = s;
    return FC_OK;
fail:
    sweep_issues_free(s);
    return st;
}

fc_status sweep_issues_eval(sweep_issues *s, const fc_problem *p, double *outcome, unsigned char *flags,
                            uint32_t *list, size_t *n_list, sweep_figures *fig, fc_error *err)
{
    size_t nd = s->nd, n = p->n_actors;
    if (fig)
        *fig = (sweep_figures){0, 0, NAN, 1}; /* instability: a distance on one scale */
    for (size_t d = 0; d < nd; d++) {
        fc_problem *ip = sweep_engine_problem(s->eng[d]);
        const size_t *map = s->map[d];
        for (size_t k = 0; k < ip->n_actors; k++) {
            size_t a = map[k];
            ip->capability[k] = p->capability[a];
            ip->position[k] = p->position[a * nd + d];
            ip->salience[k] = p->salience[a * nd + d];
            ip->fixed[k] = p->fixed ? p->fixed[a] : 0;
        }
        size_t m = 0;
        sweep_figures f;
        fc_status st = sweep_engine_eval(s->eng[d], &outcome[d], flags ? s->flags : NULL, s->list, &m,
                                         fig ? &f : NULL, err);
        if (st)
            return st;
        size_t in = ip->n_actors;
        for (size_t k = 0; k < m; k++) {
            uint32_t cell = s->list[k];
            s->flags[cell] = 0;
            size_t kind = cell % SWEEP_EVENT_KINDS, pair = cell / SWEEP_EVENT_KINDS;
            size_t a = map[pair / in], b = map[pair % in];
            uint32_t whole = (uint32_t)((a * n + b) * SWEEP_EVENT_KINDS + kind);
            if (!flags[whole]) {
                flags[whole] = 1;
                list[(*n_list)++] = whole;
            }
        }
        if (fig) {
            fig->pressure += f.pressure;
            fig->conflicts += f.conflicts;
            if (f.stable == 0)
                fig->stable = 0;
        }
    }
    return FC_OK;
}
