/* The dilemma as a crisis game: the decider's choice, then each potential challenger's branch
 * of the international interaction game with a chance move for its resolve (hawk or dove),
 * payoffs from the crisis model (fc_crisis_run), each crisis solved as its own two-player
 * game. Construction, formulas and limits: docs/dilemma-game.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/game_exact.h"
#include "fulcrum/game_scenario.h"
#include "fulcrum/problem.h"
#include "fulcrum/scenario.h"
#include "fulcrum/util.h"
#include "util/strmap.h"
#include "util/strutil.h"

void fc_dilemma_crisis_game_options_init(fc_dilemma_crisis_game_options *o)
{
    memset(o, 0, sizeof *o);
    fc_crisis_options_init(&o->crisis);
    o->hawk_prior = NAN;
    o->resolve_margin = 0.25;
    o->backlash_weight = NAN;
    o->max_challengers = 3;
    o->solver = FC_DILEMMA_CRISIS_LOGIT;
}

/* ---- The challenger's branch of the interaction game ----------------------------------------
 * War and Reason's nodes 1, 3, 5, 9, 10 and 12 (docs/models/interaction-game.md): the decider's
 * own demand (nodes 2, 4, 6, 7, 8) is its choice, so a challenger that does not demand leaves the
 * status quo. next[] >= 0 is another step, < 0 the outcome -(next + 1). */
enum { STEP_DEMAND, STEP_ANSWER, STEP_FORCE, STEP_RESTRAINT, STEP_STRUCK_A, STEP_STRUCK_B, N_STEPS };

static const struct step {
    int challenger_moves; /* 1: the challenger (A), 0: the decider (B) */
    const char *what;
    const char *action[2];
    int next[2];
} steps[N_STEPS] = {
    [STEP_DEMAND] = {1, "demand", {"No demand", "Demand"}, {-(FC_IIG_SQ + 1), STEP_ANSWER}},
    [STEP_ANSWER] = {0, "answer the demand", {"Acquiesce", "Resist"}, {-(FC_IIG_ACQ_B + 1), STEP_FORCE}},
    [STEP_FORCE] = {1, "use force", {"No force", "Force"}, {STEP_RESTRAINT, STEP_STRUCK_B}},
    [STEP_RESTRAINT] = {0, "use force", {"No force", "Force"}, {-(FC_IIG_NEGO + 1), STEP_STRUCK_A}},
    [STEP_STRUCK_A] = {1, "answer force", {"Give in", "Fight"}, {-(FC_IIG_CAP_A + 1), -(FC_IIG_WAR_B + 1)}},
    [STEP_STRUCK_B] = {0, "answer force", {"Give in", "Fight"}, {-(FC_IIG_CAP_B + 1), -(FC_IIG_WAR_A + 1)}},
};

/* A hawk ranks both wars above capitulating and negotiating, a dove below both (War and
 * Reason's resolve): both war utilities move by the same amount (keeping alpha and tau's
 * first-strike difference) until the lower one is `margin` above the better of those two
 * (hawk), or the higher one `margin` below the worse (dove). Utilities that already rank so
 * stay as published. */
static void typed_utilities(const double u[FC_IIG_N_OUTCOMES], double margin, double hawk[FC_IIG_N_OUTCOMES],
                            double dove[FC_IIG_N_OUTCOMES])
{
    double lo = fmin(u[FC_IIG_CAP_A], u[FC_IIG_NEGO]), hi = fmax(u[FC_IIG_CAP_A], u[FC_IIG_NEGO]);
    double up = fmax(0.0, hi + margin - fmin(u[FC_IIG_WAR_A], u[FC_IIG_WAR_B]));
    double down = fmax(0.0, fmax(u[FC_IIG_WAR_A], u[FC_IIG_WAR_B]) - (lo - margin));
    memcpy(hawk, u, FC_IIG_N_OUTCOMES * sizeof *u);
    memcpy(dove, u, FC_IIG_N_OUTCOMES * sizeof *u);
    hawk[FC_IIG_WAR_A] += up;
    hawk[FC_IIG_WAR_B] += up;
    dove[FC_IIG_WAR_A] -= down;
    dove[FC_IIG_WAR_B] -= down;
}

/* ---- Building extensive games in preorder --------------------------------------------------- */

typedef struct tb {
    fc_game *g;
    size_t cap_nodes, cap_infosets, cap_outcomes;
    fc_strmap keys;      /* information-set key -> index */
    char **key_text;     /* the keys (the map borrows them), one per information set */
    int failed;
} tb;

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (!q)
        return -1;
    memset((char *)q + *cap * size, 0, (c - *cap) * size);
    *p = q;
    *cap = c;
    return 0;
}

