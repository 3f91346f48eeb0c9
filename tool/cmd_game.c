/* `fulcrum game`: reads a Gambit .nfg/.efg file, solves it and prints the equilibria as
 * Gambit's command-line tools do (`NE,...` lines on stdout), each checked before printing;
 * or builds the deciding actor's dilemma as a game from a scenario (--from-scenario). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: fulcrum game FILE [--solver NAME] [--details] [-d DIGITS] [--write OUT]\n"
            "       fulcrum game --from-scenario [SCENARIO] [--write OUT.efg] [--details]\n"
            "                    [--pressure-cost C] [--pressured-cost K]\n"
            "\n"
            "Solves a game in Gambit's .nfg or .efg format and prints one `NE,...` line per\n"
            "equilibrium, in Gambit's order conventions. Every equilibrium is checked before it\n"
            "is printed (regret exactly 0 for the exact solvers).\n"
            "\n"
            "solvers:\n"
            "  enumpure   all pure equilibria, any number of players (default)\n"
            "  enummixed  all extreme mixed equilibria of a two-player game, exact\n"
            "  lcp        Lemke-Howson (two players); --all: every equilibrium its paths reach;\n"
            "             extensive games: Lemke on the sequence form (one equilibrium)\n"
            "  spe        subgame-perfect equilibria of an extensive game\n"
            "  logit      the logit quantal-response branch traced to its end (extensive games:\n"
            "             the agent form); --branch FILE writes the branch as CSV\n"
            "\n"
            "options:\n"
            "  --details       after each equilibrium: expected payoffs, regrets, beliefs\n"
            "  -d DIGITS       print decimals with DIGITS places instead of exact rationals\n"
            "  --write OUT     also write the game (Gambit's conventions) to OUT\n"
            "  --from-scenario build the dilemma game from a scenario (default: built-in case);\n"
            "                  docs/games.md explains the construction\n"
            "\n"
            "exit codes: 0 ok, 1 other failure, 2 usage error, 3 bad input.\n");
}

static const char *player_name(const fc_game *g, size_t p)
{
    return g->players[p] && g->players[p][0] ? g->players[p] : "?";
}

static void print_q(const mpq_t q, int digits)
{
    if (digits > 0) {
        printf("%.*f", digits, mpq_get_d(q));
    } else {
        char *s = mpq_get_str(NULL, 10, q);
        fputs(s, stdout);
        free(s);
    }
}

static int print_details(const fc_game *g, fc_profile_kind kind, const fc_profile *pr, int digits)
{
    mpq_t *pay = NULL, *reg = NULL, *bel = NULL;
    fc_error err;
    fc_error_clear(&err);
    if (fc_game_profile_details(g, kind, pr, &pay, &reg, kind == FC_PROFILE_BEHAVIOUR ? &bel : NULL,
                                &err) != FC_OK)
        return tool_fail(&err);
    for (size_t p = 0; p < g->n_players; p++) {
        printf("  payoff %s: ", player_name(g, p));
        print_q(pay[p], digits);
        printf("\n");
    }
    if (kind == FC_PROFILE_MIXED) {
        size_t counts[64];
        size_t np = g->n_players < 64 ? g->n_players : 64;
        if (g->form == FC_GAME_STRATEGIC)
            for (size_t p = 0; p < np; p++)
                counts[p] = g->n_strategies[p];
        else if (fc_game_reduced_counts(g, counts, &err) != FC_OK)
            return tool_fail(&err);
        size_t k = 0;
        for (size_t p = 0; p < np; p++) {
            printf("  regret %s:", player_name(g, p));
            for (size_t s = 0; s < counts[p]; s++, k++) {
                printf(" ");
                if (g->form == FC_GAME_STRATEGIC)
                    printf("%s=", g->strategies[p][s]);
                print_q(reg[k], digits);
            }
            printf("\n");
        }
    } else {
        for (size_t p = 1; p <= g->n_players; p++)
            for (size_t i = 0; i < g->n_infosets; i++) {
                const fc_game_infoset *is = &g->infosets[i];
                if (is->player != (int)p)
                    continue;
                printf("  infoset %s/%d \"%s\": regret", player_name(g, p - 1), is->number,
                       is->label);
                size_t off = 0;
                for (size_t q = 1; q <= g->n_players; q++)
                    for (size_t j = 0; j < g->n_infosets; j++)
                        if (g->infosets[j].player == (int)q && (q < p || (q == p && j < i)))
                            off += g->infosets[j].n_actions;
                for (size_t a = 0; a < is->n_actions; a++) {
                    printf(" %s=", is->actions[a]);
                    print_q(reg[off + a], digits);
                }
                bool multi = false;
                for (size_t v = is->first_node + 1; v < g->n_nodes; v++)
                    if (g->nodes[v].infoset == (int)i)
                        multi = true;
                if (multi) {
                    printf("; beliefs");
                    for (size_t v = is->first_node; v < g->n_nodes; v++)
                        if (g->nodes[v].infoset == (int)i) {
                            printf(" node%zu=", v + 1);
                            print_q(bel[v], digits);
                        }
                }
                printf("\n");
            }
    }
    fc_mpq_array_free(pay, g->n_players);
    fc_mpq_array_free(reg, pr->dim);
    if (bel)
        fc_mpq_array_free(bel, g->n_nodes);
    return EXIT_OK;
}

/* Prints every equilibrium after checking it; returns an exit code. */
int game_print_equilibria(const fc_game *g, const fc_equilibria *eq, bool details, int digits)
{
    fc_error err;
    fc_error_clear(&err);
    mpq_t reg;
    mpq_init(reg);
    int rc = EXIT_OK;
    for (size_t i = 0; i < eq->n && rc == EXIT_OK; i++) {
        const fc_profile *pr = &eq->items[i];
        if (pr->p) {
            if (fc_game_profile_regret(g, eq->kind, pr, reg, &err) != FC_OK) {
                rc = tool_fail(&err);
                break;
            }
            if (mpq_sgn(reg) != 0) {
                fprintf(stderr, "fulcrum: internal error: a solver returned a profile with "
                                "regret %g; not printed\n",
                        mpq_get_d(reg));
                rc = EXIT_FAILURE_OTHER;
                break;
            }
        }
        char *line = fc_profile_format(pr, digits);
        if (!line) {
            rc = EXIT_FAILURE_OTHER;
            break;
        }
        printf("%s\n", line);
        free(line);
        if (details && pr->p)
            rc = print_details(g, eq->kind, pr, digits);
    }
    mpq_clear(reg);
    return rc;
}


