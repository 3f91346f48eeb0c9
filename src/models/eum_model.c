/* The expected-utility model behind the forecaster interface: runs the engine with an observer
 * that records the whole trace into an fc_forecast (positions, statistics, risk exponents,
 * every chosen offer), then writes the plain-language explanation of the outcome. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/util.h"
#include "models/eum_internal.h"

typedef struct recorder {
    fc_forecast *f;
    fc_status st;
    fc_error *err;
    size_t n;
} recorder;

static void rec_state(void *ctx, size_t round, const double *x, const double *r, double mean,
                      double median)
{
    recorder *rc = ctx;
    if (rc->st)
        return;
    if (round > 0 && (rc->st = fc_forecast_set_rounds(rc->f, round, rc->err)) != FC_OK)
        return;
    memcpy(fc_forecast_positions_at(rc->f, round), x, rc->n * sizeof *x);
    rc->f->mean[round] = mean;
    rc->f->median[round] = median;
    rc->f->point[round] = median;
    fc_series *s = NULL;
    for (size_t i = 0; i < rc->f->n_series; i++)
        if (strcmp(rc->f->series[i].name, "risk") == 0)
            s = &rc->f->series[i];
    if (s)
        memcpy(s->values + round * rc->n, r, rc->n * sizeof *r);
}

static void record_offer(recorder *rc, size_t round, size_t i, size_t j, fc_event_kind kind, double e_ij,
                         double e_ji, double old_x, double new_x, int accepted)
{
    if (rc->st)
        return;
    fc_event ev = {.round = (int)round,
                   .challenger = (int)j,
                   .target = (int)i,
                   .kind = kind,
                   .eu_challenger = e_ji,
                   .eu_target = e_ij,
                   .accepted = accepted};
    rc->st = fc_forecast_add_event(rc->f, &ev, &old_x, &new_x, rc->err);
}

static void rec_move(void *ctx, size_t round, size_t i, size_t j, fc_event_kind kind, double e_ij,
                     double e_ji, double old_x, double new_x)
{
    record_offer(ctx, round, i, j, kind, e_ij, e_ji, old_x, new_x, 1);
}

/* A fixed actor's refused offer: the event keeps the position it was offered. */
static void rec_refused(void *ctx, size_t round, size_t i, size_t j, fc_event_kind kind, double e_ij,
                        double e_ji, double old_x, double offered_x)
{
    record_offer(ctx, round, i, j, kind, e_ij, e_ji, old_x, offered_x, 0);
}

/* ---- explanation ---------------------------------------------------------------------- */

typedef struct text {
    char *buf;
    size_t len, cap;
    int failed;
} text;

static void say(text *t, const char *fmt, ...)
{
    if (t->failed)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        size_t room = t->cap - t->len;
        int k = vsnprintf(t->buf ? t->buf + t->len : NULL, t->buf ? room : 0, fmt, ap);
        va_end(ap);
        if (k < 0) {
            t->failed = 1;
            return;
        }
        if (t->buf && (size_t)k < room) {
            t->len += (size_t)k;
            return;
        }
        size_t cap = (t->cap ? t->cap * 2 : 1024) + (size_t)k;
        char *b = realloc(t->buf, cap);
        if (!b) {
            t->failed = 1;
            return;
        }
        t->buf = b;
        t->cap = cap;
    }
}

static const char *actor_name(const fc_problem *p, size_t i)
{
    if (p->actor_names && p->actor_names[i] && p->actor_names[i][0])
        return p->actor_names[i];
    if (p->actor_ids && p->actor_ids[i] && p->actor_ids[i][0])
        return p->actor_ids[i];
    return "an unnamed actor";
}

typedef struct bargain {
    size_t target, challenger;
    size_t count, first_round, last_round;
    size_t kinds[3];
    double total, weighted, first_old, first_new;
} bargain;

