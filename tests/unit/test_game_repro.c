/* The audit's game-file reproducers of issue 18 (tests/data/games/repro/): each used to give
 * a silently wrong game, a crash or a leak; each now reads exactly or is refused clearly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/game.h"
#include "fulcrum/game_exact.h"

#define REPRO FULCRUM_TEST_DATA "/games/repro/"

static fc_game *load_ok(const char *name)
{
    fc_game *g = NULL;
    fc_error err;
    fc_error_clear(&err);
    if (fc_game_load(name, &g, &err) != FC_OK) {
        char buf[900];
        fc_error_format(&err, buf, sizeof buf);
        fail_msg("%s", buf);
    }
    return g;
}

/* Player 1's set 100000001 and player 2's set 1 are two sets, each with its own player. */
static void infoset_numbers_of_players_do_not_collide(void **state)
{
    (void)state;
    const char *files[] = {REPRO "efg_infoset_key_collision_silent.efg",
                           REPRO "efg_infoset_key_collision_player.efg",
                           REPRO "efg_infoset_key_collision_chance.efg"};
    for (size_t f = 0; f < 3; f++) {
        fc_game *g = load_ok(files[f]);
        int seen_big = 0, seen_one = 0;
        for (size_t i = 0; i < g->n_infosets; i++) {
            if (g->infosets[i].number == 100000001)
                seen_big++;
            if (g->infosets[i].number == 1 && g->infosets[i].player != 0)
                seen_one++;
        }
        assert_int_equal(seen_big, 1);
        assert_int_equal(seen_one, 1);
        /* Every personal or chance node's set belongs to that node's own player. */
        for (size_t n = 0; n < g->n_nodes; n++) {
            const fc_game_node *nd = &g->nodes[n];
            if (nd->kind == FC_NODE_TERMINAL)
                continue;
            const fc_game_infoset *is = &g->infosets[nd->infoset];
            if (nd->kind == FC_NODE_CHANCE)
                assert_int_equal(is->player, 0);
            else
                assert_true(is->player >= 1);
        }
        /* The written file reads back as the same game. */
        char *text = NULL;
        fc_game *h = NULL;
        fc_error err;
        fc_error_clear(&err);
        assert_int_equal(fc_game_write(g, &text, &err), FC_OK);
        assert_int_equal(fc_game_parse(text, strlen(text), "written", &h, &err), FC_OK);
        assert_true(fc_game_equal(g, h));
        free(text);
        fc_game_free(h);
        fc_game_free(g);
    }
    /* In the silent case player 1 moves at node 1 and player 2 at node 4, each at its own set. */
    fc_game *g = load_ok(REPRO "efg_infoset_key_collision_silent.efg");
    assert_int_equal(g->n_infosets, 3);
    assert_int_equal(g->infosets[g->nodes[1].infoset].player, 1);
    assert_int_equal(g->infosets[g->nodes[4].infoset].player, 2);
    fc_game_free(g);
}

/* Unterminated strings are refused (and, under ASan, nothing leaks). */
static void unterminated_strings_refused(void **state)
{
    (void)state;
    const char *files[] = {REPRO "efg_leak_unterminated_action.efg",
                           REPRO "nfg_leak_unterminated_player.nfg",
                           REPRO "nfg_leak_unterminated_strategy.nfg"};
    for (size_t f = 0; f < 3; f++) {
        fc_game *g = NULL;
        fc_error err;
        fc_error_clear(&err);
        assert_int_equal(fc_game_load(files[f], &g, &err), FC_EINPUT);
        assert_null(g);
        assert_non_null(strstr(err.message, "unterminated string"));
    }
}

/* A NUL inside a label is refused with its place instead of cutting the label short. */
static void nul_in_label_refused(void **state)
{
    (void)state;
    const char *files[] = {REPRO "efg_nul_backslash_label_roundtrip.efg",
                           REPRO "nfg_nul_backslash_title_roundtrip.nfg"};
    for (size_t f = 0; f < 2; f++) {
        fc_game *g = NULL;
        fc_error err;
        fc_error_clear(&err);
        assert_int_equal(fc_game_load(files[f], &g, &err), FC_EINPUT);
        assert_null(g);
        assert_non_null(strstr(err.message, "NUL"));
        assert_int_equal(err.line, 1);
    }
}

/* A label ending in a backslash (possible through the API) is refused by the writer rather
 * than written as a file that reads back differently; one with an inner backslash reads back. */
