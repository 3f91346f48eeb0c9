/* KTAB's spatial model of politics behind Fulcrum's forecaster interface: the options
 * (every parameter of specs/smp.md S1 with KTAB's defaults, settable by name), the run
 * loop with its stopping rule (S7), and the forecast it fills: positions per turn, every
 * bargain as an event, win probabilities (S8.2) and risk attitudes as series. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fulcrum/util.h"
#include "models/smp_internal.h"

typedef struct enum_param {
    const char *key, *alias;
    size_t offset;
    const char *const *names;
} enum_param;

static const char *const vpm_names[] = {"Linear", "Square", "Quartic", "Octic", "Binary", NULL};
static const char *const pcem_names[] = {"Conditional", "MarkovIncentive", "MarkovUniform", NULL};
static const char *const stm_names[] = {"Deterministic", "Stochastic", NULL};
static const char *const vr_names[] = {"Binary", "PropBin", "Prop", "PropCbc", "Cubic",
                                       "ASymProsp", NULL};
static const char *const ra_names[] = {"None", "OneThird", "Half", "TwoThirds", "Full", NULL};
static const char *const rr_names[] = {"Min", "Mid", "Max", NULL};
static const char *const tpc_names[] = {"NoCommit", "SemiCommit", "FullCommit", NULL};
static const char *const ivb_names[] = {"S1P1", "S2P2", "S2PMax", NULL};
static const char *const bm_names[] = {"InitOnlyInterp", "InitRcvrInterp", "PWCompInterp", NULL};

static const enum_param enum_params[] = {
    {"VictoryProbModel", "vpm", offsetof(fc_smp_options, vpm), vpm_names},
    {"PCEModel", "pcem", offsetof(fc_smp_options, pcem), pcem_names},
    {"StateTransitions", "stm", offsetof(fc_smp_options, stm), stm_names},
    {"VotingRule", "vr", offsetof(fc_smp_options, vr), vr_names},
    {"BigRAdjust", "ra", offsetof(fc_smp_options, ra), ra_names},
    {"BigRRange", "rr", offsetof(fc_smp_options, rr), rr_names},
    {"ThirdPartyCommit", "tpc", offsetof(fc_smp_options, tpc), tpc_names},
    {"InterVecBrgn", "ivb", offsetof(fc_smp_options, ivb), ivb_names},
    {"BargnModel", "bm", offsetof(fc_smp_options, bm), bm_names},
};
#define N_ENUM_PARAMS (sizeof enum_params / sizeof enum_params[0])

void fc_smp_options_init(fc_smp_options *o)
{
    memset(o, 0, sizeof *o);
    o->vpm = FC_SMP_VPM_LINEAR;
    o->pcem = FC_SMP_PCEM_CONDITIONAL;
    o->stm = FC_SMP_STM_DETERMINISTIC;
    o->vr = FC_SMP_VR_PROP;
    o->ra = FC_SMP_RA_ONE_THIRD;
    o->rr = FC_SMP_RR_MID;
    o->tpc = FC_SMP_TPC_SEMI_COMMIT;
    o->ivb = FC_SMP_IVB_S2P2;
    o->bm = FC_SMP_BM_INIT_ONLY;
    o->seed = 15455440707583219804ULL;
    o->min_turns = 2;
    o->max_turns = 100;
    o->stop_ratio = 0.02;
    o->stop_guard = 1e-4;
    o->pos_tol = 1e-3;
    o->challenge_min = 1e-5;
    o->accommodation = NULL;
    o->accommodation_n = 0;
    o->range_refuse = 0;
}

void fc_smp_options_clear(fc_smp_options *o)
{
    free(o->accommodation);
    o->accommodation = NULL;
    o->accommodation_n = 0;
}

fc_status fc_smp_options_set_accommodation(fc_smp_options *o, const double *a, size_t n,
                                           fc_error *err)
{
    double *copy = NULL;
    if (a && n) {
        copy = malloc(n * n * sizeof *copy);
        if (!copy)
            return fc_error_nomem(err);
        memcpy(copy, a, n * n * sizeof *copy);
    }
    free(o->accommodation);
    o->accommodation = copy;
    o->accommodation_n = copy ? n : 0;
    return FC_OK;
}

const char *fc_smp_enum_name(const char *key, int code)
{
    for (size_t k = 0; k < N_ENUM_PARAMS; k++) {
        if (strcasecmp(key, enum_params[k].key) && strcasecmp(key, enum_params[k].alias))
            continue;
        for (int c = 0; enum_params[k].names[c]; c++)
            if (c == code)
                return enum_params[k].names[c];
    }
    return NULL;
}

static int parse_double(const char *s, double *out)
{
    return fc_number_parse(s, out) == FC_NUMBER_OK;
}

static int parse_int(const char *s, long lo, long hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno || v < lo || v > hi)
        return 0;
    *out = (int)v;
    return 1;
}

fc_status fc_smp_options_set(fc_smp_options *o, const char *key, const char *value, fc_error *err)
{
    for (size_t k = 0; k < N_ENUM_PARAMS; k++) {
        const enum_param *ep = &enum_params[k];
        if (strcasecmp(key, ep->key) && strcasecmp(key, ep->alias))
            continue;
        int count = 0, code = -1;
        while (ep->names[count])
            count++;
        for (int c = 0; c < count; c++)
            if (strcasecmp(value, ep->names[c]) == 0)
                code = c;
        if (code < 0 && !parse_int(value, 0, count - 1, &code)) {
            char allowed[160] = "";
            for (int c = 0; c < count; c++) {
                strncat(allowed, ep->names[c], sizeof allowed - strlen(allowed) - 1);
                if (c + 1 < count)
                    strncat(allowed, ", ", sizeof allowed - strlen(allowed) - 1);
            }
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, ep->key,
                                "'%s' is not one of: %s (or their codes 0..%d)", value, allowed,
                                count - 1);
        }
        /* Every enumeration is an int-sized enum. */
        memcpy((char *)o + ep->offset, &code, sizeof code);
        return FC_OK;
    }
    if (strcasecmp(key, "range_check") == 0) {
        if (strcasecmp(value, "fallback") == 0)
            o->range_refuse = 0;
        else if (strcasecmp(value, "refuse") == 0)
            o->range_refuse = 1;
        else
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "range_check",
                                "'%s' is not one of: fallback, refuse", value);
        return FC_OK;
    }
    if (strcasecmp(key, "seed") == 0) {
        char *end;
        errno = 0;
        unsigned long long v = strtoull(value, &end, 10);
        if (end == value || *end || errno || value[0] == '-')
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "seed",
                                "'%s' is not an unsigned 64-bit integer", value);
        o->seed = (uint64_t)v;
        return FC_OK;
    }
    struct {
        const char *key;
        int *ip;
        double *dp;
        double lo, hi;
    } num[] = {
        {"min_turns", &o->min_turns, NULL, 1, 100000},
        {"max_turns", &o->max_turns, NULL, 1, 100000},
        {"stop_ratio", NULL, &o->stop_ratio, 0, INFINITY},
        {"stop_guard", NULL, &o->stop_guard, 0, INFINITY},
        {"pos_tol", NULL, &o->pos_tol, 0, INFINITY},
        {"challenge_min", NULL, &o->challenge_min, -INFINITY, INFINITY},
    };
    /* The tool's --rounds arrives as rounds=N. */
    if (strcasecmp(key, "rounds") == 0)
        key = "max_turns";
    for (size_t k = 0; k < sizeof num / sizeof num[0]; k++) {
        if (strcasecmp(key, num[k].key))
            continue;
        if (num[k].ip) {
            if (!parse_int(value, (long)num[k].lo, (long)num[k].hi, num[k].ip))
                return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, num[k].key,
                                    "'%s' is not an integer in %.0f..%.0f", value, num[k].lo,
                                    num[k].hi);
        } else {
            double v;
            if (!parse_double(value, &v) || v < num[k].lo || v > num[k].hi)
                return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, num[k].key,
                                    "'%s' is not a number >= %g", value, num[k].lo);
            *num[k].dp = v;
        }
        return FC_OK;
    }
    return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, key,
                        "unknown option of model 'smp' (see docs/models/smp.md)");
}

