/* Bueno de Mesquita's expected utility of challenging, for every ordered pair of actors: the
 * War Trap's (1981) bilateral and third-party terms and the revised (1985) form with the
 * vote-sum probability, from positions and ties instead of alliance portfolios; then each
 * pair's interaction game (iig.c). Formulas and sources: docs/models/war-trap.md. */
#include "fulcrum/crisis.h"
#include "fulcrum/util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fc_crisis_options_init(fc_crisis_options *o)
{
    memset(o, 0, sizeof *o);
    o->eu = FC_CRISIS_EU_1985;
    o->risk = FC_CRISIS_RISK_NEUTRAL;
    o->salience_weighted = 1;
    o->tie_weight = 0.5;
    o->alliance_tie = 1.0;
    o->rivalry_tie = -1.0;
    o->other_tie = 0.0;
    o->phi_rule = FC_CRISIS_PHI_ADJUSTED;
    o->phi = 0.5;
    o->alpha = 0.5;
    o->tau = 1.0;
    o->gamma = 1.0;
}

static const char *actor_id(const fc_problem *p, size_t i)
{
    return p->actor_ids && p->actor_ids[i] && p->actor_ids[i][0] ? p->actor_ids[i] : "?";
}

static fc_status check_options(const fc_crisis_options *o, fc_error *err)
{
    if ((unsigned)o->eu > FC_CRISIS_EU_1981)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "eu", "unknown expected-utility variant");
    if ((unsigned)o->risk > FC_CRISIS_RISK_SECURITY)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "risk", "unknown source of risk attitudes");
    if ((unsigned)o->phi_rule > FC_CRISIS_PHI_CONSTANT)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "phi_rule", "unknown rule for the cost of force");
    if (!(o->tie_weight >= 0.0 && o->tie_weight <= 1.0))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "tie_weight", "must be in [0, 1]");
    const struct {
        const char *name;
        double v;
    } ties[] = {{"alliance_tie", o->alliance_tie}, {"rivalry_tie", o->rivalry_tie}, {"other_tie", o->other_tie}};
    for (size_t k = 0; k < sizeof ties / sizeof ties[0]; k++)
        if (!(ties[k].v >= -1.0 && ties[k].v <= 1.0))
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, ties[k].name, "must be in [-1, 1]");
    for (size_t k = 0; k < o->n_kind_ties; k++)
        if (!o->kind_ties || !o->kind_ties[k].kind || !(o->kind_ties[k].tie >= -1.0 && o->kind_ties[k].tie <= 1.0))
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "kind_ties", "entry %zu needs a kind and a tie in [-1, 1]",
                                k + 1);
    const struct {
        const char *name;
        double v;
    } costs[] = {{"phi", o->phi}, {"alpha", o->alpha}, {"tau", o->tau}, {"gamma", o->gamma}};
    for (size_t k = 0; k < sizeof costs / sizeof costs[0]; k++)
        if (!isfinite(costs[k].v) || costs[k].v < 0.0)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, costs[k].name, "must be a finite number >= 0");
    return FC_OK;
}

