/* lcp: the Lemke-Howson algorithm on the two best-response polytopes (Lemke and Howson 1964,
 * "Equilibrium points of bimatrix games", SIAM J. Appl. Math. 12; in the polytope form of von
 * Stengel 2002), exact, with lexicographic tie-breaking for degenerate games. By default the
 * path that drops player 1's first strategy from the artificial equilibrium; with `lcp_all`
 * every equilibrium reached by dropping any label from any equilibrium already found. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/util.h"
#include "game/bitset.h"
#include "game/polytope.h"

static void dict_copy(dict *dst, const dict *src)
{
    for (size_t k = 0; k < src->rows * src->cols; k++)
        mpz_set(dst->a[k], src->a[k]);
    for (size_t r = 0; r < src->rows; r++) {
        mpz_set(dst->c[r], src->c[r]);
        dst->basic[r] = src->basic[r];
    }
    for (size_t k = 0; k < src->cols; k++)
        dst->nonbasic[k] = src->nonbasic[k];
    mpz_set(dst->D, src->D);
}

/* Lexicographic minimum-ratio row for entering column s; -1 when the column is unbounded. */
static long lex_ratio(const dict *d, size_t s, int slack0, mpz_t t1, mpz_t t2)
{
    long best = -1;
    size_t R = d->rows, C = d->cols;
    /* position of each slack (labels slack0 .. slack0+R-1) among the nonbasic columns */
    for (size_t i = 0; i < R; i++) {
        const mpz_t *ais = &d->a[i * C + s];
        if (mpz_sgn(*ais) <= 0)
            continue;
        if (best < 0) {
            best = (long)i;
            continue;
        }
        const mpz_t *abs_ = &d->a[(size_t)best * C + s];
        mpz_mul(t1, d->c[i], *abs_);
        mpz_mul(t2, d->c[best], *ais);
        int cmp = mpz_cmp(t1, t2);
        for (size_t t = 0; cmp == 0 && t < R; t++) {
            int lab = slack0 + (int)t;
            long col = -1;
            for (size_t k = 0; k < C; k++)
                if (d->nonbasic[k] == lab)
                    col = (long)k;
            mpz_t ei, eb;
            mpz_init(ei);
            mpz_init(eb);
            if (col >= 0) {
                mpz_set(ei, d->a[i * C + (size_t)col]);
                mpz_set(eb, d->a[(size_t)best * C + (size_t)col]);
            } else {
                if (d->basic[i] == lab)
                    mpz_set(ei, d->D);
                if (d->basic[best] == lab)
                    mpz_set(eb, d->D);
            }
            mpz_mul(t1, ei, *abs_);
            mpz_mul(t2, eb, *ais);
            cmp = mpz_cmp(t1, t2);
            mpz_clear(ei);
            mpz_clear(eb);
        }
        if (cmp < 0)
            best = (long)i;
    }
    return best;
}

typedef struct lh_state {
    dict p, q;
} lh_state;

static int slack0_of(const bimatrix *bm, int which)
{
    return which == 0 ? (int)bm->m : 0;
}

/* Follows the path that drops label k. */
static fc_status lh_path(const bimatrix *bm, lh_state *st, int k, game_work *w, fc_error *err)
{
    mpz_t t1, t2;
    mpz_init(t1);
    mpz_init(t2);
    int enter = k;
    /* the polytope where label k is now a nonbasic variable (present as a label) */
    int which = -1;
    for (size_t c = 0; c < st->p.cols; c++)
        if (st->p.nonbasic[c] == k)
            which = 0;
    if (which < 0)
        which = 1;
    fc_status res = FC_OK;
    for (size_t steps = 0;; steps++) {
        dict *d = which == 0 ? &st->p : &st->q;
        long s = -1;
        for (size_t c = 0; c < d->cols; c++)
            if (d->nonbasic[c] == enter)
                s = (long)c;
        if (s < 0 || steps > 1000000) {
            res = fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL,
                               "lcp: the complementary path broke off (a bug)");
            break;
        }
        long r = lex_ratio(d, (size_t)s, slack0_of(bm, which), t1, t2);
        if (r < 0) {
            res = fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL, "lcp: unbounded ray (a bug)");
            break;
        }
        int leave = d->basic[r];
        /* a pivot updates every entry of the dictionary */
        if (!game_work_add(w, (unsigned long long)(d->rows + 1) * (d->cols + 1))) {
            res = game_work_error(w, err);
            break;
        }
        polytope_dict_pivot(d, (size_t)r, (size_t)s);
        if (leave == k)
            break;
        enter = leave;
        which = 1 - which;
    }
    mpz_clear(t1);
    mpz_clear(t2);
    return res;
}

