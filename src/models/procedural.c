/* The procedural models of EU legislation (Steunenberg 1994; Crombez 1996; Steunenberg & Selck
 * 2006 in Thomson et al., The European Union Decides): consultation and codecision as
 * sequential games in which the Commission proposes, the Council votes against the reference
 * point by its rule, and under codecision the Parliament must also prefer the proposal. One
 * issue at a time; docs/models/procedural.md gives the game and a worked example. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/model.h"
#include "fulcrum/util.h"

typedef struct proc_options {
    int codecision;          /* 0 = consultation */
    int unanimity;           /* 0 = qualified majority */
    double qmv_threshold;    /* share of the Council's votes a qualified majority needs */
    char commission[32];     /* actor ids of the Commission and the Parliament */
    char parliament[32];
} proc_options;

static fc_status proc_init(void *opts, const char *preset, fc_error *err)
{
    if (preset)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "preset",
                            "model 'procedural' has no presets; set its options instead");
    proc_options *o = opts;
    memset(o, 0, sizeof *o);
    o->qmv_threshold = 0.71;
    snprintf(o->commission, sizeof o->commission, "com");
    snprintf(o->parliament, sizeof o->parliament, "ep");
    return FC_OK;
}

static fc_status proc_set(void *opts, const char *key, const char *value, fc_error *err)
{
    proc_options *o = opts;
    if (strcmp(key, "procedure") == 0) {
        if (strcmp(value, "consultation") && strcmp(value, "codecision"))
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key,
                                "procedure must be consultation or codecision, not '%s'", value);
        o->codecision = strcmp(value, "codecision") == 0;
        return FC_OK;
    }
    if (strcmp(key, "voting_rule") == 0) {
        if (strcmp(value, "qmv") && strcmp(value, "unanimity"))
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key,
                                "voting_rule must be qmv or unanimity, not '%s'", value);
        o->unanimity = strcmp(value, "unanimity") == 0;
        return FC_OK;
    }
    if (strcmp(key, "qmv_threshold") == 0) {
        double v = 0;
        if (fc_number_parse(value, &v) != FC_NUMBER_OK || !(v >= 0.5 && v <= 1))
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key,
                                "qmv_threshold must be a share in 0.5..1, not '%s'", value);
        o->qmv_threshold = v;
        return FC_OK;
    }
    if (strcmp(key, "commission") == 0 || strcmp(key, "parliament") == 0) {
        char *slot = key[0] == 'c' ? o->commission : o->parliament;
        if (!value[0] || strlen(value) >= sizeof o->commission)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key, "'%s' is not an actor id", value);
        snprintf(slot, sizeof o->commission, "%s", value);
        return FC_OK;
    }
    return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key,
                        "model 'procedural' has no option '%s' (procedure, voting_rule, qmv_threshold, "
                        "commission, parliament)", key);
}

static size_t find_actor(const fc_problem *p, const char *id)
{
    for (size_t i = 0; i < p->n_actors; i++)
        if (p->actor_ids && p->actor_ids[i] && strcmp(p->actor_ids[i], id) == 0)
            return i;
    return p->n_actors;
}

/* The farthest point from rp on one side (dir = +1 right, -1 left) that members holding at
 * least `need` of the weight weakly prefer to rp. Member i prefers x on its side of rp up
 * to its mirror image 2 x_i - rp; the bound is that of the member whose acceptance completes
 * the majority, taking the most accommodating members first. */
static double side_bound(const double *x, const double *w, size_t n, double rp, int dir, double need,
                         double *bound_buf, size_t *order)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if ((x[i] - rp) * dir > 0) {
            bound_buf[m] = 2 * x[i] - rp;
            order[m++] = i;
        }
    /* Insertion sort, farthest bound first (n is a few dozen). */
    for (size_t a = 1; a < m; a++)
        for (size_t b = a; b > 0 && (bound_buf[b] - bound_buf[b - 1]) * dir > 0; b--) {
            double t = bound_buf[b];
            bound_buf[b] = bound_buf[b - 1];
            bound_buf[b - 1] = t;
            size_t u = order[b];
            order[b] = order[b - 1];
            order[b - 1] = u;
        }
    double acc = 0;
    for (size_t k = 0; k < m; k++) {
        acc += w[order[k]];
        if (acc >= need * (1 - 1e-12))
            return bound_buf[k];
    }
    return rp;
}