static fc_status check_input(const fc_crisis_input *in, fc_error *err)
{
    const fc_problem *p = in->problem;
    if (!p)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "no problem given");
    size_t n = p->n_actors, nd = p->n_dims;
    if (n < 2)
        return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "actors", "a crisis needs at least two actors");
    if (nd < 1)
        return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "issues", "a crisis needs at least one issue");
    for (size_t d = 0; d < nd; d++)
        if (!isfinite(p->scale_min[d]) || !isfinite(p->scale_max[d]) || !(p->scale_max[d] > p->scale_min[d]))
            return fc_error_set(err, FC_EINPUT, NULL, 0, 0, "issues", "issue %zu has an empty or non-finite scale",
                                d + 1);
    for (size_t i = 0; i < n; i++) {
        char field[128];
        if (!isfinite(p->capability[i]) || p->capability[i] < 0.0) {
            snprintf(field, sizeof field, "actors[%s].capability", actor_id(p, i));
            return fc_error_set(err, FC_EINPUT, NULL, 0, 0, field, "must be a finite number >= 0");
        }
        for (size_t d = 0; d < nd; d++) {
            double x = p->position[i * nd + d], s = p->salience[i * nd + d];
            if (!isfinite(x)) {
                snprintf(field, sizeof field, "actors[%s].position", actor_id(p, i));
                return fc_error_set(err, FC_EINPUT, NULL, 0, 0, field, "must be a finite number");
            }
            if (!(s >= 0.0 && s <= 1.0)) {
                snprintf(field, sizeof field, "actors[%s].salience", actor_id(p, i));
                return fc_error_set(err, FC_EINPUT, NULL, 0, 0, field, "must be in 0..1");
            }
        }
        if (in->risk && !(in->risk[i] >= -1.0 && in->risk[i] <= 1.0)) {
            snprintf(field, sizeof field, "actors[%s].risk", actor_id(p, i));
            return fc_error_set(err, FC_EINPUT, NULL, 0, 0, field, "must be in [-1, 1]");
        }
        for (size_t j = 0; in->ties && j < n; j++) {
            double t = in->ties[i * n + j];
            if (i != j && !(t >= -1.0 && t <= 1.0)) {
                snprintf(field, sizeof field, "relations[%s, %s]", actor_id(p, i), actor_id(p, j));
                return fc_error_set(err, FC_EINPUT, NULL, 0, 0, field, "the tie must be in [-1, 1]");
            }
        }
    }
    return FC_OK;
}

/* U_ij = 1 - 2 delta_ij (+ the tie), the spatial counterpart of EUGene's tau-b or S: 1 for the
 * same position, -1 for the far end of every scale at full salience. delta_ij is i's
 * (salience-weighted) distance to j's position, averaged over the issues. */
static double affinity(const fc_problem *p, const double *pos, const fc_crisis_input *in,
                       const fc_crisis_options *o, size_t i, size_t j)
{
    if (i == j)
        return 1.0;
    size_t nd = p->n_dims;
    double delta = 0.0;
    for (size_t d = 0; d < nd; d++) {
        double w = o->salience_weighted ? p->salience[i * nd + d] : 1.0;
        delta += w * fabs(pos[i * nd + d] - pos[j * nd + d]) / (p->scale_max[d] - p->scale_min[d]);
    }
    delta /= (double)nd;
    double u = 1.0 - 2.0 * delta;
    if (in->ties)
        u += o->tie_weight * in->ties[i * p->n_actors + j];
    return u < -1.0 ? -1.0 : u > 1.0 ? 1.0 : u;
}

/* War and Reason's utilities of a demand met (own), of the other's demand met, and of the
 * status quo, for affinity a and risk exponent r (pp. 293-294; EUGene's utility_war_reason). */
static double u_own(double a, double r)
{
    return 2.0 - 4.0 * pow((1.0 + a) / 4.0, r);
}

static double u_other(double a, double r)
{
    return 2.0 - 4.0 * pow((3.0 - a) / 4.0, r);
}

static double u_sq(double r)
{
    return 2.0 - 4.0 * pow(0.5, r);
}

/* P_ij: every actor k, i and j included, lends its capability to the side it prefers, in
 * proportion to how much it prefers it, as i (with its risk attitude R_i) perceives it
 * (War and Reason pp. 296-297; EUGene). Nobody caring either way gives 1/2. */
static double p_win(const fc_problem *p, const double *A, const double *risk, size_t i, size_t j)
{
    size_t n = p->n_actors;
    double R = risk ? risk[i] : 0.0, num = 0.0, den = 0.0;
    for (size_t k = 0; k < n; k++) {
        double d = A[k * n + i] - A[k * n + j];
        double v = d / 2.0 * exp(R * d);
        if (v > 0.0)
            num += p->capability[k] * v;
        den += p->capability[k] * fabs(v);
    }
    return den > 0.0 ? num / den : 0.5;
}