int cmd_game(int argc, char **argv)
{
    const char *file = NULL, *solver = "enumpure", *write = NULL, *branch_file = NULL;
    bool details = false, all = false;
    int digits = 0;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--from-scenario") == 0) {
            return cmd_game_from_scenario(argc, argv);
        } else if (tool_option_value(argc, argv, &i, "--solver", &v)) {
            if (!v)
                return tool_usage_error("game", "--solver needs a name");
            solver = v;
        } else if (strcmp(argv[i], "--details") == 0) {
            details = true;
        } else if (strcmp(argv[i], "--all") == 0) {
            all = true;
        } else if (tool_option_value(argc, argv, &i, "-d", &v)) {
            char *end = NULL;
            long d = v ? strtol(v, &end, 10) : -1;
            if (!v || *end || d < 1 || d > 40)
                return tool_usage_error("game", "-d needs a number of digits from 1 to 40");
            digits = (int)d;
        } else if (tool_option_value(argc, argv, &i, "--write", &v)) {
            if (!v)
                return tool_usage_error("game", "--write needs a file name");
            write = v;
        } else if (tool_option_value(argc, argv, &i, "--branch", &v)) {
            if (!v)
                return tool_usage_error("game", "--branch needs a file name");
            branch_file = v;
        } else if (argv[i][0] == '-') {
            return tool_usage_error("game", "unknown option '%s'", argv[i]);
        } else if (!file) {
            file = argv[i];
        } else {
            return tool_usage_error("game", "more than one game file given");
        }
    }
    if (!file)
        return tool_usage_error("game", "no game file given");
    fc_error err;
    fc_error_clear(&err);
    fc_game *g = NULL;
    if (fc_game_load(file, &g, &err) != FC_OK)
        return tool_fail(&err);
    if (g->warnings && g->warnings[0])
        fputs(g->warnings, stderr);
    int rc = EXIT_OK;
    if (write && fc_game_save(g, write, &err) != FC_OK) {
        fc_game_free(g);
        return tool_fail(&err);
    }
    fc_game_options opt;
    fc_game_options_init(&opt);
    opt.lcp_all = all;
    fc_equilibria eq;
    memset(&eq, 0, sizeof eq);
    fc_logit_branch br;
    memset(&br, 0, sizeof br);
    fc_status st;
    if (strcmp(solver, "enumpure") == 0)
        st = fc_game_enumpure(g, &eq, &err);
    else if (strcmp(solver, "enummixed") == 0)
        st = fc_game_enummixed(g, &eq, &err);
    else if (strcmp(solver, "lcp") == 0)
        st = fc_game_lcp(g, &opt, &eq, &err);
    else if (strcmp(solver, "spe") == 0)
        st = fc_game_spe(g, &eq, &err);
    else if (strcmp(solver, "logit") == 0)
        st = fc_game_logit(g, &opt, &eq, branch_file ? &br : NULL, &err);
    else {
        fc_game_free(g);
        return tool_usage_error("game", "unknown solver '%s' (enumpure, enummixed, lcp, spe, logit)",
                                solver);
    }
    if (st != FC_OK) {
        fc_game_free(g);
        return tool_fail(&err);
    }
    rc = game_print_equilibria(g, &eq, details, digits);
    if (eq.note[0])
        fprintf(stderr, "fulcrum game: %s\n", eq.note);
    if (!eq.converged) {
        fprintf(stderr, "fulcrum game: the logit branch did not converge to an equilibrium "
                        "(largest regret %.3g); no NE printed\n",
                eq.max_regret);
        if (rc == EXIT_OK)
            rc = EXIT_FAILURE_OTHER;
    }
    if (branch_file && rc == EXIT_OK && br.n) {
        char *text = NULL;
        size_t cap = 0;
        FILE *mem = open_memstream(&text, &cap);
        if (mem) {
            for (size_t k = 0; k < br.n; k++) {
                fprintf(mem, "%.10g", br.lambda[k]);
                for (size_t j = 0; j < br.dim; j++)
                    fprintf(mem, ",%.10g", br.point[k * br.dim + j]);
                fprintf(mem, "\n");
            }
            fclose(mem);
            rc = tool_emit(branch_file, text);
            free(text);
        }
    }
    fc_logit_branch_free(&br);
    fc_equilibria_free(&eq);
    fc_game_free(g);
    return rc;
}
