/* Flattening a scenario into the arrays the models work on. */
#include "fulcrum/problem.h"
#include "fulcrum/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/strutil.h"

fc_status fc_problem_init(fc_problem *p, size_t n_actors, size_t n_dims, fc_error *err)
{
    memset(p, 0, sizeof *p);
    p->n_actors = n_actors;
    p->n_dims = n_dims;
    size_t na = n_actors ? n_actors : 1, nd = n_dims ? n_dims : 1;
    p->actor_ids = calloc(na, sizeof *p->actor_ids);
    p->actor_names = calloc(na, sizeof *p->actor_names);
    p->capability = calloc(na, sizeof *p->capability);
    p->position = calloc(na * nd, sizeof *p->position);
    p->salience = calloc(na * nd, sizeof *p->salience);
    p->scale_min = calloc(nd, sizeof *p->scale_min);
    p->scale_max = calloc(nd, sizeof *p->scale_max);
    p->status_quo = calloc(nd, sizeof *p->status_quo);
    p->dim_ids = calloc(nd, sizeof *p->dim_ids);
    if (!p->actor_ids || !p->actor_names || !p->capability || !p->position || !p->salience ||
        !p->scale_min || !p->scale_max || !p->status_quo || !p->dim_ids)
        goto nomem;
    for (size_t i = 0; i < n_actors; i++) {
        p->actor_ids[i] = fc_strdup_or_null("");
        p->actor_names[i] = fc_strdup_or_null("");
        if (!p->actor_ids[i] || !p->actor_names[i])
            goto nomem;
    }
    for (size_t d = 0; d < n_dims; d++) {
        p->status_quo[d] = NAN;
        p->dim_ids[d] = fc_strdup_or_null("");
        if (!p->dim_ids[d])
            goto nomem;
    }
    return FC_OK;
nomem:
    fc_problem_free(p);
    return fc_error_nomem(err);
}

static int replace(char **slot, const char *text)
{
    char *d = fc_strdup_or_null(text ? text : "");
    if (!d)
        return 0;
    free(*slot);
    *slot = d;
    return 1;
}

fc_status fc_problem_from_scenario(fc_problem *p, const fc_scenario *sc, const char *issue_id,
                                   int all_issues, fc_error *err)
{
    memset(p, 0, sizeof *p);
    size_t first = 0, n_dims = sc->n_issues;
    if (!all_issues) {
        n_dims = 1;
        if (issue_id) {
            long ix = fc_scenario_issue_index(sc, issue_id);
            if (ix < 0)
                return fc_error_set(err, FC_EUSAGE, sc->origin, 0, 0, "issue",
                                    "the scenario has no issue '%s'", issue_id);
            first = (size_t)ix;
        }
    }
    size_t n = 0;
    for (size_t i = 0; i < sc->n_actors; i++)
        if (all_issues || sc->actors[i].stances[first].present)
            n++;
    if (n == 0)
        return fc_error_set(err, FC_EINPUT, sc->origin, 0, 0, "actors",
                            "no actor takes a stance on issue '%s'", sc->issues[first].id);
    fc_status st = fc_problem_init(p, n, n_dims, err);
    if (st)
        return st;
    double sal_scale = sc->salience_max;
    for (size_t d = 0; d < n_dims; d++) {
        const fc_issue *is = &sc->issues[first + d];
        p->scale_min[d] = is->scale_min;
        p->scale_max[d] = is->scale_max;
        p->status_quo[d] = is->has_status_quo ? is->status_quo : NAN;
        if (!replace(&p->dim_ids[d], is->id))
            goto nomem;
    }
    size_t k = 0;
    for (size_t i = 0; i < sc->n_actors; i++) {
        const fc_actor *a = &sc->actors[i];
        if (!all_issues && !a->stances[first].present)
            continue;
        if (!replace(&p->actor_ids[k], a->id) || !replace(&p->actor_names[k], a->name ? a->name : a->id))
            goto nomem;
        p->capability[k] = a->capability.value;
        for (size_t d = 0; d < n_dims; d++) {
            const fc_stance *s = &a->stances[first + d];
            const fc_issue *is = &sc->issues[first + d];
            /* An actor silent on an issue sits at the scale's middle with no salience. */
            p->position[k * n_dims + d] = s->present ? s->position.value : (is->scale_min + is->scale_max) / 2;
            /* One IEEE division, as the EUM specification requires (80/100.0 == 0.8). */
            p->salience[k * n_dims + d] = s->present ? s->salience.value / sal_scale : 0.0;
        }
        k++;
    }
    return FC_OK;
nomem:
    fc_problem_free(p);
    return fc_error_nomem(err);
}

fc_status fc_problem_copy(fc_problem *dst, const fc_problem *src, fc_error *err)
{
    fc_status st = fc_problem_init(dst, src->n_actors, src->n_dims, err);
    if (st)
        return st;
    size_t n = src->n_actors, nd = src->n_dims;
    memcpy(dst->capability, src->capability, n * sizeof *src->capability);
    memcpy(dst->position, src->position, n * nd * sizeof *src->position);
    memcpy(dst->salience, src->salience, n * nd * sizeof *src->salience);
    memcpy(dst->scale_min, src->scale_min, nd * sizeof *src->scale_min);
    memcpy(dst->scale_max, src->scale_max, nd * sizeof *src->scale_max);
    memcpy(dst->status_quo, src->status_quo, nd * sizeof *src->status_quo);
    for (size_t i = 0; i < n; i++)
        if (!replace(&dst->actor_ids[i], src->actor_ids[i]) ||
            !replace(&dst->actor_names[i], src->actor_names[i]))
            goto nomem;
    for (size_t d = 0; d < nd; d++)
        if (!replace(&dst->dim_ids[d], src->dim_ids[d]))
            goto nomem;
    if (src->fixed) {
        dst->fixed = malloc(n ? n : 1);
        if (!dst->fixed)
            goto nomem;
        memcpy(dst->fixed, src->fixed, n);
    }
    return FC_OK;
nomem:
    fc_problem_free(dst);
    return fc_error_nomem(err);
}

void fc_problem_free(fc_problem *p)
{
    if (!p)
        return;
    if (p->actor_ids)
        for (size_t i = 0; i < p->n_actors; i++)
            free(p->actor_ids[i]);
    if (p->actor_names)
        for (size_t i = 0; i < p->n_actors; i++)
            free(p->actor_names[i]);
    if (p->dim_ids)
        for (size_t d = 0; d < p->n_dims; d++)
            free(p->dim_ids[d]);
    free(p->actor_ids);
    free(p->actor_names);
    free(p->dim_ids);
    free(p->capability);
    free(p->position);
    free(p->salience);
    free(p->scale_min);
    free(p->scale_max);
    free(p->status_quo);
    free(p->fixed);
    memset(p, 0, sizeof *p);
}