/* The profile at the current bases; false at the artificial equilibrium. */
static bool lh_profile(const bimatrix *bm, const lh_state *st, mpq_t *prof)
{
    size_t m = bm->m, n = bm->n;
    for (size_t i = 0; i < m + n; i++)
        mpq_set_ui(prof[i], 0, 1);
    mpq_t sum;
    mpq_init(sum);
    bool ok = true;
    for (int w = 0; w < 2 && ok; w++) {
        const dict *d = w == 0 ? &st->p : &st->q;
        size_t lo = w == 0 ? 0 : m, hi = w == 0 ? m : m + n;
        mpq_set_ui(sum, 0, 1);
        for (size_t r = 0; r < d->rows; r++) {
            size_t lab = (size_t)d->basic[r];
            if (lab < lo || lab >= hi)
                continue;
            mpq_set_num(prof[lab], d->c[r]);
            mpq_set_den(prof[lab], d->D);
            mpq_canonicalize(prof[lab]);
            mpq_add(sum, sum, prof[lab]);
        }
        if (mpq_sgn(sum) == 0)
            ok = false;
        else
            for (size_t i = lo; i < hi; i++)
                mpq_div(prof[i], prof[i], sum);
    }
    mpq_clear(sum);
    return ok;
}

fc_status lcp_bimatrix(const sform *s, bool all, game_work *w, fc_equilibria *out, fc_error *err)
{
    bimatrix bm;
    memset(&bm, 0, sizeof bm);
    fc_status st = polytope_bimatrix_from_sform(s, &bm, err);
    size_t m = bm.m, n = bm.n, dim = m + n;
    lh_state *found = NULL;
    size_t n_found = 0, cap = 0;
    lh_state work;
    memset(&work, 0, sizeof work);
    mpq_t *prof = fc_mpq_array_new(dim);
    if (st == FC_OK && !prof)
        st = fc_error_nomem(err);
    if (st == FC_OK)
        st = polytope_dict_init(&work.p, &bm, 0, err);
    if (st == FC_OK)
        st = polytope_dict_init(&work.q, &bm, 1, err);
    lh_state art;
    memset(&art, 0, sizeof art);
    if (st == FC_OK)
        st = polytope_dict_init(&art.p, &bm, 0, err);
    if (st == FC_OK)
        st = polytope_dict_init(&art.q, &bm, 1, err);
    /* Breadth-first over equilibria: the artificial one first (index -1), then each found. */
    for (long e = -1; st == FC_OK && e < (long)n_found; e++) {
        int labels = all ? (int)dim : 1;
        for (int k = 0; k < labels && st == FC_OK; k++) {
            /* found[] may move when it grows: look the start up afresh each time */
            const lh_state *from = e < 0 ? &art : &found[e];
            dict_copy(&work.p, &from->p);
            dict_copy(&work.q, &from->q);
            st = lh_path(&bm, &work, k, w, err);
            if (st != FC_OK || !lh_profile(&bm, &work, prof))
                continue;
            /* new? compare profiles with those found */
            bool seen = false;
            for (size_t f = 0; f < out->n && !seen; f++) {
                bool same = true;
                for (size_t i = 0; i < dim && same; i++)
                    same = mpq_equal(out->items[f].p[i], prof[i]);
                seen = same;
            }
            if (seen)
                continue;
            mpq_t reg;
            mpq_init(reg);
            sform_regrets(s, prof, NULL, reg);
            bool ok = mpq_sgn(reg) == 0;
            mpq_clear(reg);
            if (!ok) {
                st = fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL,
                                  "lcp: the path ended at a profile that fails the regret check "
                                  "(a bug)");
                break;
            }
            if ((st = game_eq_push(out, dim, prof, err)) != FC_OK)
                break;
            if (!all)
                break;
            if (n_found == cap) {
                cap = cap ? cap * 2 : 8;
                lh_state *nf = realloc(found, cap * sizeof *nf);
                if (!nf) {
                    st = fc_error_nomem(err);
                    break;
                }
                found = nf;
            }
            lh_state *ns = &found[n_found];
            memset(ns, 0, sizeof *ns);
            if ((st = polytope_dict_init(&ns->p, &bm, 0, err)) != FC_OK ||
                (st = polytope_dict_init(&ns->q, &bm, 1, err)) != FC_OK)
                break;
            dict_copy(&ns->p, &work.p);
            dict_copy(&ns->q, &work.q);
            n_found++;
        }
        if (!all && out->n)
            break;
    }
    if (st == FC_OK)
        snprintf(out->note, sizeof out->note, "%s",
                 all ? "every equilibrium reachable by Lemke-Howson paths from the artificial "
                       "equilibrium and from each equilibrium found (lexicographic tie-breaking)"
                     : "the equilibrium at the end of the Lemke-Howson path that drops player 1's "
                       "first strategy");
    for (size_t f = 0; f < n_found; f++) {
        polytope_dict_free(&found[f].p);
        polytope_dict_free(&found[f].q);
    }
    free(found);
    if (work.p.a)
        polytope_dict_free(&work.p);
    if (work.q.a)
        polytope_dict_free(&work.q);
    if (art.p.a)
        polytope_dict_free(&art.p);
    if (art.q.a)
        polytope_dict_free(&art.q);
    if (prof)
        fc_mpq_array_free(prof, dim);
    polytope_bimatrix_free(&bm);
    return st;
}