static double mean_salience(const fc_problem *p, size_t j)
{
    double s = 0.0;
    for (size_t d = 0; d < p->n_dims; d++)
        s += p->salience[j * p->n_dims + d];
    return s / (double)p->n_dims;
}

/* The War Trap's expected utility of i challenging j (1981, as EUGene's EU_War_Trap computes
 * it without distance discounting): a bilateral lottery over winning or losing 1 - U_ij, plus
 * what each third party's help would swing, times how much it prefers i to j. */
static void war_trap_1981(const fc_problem *p, const double *A, size_t i, size_t j, fc_crisis_pair *q)
{
    size_t n = p->n_actors;
    double ci = p->capability[i], cj = p->capability[j];
    double pi = ci + cj > 0.0 ? ci / (ci + cj) : 0.5;
    double uij = A[i * n + j];
    q->p_bilateral = pi;
    q->eu_bilateral = pi * (1.0 - uij) + (1.0 - pi) * (uij - 1.0);
    double multi = 0.0;
    for (size_t k = 0; k < n; k++) {
        if (k == i || k == j)
            continue;
        double ck = p->capability[k], total = ci + cj + ck;
        double pik = total > 0.0 ? (ci + ck) / total : 0.5;
        double pjk = total > 0.0 ? (cj + ck) / total : 0.5;
        multi += (pik + pjk - 1.0) * (A[k * n + i] - A[k * n + j]);
    }
    q->eu_multilateral = multi;
    q->eu_1981 = q->eu_bilateral + multi;
}

/* All affinities for the positions pos (n x n_dims). */
static void fill_affinity(const fc_problem *p, const double *pos, const fc_crisis_input *in,
                          const fc_crisis_options *o, double *A)
{
    size_t n = p->n_actors;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            A[i * n + j] = affinity(p, pos, in, o, i, j);
}

/* After i moved: only row i and column i of the affinities change. */
static void refresh_affinity(const fc_problem *p, const double *pos, const fc_crisis_input *in,
                             const fc_crisis_options *o, double *A, size_t i)
{
    size_t n = p->n_actors;
    for (size_t k = 0; k < n; k++) {
        A[i * n + k] = affinity(p, pos, in, o, i, k);
        A[k * n + i] = affinity(p, pos, in, o, k, i);
    }
}

/* How much every other actor expects from challenging i (the War Trap's expected utilities
 * EU_ji summed over j), with i at the positions pos: the lower, the safer i is. */
static double threat(const fc_problem *p, const double *A, size_t i)
{
    fc_crisis_pair q;
    double sum = 0.0;
    for (size_t j = 0; j < p->n_actors; j++) {
        if (j == i)
            continue;
        war_trap_1981(p, A, j, i, &q);
        sum += q.eu_1981;
    }
    return sum;
}

/* The War Trap Revisited's risk attitude, on an issue scale: R_i = (2 S - S_max - S_min) /
 * (S_max - S_min), S = the threat to i where it stands, S_max and S_min the largest and
 * smallest threats over the positions it could take instead (each issue's scale in 100 steps,
 * the others held, and every other actor's position). R_i = 1: i stands where it is most
 * exposed, which only a risk-acceptant actor would choose; -1: as safe as it can be. Bueno de
 * Mesquita searched alliance portfolios instead (and EUGene with it). */
#define CRISIS_RISK_STEPS 100