static int tb_node(tb *b, fc_node_kind kind, int parent, size_t n_children)
{
    fc_game *g = b->g;
    if (b->failed || grow((void **)&g->nodes, &b->cap_nodes, g->n_nodes + 1, sizeof *g->nodes)) {
        b->failed = 1;
        return -1;
    }
    int idx = (int)g->n_nodes++;
    fc_game_node *nd = &g->nodes[idx];
    nd->kind = kind;
    nd->parent = parent;
    nd->infoset = -1;
    nd->label = strdup("");
    if (n_children) {
        nd->children = calloc(n_children, sizeof *nd->children);
        nd->n_children = n_children;
    }
    if (!nd->label || (n_children && !nd->children))
        b->failed = 1;
    return b->failed ? -1 : idx;
}

/* The information set of `key` (NULL: a new one each time, as for chance), created at node. */
static int tb_infoset(tb *b, const char *key, int player, const char *label, const char *const *actions,
                      const double *probs, int node)
{
    fc_game *g = b->g;
    if (b->failed)
        return -1;
    if (key) {
        long found = fc_strmap_get(&b->keys, key);
        if (found >= 0)
            return (int)found;
    }
    if (grow((void **)&g->infosets, &b->cap_infosets, g->n_infosets + 1, sizeof *g->infosets)) {
        b->failed = 1;
        return -1;
    }
    char **kt = realloc(b->key_text, (g->n_infosets + 1) * sizeof *kt);
    if (!kt) {
        b->failed = 1;
        return -1;
    }
    b->key_text = kt;
    int idx = (int)g->n_infosets++;
    kt[idx] = key ? strdup(key) : NULL;
    fc_game_infoset *is = &g->infosets[idx];
    is->player = player;
    int number = 0;
    for (int k = 0; k < idx; k++)
        number += g->infosets[k].player == player;
    is->number = number + 1;
    is->label = strdup(label);
    is->n_actions = 2;
    is->actions = calloc(2, sizeof *is->actions);
    is->first_node = (size_t)node;
    if (!is->label || !is->actions || (key && !kt[idx])) {
        b->failed = 1;
        return -1;
    }
    for (int a = 0; a < 2; a++)
        if (!(is->actions[a] = strdup(actions[a])))
            b->failed = 1;
    if (probs) {
        if (!(is->probs = fc_mpq_array_new(2)))
            b->failed = 1;
        for (int a = 0; a < 2 && is->probs; a++) {
            mpq_set_d(is->probs[a], probs[a]);
            mpq_canonicalize(is->probs[a]);
        }
    }
    if (key && !b->failed && fc_strmap_put(&b->keys, kt[idx], (size_t)idx, NULL) < 0)
        b->failed = 1;
    return b->failed ? -1 : idx;
}

/* Rounded to 1e-6, then exact: what the file holds is what is solved. */
static void set_micro(mpq_t q, double v)
{
    mpq_set_si(q, lround(v * 1e6), 1000000);
    mpq_canonicalize(q);
}

static int tb_outcome(tb *b, const char *label, const double *pay)
{
    fc_game *g = b->g;
    if (b->failed || grow((void **)&g->outcomes, &b->cap_outcomes, g->n_outcomes + 1, sizeof *g->outcomes)) {
        b->failed = 1;
        return 0;
    }
    fc_game_outcome *o = &g->outcomes[g->n_outcomes++];
    o->label = strdup(label);
    o->payoff = fc_mpq_array_new(g->n_players);
    if (!o->label || !o->payoff) {
        b->failed = 1;
        return 0;
    }
    for (size_t p = 0; p < g->n_players; p++)
        set_micro(o->payoff[p], pay[p]);
    return (int)g->n_outcomes;
}

static fc_status tb_start(tb *b, const char *title, size_t n_players, const char *const *players, fc_error *err)
{
    memset(b, 0, sizeof *b);
    b->g = fc_game_new();
    if (!b->g || fc_strmap_init(&b->keys, 256) < 0) {
        fc_game_free(b->g);
        return fc_error_nomem(err);
    }
    fc_game *g = b->g;
    g->form = FC_GAME_EXTENSIVE;
    g->title = strdup(title);
    g->comment = strdup("Built by Fulcrum: the dilemma as a crisis game (docs/dilemma-game.md).");
    g->players = calloc(n_players, sizeof *g->players);
    if (!g->title || !g->comment || !g->players)
        b->failed = 1;
    g->n_players = g->players ? n_players : 0;
    for (size_t p = 0; p < g->n_players; p++)
        if (!(g->players[p] = strdup(players[p])))
            b->failed = 1;
    return FC_OK;
}

static fc_status tb_finish(tb *b, fc_game **out, fc_error *err)
{
    for (size_t k = 0; b->key_text && k < b->g->n_infosets; k++)
        free(b->key_text[k]);
    free(b->key_text);
    fc_strmap_free(&b->keys);
    if (b->failed) {
        fc_game_free(b->g);
        *out = NULL;
        return fc_error_nomem(err);
    }
    *out = b->g;
    return FC_OK;
}