/* Everything one run owns. */
typedef struct smp_run {
    smp_model m;
    smp_state st[2];
    smp_turn_ws ws;
    double *tmp;             /* n*n */
    double *traj;            /* (max_turns+1) * n * d, on 0..1 */
    double *win;             /* (max_turns+1) * n */
    double *risk;            /* (max_turns+1) * n */
} smp_run;

static void run_free(smp_run *r)
{
    smp_model_free(&r->m);
    smp_state_free(&r->st[0]);
    smp_state_free(&r->st[1]);
    smp_turn_ws_free(&r->ws);
    free(r->tmp);
    free(r->traj);
    free(r->win);
    free(r->risk);
}

static double state_gap(const double *a, const double *b, size_t n, size_t D)
{
    double total = 0.0;
    for (size_t i = 0; i < n; i++) {
        double s = 0.0;
        for (size_t d = 0; d < D; d++) {
            double e = a[i * D + d] - b[i * D + d];
            s += e * e;
        }
        total += sqrt(s);
    }
    return total;
}

static fc_status check_problem(const fc_problem *p, const fc_smp_options *o, fc_error *err)
{
    size_t n = p->n_actors;
    if (n < 3)
        return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "actors",
                            "the spatial model needs at least 3 actors (has %zu)", n);
    /* KTAB's own bound (its readers refuse more); past it a turn's n^3 work makes the default
     * forecast of a large YAML case hang for minutes. */
    if (n > FC_SMP_MAX_ACTORS)
        return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "actors",
                            "the spatial model takes at most %d actors, as KTAB (has %zu)",
                            FC_SMP_MAX_ACTORS, n);
    if (p->n_dims < 1)
        return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "issues", "no dimension to bargain on");
    for (size_t d = 0; d < p->n_dims; d++)
        if (!(p->scale_max[d] > p->scale_min[d]))
            return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "scale",
                                "dimension %zu has an empty scale", d);
    for (size_t i = 0; i < n; i++) {
        const char *id = p->actor_ids && p->actor_ids[i] ? p->actor_ids[i] : "?";
        if (!(p->capability[i] > 0.0) || !isfinite(p->capability[i]))
            return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "capability",
                                "actor '%s': non-positive voting weight (capability %g)", id,
                                p->capability[i]);
        double s = 0.0;
        for (size_t d = 0; d < p->n_dims; d++) {
            double v = p->salience[i * p->n_dims + d];
            if (!(v >= 0.0 && v <= 1.0))
                return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "salience",
                                    "actor '%s': salience %g outside 0..1", id, v);
            s += v;
        }
        if (!(s > 0.0) && o->range_refuse)
            return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "salience",
                                "actor '%s' has no salience on any dimension", id);
    }
    if (o->accommodation && o->accommodation_n != n)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "accommodation",
                            "the accommodation matrix is %zu x %zu but there are %zu actors",
                            o->accommodation_n, o->accommodation_n, n);
    if (o->max_turns < 1 || o->min_turns < 1)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "max_turns", "turn limits must be >= 1");
    return FC_OK;
}