static fc_status security_risk(const fc_problem *p, const fc_crisis_input *in, const fc_crisis_options *o,
                               double *risk, fc_error *err)
{
    size_t n = p->n_actors, nd = p->n_dims;
    double *pos = malloc(n * nd * sizeof *pos), *A = malloc(n * n * sizeof *A);
    if (!pos || !A) {
        free(pos);
        free(A);
        return fc_error_nomem(err);
    }
    memcpy(pos, p->position, n * nd * sizeof *pos);
    fill_affinity(p, pos, in, o, A);
    for (size_t i = 0; i < n; i++) {
        double *xi = pos + i * nd;
        double s0 = threat(p, A, i), smax = s0, smin = s0;
        for (size_t d = 0; d < nd; d++) {
            double keep = xi[d];
            for (int step = 0; step <= CRISIS_RISK_STEPS; step++) {
                xi[d] = p->scale_min[d] + (p->scale_max[d] - p->scale_min[d]) * step / CRISIS_RISK_STEPS;
                refresh_affinity(p, pos, in, o, A, i);
                double s = threat(p, A, i);
                smax = s > smax ? s : smax;
                smin = s < smin ? s : smin;
            }
            xi[d] = keep;
        }
        for (size_t k = 0; k < n; k++) {
            if (k == i)
                continue;
            memcpy(xi, p->position + k * nd, nd * sizeof *xi);
            refresh_affinity(p, pos, in, o, A, i);
            double s = threat(p, A, i);
            smax = s > smax ? s : smax;
            smin = s < smin ? s : smin;
        }
        memcpy(xi, p->position + i * nd, nd * sizeof *xi);
        refresh_affinity(p, pos, in, o, A, i);
        double R = smax > smin ? (2.0 * s0 - smax - smin) / (smax - smin) : 0.0;
        risk[i] = R < -1.0 ? -1.0 : R > 1.0 ? 1.0 : R;
    }
    free(pos);
    free(A);
    return FC_OK;
}

static void one_pair(const fc_problem *p, const double *A, const double *r, const double *risk,
                     const fc_crisis_options *o, size_t i, size_t j, fc_crisis_pair *q)
{
    size_t n = p->n_actors;
    q->challenger = i;
    q->target = j;
    q->affinity = A[i * n + j];
    q->affinity_target = A[j * n + i];
    war_trap_1981(p, A, i, j, q);
    fc_iig_side a = {u_own(q->affinity, r[i]), u_other(q->affinity, r[i]), u_sq(r[i]), p_win(p, A, risk, i, j)};
    fc_iig_side b = {u_own(q->affinity_target, r[j]), u_other(q->affinity_target, r[j]), u_sq(r[j]),
                     p_win(p, A, risk, j, i)};
    q->p_win = a.p_win;
    /* The 1985 form with Q = 1: the target resists with probability s_j (its salience). */
    double sj = mean_salience(p, j);
    q->eu_1985 = sj * (a.p_win * a.u_own + (1.0 - a.p_win) * a.u_other) + (1.0 - sj) * a.u_own - a.u_sq;
    q->eu_challenge = o->eu == FC_CRISIS_EU_1981 ? q->eu_1981 : q->eu_1985;
    q->challenges = q->eu_challenge > 0.0;
    fc_iig_payoffs(&a, &b, o, q->u_a, q->u_b);
    q->outcome = fc_iig_solve(q->u_a, q->u_b);
    /* A challenger that values the target's position as its own has no demand apart from the
     * status quo; the game's tie rule would call that "acquiescence by B" (as EUGene does for
     * identical portfolios), which reads as a crisis. */
    if (q->affinity >= 1.0)
        q->outcome = FC_IIG_SQ;
    q->target_cost = q->u_b[FC_IIG_SQ] - q->u_b[q->outcome];
    q->challenger_gain = q->u_a[q->outcome] - q->u_a[FC_IIG_SQ];
}