/* What the crises of one choice need to be laid out. */
typedef struct layout {
    tb *b;
    size_t n_ch;
    const char *const *names;               /* challengers, for labels */
    const double (*u_hawk)[FC_IIG_N_OUTCOMES], (*u_dove)[FC_IIG_N_OUTCOMES], (*u_dec)[FC_IIG_N_OUTCOMES];
    double prior, weight, base;
    const char *choice_id;                  /* NULL in a pair game */
    int outcome_of[FC_DILEMMA_CRISIS_MAX_CHALLENGERS];
    int type_of[FC_DILEMMA_CRISIS_MAX_CHALLENGERS];
} layout;

static void lay_crisis(layout *L, size_t k, int parent, size_t slot, char *hist, size_t hl);

/* After challenger k's outcome: the next crisis, or the terminal node of the history. */
static void lay_after(layout *L, size_t k, int parent, size_t slot, char *hist, size_t hl)
{
    if (k + 1 < L->n_ch) {
        lay_crisis(L, k + 1, parent, slot, hist, hl);
        return;
    }
    tb *b = L->b;
    int v = tb_node(b, FC_NODE_TERMINAL, parent, 0);
    if (v < 0)
        return;
    b->g->nodes[parent].children[slot] = v;
    double pay[1 + FC_DILEMMA_CRISIS_MAX_CHALLENGERS];
    pay[0] = L->base;
    char label[512];
    int len = snprintf(label, sizeof label, "%s", L->choice_id ? L->choice_id : "");
    for (size_t c = 0; c < L->n_ch; c++) {
        int o = L->outcome_of[c];
        pay[0] += L->weight * L->u_dec[c][o];
        pay[c + 1] = (L->type_of[c] == 0 ? L->u_hawk[c] : L->u_dove[c])[o];
        if (len < (int)sizeof label - 64)
            len += snprintf(label + len, sizeof label - (size_t)len, "%s%s%s", len ? " " : "",
                            L->choice_id ? (L->type_of[c] == 0 ? "hawk:" : "dove:") : "", fc_iig_outcome_id(o));
    }
    b->g->nodes[v].outcome = tb_outcome(b, label, pay);
}

static void lay_step(layout *L, size_t k, int s, int parent, size_t slot, char *hist, size_t hl)
{
    tb *b = L->b;
    const struct step *st = &steps[s];
    int v = tb_node(b, FC_NODE_PERSONAL, parent, 2);
    if (v < 0)
        return;
    b->g->nodes[parent].children[slot] = v;
    char key[600], label[600];
    const char *type = L->type_of[k] == 0 ? "hawk" : "dove";
    if (st->challenger_moves) {
        snprintf(key, sizeof key, "%zu|%s|%.*s", k, type, (int)hl, hist);
        snprintf(label, sizeof label, "%s (%s) %s? [%.*s]", L->names[k], type, st->what, (int)hl, hist);
    } else {
        snprintf(key, sizeof key, "D|%.*s", (int)hl, hist);
        snprintf(label, sizeof label, "%s: %s of %s? [%.*s]", b->g->players[0], st->what, L->names[k], (int)hl,
                 hist);
    }
    int is = tb_infoset(b, key, st->challenger_moves ? (int)k + 2 : 1, label, st->action, NULL, v);
    if (is < 0)
        return;
    b->g->nodes[v].infoset = is;
    for (size_t a = 0; a < 2; a++) {
        hist[hl] = (char)('0' + a);
        if (st->next[a] >= 0) {
            lay_step(L, k, st->next[a], v, a, hist, hl + 1);
        } else {
            L->outcome_of[k] = -(st->next[a] + 1);
            lay_after(L, k, v, a, hist, hl + 1);
        }
    }
}

/* Challenger k's crisis: chance draws its type, then its branch of the game. The history
 * (what every player saw: the choice, then each crisis's actions) keys the information sets:
 * a challenger's sets also hold its type, the decider's do not. */
static void lay_crisis(layout *L, size_t k, int parent, size_t slot, char *hist, size_t hl)
{
    tb *b = L->b;
    int v = tb_node(b, FC_NODE_CHANCE, parent, 2);
    if (v < 0)
        return;
    if (parent >= 0)
        b->g->nodes[parent].children[slot] = v;
    char label[300];
    snprintf(label, sizeof label, "%s's resolve", L->names[k]);
    const char *types[2] = {"Hawk", "Dove"};
    double probs[2] = {L->prior, 1.0 - L->prior};
    int is = tb_infoset(b, NULL, 0, label, types, probs, v);
    if (is < 0)
        return;
    b->g->nodes[v].infoset = is;
    hist[hl] = '/';
    for (size_t t = 0; t < 2; t++) {
        L->type_of[k] = (int)t;
        lay_step(L, k, STEP_DEMAND, v, t, hist, hl + 1);
    }
}

