/* EUM against the two recorded runs of the EU emission case (spec §12.2): implementation A's
 * log for preset `scholz` (every move with both expected utilities and the new position, and
 * the per-round mean) and implementation B''s notebook output for `scholz-fixed` (every move,
 * median and mean, printed to 12 significant digits). Compared to 1e-9 relative. */
#include "eum_support.h"

static size_t index_of(const eum_case *ec, const char *name)
{
    for (size_t k = 0; k < ec->n; k++)
        if (!strcmp(ec->names[k], name))
            return k;
    fail_msg("unknown actor %s", name);
    return 0;
}

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
        s[--n] = 0;
}

/* "<receiver> <verb phrase> <sender>": the receiver is the first word, the sender the last. */
static int parse_move_line(const char *line, char *recv, char *send, fc_event_kind *kind)
{
    const char *kinds[][2] = {{" loses confrontation to ", "c"}, {" loses challenge to ", "c"},
                              {" compromises with ", "m"}, {" capitulates to ", "p"}};
    for (size_t k = 0; k < 4; k++) {
        const char *at = strstr(line, kinds[k][0]);
        if (!at)
            continue;
        snprintf(recv, 64, "%.*s", (int)(at - line), line);
        snprintf(send, 64, "%s", at + strlen(kinds[k][0]));
        *kind = kinds[k][1][0] == 'c' ? FC_EVENT_CONFLICT
                : kinds[k][1][0] == 'm' ? FC_EVENT_COMPROMISE
                                        : FC_EVENT_CAPITULATION;
        return 1;
    }
    return 0;
}

static void test_scholz_reproduces_log_of_implementation_A(void **state)
{
    (void)state;
    eum_case ec;
    load_case("emission", &ec);
    direct_result res;
    fast_run(&fc_eum_preset_scholz, ec.n, ec.cap, ec.pos, ec.sal, NULL, &res);
    FILE *f = fopen(EUM_DATA "/ref_emission_jmckib_algorithm_Example.log", "r");
    assert_non_null(f);
    char line[512], recv[64], send[64];
    size_t round = 0, mv = 0, means = 0;
    while (fgets(line, sizeof line, f)) {
        chomp(line);
        double a, b;
        fc_event_kind kind;
        if (sscanf(line, "ROUND %zu", &round) == 1)
            continue;
        if (sscanf(line, "Mean position: %lf", &a) == 1) {
            assert_rel(res.mean[round], a, "mean round %zu", round);
            means++;
        } else if (round == 0 && sscanf(line, "Median position: %lf", &a) == 1) {
            /* only round 0's "Median" line prints the median; later ones print the mean */
            assert_rel(res.median[0], a, "median round %d", 0);
        } else if (parse_move_line(line, recv, send, &kind)) {
            assert_true(mv < res.n_moves);
            const direct_move *m = &res.moves[mv];
            assert_int_equal(m->round, round);
            assert_int_equal(m->i, index_of(&ec, recv));
            assert_int_equal(m->j, index_of(&ec, send));
            assert_int_equal(m->kind, kind);
            assert_non_null(fgets(line, sizeof line, f));
            assert_int_equal(sscanf(line, " %lf vs %lf", &a, &b), 2);
            assert_rel(m->eij, a, "E_ij move %zu", mv);
            assert_rel(m->eji, b, "E_ji move %zu", mv);
            assert_non_null(fgets(line, sizeof line, f));
            assert_int_equal(sscanf(line, " new_pos = %lf", &a), 1);
            assert_rel(m->y, a, "new position move %zu", mv);
            mv++;
        }
    }
    fclose(f);
    assert_int_equal(round, 10);
    assert_int_equal(means, 11);
    assert_int_equal(mv, 30);
    assert_int_equal(res.n_moves, 30);
    direct_free(&res);
}

/* Numbers printed with 12 significant digits: equal when they round to the printed text. */
static void assert_printed(double v, const char *printed, const char *what, size_t idx)
{
    double p = strtod(printed, NULL);
    if (fabs(v - p) > 1e-9 * fabs(p))
        fail_msg("%s %zu: %.17g does not print as %s", what, idx, v, printed);
    char buf[64];
    snprintf(buf, sizeof buf, "%.12g", v);
    if (strcmp(buf, printed) != 0 && strtod(buf, NULL) != p)
        fail_msg("%s %zu: %s printed, %s computed", what, idx, printed, buf);
}

static void test_scholz_fixed_reproduces_notebook_of_implementation_B(void **state)
{
    (void)state;
    eum_case ec;
    load_case("emission", &ec);
    direct_result res;
    fast_run(&fc_eum_preset_scholz_fixed, ec.n, ec.cap, ec.pos, ec.sal, NULL, &res);
    FILE *f = fopen(EUM_DATA "/ref_emission_dmasad_improved_ModelTest_ipynb_outputs.txt", "r");
    assert_non_null(f);
    char line[512], recv[64], send[64];
    int started = 0;
    size_t round = 0, mv = 0, medians = 0, means = 0;
    while (fgets(line, sizeof line, f)) {
        chomp(line);
        if (!strncmp(line, "IN>", 3)) {
            if (started)
                break; /* the first run (model.run_model(10)) ends here */
            if (strstr(line, "run_model"))
                started = 1;
            continue;
        }
        if (!started)
            continue;
        fc_event_kind kind;
        char num[64];
        if (sscanf(line, "ROUND %zu", &round) == 1)
            continue;
        if (sscanf(line, " Median: %63s", num) == 1) {
            assert_printed(res.median[round], num, "median round", round);
            medians++;
        } else if (sscanf(line, " Mean: %63s", num) == 1) {
            assert_printed(res.mean[round], num, "mean round", round);
            means++;
        } else if (sscanf(line, " New position: %63s", num) == 1) {
            assert_true(mv > 0);
            assert_printed(res.moves[mv - 1].y, num, "new position of move", mv);
        } else if (parse_move_line(line, recv, send, &kind)) {
            assert_true(mv < res.n_moves);
            const direct_move *m = &res.moves[mv];
            assert_int_equal(m->round, round);
            assert_int_equal(m->i, index_of(&ec, recv));
            assert_int_equal(m->j, index_of(&ec, send));
            assert_int_equal(m->kind, kind);
            mv++;
        }
    }
    fclose(f);
    assert_int_equal(round, 10);
    assert_int_equal(medians, 11);
    assert_int_equal(means, 11);
    assert_int_equal(mv, 30);
    assert_int_equal(res.n_moves, 30);
    direct_free(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scholz_reproduces_log_of_implementation_A),
        cmocka_unit_test(test_scholz_fixed_reproduces_notebook_of_implementation_B),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