fc_status fc_crisis_run(const fc_crisis_input *in, const fc_crisis_options *o, fc_crisis_result **out,
                        fc_error *err)
{
    if (!in || !o || !out)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "missing argument");
    *out = NULL;
    fc_status st = check_options(o, err);
    if (st == FC_OK)
        st = check_input(in, err);
    if (st != FC_OK)
        return st;
    const fc_problem *p = in->problem;
    size_t n = p->n_actors;
    fc_crisis_result *res = calloc(1, sizeof *res);
    if (!res)
        return fc_error_nomem(err);
    res->n_actors = n;
    res->pairs = calloc(n * n, sizeof *res->pairs);
    res->affinity = calloc(n * n, sizeof *res->affinity);
    res->risk = calloc(n, sizeof *res->risk);
    res->r = calloc(n, sizeof *res->r);
    if (!res->pairs || !res->affinity || !res->risk || !res->r) {
        fc_crisis_result_free(res);
        return fc_error_nomem(err);
    }
    if (in->risk)
        memcpy(res->risk, in->risk, n * sizeof *res->risk);
    else if (o->risk == FC_CRISIS_RISK_SECURITY && (st = security_risk(p, in, o, res->risk, err)) != FC_OK) {
        fc_crisis_result_free(res);
        return st;
    }
    for (size_t i = 0; i < n; i++)
        res->r[i] = (1.0 - res->risk[i] / 3.0) / (1.0 + res->risk[i] / 3.0);
    fill_affinity(p, p->position, in, o, res->affinity);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (i != j)
                one_pair(p, res->affinity, res->r, res->risk, o, i, j, &res->pairs[i * n + j]);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (i != j)
                res->pairs[i * n + j].eu_target = res->pairs[j * n + i].eu_challenge;
    *out = res;
    return FC_OK;
}

const fc_crisis_pair *fc_crisis_result_pair(const fc_crisis_result *r, size_t i, size_t j)
{
    if (!r || i == j || i >= r->n_actors || j >= r->n_actors)
        return NULL;
    return &r->pairs[i * r->n_actors + j];
}

void fc_crisis_result_free(fc_crisis_result *r)
{
    if (!r)
        return;
    free(r->pairs);
    free(r->affinity);
    free(r->risk);
    free(r->r);
    free(r);
}

static long problem_actor(const fc_problem *p, const char *id)
{
    for (size_t i = 0; id && i < p->n_actors; i++)
        if (p->actor_ids[i] && strcmp(p->actor_ids[i], id) == 0)
            return (long)i;
    return -1;
}

static double kind_tie(const fc_crisis_options *o, const char *kind)
{
    if (!kind)
        return o->other_tie;
    for (size_t k = 0; k < o->n_kind_ties; k++)
        if (strcmp(o->kind_ties[k].kind, kind) == 0)
            return o->kind_ties[k].tie;
    if (strcmp(kind, "alliance") == 0)
        return o->alliance_tie;
    if (strcmp(kind, "rivalry") == 0)
        return o->rivalry_tie;
    return o->other_tie;
}

fc_status fc_crisis_ties_from_scenario(const fc_scenario *sc, const fc_problem *p, const fc_crisis_options *o,
                                       double *ties, fc_error *err)
{
    if (!sc || !p || !o || !ties)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "missing argument");
    fc_status st = check_options(o, err);
    if (st != FC_OK)
        return st;
    size_t n = p->n_actors;
    for (size_t k = 0; k < n * n; k++)
        ties[k] = 0.0;
    for (size_t r = 0; r < sc->n_relations; r++) {
        const fc_relation *rel = &sc->relations[r];
        long a = problem_actor(p, rel->a), b = problem_actor(p, rel->b);
        if (a < 0 || b < 0 || a == b)
            continue;
        double t = kind_tie(o, rel->kind);
        ties[(size_t)a * n + (size_t)b] += t;
        ties[(size_t)b * n + (size_t)a] += t;
    }
    for (size_t k = 0; k < n * n; k++)
        ties[k] = ties[k] < -1.0 ? -1.0 : ties[k] > 1.0 ? 1.0 : ties[k];
    return FC_OK;
}