static int cmp_bargain(const void *a, const void *b)
{
    const bargain *p = a, *q = b;
    if (p->weighted != q->weighted)
        return p->weighted < q->weighted ? 1 : -1;
    if (p->target != q->target)
        return p->target < q->target ? -1 : 1;
    return p->challenger < q->challenger ? -1 : p->challenger > q->challenger;
}

static const char *kind_phrase(size_t kind, int plural)
{
    switch (kind) {
    case FC_EVENT_CONFLICT: return plural ? "lost confrontations" : "lost a confrontation";
    case FC_EVENT_COMPROMISE: return plural ? "compromises" : "a compromise";
    default: return plural ? "capitulations" : "a capitulation";
    }
}

static void list_names(text *t, const fc_problem *p, const size_t *who, size_t count)
{
    size_t shown = count > 8 ? 7 : count;
    for (size_t k = 0; k < shown; k++)
        say(t, "%s%s", k == 0 ? "" : (k + 1 == shown && shown == count ? " and " : ", "),
            actor_name(p, who[k]));
    if (shown < count)
        say(t, " and %zu others", count - shown);
}

static fc_status explain(fc_forecast *f, const fc_problem *p, const fc_eum_options *o,
                         const char *preset, fc_error *err)
{
    size_t n = p->n_actors, T = f->n_rounds;
    text t = {0};
    double start = f->point[0], end = f->point[T];
    say(&t, "The expected-utility model (preset %s) ", preset);
    if (T == 0)
        say(&t, "played no rounds; the forecast is the starting vote-tournament median, %.4g. ", start);
    else
        say(&t, "forecasts %.4g after %zu round%s (the vote-tournament median of the final "
                "positions; it started at %.4g, and the capability x salience weighted mean "
                "moved from %.4g to %.4g). ",
            end, T, T == 1 ? "" : "s", start, f->mean[0], f->mean[T]);

    /* Why: who stands at the forecast, and how the weight splits around it. */
    const double *xf = fc_forecast_positions_at(f, T);
    size_t *at = malloc((n ? n : 1) * sizeof *at), *still = malloc((n ? n : 1) * sizeof *still);
    bargain *bg = calloc(f->n_events ? f->n_events : 1, sizeof *bg);
    unsigned char *moved = calloc(n ? n : 1, 1);
    if (!at || !still || !bg || !moved) {
        free(at), free(still), free(bg), free(moved), free(t.buf);
        return fc_error_nomem(err);
    }
    size_t n_at = 0;
    double w_below = 0, w_above = 0, w_at = 0, w_total = 0;
    for (size_t i = 0; i < n; i++) {
        double w = p->capability[i] * p->salience[i];
        w_total += w;
        if (xf[i] == end) {
            at[n_at++] = i;
            w_at += w;
        } else if (xf[i] < end) {
            w_below += w;
        } else {
            w_above += w;
        }
    }
    if (n_at > 0 && w_total > 0) {
        say(&t, "That is where ");
        list_names(&t, p, at, n_at);
        say(&t, " end%s up; with %.0f%% of the weight there, %.0f%% below and %.0f%% above, "
                "no side can outvote it. ",
            n_at == 1 ? "s" : "", 100 * w_at / w_total, 100 * w_below / w_total,
            100 * w_above / w_total);
    }
    if (T > 0) {
        size_t last_moves = 0;
        for (size_t e = 0; e < f->n_events; e++)
            last_moves += (size_t)f->events[e].round == T && f->events[e].accepted != 0;
        if (f->converged == 1)
            say(&t, "The bargaining converged: in round %zu no actor moved by more than %g. ", T, o->tol);
        else if (last_moves == 0)
            say(&t, "Nobody moves in the last round, so this is a resting point of the bargaining. ");
        else
            say(&t, "The bargaining had not come to rest: %zu actor%s still moved in round %zu, "
                    "so later rounds may shift the forecast. ",
                last_moves, last_moves == 1 ? "" : "s", T);
    }

    /* Decisive bargains: who moved whom, aggregated per pair, ranked by weighted shift. */
    size_t nb = 0, conflicts = 0, refused = 0;
    for (size_t e = 0; e < f->n_events; e++) {
        const fc_event *ev = &f->events[e];
        size_t i = (size_t)ev->target, j = (size_t)ev->challenger;
        if (ev->accepted == 0) { /* an offer a fixed actor refused: pressure, not a move */
            refused++;
            continue;
        }
        double from = fc_event_old_position(f, ev)[0], to = fc_event_new_position(f, ev)[0];
        moved[i] = 1;
        conflicts += ev->kind == FC_EVENT_CONFLICT;
        size_t b = 0;
        while (b < nb && !(bg[b].target == i && bg[b].challenger == j))
            b++;
        if (b == nb) {
            bg[nb++] = (bargain){.target = i, .challenger = j, .first_round = (size_t)ev->round,
                                 .first_old = from, .first_new = to};
        }
        bg[b].count++;
        bg[b].last_round = (size_t)ev->round;
        if (ev->kind <= FC_EVENT_CAPITULATION)
            bg[b].kinds[ev->kind]++;
        bg[b].total += fabs(to - from);
        bg[b].weighted += fabs(to - from) * p->capability[i] * p->salience[i];
    }
    qsort(bg, nb, sizeof *bg, cmp_bargain);
    if (nb == 0) {
        say(&t, "No actor accepted any offer: every pair either stalemated or the stronger side "
                "saw no gain in pressing. ");
    } else {
        size_t top = nb < 3 ? nb : 3;
        say(&t, "The decisive bargain%s (ranked by the weight that moved): ", top == 1 ? "" : "s");
        for (size_t b = 0; b < top; b++) {
            const bargain *x = &bg[b];
            size_t main_kind = 0;
            for (size_t k = 1; k < 3; k++)
                if (x->kinds[k] > x->kinds[main_kind])
                    main_kind = k;
            const char *who = actor_name(p, x->target), *by = actor_name(p, x->challenger);
            say(&t, "%s", b ? "; " : "");
            if (x->count == 1)
                say(&t, "in round %zu %s %s %s, moving from %.4g to %.4g", x->first_round, who,
                    main_kind == FC_EVENT_CONFLICT     ? "lost a confrontation to"
                    : main_kind == FC_EVENT_COMPROMISE ? "compromised with"
                                                       : "capitulated to",
                    by, x->first_old, x->first_new);
            else
                say(&t, "%s gave way to %s %zu times between rounds %zu and %zu (%s %s), "
                        "first from %.4g to %.4g, %.4g points of movement in all",
                    who, by, x->count, x->first_round, x->last_round,
                    x->kinds[main_kind] == x->count ? "all" : "mostly", kind_phrase(main_kind, 1),
                    x->first_old, x->first_new, x->total);
        }
        say(&t, ". ");
    }

    size_t n_still = 0;
    for (size_t i = 0; i < n; i++)
        if (!moved[i])
            still[n_still++] = i;
    /* The weightiest actor (in most cases the one who decides the issue): did anyone move it? */
    size_t top_actor = 0;
    for (size_t i = 1; i < n; i++)
        if (p->capability[i] * p->salience[i] > p->capability[top_actor] * p->salience[top_actor])
            top_actor = i;
    if (n > 1 && w_total > 0) {
        size_t times = 0, last_by = 0;
        for (size_t e = 0; e < f->n_events; e++)
            if ((size_t)f->events[e].target == top_actor && f->events[e].accepted != 0)
                times++, last_by = (size_t)f->events[e].challenger;
        double share = 100 * p->capability[top_actor] * p->salience[top_actor] / w_total;
        if (times == 0)
            say(&t, "The weightiest actor, %s, with %.0f%% of the weight, never gave way. ",
                actor_name(p, top_actor), share);
        else
            say(&t, "The weightiest actor, %s, with %.0f%% of the weight, gave way %zu time%s, last to %s. ",
                actor_name(p, top_actor), share, times, times == 1 ? "" : "s",
                actor_name(p, last_by));
    }
    if (n_still == n)
        say(&t, "No actor ever moved. ");
    else if (n_still == 0)
        say(&t, "Every actor moved at least once. ");
    else {
        list_names(&t, p, still, n_still);
        say(&t, " never moved. ");
    }
    if (p->fixed) {
        size_t nf = 0;
        for (size_t i = 0; i < n; i++)
            if (p->fixed[i])
                still[nf++] = i;
        if (nf) {
            list_names(&t, p, still, nf);
            say(&t, " %s held fixed by assumption (a credible commitment)", nf == 1 ? "was" : "were");
            if (refused)
                say(&t, " and refused %zu offer%s that would have moved %s", refused,
                    refused == 1 ? "" : "s", nf == 1 ? "it" : "them");
            say(&t, ". ");
        }
    }

    if (conflicts == 0) {
        say(&t, "No confrontation is predicted: every move is a compromise or a capitulation.");
    } else {
        say(&t, "%zu confrontation%s %s predicted", conflicts, conflicts == 1 ? "" : "s",
            conflicts == 1 ? "is" : "are");
        size_t shown = 0;
        for (size_t b = 0; b < nb && shown < 3; b++)
            if (bg[b].kinds[FC_EVENT_CONFLICT] > 0) {
                say(&t, "%s%s challenges %s%s", shown ? "; " : ", chiefly: ",
                    actor_name(p, bg[b].challenger), actor_name(p, bg[b].target),
                    bg[b].kinds[FC_EVENT_CONFLICT] > 1 ? " repeatedly" : "");
                shown++;
            }
        say(&t, ".");
    }
    free(at), free(still), free(bg), free(moved);
    if (t.failed) {
        free(t.buf);
        return fc_error_nomem(err);
    }
    fc_status st = fc_forecast_set_explanation(f, t.buf ? t.buf : "", err);
    free(t.buf);
    return st;
}