fc_status smp_model_init(smp_model *m, const fc_problem *p, const fc_smp_options *o,
                         fc_error *err)
{
    size_t n = p->n_actors, D = p->n_dims;
    memset(m, 0, sizeof *m);
    m->o = o;
    m->n = n;
    m->d = D;
    m->cap = p->capability;
    m->acc = o->accommodation;
    m->S = malloc(n * sizeof *m->S);
    m->ssq = malloc(n * sizeof *m->ssq);
    m->wS = malloc(n * sizeof *m->wS);
    double *sal = malloc(n * D * sizeof *sal);
    m->sal = sal;
    if (!m->S || !m->ssq || !m->wS || !sal) {
        smp_model_free(m);
        return fc_error_nomem(err);
    }
    for (size_t i = 0; i < n; i++) {
        const double *s = p->salience + i * D;
        double sum = 0.0;
        for (size_t d = 0; d < D; d++)
            sum += s[d];
        /* KTAB rejects a salience sum above 1; a scenario with several issues may declare
         * more, so such an actor's saliences are scaled to sum to 1 (docs/models/smp.md). */
        for (size_t d = 0; d < D; d++)
            sal[i * D + d] = sum > 1.0 + 1e-9 ? s[d] / sum : s[d];
    }
    for (size_t i = 0; i < n; i++) {
        double sum = 0.0, sq = 0.0;
        for (size_t d = 0; d < D; d++) {
            double s = sal[i * D + d];
            sum += s;
            sq += s * s;
        }
        m->S[i] = sum;
        /* An actor that declares no salience anywhere (KTAB divides 0 by 0 here; DEU has
         * such actors) is indifferent: every distance 0, so every utility 1, and with
         * S = 0 no vote. Only reached with range_check=fallback (check_problem). */
        m->ssq[i] = sq > 0.0 ? sq : 1.0;
        m->wS[i] = sum * p->capability[i];
    }
    return FC_OK;
}