fc_status fc_dilemma_crisis_game_pair(const char *decider, const char *challenger,
                                      const double u_hawk[FC_IIG_N_OUTCOMES], const double u_dove[FC_IIG_N_OUTCOMES],
                                      const double u_decider[FC_IIG_N_OUTCOMES], double hawk_prior, fc_game **out,
                                      fc_error *err)
{
    *out = NULL;
    if (!(hawk_prior >= 0.0 && hawk_prior <= 1.0))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "hawk_prior", "must be in [0, 1]");
    tb b;
    const char *players[2] = {decider, challenger};
    char title[300];
    snprintf(title, sizeof title, "%s's crisis with %s", decider, challenger);
    fc_status st = tb_start(&b, title, 2, players, err);
    if (st != FC_OK)
        return st;
    layout L = {.b = &b, .n_ch = 1, .names = &players[1], .prior = hawk_prior, .weight = 1.0, .base = 0.0};
    L.u_hawk = (const double(*)[FC_IIG_N_OUTCOMES])u_hawk;
    L.u_dove = (const double(*)[FC_IIG_N_OUTCOMES])u_dove;
    L.u_dec = (const double(*)[FC_IIG_N_OUTCOMES])u_decider;
    char hist[64];
    lay_crisis(&L, 0, -1, 0, hist, 0);
    return tb_finish(&b, out, err);
}

/* ---- Solving one crisis ---------------------------------------------------------------------- */

static int outcome_by_label(const char *label)
{
    for (int o = 0; o < FC_IIG_N_OUTCOMES; o++)
        if (strcmp(label, fc_iig_outcome_id((fc_iig_outcome)o)) == 0)
            return o;
    return -1;
}

/* Adds the probability of reaching each terminal below v (reach so far r) to prob[]. */
static void reach(const fc_game *g, const fc_profile *pr, const long *off, size_t v, double r, double *prob)
{
    const fc_game_node *nd = &g->nodes[v];
    if (nd->kind == FC_NODE_TERMINAL) {
        int o = nd->outcome > 0 ? outcome_by_label(g->outcomes[nd->outcome - 1].label) : -1;
        if (o >= 0)
            prob[o] += r;
        return;
    }
    const fc_game_infoset *is = &g->infosets[nd->infoset];
    for (size_t a = 0; a < nd->n_children; a++) {
        double pa = is->player == 0 ? mpq_get_d(is->probs[a]) : fc_profile_value(pr, (size_t)off[nd->infoset] + a);
        if (pa > 0)
            reach(g, pr, off, (size_t)nd->children[a], r * pa, prob);
    }
}

fc_status fc_dilemma_crisis_pair_solve(const fc_game *pair, fc_dilemma_crisis_solver solver,
                                       double prob_hawk[FC_IIG_N_OUTCOMES], double prob_dove[FC_IIG_N_OUTCOMES],
                                       char *note, fc_error *err)
{
    if (note)
        note[0] = '\0';
    if (!pair || pair->form != FC_GAME_EXTENSIVE || pair->n_nodes < 1 || pair->nodes[0].kind != FC_NODE_CHANCE ||
        pair->nodes[0].n_children != 2)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "not a crisis game of fc_dilemma_crisis_game_pair");
    fc_game_options go;
    fc_game_options_init(&go);
    fc_equilibria eq;
    memset(&eq, 0, sizeof eq);
    fc_status st = solver == FC_DILEMMA_CRISIS_LCP ? fc_game_lcp(pair, &go, &eq, err)
                                                   : fc_game_logit(pair, &go, &eq, NULL, err);
    if (st != FC_OK)
        return st;
    if (eq.n < 1) {
        fc_equilibria_free(&eq);
        return fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL, "the solver found no equilibrium");
    }
    /* Only what the reader must know: a logit end point that failed its regret check. */
    if (note && solver == FC_DILEMMA_CRISIS_LOGIT && !eq.converged)
        snprintf(note, 512, "not an equilibrium (regret %g): %s", eq.max_regret, eq.note);
    long *off = fc_game_behaviour_offsets(pair);
    if (!off) {
        fc_equilibria_free(&eq);
        return fc_error_nomem(err);
    }
    for (int o = 0; o < FC_IIG_N_OUTCOMES; o++)
        prob_hawk[o] = prob_dove[o] = 0.0;
    const fc_profile *pr = fc_equilibria_item(&eq, 0);
    reach(pair, pr, off, (size_t)pair->nodes[0].children[0], 1.0, prob_hawk);
    reach(pair, pr, off, (size_t)pair->nodes[0].children[1], 1.0, prob_dove);
    free(off);
    fc_equilibria_free(&eq);
    return FC_OK;
}

/* ---- The dilemma's crises --------------------------------------------------------------------- */

