/* Compares Fulcrum's equilibria with Gambit's recorded answers (reference.tsv, read at test
 * time): for every game and exact solver where Gambit succeeded, the set of equilibria must be
 * equal as sets of rational vectors, and every equilibrium must have regret exactly 0. Where
 * Gambit refused a game, Fulcrum must either refuse it too or give an answer that passes the
 * regret check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/game_exact.h"
#include "tsv_field.h"

#define GAMES_DIR FULCRUM_SHARED_DIR "/data/games"

typedef struct row {
    char *file, *solver, *status, *equilibria, *stderr_text;
    int n;
} row;

static row *rows;
static size_t n_rows;

static int setup(void **state)
{
    (void)state;
    FILE *f = fopen(GAMES_DIR "/reference.tsv", "r");
    if (!f)
        return -1;
    char *line = NULL;
    size_t cap = 0, rcap = 0;
    bool header = true;
    while (getline(&line, &cap, f) > 0) {
        if (header) {
            header = false;
            continue;
        }
        char *p = line;
        row r;
        r.file = strdup(tsv_field(&p));
        r.solver = strdup(tsv_field(&p));
        tsv_field(&p); /* command */
        r.status = strdup(tsv_field(&p));
        r.n = atoi(tsv_field(&p));
        tsv_field(&p); /* wall */
        tsv_field(&p); /* cpu */
        r.equilibria = strdup(tsv_field(&p));
        r.stderr_text = strdup(tsv_field(&p));
        if (n_rows == rcap) {
            rcap = rcap ? rcap * 2 : 256;
            rows = realloc(rows, rcap * sizeof *rows);
        }
        rows[n_rows++] = r;
    }
    free(line);
    fclose(f);
    return n_rows > 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < n_rows; i++) {
        free(rows[i].file);
        free(rows[i].solver);
        free(rows[i].status);
        free(rows[i].equilibria);
        free(rows[i].stderr_text);
    }
    free(rows);
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Canonical text of one "NE,a,b,..." line: every number re-printed in lowest terms. */
static char *canonical(const char *ne)
{
    size_t cap = strlen(ne) * 2 + 64, len = 0;
    char *out = malloc(cap);
    mpq_t q;
    mpq_init(q);
    const char *p = strchr(ne, ',');
    while (p) {
        p++;
        const char *e = strchr(p, ',');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        while (l && (p[l - 1] == ' ' || p[l - 1] == '\n'))
            l--;
        if (!fc_game_parse_number(p, l, q))
            mpq_set_si(q, -999, 1);
        char *s = mpq_get_str(NULL, 10, q);
        size_t sl = strlen(s);
        if (len + sl + 2 >= cap) {
            cap = (cap + sl) * 2;
            out = realloc(out, cap);
        }
        memcpy(out + len, s, sl);
        len += sl;
        out[len++] = ',';
        free(s);
        p = e;
    }
    out[len] = '\0';
    mpq_clear(q);
    return out;
}

/* Splits Gambit's "NE,... | NE,..." into sorted canonical lines without repeats. */
static size_t gambit_set(const char *text, char ***out)
{
    size_t n = 0, cap = 8;
    char **v = malloc(cap * sizeof *v);
    char *copy = strdup(text), *save = NULL;
    for (char *tok = strtok_r(copy, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
        while (*tok == ' ')
            tok++;
        if (strncmp(tok, "NE,", 3) != 0)
            continue;
        if (n == cap)
            v = realloc(v, (cap *= 2) * sizeof *v);
        v[n++] = canonical(tok);
    }
    free(copy);
    qsort(v, n, sizeof *v, cmp_str);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m && strcmp(v[m - 1], v[i]) == 0) {
            free(v[i]);
            continue;
        }
        v[m++] = v[i];
    }
    *out = v;
    return m;
}

static size_t our_set(const fc_equilibria *eq, char ***out)
{
    char **v = malloc((eq->n + 1) * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < eq->n; i++) {
        char *s = fc_profile_format(&eq->items[i], 0);
        v[n++] = canonical(s);
        free(s);
    }
    qsort(v, n, sizeof *v, cmp_str);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (m && strcmp(v[m - 1], v[i]) == 0) {
            free(v[i]);
            continue;
        }
        v[m++] = v[i];
    }
    *out = v;
    return m;
}