fc_status game_lcp(const fc_game *g, const fc_game_options *opt, game_work *w, fc_equilibria *out,
                   fc_error *err)
{
    game_eq_init(out, FC_PROFILE_MIXED, true);
    if (g->n_players != 2)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL,
                            "lcp needs a two-player game (this one has %zu players)",
                            g->n_players);
    /* Extensive games: Lemke on the sequence form, as Gambit; with lcp_all the Lemke-Howson paths
     * on the reduced strategic form (the sequence form gives one equilibrium). */
    if (g->form == FC_GAME_EXTENSIVE && !(opt && opt->lcp_all))
        return lcp_sequence(g, w, out, err);
    sform *s = NULL;
    fc_status st = sform_build_ex(g, GAME_LCP_MAX_PROFILES, true, w, &s, err);
    if (st != FC_OK)
        return st;
    st = lcp_bimatrix(s, opt ? opt->lcp_all : false, w, out, err);
    if (st == FC_OK && g->form == FC_GAME_EXTENSIVE) {
        /* Print behaviour profiles for extensive games, as Gambit's lcp does. */
        fc_equilibria b;
        game_eq_init(&b, FC_PROFILE_BEHAVIOUR, true);
        size_t bdim = game_behaviour_dim(g);
        mpq_t *behav = fc_mpq_array_new(bdim);
        for (size_t i = 0; i < out->n && st == FC_OK && behav; i++) {
            sform_to_behaviour(g, s, out->items[i].p, behav);
            st = game_eq_push(&b, bdim, behav, err);
        }
        if (behav)
            fc_mpq_array_free(behav, bdim);
        snprintf(b.note, sizeof b.note,
                 "%s, on the reduced strategic form (with lcp_all; without it lcp uses the "
                 "sequence form), as behaviour profiles",
                 out->note);
        fc_equilibria_free(out);
        *out = b;
    }
    sform_free(s);
    if (st != FC_OK)
        fc_equilibria_free(out);
    return st;
}