void fc_dilemma_crisis_game_free(fc_dilemma_crisis_game *g)
{
    if (!g)
        return;
    for (size_t c = 0; g->choices && c < g->n_choices; c++) {
        fc_dilemma_crisis_choice *ch = &g->choices[c];
        free(ch->id);
        free(ch->label);
        free(ch->position);
        free(ch->realised);
        for (size_t k = 0; ch->crises && k < g->n_challengers; k++)
            free(ch->crises[k].realised);
        free(ch->crises);
    }
    free(g->choices);
    for (size_t k = 0; g->challenger_names && k < g->n_challengers; k++)
        free(g->challenger_names[k]);
    free(g->challenger_names);
    for (size_t d = 0; g->issue_ids && d < g->n_issues; d++)
        free(g->issue_ids[d]);
    free(g->issue_ids);
    free(g->decider_name);
    free(g);
}

static const char *actor_name(const fc_actor *a)
{
    return a->name && a->name[0] ? a->name : a->id;
}

static long problem_index(const fc_problem *p, const char *id)
{
    for (size_t i = 0; i < p->n_actors; i++)
        if (strcmp(p->actor_ids[i], id) == 0)
            return (long)i;
    return -1;
}

static fc_status check_options(const fc_dilemma_crisis_game_options *o, fc_error *err)
{
    if (!isnan(o->hawk_prior) && !(o->hawk_prior >= 0.0 && o->hawk_prior <= 1.0))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "hawk_prior", "must be in [0, 1] (is %g)", o->hawk_prior);
    if (!(o->resolve_margin > 0.0) || !isfinite(o->resolve_margin))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "resolve_margin", "must be a finite number > 0");
    if (!isnan(o->backlash_weight) && !(o->backlash_weight >= 0.0 && isfinite(o->backlash_weight)))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "backlash_weight", "must be a finite number >= 0");
    if (o->max_challengers < 1 || o->max_challengers > FC_DILEMMA_CRISIS_MAX_CHALLENGERS)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "max_challengers", "must be 1 to %d",
                            FC_DILEMMA_CRISIS_MAX_CHALLENGERS);
    if ((unsigned)o->solver > FC_DILEMMA_CRISIS_LCP)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "solver", "unknown solver");
    return FC_OK;
}

/* The challengers: the scenario's responders, else the actors with the highest expected
 * utility of challenging the decider at the status quo (those with a positive one first). */
static fc_status pick_challengers(const fc_scenario *sc, const fc_dilemma_crisis_game_options *o, size_t decider,
                                  size_t *idx, size_t *n, fc_error *err)
{
    const char *origin = sc->origin ? sc->origin : "";
    *n = 0;
    if (sc->n_responders > 0) {
        if (sc->n_responders > o->max_challengers)
            return fc_error_set(err, FC_EINPUT, origin, 0, 0, "responders",
                                "%zu responders, the crisis game takes at most %zu (max_challengers; the tree "
                                "grows 14-fold with each)",
                                sc->n_responders, o->max_challengers);
        for (size_t r = 0; r < sc->n_responders; r++) {
            long a = fc_scenario_actor_index(sc, sc->responders[r]);
            if (a < 0)
                return fc_error_set(err, FC_EINPUT, origin, 0, 0, "responders", "unknown actor '%s'",
                                    sc->responders[r]);
            if ((size_t)a == decider)
                return fc_error_set(err, FC_EINPUT, origin, 0, 0, "responders",
                                    "the decider '%s' cannot challenge itself", sc->responders[r]);
            idx[(*n)++] = (size_t)a;
        }
        return FC_OK;
    }
    fc_problem p;
    size_t dec = 0;
    fc_status st = fc_crisis_problem_for_choice(sc, NULL, &p, &dec, err);
    if (st != FC_OK)
        return st;
    double *ties = calloc(p.n_actors * p.n_actors, sizeof *ties);
    fc_crisis_backlash *bl = NULL;
    if (!ties) {
        fc_problem_free(&p);
        return fc_error_nomem(err);
    }
    fc_crisis_input in = {&p, ties, NULL};
    if ((st = fc_crisis_ties_from_scenario(sc, &p, &o->crisis, ties, err)) == FC_OK)
        st = fc_crisis_backlash_run(&in, dec, &o->crisis, &bl, err);
    for (size_t taken = 0; st == FC_OK && taken < o->max_challengers && taken < bl->n_pairs; taken++) {
        long best = -1;
        for (size_t q = 0; q < bl->n_pairs; q++) {
            int used = 0;
            long a = fc_scenario_actor_index(sc, p.actor_ids[bl->pairs[q].challenger]);
            for (size_t k = 0; k < *n; k++)
                used |= (long)idx[k] == a;
            if (!used && (best < 0 || bl->pairs[q].eu_challenge > bl->pairs[best].eu_challenge))
                best = (long)q;
        }
        if (best >= 0)
            idx[(*n)++] = (size_t)fc_scenario_actor_index(sc, p.actor_ids[bl->pairs[best].challenger]);
    }
    fc_crisis_backlash_free(bl);
    free(ties);
    fc_problem_free(&p);
    return st;
}