static fc_status proc_run(const fc_problem *p, const void *opts, fc_forecast **out, fc_error *err)
{
    *out = NULL;
    proc_options defaults;
    if (!opts) {
        proc_init(&defaults, NULL, err);
        opts = &defaults;
    }
    const proc_options *o = opts;
    size_t n = p->n_actors;
    double rp = p->status_quo[0];
    if (isnan(rp))
        return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "status_quo",
                            "issue '%s' declares no reference point for the Council to vote against",
                            p->dim_ids[0]);
    size_t com = find_actor(p, o->commission), ep = find_actor(p, o->parliament);
    if (com == n)
        return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "commission",
                            "no actor '%s' (the Commission, the agenda setter) on issue '%s'",
                            o->commission, p->dim_ids[0]);
    if (o->codecision && ep == n)
        return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "parliament",
                            "no actor '%s' (the Parliament, which codecision needs) on issue '%s'",
                            o->parliament, p->dim_ids[0]);
    double *buf = malloc(4 * (n ? n : 1) * sizeof *buf);
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    if (!buf || !order) {
        free(buf), free(order);
        return fc_error_nomem(err);
    }
    double *x = buf, *w = buf + n, *bounds = buf + 2 * n;
    size_t m = 0;
    double total = 0, lo_member = INFINITY, hi_member = -INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (i == com || i == ep)
            continue;
        x[m] = p->position[i];
        w[m] = p->capability[i];
        total += w[m];
        if (x[m] < lo_member)
            lo_member = x[m];
        if (x[m] > hi_member)
            hi_member = x[m];
        m++;
    }
    if (m == 0 || !(total > 0)) {
        free(buf), free(order);
        return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "actors",
                            "issue '%s' has no Council member with a vote", p->dim_ids[0]);
    }
    /* The Council's win set of rp: what the rule's majority weakly prefers to rp. */
    double need = o->unanimity ? total : o->qmv_threshold * total;
    double lo = side_bound(x, w, m, rp, -1, need, bounds, order);
    double hi = side_bound(x, w, m, rp, +1, need, bounds, order);
    /* Outside the members' range every member prefers the nearest end of it, and the Council
     * would amend the proposal there unanimously. */
    if (lo < lo_member)
        lo = lo_member;
    if (hi > hi_member)
        hi = hi_member;
    /* Codecision: the Parliament must weakly prefer the proposal to rp as well. */
    if (o->codecision) {
        double e = p->position[ep], a = fmin(rp, 2 * e - rp), b = fmax(rp, 2 * e - rp);
        if (a > lo)
            lo = a;
        if (b < hi)
            hi = b;
    }
    /* The Commission proposes the acceptable point nearest its ideal; with nothing acceptable
     * there is no decision and rp stays. */
    double xc = p->position[com];
    double v = lo > hi ? rp : xc < lo ? lo : xc > hi ? hi : xc;
    free(buf), free(order);
    fc_forecast *f = fc_forecast_new_one_round("procedural", p);
    if (!f)
        return fc_error_nomem(err);
    f->point[0] = f->point[1] = v;
    f->outcome[0] = v;
    *out = f;
    return FC_OK;
}

const fc_model fc_model_procedural = {
    .name = "procedural",
    .summary = "EU procedures as games: the Commission proposes, the Council (and under codecision the "
               "Parliament) accepts against the reference point",
    .options_size = sizeof(proc_options),
    .max_dims = 1,
    .options_init = proc_init,
    .options_set = proc_set,
    .run = proc_run,
    .on_request = 1,
    .uses_procedure = 1,
};