/* ---- the model ------------------------------------------------------------------------ */

static fc_status options_init(void *opts, const char *preset, fc_error *err)
{
    return fc_eum_options_preset(opts, preset, err);
}

static fc_status options_set(void *opts, const char *key, const char *value, fc_error *err)
{
    return fc_eum_options_set(opts, key, value, err);
}

/* Field by field: padding bytes of a struct copy are unspecified. rounds and tol are run
 * lengths, not part of a preset's identity. */
static int same_switches(const fc_eum_options *a, const fc_eum_options *b)
{
    return a->probability_denominator == b->probability_denominator &&
           a->vote_exponent == b->vote_exponent && a->risk_update == b->risk_update &&
           a->eu_perspective == b->eu_perspective && a->eu_ji_salience == b->eu_ji_salience &&
           a->Q == b->Q && a->q_term == b->q_term && a->T == b->T && a->mu == b->mu &&
           a->capitulation == b->capitulation && a->offer_choice == b->offer_choice &&
           a->compromise_key == b->compromise_key && a->compromise_point == b->compromise_point &&
           a->range_D == b->range_D && a->median_candidates == b->median_candidates &&
           a->moves == b->moves;
}

static const char *preset_name(const fc_eum_options *o)
{
    if (same_switches(o, &fc_eum_preset_scholz))
        return "scholz";
    if (same_switches(o, &fc_eum_preset_scholz_fixed))
        return "scholz-fixed";
    if (same_switches(o, &fc_eum_preset_bdm_paper))
        return "bdm-paper";
    return "custom";
}