static void free_set(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

typedef fc_status (*solver_fn)(const fc_game *g, fc_equilibria *out, fc_error *err);

static fc_status run_lcp_all(const fc_game *g, fc_equilibria *out, fc_error *err)
{
    fc_game_options opt;
    fc_game_options_init(&opt);
    opt.lcp_all = true;
    return fc_game_lcp(g, &opt, out, err);
}

static void check_solver(const char *solver, solver_fn fn, bool require_equal, size_t *n_checked,
                         size_t *n_differ)
{
    size_t mismatches = 0, checked = 0, refused = 0;
    for (size_t i = 0; i < n_rows; i++) {
        row *r = &rows[i];
        /* Gambit's timeouts give nothing to compare; its refusals for duplicate labels are about
         * the file, not the solver (the relabelled copies are compared instead). */
        if (strcmp(r->solver, solver) != 0 || strcmp(r->status, "timeout") == 0 ||
            strstr(r->stderr_text, "must be unique"))
            continue;
        /* Gambit's lcp solves extensive games on the sequence form, ours on the reduced
         * strategic form: the paths differ, so only strategic games are compared. */
        if (strcmp(solver, "lcp") == 0 && strstr(r->file, ".efg"))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", GAMES_DIR, r->file);
        fc_game *g = NULL;
        fc_error err;
        fc_error_clear(&err);
        if (fc_game_load(path, &g, &err) != FC_OK)
            fail_msg("%s: %s", r->file, err.message);
        fc_equilibria eq;
        fc_status st = fn(g, &eq, &err);
        if (strcmp(r->status, "ok") != 0) {
            /* Gambit refused: a clear error, or answers that pass the regret check. */
            if (st != FC_OK) {
                if (!err.message[0])
                    fail_msg("%s: %s refused without a message", r->file, solver);
                refused++;
            } else {
                mpq_t reg;
                mpq_init(reg);
                for (size_t k = 0; k < eq.n; k++) {
                    if (fc_game_profile_regret(g, eq.kind, &eq.items[k], reg, &err) != FC_OK ||
                        mpq_sgn(reg) != 0)
                        fail_msg("%s: %s answer %zu fails the regret check", r->file, solver, k);
                }
                mpq_clear(reg);
                fc_equilibria_free(&eq);
            }
            fc_game_free(g);
            continue;
        }
        if (st != FC_OK)
            fail_msg("%s: %s failed where Gambit succeeded: %s", r->file, solver, err.message);
        char **ours, **theirs;
        size_t no = our_set(&eq, &ours), nt = gambit_set(r->equilibria, &theirs);
        bool same = no == nt;
        for (size_t k = 0; same && k < no; k++)
            same = strcmp(ours[k], theirs[k]) == 0;
        /* Every finite game has a mixed equilibrium, so an empty enummixed answer from Gambit is
         * its failure (large_payoff_game.efg: payoffs beyond 64 bits). Ours must then pass the
         * regret check, which every solver applies before returning anything. */
        if (!same && nt == 0 && strcmp(solver, "enummixed") == 0 && no > 0) {
            mpq_t reg;
            mpq_init(reg);
            same = true;
            for (size_t k = 0; k < eq.n; k++)
                if (fc_game_profile_regret(g, eq.kind, &eq.items[k], reg, &err) != FC_OK ||
                    mpq_sgn(reg) != 0)
                    same = false;
            mpq_clear(reg);
            if (same)
                print_message("NOTE %s %s: Gambit found none (impossible); ours %zu, verified\n",
                              solver, r->file, no);
        }
        if (!same) {
            mismatches++;
            print_message("MISMATCH %s %s: ours %zu, Gambit %zu\n", solver, r->file, no, nt);
            for (size_t k = 0; k < no && k < 6; k++)
                print_message("   ours   %s\n", ours[k]);
            for (size_t k = 0; k < nt && k < 6; k++)
                print_message("   gambit %s\n", theirs[k]);
        }
        /* enumpure also prints in Gambit's order (player 1's strategy changing fastest) */
        if (same && strcmp(solver, "enumpure") == 0) {
            char *copy = strdup(r->equilibria), *save = NULL;
            size_t k = 0;
            for (char *tok = strtok_r(copy, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
                while (*tok == ' ')
                    tok++;
                if (strncmp(tok, "NE,", 3) != 0)
                    continue;
                char *theirs_c = canonical(tok);
                char *line = k < eq.n ? fc_profile_format(&eq.items[k], 0) : NULL;
                char *ours_c = line ? canonical(line) : NULL;
                if (!ours_c || strcmp(ours_c, theirs_c) != 0)
                    same = false;
                free(theirs_c);
                free(ours_c);
                free(line);
                k++;
            }
            free(copy);
            if (!same) {
                mismatches++;
                print_message("ORDER %s %s: the equilibria come in another order\n", solver,
                              r->file);
            }
        }
        checked++;
        free_set(ours, no);
        free_set(theirs, nt);
        fc_equilibria_free(&eq);
        fc_game_free(g);
    }
    print_message("%s: %zu games compared with Gambit, %zu differ, %zu refused where Gambit "
                  "refused\n",
                  solver, checked, mismatches, refused);
    if (require_equal)
        assert_int_equal(mismatches, 0);
    *n_checked = checked;
    *n_differ = mismatches;
}

static void reference_enumpure(void **state)
{
    (void)state;
    size_t n, d;
    check_solver("enumpure", fc_game_enumpure, true, &n, &d);
    assert_true(n >= 150);
}

static void reference_enummixed(void **state)
{
    (void)state;
    size_t n, d;
    check_solver("enummixed", fc_game_enummixed, true, &n, &d);
    assert_true(n >= 100);
}

static void reference_lcp(void **state)
{
    (void)state;
    size_t n, d;
    check_solver("lcp", run_lcp_all, false, &n, &d);
    /* Gambit's lcp breaks ties in degenerate games its own way; on the others the sets agree.
     * Every answer passed the regret check inside the solver. */
    assert_true(n >= 40);
    assert_true(n - d >= 24);
}

/* Logit: where Gambit's terminal point is an equilibrium (regret below 1e-4 of the payoff
 * range, computed here exactly from its printed digits), ours must be within 1e-4 of it. */
static void reference_logit(void **state)
{
    (void)state;
    size_t compared = 0, differ = 0, not_eq = 0;
    mpq_t reg, lo, hi, range;
    mpq_init(reg);
    mpq_init(lo);
    mpq_init(hi);
    mpq_init(range);
    for (size_t i = 0; i < n_rows; i++) {
        row *r = &rows[i];
        if (strcmp(r->solver, "logit-e") != 0 || strcmp(r->status, "ok") != 0 ||
            !strstr(r->file, ".nfg") || strncmp(r->equilibria, "NE,", 3) != 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", GAMES_DIR, r->file);
        fc_game *g = NULL;
        fc_error err;
        fc_error_clear(&err);
        assert_int_equal(fc_game_load(path, &g, &err), FC_OK);
        /* Gambit's point, exactly as printed */
        fc_profile gp;
        size_t dim = 0;
        for (size_t p = 0; p < g->n_players; p++)
            dim += g->n_strategies[p];
        gp.dim = dim;
        gp.x = NULL;
        gp.p = malloc(dim * sizeof *gp.p);
        const char *c = r->equilibria + 3;
        for (size_t k = 0; k < dim; k++) {
            mpq_init(gp.p[k]);
            const char *e = strpbrk(c, ", |");
            size_t l = e ? (size_t)(e - c) : strlen(c);
            assert_true(fc_game_parse_number(c, l, gp.p[k]));
            c = e ? e + 1 : c + l;
        }
        mpq_set_si(lo, 0, 1);
        mpq_set_si(hi, 0, 1);
        for (size_t o = 0; o < g->n_outcomes; o++)
            for (size_t p = 0; p < g->n_players; p++) {
                if (mpq_cmp(g->outcomes[o].payoff[p], lo) < 0)
                    mpq_set(lo, g->outcomes[o].payoff[p]);
                if (mpq_cmp(g->outcomes[o].payoff[p], hi) > 0)
                    mpq_set(hi, g->outcomes[o].payoff[p]);
            }
        mpq_sub(range, hi, lo);
        double rng = mpq_get_d(range) > 0 ? mpq_get_d(range) : 1;
        assert_int_equal(fc_game_profile_regret(g, FC_PROFILE_MIXED, &gp, reg, &err), FC_OK);
        bool gambit_eq = mpq_get_d(reg) <= 1e-4 * rng;
        fc_equilibria eq;
        assert_int_equal(fc_game_logit(g, NULL, &eq, NULL, &err), FC_OK);
        if (!gambit_eq) {
            not_eq++;
            print_message("NOTE logit %s: Gambit's terminal point has regret %g (not an "
                          "equilibrium); ours %s\n",
                          r->file, mpq_get_d(reg), eq.converged ? "converged" : "not converged");
        } else {
            compared++;
            double worst = eq.converged ? 0 : 1;
            for (size_t k = 0; k < dim && eq.converged; k++) {
                double d = fabs(eq.items[0].x[k] - mpq_get_d(gp.p[k]));
                if (d > worst)
                    worst = d;
            }
            if (worst > 1e-4) {
                /* where the branches differ ours must still be an equilibrium */
                assert_true(eq.converged);
                differ++;
                print_message("MISMATCH logit %s: largest difference %g%s\n", r->file, worst,
                              eq.converged ? "" : " (ours did not converge)");
            }
        }
        for (size_t k = 0; k < dim; k++)
            mpq_clear(gp.p[k]);
        free(gp.p);
        fc_equilibria_free(&eq);
        fc_game_free(g);
    }
    mpq_clear(reg);
    mpq_clear(lo);
    mpq_clear(hi);
    mpq_clear(range);
    print_message("logit: %zu strategic games where Gambit's point is an equilibrium, %zu differ "
                  "by more than 1e-4; %zu where it is not\n",
                  compared, differ, not_eq);
    assert_true(compared >= 55);
    /* Known: 6 games (symmetric or degenerate ones, where the branch meets a bifurcation, and
     * test_games/mixed_strategy.nfg, 3e-4 away) end elsewhere than Gambit's (docs/games.md). */
    assert_true(differ <= 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reference_enumpure),
        cmocka_unit_test(reference_enummixed),
        cmocka_unit_test(reference_lcp),
        cmocka_unit_test(reference_logit),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