/* The decider's position on each issue after the outcome: unchanged at the status quo and when
 * the challenger gives in; the challenger's demand when the decider gives way; the lottery's
 * mean P x_A + (1 - P) x_B after negotiation and war. Issues the challenger is silent on stay. */
static double realised_at(fc_iig_outcome o, double xa, double xb, double p_win, int challenger_cares)
{
    if (!challenger_cares)
        return xb;
    switch (o) {
    case FC_IIG_ACQ_B:
    case FC_IIG_CAP_B:
        return xa;
    case FC_IIG_NEGO:
    case FC_IIG_WAR_A:
    case FC_IIG_WAR_B:
        return p_win * xa + (1.0 - p_win) * xb;
    default:
        return xb;
    }
}

static fc_status one_choice(const fc_scenario *sc, const fc_dilemma_crisis_game_options *o,
                            fc_dilemma_crisis_game *G, const size_t *ch_idx, const fc_problem *sq, size_t sq_dec,
                            size_t c, fc_error *err)
{
    fc_dilemma_crisis_choice *ch = &G->choices[c];
    const char *choice_id = c == 0 ? NULL : sc->choices[c - 1].id;
    fc_problem p;
    size_t dec = 0;
    fc_status st = fc_crisis_problem_for_choice(sc, choice_id, &p, &dec, err);
    if (st != FC_OK)
        return st;
    size_t nd = p.n_dims, n = p.n_actors;
    double *ties = calloc(n * n, sizeof *ties);
    fc_crisis_result *res = NULL;
    if (!ties)
        st = fc_error_nomem(err);
    fc_crisis_input in = {&p, ties, NULL};
    if (st == FC_OK)
        st = fc_crisis_ties_from_scenario(sc, &p, &o->crisis, ties, err);
    if (st == FC_OK)
        st = fc_crisis_run(&in, &o->crisis, &res, err);
    for (size_t d = 0; st == FC_OK && d < nd; d++) {
        ch->position[d] = p.position[dec * nd + d];
        double range = p.scale_max[d] - p.scale_min[d];
        ch->base -= sq->salience[sq_dec * nd + d] * fabs(ch->position[d] - sq->position[sq_dec * nd + d]) / range;
        ch->realised[d] = ch->position[d];
    }
    ch->value = ch->base;
    double none_war = 1, none_cap = 1, none_nego = 1, none_acq = 1;
    for (size_t k = 0; st == FC_OK && k < G->n_challengers; k++) {
        fc_dilemma_crisis *cr = &ch->crises[k];
        long a = problem_index(&p, sc->actors[ch_idx[k]].id);
        if (a < 0) {
            st = fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL, "challenger missing from the problem");
            break;
        }
        const fc_crisis_pair *q = fc_crisis_result_pair(res, (size_t)a, dec);
        cr->challenger = ch_idx[k];
        cr->p_win = q->p_win;
        memcpy(cr->u_decider, q->u_b, sizeof cr->u_decider);
        typed_utilities(q->u_a, o->resolve_margin, cr->u_hawk, cr->u_dove);
        if (q->affinity >= 1.0) {
            /* Nothing to demand (the crisis model's rule): the status quo, whatever the type. */
            memset(cr->prob_hawk, 0, sizeof cr->prob_hawk);
            memset(cr->prob_dove, 0, sizeof cr->prob_dove);
            cr->prob_hawk[FC_IIG_SQ] = cr->prob_dove[FC_IIG_SQ] = 1.0;
        } else {
            fc_game *pg = NULL;
            char note[512];
            st = fc_dilemma_crisis_game_pair(G->decider_name, G->challenger_names[k], cr->u_hawk, cr->u_dove,
                                             cr->u_decider, G->hawk_prior, &pg, err);
            if (st == FC_OK)
                st = fc_dilemma_crisis_pair_solve(pg, o->solver, cr->prob_hawk, cr->prob_dove, note, err);
            fc_game_free(pg);
            if (st == FC_OK && note[0] && !G->note[0])
                snprintf(G->note, sizeof G->note, "%s, %s: %s", ch->id, G->challenger_names[k], note);
        }
        double eu = 0;
        for (int x = 0; x < FC_IIG_N_OUTCOMES; x++) {
            cr->prob[x] = G->hawk_prior * cr->prob_hawk[x] + (1.0 - G->hawk_prior) * cr->prob_dove[x];
            eu += cr->prob[x] * cr->u_decider[x];
        }
        cr->value = eu - cr->u_decider[FC_IIG_SQ];
        ch->value += G->weight * cr->value;
        none_war *= 1.0 - cr->prob[FC_IIG_WAR_A] - cr->prob[FC_IIG_WAR_B];
        none_cap *= 1.0 - cr->prob[FC_IIG_CAP_A] - cr->prob[FC_IIG_CAP_B];
        none_nego *= 1.0 - cr->prob[FC_IIG_NEGO];
        none_acq *= 1.0 - cr->prob[FC_IIG_ACQ_A] - cr->prob[FC_IIG_ACQ_B];
        for (size_t d = 0; d < nd; d++) {
            double xb = ch->position[d], xa = p.position[(size_t)a * nd + d], y = 0;
            int cares = p.salience[(size_t)a * nd + d] > 0;
            for (int x = 0; x < FC_IIG_N_OUTCOMES; x++)
                y += cr->prob[x] * realised_at((fc_iig_outcome)x, xa, xb, cr->p_win, cares);
            cr->realised[d] = y;
            ch->realised[d] += y - xb;
        }
    }
    for (size_t d = 0; st == FC_OK && d < nd; d++)
        ch->realised[d] = fmin(fmax(ch->realised[d], p.scale_min[d]), p.scale_max[d]);
    ch->p_war = 1 - none_war;
    ch->p_capitulation = 1 - none_cap;
    ch->p_negotiation = 1 - none_nego;
    ch->p_acquiescence = 1 - none_acq;
    fc_crisis_result_free(res);
    free(ties);
    fc_problem_free(&p);
    return st;
}