static fc_status run(const fc_problem *p, const void *opts, fc_forecast **out, fc_error *err)
{
    *out = NULL;
    fc_eum_options def;
    const fc_eum_options *o = opts;
    if (!o) {
        fc_eum_options_init(&def);
        o = &def;
    }
    if (p->n_dims != 1)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "issue",
                            "the expected-utility model works on one issue at a time");
    size_t n = p->n_actors;
    /* room for the rounds grows on demand: with tol set, far fewer may be played */
    fc_forecast *f = fc_forecast_new("eum", n, 1, o->rounds < 1000 ? o->rounds : 1000);
    fc_eum_workspace *ws = fc_eum_workspace_new(n);
    if (!f || !ws || !fc_forecast_add_series(f, "risk", n, err)) {
        fc_forecast_free(f);
        fc_eum_workspace_free(ws);
        return fc_error_nomem(err);
    }
    snprintf(f->preset, sizeof f->preset, "%s", preset_name(o));
    recorder rc = {.f = f, .st = FC_OK, .err = err, .n = n};
    eum_observer obs = {.ctx = &rc, .state = rec_state, .move = rec_move, .refused = rec_refused};
    size_t played = 0;
    int conv = 0;
    fc_status st = eum_run(ws, o, n, p->capability, p->position, p->salience, p->fixed, &obs,
                           &played, &conv, err);
    fc_eum_workspace_free(ws);
    if (st == FC_OK)
        st = rc.st;
    if (st == FC_OK) {
        f->converged = o->tol >= 0 ? conv : 0;
        f->outcome[0] = f->point[f->n_rounds];
        st = explain(f, p, o, f->preset, err);
    }
    if (st) {
        fc_forecast_free(f);
        return st;
    }
    *out = f;
    return FC_OK;
}

