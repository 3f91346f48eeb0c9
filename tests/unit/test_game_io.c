/* Reading and writing Gambit's .nfg/.efg: every shared example game loads and survives
 * read -> write -> read unchanged; malformed files fail with the right line and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fulcrum/game_exact.h"
#include "unit/game_files.h"

#define GAMES_DIR FULCRUM_SHARED_DIR "/data/games"

static void round_trip_every_file(void **state)
{
    (void)state;
    game_files gf;
    gf_list(&gf, GAMES_DIR);
    assert_true(gf.n >= 250);
    size_t warned = 0;
    for (size_t i = 0; i < gf.n; i++) {
        fc_game *g = NULL, *h = NULL;
        fc_error err;
        fc_error_clear(&err);
        fc_status st = fc_game_load(gf.path[i], &g, &err);
        if (st != FC_OK) {
            char buf[900];
            fc_error_format(&err, buf, sizeof buf);
            fail_msg("%s", buf);
        }
        if (g->warnings && g->warnings[0])
            warned++;
        char *t1 = NULL, *t2 = NULL;
        assert_int_equal(fc_game_write(g, &t1, &err), FC_OK);
        st = fc_game_parse(t1, strlen(t1), "written", &h, &err);
        if (st != FC_OK) {
            char buf[900];
            fc_error_format(&err, buf, sizeof buf);
            fail_msg("%s: re-reading the written file: %s", gf.path[i], buf);
        }
        if (!fc_game_equal(g, h))
            fail_msg("%s: the written game differs from the one read", gf.path[i]);
        assert_int_equal(fc_game_write(h, &t2, &err), FC_OK);
        assert_string_equal(t1, t2);
        free(t1);
        free(t2);
        fc_game_free(g);
        fc_game_free(h);
    }
    /* The contrib games Gambit 16.7 refuses for duplicate labels load with a warning. */
    assert_true(warned >= 8);
    gf_free(&gf);
}