static void trailing_backslash_refused_by_writer(void **state)
{
    (void)state;
    fc_game *g = load_ok(REPRO "nfg_4x4_unscaled_control.nfg");
    fc_error err;
    fc_error_clear(&err);
    char *text = NULL;
    free(g->title);
    g->title = strdup("a\\b\\\"c");
    assert_non_null(g->title);
    assert_int_equal(fc_game_write(g, &text, &err), FC_OK);
    fc_game *h = NULL;
    assert_int_equal(fc_game_parse(text, strlen(text), "written", &h, &err), FC_OK);
    assert_string_equal(h->title, "a\\b\\\"c");
    fc_game_free(h);
    free(text);
    text = NULL;
    free(g->strategies[1][2]);
    g->strategies[1][2] = strdup("ends\\");
    assert_non_null(g->strategies[1][2]);
    assert_int_equal(fc_game_write(g, &text, &err), FC_EINPUT);
    assert_null(text);
    assert_non_null(strstr(err.message, "a strategy label 'ends\\' ends in a backslash"));
    fc_game_free(g);
}

/* Numbers of 1000 digits are refused at their line and column (docs/limits.md), not read. */
static void thousand_digit_numbers_refused(void **state)
{
    (void)state;
    fc_game *g = NULL;
    fc_error err;
    fc_error_clear(&err);
    assert_int_equal(fc_game_load(REPRO "nfg_1000digit_rationals.nfg", &g, &err), FC_EINPUT);
    assert_null(g);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 1);
    assert_non_null(strstr(err.message, "expected a number (payoff)"));
}

/* enummixed's equilibria of a game, formatted exactly and sorted, one per line. */
static char *equilibrium_set(const fc_game *g, bool lcp_all)
{
    fc_equilibria eq;
    fc_error err;
    memset(&eq, 0, sizeof eq);
    fc_error_clear(&err);
    fc_status st;
    if (lcp_all) {
        fc_game_options o;
        fc_game_options_init(&o);
        o.lcp_all = true;
        st = fc_game_lcp(g, &o, &eq, &err);
    } else {
        st = fc_game_enummixed(g, &eq, &err);
    }
    if (st != FC_OK)
        fail_msg("%s", err.message);
    char **lines = calloc(eq.n + 1, sizeof *lines);
    assert_non_null(lines);
    size_t total = 1;
    for (size_t i = 0; i < eq.n; i++) {
        lines[i] = fc_profile_format(fc_equilibria_item(&eq, i), 0);
        assert_non_null(lines[i]);
        total += strlen(lines[i]) + 1;
    }
    for (size_t i = 1; i < eq.n; i++) /* insertion sort: at most 75 lines */
        for (size_t j = i; j > 0 && strcmp(lines[j - 1], lines[j]) > 0; j--) {
            char *t = lines[j];
            lines[j] = lines[j - 1];
            lines[j - 1] = t;
        }
    char *out = malloc(total);
    assert_non_null(out);
    out[0] = '\0';
    for (size_t i = 0; i < eq.n; i++) {
        strcat(out, lines[i]);
        strcat(out, "\n");
        free(lines[i]);
    }
    free(lines);
    fc_equilibria_free(&eq);
    return out;
}

static size_t count_lines(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Payoffs past the double range (scaled by 1e310 and 1e400, or shifted by huge fractions)
 * have the same equilibria as the game unscaled: enummixed finds every one of them. */
static void enummixed_beyond_double_range(void **state)
{
    (void)state;
    const char *pairs[][2] = {
        {REPRO "nfg_75eq_scaled_1e310_enummixed_2of75.nfg", REPRO "nfg_75eq_control.nfg"},
        {REPRO "nfg_75eq_shifted_bigfractions.nfg", REPRO "nfg_75eq_control.nfg"},
        {REPRO "nfg_4x4_scaled_1e400_enummixed_fails.nfg", REPRO "nfg_4x4_unscaled_control.nfg"},
    };
    const size_t expect[] = {75, 75, 3};
    for (size_t k = 0; k < 3; k++) {
        fc_game *g = load_ok(pairs[k][0]), *c = load_ok(pairs[k][1]);
        char *sg = equilibrium_set(g, false), *sc = equilibrium_set(c, false);
        assert_int_equal(count_lines(sc), expect[k]);
        assert_string_equal(sg, sc);
        free(sg);
        free(sc);
        fc_game_free(g);
        fc_game_free(c);
    }
    /* A game of large fractions: its one equilibrium is the one Lemke-Howson's paths reach. */
    fc_game *g = load_ok(REPRO "nfg_enummixed_fraction_3x3.nfg");
    char *se = equilibrium_set(g, false), *sl = equilibrium_set(g, true);
    assert_int_equal(count_lines(se), 1);
    assert_string_equal(se, sl);
    free(se);
    free(sl);
    fc_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(infoset_numbers_of_players_do_not_collide),
        cmocka_unit_test(unterminated_strings_refused),
        cmocka_unit_test(nul_in_label_refused),
        cmocka_unit_test(trailing_backslash_refused_by_writer),
        cmocka_unit_test(thousand_digit_numbers_refused),
        cmocka_unit_test(enummixed_beyond_double_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