/* ---- the fast path for sweeps: no forecast, offers handed to the analysis's watch ---- */

static void watch_offer(void *ctx, size_t round, size_t i, size_t j, fc_event_kind kind, double e_ij,
                        double e_ji, double old_x, double new_x, int refused)
{
    const fc_model_watch *w = ctx;
    fc_model_offer o = {.round = round,
                        .challenger = j,
                        .target = i,
                        .kind = kind,
                        .eu_challenger = e_ji,
                        .eu_target = e_ij,
                        .old_x = old_x,
                        .new_x = new_x,
                        .refused = refused};
    w->offer(w->ctx, &o);
}

static void watch_move(void *ctx, size_t round, size_t i, size_t j, fc_event_kind kind, double e_ij,
                       double e_ji, double old_x, double new_x)
{
    watch_offer(ctx, round, i, j, kind, e_ij, e_ji, old_x, new_x, 0);
}

static void watch_refused(void *ctx, size_t round, size_t i, size_t j, fc_event_kind kind, double e_ij,
                          double e_ji, double old_x, double offered_x)
{
    watch_offer(ctx, round, i, j, kind, e_ij, e_ji, old_x, offered_x, 1);
}

static void *workspace_new(size_t n_actors, size_t n_dims)
{
    (void)n_dims;
    return fc_eum_workspace_new(n_actors);
}

static void workspace_free(void *ws)
{
    fc_eum_workspace_free(ws);
}

static fc_status solve(void *ws, const fc_problem *p, const void *opts, const fc_model_watch *watch,
                       double *outcome, fc_error *err)
{
    if (p->n_dims != 1)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "issue",
                            "the expected-utility model works on one issue at a time");
    eum_observer obs = {.ctx = (void *)watch};
    if (watch && watch->offer) {
        obs.move = watch_move;
        obs.refused = watch->refused ? watch_refused : NULL;
    }
    return eum_solve_observed(ws, opts, p->n_actors, p->capability, p->position, p->salience, p->fixed,
                              obs.move ? &obs : NULL, NULL, outcome, err);
}

static const char *const presets[] = {"scholz", "scholz-fixed", "bdm-paper", NULL};

const fc_model fc_model_eum = {
    .name = "eum",
    .summary = "expected-utility model (Bueno de Mesquita; Scholz et al. 2011): rounds of "
               "challenges, compromises and capitulations",
    .presets = presets,
    .options_size = sizeof(fc_eum_options),
    .max_dims = 1,
    .options_init = options_init,
    .options_set = options_set,
    .run = run,
    .workspace_new = workspace_new,
    .workspace_free = workspace_free,
    .solve = solve,
    .min_actors = 1,
    .max_actors = FC_EUM_MAX_ACTORS,
};