static void numbers_are_exact(void **state)
{
    (void)state;
    mpq_t q, r;
    mpq_init(q);
    mpq_init(r);
    struct { const char *text, *value; } cases[] = {
        {"0.1", "1/10"}, {".5", "1/2"}, {"-3/6", "-1/2"}, {"1e2", "100"}, {"1.5e-1", "3/20"},
        {"+7", "7"}, {"-0.25", "-1/4"}, {"2E+1", "20"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_true(fc_game_parse_number(cases[i].text, strlen(cases[i].text), q));
        mpq_set_str(r, cases[i].value, 10);
        mpq_canonicalize(r);
        if (!mpq_equal(q, r))
            fail_msg("%s", cases[i].text);
    }
    const char *bad[] = {"1/0", "abc", "1..2", "1e", "/3", "3/", "-", "1.2/3", "0x10"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (fc_game_parse_number(bad[i], strlen(bad[i]), q))
            fail_msg("accepted %s", bad[i]);
    mpq_clear(q);
    mpq_clear(r);
}

/* Each malformed file must fail at the given line and column with a message containing the
 * given text. */
static void malformed_files(void **state)
{
    (void)state;
    struct {
        const char *text;
        int line, column;
        const char *msg;
    } cases[] = {
        /* truncated payoff table */
        {"NFG 1 R \"g\" { \"A\" \"B\" } { 2 2 }\n3 1 2 2\n0 3", 3, 4, "ends after 6 of 8"},
        /* too many entries */
        {"NFG 1 R \"g\" { \"A\" \"B\" } { 2 2 }\n3 1 2 2 0 3 1 0\n9", 3, 1, "unexpected text"},
        /* wrong strategy count */
        {"NFG 1 R \"g\" { \"A\" \"B\" } { 2 }\n1 2", 1, 29, "given for 1 players, the game has 2"},
        /* bad number */
        {"NFG 1 R \"g\" { \"A\" \"B\" } { 1 1 }\n3 x1", 2, 3, "expected a number"},
        /* outcome index out of range */
        {"NFG 1 R \"g\" { \"A\" } { 2 }\n{ { \"a\" 1 } }\n1 2", 3, 3, "outcome 2 is not defined"},
        /* outcome with too many payoffs */
        {"NFG 1 R \"g\" { \"A\" } { 1 }\n{ { \"a\" 1, 2 } }\n1", 2, 12, "more than 1 payoffs"},
        /* wrong version */
        {"NFG 2 R \"g\" { \"A\" } { 1 }\n1", 1, 5, "unsupported NFG version"},
        /* truncated tree */
        {"EFG 2 R \"g\" { \"A\" }\n\"\"\np \"\" 1 1 \"\" { \"a\" \"b\" } 0\nt \"\" 1 \"o\" { 1 }\n",
         5, 1, "ends inside the tree"},
        /* probabilities not summing to 1 */
        {"EFG 2 R \"g\" { \"A\" }\nc \"\" 1 \"\" { \"h\" 1/2 \"t\" 1/3 } 0\nt \"\" 0\nt \"\" 0\n", 2,
         11, "add up to 5/6"},
        /* outcome reused before definition */
        {"EFG 2 R \"g\" { \"A\" }\np \"\" 1 1 \"\" { \"a\" \"b\" } 0\nt \"\" 2\nt \"\" 2 \"o\" { 1 }\n",
         3, 6, "outcome 2 is used before it is defined"},
        /* outcome redefined differently */
        {"EFG 2 R \"g\" { \"A\" }\np \"\" 1 1 \"\" { \"a\" \"b\" } 0\nt \"\" 1 \"o\" { 1 }\nt \"\" 1 "
         "\"o\" { 2 }\n",
         4, 8, "described differently"},
        /* infoset used before definition */
        {"EFG 2 R \"g\" { \"A\" }\np \"\" 1 1 \"\" { \"a\" \"b\" } 0\np \"\" 1 2 0\nt \"\" 0\nt \"\" 0\n",
         3, 8, "information set 2"},
        /* unknown player */
        {"EFG 2 R \"g\" { \"A\" }\np \"\" 3 1 \"\" { \"a\" } 0\nt \"\" 0\n", 2, 6, "player 3"},
        /* bad probability */
        {"EFG 2 R \"g\" { \"A\" }\nc \"\" 1 \"\" { \"h\" 1/2 \"t\" half } 0\n", 2, 25, "expected a number"},
        /* wrong payoff count in efg */
        {"EFG 2 R \"g\" { \"A\" \"B\" }\nt \"\" 1 \"o\" { 1 }\n", 2, 16, "1 payoffs, expected 2"},
        /* unterminated string */
        {"EFG 2 R \"g\" { \"A }\n", 1, 15, "unterminated string"},
        /* not a game file */
        {"hello", 1, 1, "not a Gambit game file"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fc_game *g = NULL;
        fc_error err;
        fc_error_clear(&err);
        fc_status st = fc_game_parse(cases[i].text, strlen(cases[i].text), "bad.game", &g, &err);
        if (st != FC_EINPUT || err.line != cases[i].line || err.column != cases[i].column ||
            !strstr(err.message, cases[i].msg) || strcmp(err.file, "bad.game") != 0)
            fail_msg("case %zu: status %d at %d:%d: %s", i, (int)st, err.line, err.column,
                     err.message);
        fc_game_free(g);
    }
}

/* The writer follows Gambit's conventions: one node per line, information-set and outcome
 * descriptions repeated at every node, payoffs separated by ", ", strategic games in outcome
 * form (the spec's two examples, read from tests/data). */
static void writer_conventions(void **state)
{
    (void)state;
    const char *efg =
        "EFG 2 R \"Alignment with uncertain Western support\" { \"Small state\" \"Neighbour\" }\n"
        "\"\"\n\n"
        "c \"\" 1 \"West\" { \"firm\" 3/5 \"weak\" 2/5 } 0\n"
        "p \"\" 1 1 \"S firm\" { \"West\" \"Neighbours\" } 0\n"
        "p \"\" 2 1 \"N after West\" { \"Accommodate\" \"Pressure\" } 0\n"
        "t \"\" 1 \"West holds\" { 3, 1 }\n"
        "t \"\" 2 \"Crisis, backed\" { 1, -1 }\n"
        "t \"\" 3 \"Neighbours\" { 2, 2 }\n"
        "p \"\" 1 2 \"S weak\" { \"West\" \"Neighbours\" } 0\n"
        "p \"\" 2 1 \"N after West\" { \"Accommodate\" \"Pressure\" } 0\n"
        "t \"\" 1 \"West holds\" { 3, 1 }\n"
        "t \"\" 4 \"Crisis, abandoned\" { -2, 3 }\n"
        "t \"\" 3 \"Neighbours\" { 2, 2 }\n";
    const char *nfg = "NFG 1 R \"Alignment game\" { \"Small state\" \"Neighbour\" }\n\n"
                      "{ { \"West\" \"Neighbours\" }\n{ \"Accommodate\" \"Pressure\" }\n}\n"
                      "\"\"\n\n{\n{ \"WA\" 3, 1 }\n{ \"NA\" 2, 2 }\n{ \"WP\" 0, 3 }\n"
                      "{ \"NP\" 1, 0 }\n}\n1 2 3 4\n";
    const char *files[] = {FULCRUM_TEST_DATA "/games/alignment.efg",
                           FULCRUM_TEST_DATA "/games/alignment.nfg"};
    const char *want[] = {efg, nfg};
    for (int i = 0; i < 2; i++) {
        fc_game *g = NULL;
        fc_error err;
        assert_int_equal(fc_game_load(files[i], &g, &err), FC_OK);
        char *text = NULL;
        assert_int_equal(fc_game_write(g, &text, &err), FC_OK);
        assert_string_equal(text, want[i]);
        free(text);
        fc_game_free(g);
    }
    /* a payoff-form table is written in outcome form, one outcome per profile */
    fc_game *g = NULL;
    fc_error err;
    const char *pay = "NFG 1 D \"p\" { \"A\" \"B\" } { 2 1 }\n0.5 1 -3/6 2\n";
    assert_int_equal(fc_game_parse(pay, strlen(pay), "p.nfg", &g, &err), FC_OK);
    char *text = NULL;
    assert_int_equal(fc_game_write(g, &text, &err), FC_OK);
    assert_string_equal(text, "NFG 1 R \"p\" { \"A\" \"B\" }\n\n{ { \"1\" \"2\" }\n{ \"1\" }\n}\n"
                              "\"\"\n\n{\n{ \"\" 1/2, 1 }\n{ \"\" -1/2, 2 }\n}\n1 2\n");
    free(text);
    fc_game_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(numbers_are_exact),
        cmocka_unit_test(malformed_files),
        cmocka_unit_test(round_trip_every_file),
        cmocka_unit_test(writer_conventions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