void smp_model_free(smp_model *m)
{
    free(m->S);
    free(m->ssq);
    free(m->wS);
    free((double *)m->sal);
    memset(m, 0, sizeof *m);
}

void smp_state_from_problem(smp_state *s, const fc_problem *p)
{
    size_t D = p->n_dims;
    for (size_t i = 0; i < p->n_actors; i++)
        for (size_t d = 0; d < D; d++) {
            double lo = p->scale_min[d], hi = p->scale_max[d];
            double x = (p->position[i * D + d] - lo) / (hi - lo);
            s->X[i * D + d] = x;
            s->I[i * D + d] = x;
        }
}

static fc_status run_setup(smp_run *r, const fc_problem *p, const fc_smp_options *o,
                           fc_error *err)
{
    size_t n = p->n_actors, D = p->n_dims, T = (size_t)o->max_turns + 1;
    fc_status st = smp_model_init(&r->m, p, o, err);
    if (st)
        return st;
    r->tmp = malloc(n * n * sizeof *r->tmp);
    r->traj = malloc(T * n * D * sizeof *r->traj);
    r->win = malloc(T * n * sizeof *r->win);
    r->risk = malloc(T * n * sizeof *r->risk);
    if (!r->tmp || !r->traj || !r->win || !r->risk)
        return fc_error_nomem(err);
    if ((st = smp_state_alloc(&r->st[0], n, D, err)) || (st = smp_state_alloc(&r->st[1], n, D, err)) ||
        (st = smp_turn_ws_init(&r->ws, n, D, err)))
        return st;
    smp_state_from_problem(&r->st[0], p);
    return FC_OK;
}

/* Maps a position on 0..1 back to the dimensions' scales. */
static void to_scale(const fc_problem *p, const double *x, double *out, size_t count)
{
    size_t D = p->n_dims;
    for (size_t c = 0; c < count; c++) {
        size_t d = c % D;
        out[c] = p->scale_min[d] + x[c] * (p->scale_max[d] - p->scale_min[d]);
    }
}

