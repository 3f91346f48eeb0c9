/* Solvers on small games with known answers: subgame perfection (backward induction, and
 * imperfect-information subgames backed up), the checks every profile passes, and writing a
 * game Gambit can read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/game_exact.h"
#include "fulcrum/game_text.h"

static fc_game *parse(const char *text)
{
    fc_game *g = NULL;
    fc_error err;
    fc_error_clear(&err);
    if (fc_game_parse(text, strlen(text), "inline", &g, &err) != FC_OK)
        fail_msg("%s", err.message);
    return g;
}

/* Sorted NE lines joined by '|'. */
static char *lines(const fc_equilibria *eq)
{
    char **v = calloc(eq->n + 1, sizeof *v);
    size_t total = 1;
    for (size_t i = 0; i < eq->n; i++) {
        v[i] = fc_profile_format(&eq->items[i], 0);
        total += strlen(v[i]) + 1;
    }
    for (size_t i = 0; i < eq->n; i++)
        for (size_t j = i + 1; j < eq->n; j++)
            if (strcmp(v[i], v[j]) > 0) {
                char *t = v[i];
                v[i] = v[j];
                v[j] = t;
            }
    char *s = calloc(total, 1);
    for (size_t i = 0; i < eq->n; i++) {
        if (i)
            strcat(s, "|");
        strcat(s, v[i]);
        free(v[i]);
    }
    free(v);
    return s;
}

static const char *ENTRY =
    "EFG 2 R \"entry\" { \"Entrant\" \"Incumbent\" }\n\"\"\n"
    "p \"\" 1 1 \"\" { \"In\" \"Out\" } 0\n"
    "p \"\" 2 1 \"\" { \"Fight\" \"Accommodate\" } 0\n"
    "t \"\" 1 \"war\" { -1, -1 }\nt \"\" 2 \"share\" { 1, 1 }\nt \"\" 3 \"out\" { 0, 2 }\n";

static void spe_backward_induction(void **state)
{
    (void)state;
    fc_game *g = parse(ENTRY);
    fc_equilibria eq;
    fc_error err;
    assert_int_equal(fc_game_enumpure(g, &eq, &err), FC_OK);
    char *s = lines(&eq);
    /* two Nash equilibria, one of them relies on the incredible threat to fight */
    assert_string_equal(s, "NE,0,1,1,0|NE,1,0,0,1");
    free(s);
    fc_equilibria_free(&eq);
    assert_int_equal(fc_game_spe(g, &eq, &err), FC_OK);
    s = lines(&eq);
    assert_string_equal(s, "NE,1,0,0,1");
    free(s);
    fc_equilibria_free(&eq);
    fc_game_free(g);
}

static void spe_chance_and_ties(void **state)
{
    (void)state;
    fc_game *g = parse("EFG 2 R \"c\" { \"A\" \"B\" }\n\"\"\n"
                       "c \"\" 1 \"\" { \"L\" 1/2 \"R\" 1/2 } 0\n"
                       "p \"\" 1 1 \"\" { \"a\" \"b\" } 0\n"
                       "t \"\" 1 \"\" { 1, 0 }\nt \"\" 2 \"\" { 1, 1 }\n"
                       "p \"\" 2 1 \"\" { \"c\" \"d\" } 0\n"
                       "t \"\" 3 \"\" { 0, 2 }\nt \"\" 4 \"\" { 5, 1 }\n");
    fc_equilibria eq;
    fc_error err;
    assert_int_equal(fc_game_spe(g, &eq, &err), FC_OK);
    char *s = lines(&eq);
    /* player 1 is indifferent between a and b: both pure choices are listed */
    assert_string_equal(s, "NE,0,1,1,0|NE,1,0,1,0");
    free(s);
    mpq_t *pay, *reg, *bel;
    assert_int_equal(fc_game_profile_details(g, eq.kind, &eq.items[0], &pay, &reg, &bel, &err),
                     FC_OK);
    assert_true(mpq_cmp_ui(pay[0], 1, 2) == 0); /* 1/2 * 1 + 1/2 * 0 */
    fc_mpq_array_free(pay, 2);
    fc_mpq_array_free(reg, eq.items[0].dim);
    fc_mpq_array_free(bel, g->n_nodes);
    fc_equilibria_free(&eq);
    fc_game_free(g);
}