fc_status fc_dilemma_crisis_game_build(const fc_scenario *sc, const fc_dilemma_crisis_game_options *o,
                                       fc_dilemma_crisis_game **out, fc_error *err)
{
    *out = NULL;
    const char *origin = sc->origin ? sc->origin : "";
    fc_status st = check_options(o, err);
    if (st != FC_OK)
        return st;
    if (!sc->decider || sc->n_choices < 1)
        return fc_error_set(err, FC_EINPUT, origin, 0, 0, "choices", "the scenario has no deciding actor with choices");
    long d = fc_scenario_actor_index(sc, sc->decider);
    if (d < 0)
        return fc_error_set(err, FC_EINPUT, origin, 0, 0, "decider", "unknown actor '%s'", sc->decider);
    size_t ch_idx[FC_DILEMMA_CRISIS_MAX_CHALLENGERS], n_ch = 0;
    if ((st = pick_challengers(sc, o, (size_t)d, ch_idx, &n_ch, err)) != FC_OK)
        return st;
    if (n_ch < 1)
        return fc_error_set(err, FC_EINPUT, origin, 0, 0, "actors", "no actor could challenge the decider");
    fc_problem sq;
    size_t sq_dec = 0;
    if ((st = fc_crisis_problem_for_choice(sc, NULL, &sq, &sq_dec, err)) != FC_OK)
        return st;
    fc_dilemma_crisis_game *G = calloc(1, sizeof *G);
    if (!G) {
        fc_problem_free(&sq);
        return fc_error_nomem(err);
    }
    G->options = *o;
    G->decider = (size_t)d;
    G->n_challengers = n_ch;
    G->n_issues = sq.n_dims;
    G->n_choices = sc->n_choices + 1;
    G->solver = o->solver;
    G->hawk_prior = !isnan(o->hawk_prior)                                   ? o->hawk_prior
                    : sc->game_costs.present && sc->game_costs.has_hawk_prior ? sc->game_costs.hawk_prior.value
                                                                             : 0.5;
    snprintf(G->prior_source, sizeof G->prior_source, "%s",
             !isnan(o->hawk_prior) ? "option"
             : sc->game_costs.present && sc->game_costs.has_hawk_prior
                 ? (sc->game_costs.hawk_prior.source ? sc->game_costs.hawk_prior.source : "the scenario's game.hawk_prior")
                 : "analyst's assumption: Fulcrum's default, no better knowledge");
    if (!isnan(o->backlash_weight)) {
        G->weight = o->backlash_weight;
        snprintf(G->weight_source, sizeof G->weight_source, "option");
    } else if (sc->backlash_costs.present) {
        G->weight = sc->backlash_costs.weight.value;
        snprintf(G->weight_source, sizeof G->weight_source, "%s",
                 sc->backlash_costs.weight.source ? sc->backlash_costs.weight.source : "the scenario's backlash.weight");
    } else {
        G->weight = 0.1;
        snprintf(G->weight_source, sizeof G->weight_source,
                 "Fulcrum's default: an assumption (the scenario declares no backlash.weight)");
    }
    int ok = (G->decider_name = strdup(actor_name(&sc->actors[d]))) != NULL;
    ok = ok && (G->challenger_names = calloc(n_ch, sizeof *G->challenger_names));
    ok = ok && (G->issue_ids = calloc(G->n_issues, sizeof *G->issue_ids));
    ok = ok && (G->choices = calloc(G->n_choices, sizeof *G->choices));
    for (size_t k = 0; ok && k < n_ch; k++)
        ok = (G->challenger_names[k] = strdup(actor_name(&sc->actors[ch_idx[k]]))) != NULL;
    for (size_t i = 0; ok && i < G->n_issues; i++)
        ok = (G->issue_ids[i] = strdup(sq.dim_ids[i])) != NULL;
    for (size_t c = 0; ok && c < G->n_choices; c++) {
        fc_dilemma_crisis_choice *ch = &G->choices[c];
        const fc_choice *sch = c ? &sc->choices[c - 1] : NULL;
        ch->id = strdup(sch ? sch->id : "status-quo");
        /* The first choice keeps the decider's own position: "Current policy", as the dilemma
         * labels it (the issue's status quo is another number). */
        ch->label = strdup(sch ? (sch->label ? sch->label : sch->id) : "Current policy");
        ch->position = calloc(G->n_issues, sizeof *ch->position);
        ch->realised = calloc(G->n_issues, sizeof *ch->realised);
        ch->crises = calloc(n_ch, sizeof *ch->crises);
        ok = ch->id && ch->label && ch->position && ch->realised && ch->crises;
        for (size_t k = 0; ok && k < n_ch; k++)
            ok = (ch->crises[k].realised = calloc(G->n_issues, sizeof(double))) != NULL;
    }
    if (!ok)
        st = fc_error_nomem(err);
    for (size_t c = 0; st == FC_OK && c < G->n_choices; c++)
        st = one_choice(sc, o, G, ch_idx, &sq, sq_dec, c, err);
    fc_problem_free(&sq);
    if (st != FC_OK) {
        fc_dilemma_crisis_game_free(G);
        return st;
    }
    for (size_t c = 1; c < G->n_choices; c++)
        if (G->choices[c].value > G->choices[G->best].value)
            G->best = c;
    *out = G;
    return FC_OK;
}