fc_status fc_smp_run(const fc_problem *p, const fc_smp_options *opts, fc_forecast **out,
                     fc_error *err)
{
    *out = NULL;
    fc_smp_options defaults;
    if (!opts) {
        fc_smp_options_init(&defaults);
        opts = &defaults;
    }
    fc_status st = check_problem(p, opts, err);
    if (st)
        return st;
    size_t n = p->n_actors, D = p->n_dims;
    smp_run r;
    memset(&r, 0, sizeof r);
    fc_forecast *f = NULL;
    smp_rng *rng = NULL;
    if ((st = run_setup(&r, p, opts, err)))
        goto done;
    f = fc_forecast_new("smp", n, D, 0);
    rng = malloc(sizeof *rng);
    if (!f || !rng) {
        st = fc_error_nomem(err);
        goto done;
    }
    smp_rng_seed(rng, opts->seed);

    smp_state *cur = &r.st[0], *next = &r.st[1];
    if ((st = smp_state_setup(&r.m, cur, &r.ws.pce, r.tmp, err)) ||
        (st = smp_win_prob(&r.m, cur, &r.ws, r.win, err)))
        goto done;
    memcpy(r.traj, cur->X, n * D * sizeof(double));
    memcpy(r.risk, cur->r, n * sizeof(double));
    double first_gap = 0.0;
    int converged = 0;
    size_t iter = 0;
    double *old_pos = malloc(2 * D * sizeof *old_pos);
    if (!old_pos) {
        st = fc_error_nomem(err);
        goto done;
    }
    for (;;) {
        iter++;
        if ((st = smp_turn(&r.m, cur, next, p->fixed, rng, &r.ws, err)))
            break;
        /* Every proposal is an event; the bargains are read before the next turn
         * reuses the workspace. */
        for (size_t b = 0; b < r.ws.nb && st == FC_OK; b++) {
            const smp_bargain *bg = &r.ws.b[b];
            if (bg->init == bg->rcvr)
                continue;
            fc_event ev = {.round = (int)iter,
                           .challenger = (int)bg->init,
                           .target = (int)bg->rcvr,
                           .kind = FC_EVENT_BARGAIN,
                           .eu_challenger = bg->gain,
                           .eu_target = bg->gain_rcvr_view,
                           .accepted = bg->adopted_by_rcvr};
            to_scale(p, cur->X + bg->rcvr * D, old_pos, D);
            to_scale(p, bg->pos_rcvr, old_pos + D, D);
            st = fc_forecast_add_event(f, &ev, old_pos, old_pos + D, err);
        }
        if (st)
            break;
        if ((st = smp_state_setup(&r.m, next, &r.ws.pce, r.tmp, err)) ||
            (st = smp_win_prob(&r.m, next, &r.ws, r.win + iter * n, err)))
            break;
        memcpy(r.traj + iter * n * D, next->X, n * D * sizeof(double));
        memcpy(r.risk + iter * n, next->r, n * sizeof(double));
        double g = state_gap(next->X, cur->X, n, D);
        if (iter == 1)
            first_gap = g;
        smp_state *t = cur;
        cur = next;
        next = t;
        if (iter >= (size_t)opts->min_turns && g / (first_gap + opts->stop_guard) < opts->stop_ratio) {
            converged = 1;
            break;
        }
        if (iter >= (size_t)opts->max_turns)
            break;
    }
    free(old_pos);
    if (st)
        goto done;

    /* The forecast: trajectory, statistics, the most probable position as the point. */
    if ((st = fc_forecast_set_rounds(f, iter, err)))
        goto done;
    double *win = fc_forecast_add_series(f, "win_prob", n, err);
    double *risk = win ? fc_forecast_add_series(f, "risk", n, err) : NULL;
    if (!win || !risk) {
        st = err ? err->status : FC_ENOMEM;
        goto done;
    }
    memcpy(win, r.win, (iter + 1) * n * sizeof(double));
    memcpy(risk, r.risk, (iter + 1) * n * sizeof(double));
    for (size_t t = 0; t <= iter; t++) {
        to_scale(p, r.traj + t * n * D, fc_forecast_positions_at(f, t), n * D);
        fc_forecast_fill_statistics(f, p, t);
        size_t best = 0;
        for (size_t i = 1; i < n; i++)
            if (r.win[t * n + i] > r.win[t * n + best])
                best = i;
        memcpy(f->point + t * D, fc_forecast_positions_at(f, t) + best * D, D * sizeof(double));
    }
    memcpy(f->outcome, f->point + iter * D, D * sizeof(double));
    f->converged = converged;
    size_t adopted = 0;
    for (size_t e = 0; e < f->n_events; e++)
        adopted += f->events[e].accepted == 1;
    char text[512];
    snprintf(text, sizeof text,
             "KTAB's spatial model of politics: %zu turn%s, %s; %zu bargains proposed, %zu "
             "adopted by their receivers. The forecast is the position most likely to win a "
             "Condorcet election in the last turn.",
             iter, iter == 1 ? "" : "s",
             converged ? "stopped when the positions settled" : "stopped at the turn limit",
             f->n_events, adopted);
    st = fc_forecast_set_explanation(f, text, err);
done:
    free(rng);
    run_free(&r);
    if (st) {
        fc_forecast_free(f);
        return st;
    }
    *out = f;
    return FC_OK;
}

static fc_status smp_options_init(void *opts, const char *preset, fc_error *err)
{
    fc_smp_options_init(opts);
    if (preset && preset[0] && strcasecmp(preset, "ktab") != 0)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "preset",
                            "model 'smp' has one preset, 'ktab' (KTAB's defaults); "
                            "set its parameters one by one (NAME=VALUE settings)");
    return FC_OK;
}

static fc_status smp_options_set(void *opts, const char *key, const char *value, fc_error *err)
{
    return fc_smp_options_set(opts, key, value, err);
}

static fc_status smp_model_run(const fc_problem *p, const void *opts, fc_forecast **out,
                               fc_error *err)
{
    return fc_smp_run(p, opts, out, err);
}

static const char *const smp_presets[] = {"ktab", NULL};

const fc_model fc_model_smp = {
    .name = "smp",
    .summary = "KTAB's spatial model of politics: multi-dimensional bargaining decided by "
               "probabilistic Condorcet elections",
    .presets = smp_presets,
    .options_size = sizeof(fc_smp_options),
    .max_dims = 0,
    .options_init = smp_options_init,
    .options_set = smp_options_set,
    .run = smp_model_run,
    .min_actors = 3,
    .max_actors = FC_SMP_MAX_ACTORS,
};