static void spe_imperfect_subgame(void **state)
{
    (void)state;
    fc_game *g = NULL;
    fc_error err;
    assert_int_equal(fc_game_load(FULCRUM_TEST_DATA "/games/entry_battle.efg", &g, &err), FC_OK);
    fc_equilibria eq;
    assert_int_equal(fc_game_spe(g, &eq, &err), FC_OK);
    char *s = lines(&eq);
    /* the battle's three equilibria, each backed up: enter only for (A, a) */
    assert_string_equal(s, "NE,0,1,0,1,0,1|NE,0,1,3/4,1/4,1/4,3/4|NE,1,0,1,0,1,0");
    free(s);
    mpq_t r;
    mpq_init(r);
    for (size_t i = 0; i < eq.n; i++) {
        assert_int_equal(fc_game_profile_regret(g, eq.kind, &eq.items[i], r, &err), FC_OK);
        assert_int_equal(mpq_sgn(r), 0);
    }
    /* a profile that is not an equilibrium has positive regret: staying out when the battle
     * would give (A, a) */
    size_t k = 0;
    while (k < eq.n && mpq_cmp_ui(eq.items[k].p[0], 1, 1) != 0)
        k++;
    assert_true(k < eq.n);
    mpq_set_ui(eq.items[k].p[0], 0, 1);
    mpq_set_ui(eq.items[k].p[1], 1, 1);
    assert_int_equal(fc_game_profile_regret(g, eq.kind, &eq.items[k], r, &err), FC_OK);
    assert_true(mpq_cmp_ui(r, 1, 1) == 0);
    assert_true(mpq_sgn(r) > 0);
    mpq_clear(r);
    fc_equilibria_free(&eq);
    fc_game_free(g);
}

static void strategic_game_refuses_spe(void **state)
{
    (void)state;
    fc_game *g = NULL;
    fc_error err;
    assert_int_equal(fc_game_load(FULCRUM_TEST_DATA "/games/alignment.nfg", &g, &err), FC_OK);
    fc_equilibria eq;
    assert_int_equal(fc_game_spe(g, &eq, &err), FC_EUSAGE);
    assert_non_null(strstr(err.message, "extensive"));
    fc_game_free(g);
}

/* On the random games every equilibrium Lemke-Howson reaches is one of enummixed's extreme
 * equilibria (both exact), and enummixed finds Gambit's counts (8, 7, 7 on 10x10). */
static void lcp_within_enummixed(void **state)
{
    (void)state;
    const size_t expected[] = {8, 7, 7};
    for (int seed = 1; seed <= 3; seed++) {
        char path[512];
        snprintf(path, sizeof path, "%s/data/games/random/rand_10x10_s%d.nfg", FULCRUM_SHARED_DIR,
                 seed);
        fc_game *g = NULL;
        fc_error err;
        assert_int_equal(fc_game_load(path, &g, &err), FC_OK);
        fc_equilibria all, lh;
        fc_game_options opt;
        fc_game_options_init(&opt);
        opt.lcp_all = true;
        assert_int_equal(fc_game_enummixed(g, &all, &err), FC_OK);
        assert_int_equal(fc_game_lcp(g, &opt, &lh, &err), FC_OK);
        assert_int_equal(all.n, expected[seed - 1]);
        assert_true(lh.n >= 1 && lh.n <= all.n);
        char *joined = lines(&all);
        size_t na = strlen(joined) + 3;
        char *a = malloc(na);
        snprintf(a, na, "|%s|", joined);
        for (size_t i = 0; i < lh.n; i++) {
            char *l = fc_profile_format(&lh.items[i], 0);
            size_t nl = strlen(l) + 3;
            char *w = malloc(nl);
            snprintf(w, nl, "|%s|", l);
            assert_non_null(strstr(a, w));
            free(w);
            free(l);
        }
        free(a);
        free(joined);
        fc_equilibria_free(&all);
        fc_equilibria_free(&lh);
        fc_game_free(g);
    }
}

/* The game report prints an equilibrium only after its exact regret is found to be 0: a
 * profile spoiled by hand stops the report there, and what was checked before it stays. */
static void report_refuses_unchecked_profile(void **state)
{
    (void)state;
    fc_game *g = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_game_load(FULCRUM_TEST_DATA "/games/alignment.efg", &g, &err), FC_OK);
    fc_equilibria eq;
    assert_int_equal(fc_game_enumpure(g, &eq, &err), FC_OK);
    assert_int_equal(eq.n, 2);
    char *text = NULL;
    assert_int_equal(fc_game_text(g, &eq, NULL, &text, &err), FC_OK);
    assert_string_equal(text, "NE,1,0,1,0,1,0\nNE,0,1,0,1,0,1\n");
    free(text);
    /* Player 1 plays "Neighbours" when the West is firm and weak; let it play "West" when
     * weak instead: the neighbour pressures, so "West" costs player 1 (2 - (-2)) * 2/5. */
    mpq_set_ui(eq.items[1].p[2], 1, 1);
    mpq_set_ui(eq.items[1].p[3], 0, 1);
    text = NULL;
    assert_int_equal(fc_game_text(g, &eq, NULL, &text, &err), FC_EINTERNAL);
    assert_string_equal(text, "NE,1,0,1,0,1,0\n");
    assert_non_null(strstr(err.message, "regret 1.6"));
    free(text);
    fc_equilibria_free(&eq);
    fc_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(report_refuses_unchecked_profile),
        cmocka_unit_test(spe_backward_induction),
        cmocka_unit_test(spe_chance_and_ties),
        cmocka_unit_test(spe_imperfect_subgame),
        cmocka_unit_test(strategic_game_refuses_spe),
        cmocka_unit_test(lcp_within_enummixed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