fc_status fc_dilemma_crisis_game_tree(const fc_dilemma_crisis_game *G, fc_game **out, fc_error *err)
{
    *out = NULL;
    const char *players[1 + FC_DILEMMA_CRISIS_MAX_CHALLENGERS];
    players[0] = G->decider_name;
    for (size_t k = 0; k < G->n_challengers; k++)
        players[k + 1] = G->challenger_names[k];
    char title[300];
    snprintf(title, sizeof title, "%s's dilemma as a crisis game", G->decider_name);
    tb b;
    fc_status st = tb_start(&b, title, G->n_challengers + 1, players, err);
    if (st != FC_OK)
        return st;
    fc_game *g = b.g;
    int root = tb_node(&b, FC_NODE_PERSONAL, -1, G->n_choices);
    const char **labels = calloc(G->n_choices, sizeof *labels);
    if (!labels)
        b.failed = 1;
    if (root >= 0 && labels) {
        /* The decider's choice: an information set of its own with one action per choice. */
        for (size_t c = 0; c < G->n_choices; c++)
            labels[c] = G->choices[c].label;
        int is = tb_infoset(&b, "choice", 1, "choice", labels, NULL, root);
        if (is >= 0) {
            fc_game_infoset *I = &g->infosets[is];
            for (size_t a = 0; a < 2; a++)
                free(I->actions[a]);
            free(I->actions);
            I->n_actions = G->n_choices;
            if (!(I->actions = calloc(G->n_choices, sizeof *I->actions)))
                b.failed = 1;
            for (size_t c = 0; I->actions && c < G->n_choices; c++)
                if (!(I->actions[c] = strdup(labels[c])))
                    b.failed = 1;
            g->nodes[root].infoset = is;
        }
    }
    free(labels);
    double (*uh)[FC_IIG_N_OUTCOMES] = malloc(G->n_challengers * sizeof *uh);
    double (*ud)[FC_IIG_N_OUTCOMES] = malloc(G->n_challengers * sizeof *ud);
    double (*ub)[FC_IIG_N_OUTCOMES] = malloc(G->n_challengers * sizeof *ub);
    if (!uh || !ud || !ub)
        b.failed = 1;
    for (size_t c = 0; !b.failed && c < G->n_choices; c++) {
        const fc_dilemma_crisis_choice *ch = &G->choices[c];
        for (size_t k = 0; k < G->n_challengers; k++) {
            memcpy(uh[k], ch->crises[k].u_hawk, sizeof uh[k]);
            memcpy(ud[k], ch->crises[k].u_dove, sizeof ud[k]);
            memcpy(ub[k], ch->crises[k].u_decider, sizeof ub[k]);
        }
        layout L = {.b = &b, .n_ch = G->n_challengers, .names = &players[1], .prior = G->hawk_prior,
                    .weight = G->weight, .base = ch->base, .choice_id = ch->id};
        L.u_hawk = (const double(*)[FC_IIG_N_OUTCOMES])uh;
        L.u_dove = (const double(*)[FC_IIG_N_OUTCOMES])ud;
        L.u_dec = (const double(*)[FC_IIG_N_OUTCOMES])ub;
        char hist[64];
        int hl = snprintf(hist, sizeof hist, "%zu", c);
        lay_crisis(&L, 0, root, c, hist, (size_t)hl);
    }
    free(uh);
    free(ud);
    free(ub);
    return tb_finish(&b, out, err);
}
