/* `fulcrum game --from-scenario`: builds the deciding actor's dilemma as an extensive game,
 * writes it as .efg (so Gambit can open it), solves it for subgame-perfect and Nash
 * equilibria and tells the equilibrium path in words. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"


static size_t behaviour_offset(const fc_game *g, size_t infoset)
{
    size_t off = 0;
    int p = g->infosets[infoset].player;
    for (int q = 1; q <= (int)g->n_players; q++)
        for (size_t j = 0; j < g->n_infosets; j++)
            if (g->infosets[j].player == q && (q < p || (q == p && j < infoset)))
                off += g->infosets[j].n_actions;
    return off;
}

static void tell_path(const fc_game *g, const fc_profile *pr)
{
    const fc_game_node *root = &g->nodes[0];
    size_t off0 = behaviour_offset(g, (size_t)root->infoset);
    const fc_game_infoset *ris = &g->infosets[root->infoset];
    for (size_t c = 0; c < ris->n_actions; c++) {
        if (mpq_sgn(pr->p[off0 + c]) == 0)
            continue;
        if (mpq_cmp_ui(pr->p[off0 + c], 1, 1) == 0)
            printf("  %s chooses \"%s\"", g->players[0], ris->actions[c]);
        else
            printf("  %s chooses \"%s\" with probability %.3f", g->players[0], ris->actions[c],
                   mpq_get_d(pr->p[off0 + c]));
        /* the responders' information sets under this choice, in order */
        size_t v = (size_t)root->children[c];
        const char *sep = "; then ";
        while (g->nodes[v].kind == FC_NODE_PERSONAL) {
            size_t I = (size_t)g->nodes[v].infoset;
            size_t off = behaviour_offset(g, I);
            const char *who = g->players[g->infosets[I].player - 1];
            double pp = mpq_get_d(pr->p[off + 1]);
            if (pp == 0)
                printf("%s%s accommodates", sep, who);
            else if (pp == 1)
                printf("%s%s pressures", sep, who);
            else
                printf("%s%s pressures with probability %.3f", sep, who, pp);
            sep = ", ";
            v = (size_t)g->nodes[v].children[0];
        }
        printf(".\n");
    }
    mpq_t *pay = NULL, *reg = NULL, *bel = NULL;
    fc_error err;
    fc_error_clear(&err);
    if (fc_game_profile_details(g, FC_PROFILE_BEHAVIOUR, pr, &pay, &reg, &bel, &err) == FC_OK) {
        printf("  expected payoffs:");
        for (size_t p = 0; p < g->n_players; p++)
            printf("%s %s %.2f", p ? "," : "", g->players[p], mpq_get_d(pay[p]));
        printf("\n");
        fc_mpq_array_free(pay, g->n_players);
        fc_mpq_array_free(reg, pr->dim);
        fc_mpq_array_free(bel, g->n_nodes);
    }
}

static int number_option(const char *name, const char *v, double *out)
{
    char *end = NULL;
    double x = v ? strtod(v, &end) : 0;
    if (!v || *end || x < 0)
        return tool_usage_error("game", "%s needs a non-negative number", name);
    *out = x;
    return EXIT_OK;
}

int cmd_game_from_scenario(int argc, char **argv)
{
    const char *scen = NULL, *write = "dilemma.efg";
    bool details = false;
    /* Costs given on the command line override those the scenario declares. */
    fc_dilemma_game_options opt = {NAN, NAN, NAN};
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        int rc = EXIT_OK;
        if (strcmp(argv[i], "--from-scenario") == 0) {
            continue;
        } else if (tool_option_value(argc, argv, &i, "--write", &v)) {
            if (!v)
                return tool_usage_error("game", "--write needs a file name");
            write = v;
        } else if (strcmp(argv[i], "--no-write") == 0) {
            write = NULL;
        } else if (strcmp(argv[i], "--details") == 0) {
            details = true;
        } else if (tool_option_value(argc, argv, &i, "--pressure-cost", &v)) {
            rc = number_option("--pressure-cost", v, &opt.pressure_cost);
        } else if (tool_option_value(argc, argv, &i, "--pressured-cost", &v)) {
            rc = number_option("--pressured-cost", v, &opt.pressured_cost);
        } else if (tool_option_value(argc, argv, &i, "--effect", &v)) {
            rc = number_option("--effect", v, &opt.effect);
        } else if (argv[i][0] == '-') {
            return tool_usage_error("game", "unknown option '%s' with --from-scenario", argv[i]);
        } else if (!scen) {
            scen = argv[i];
        } else {
            return tool_usage_error("game", "more than one scenario given");
        }
        if (rc != EXIT_OK)
            return rc;
    }
    fc_error err;
    fc_error_clear(&err);
    fc_scenario *sc = NULL;
    if (tool_load_scenario(scen, 100, &sc, &err) != FC_OK)
        return tool_fail(&err);
    fc_dilemma_game_options given = opt;
    fc_dilemma_game_options_from_scenario(&opt, sc);
    if (!isnan(given.pressure_cost))
        opt.pressure_cost = given.pressure_cost;
    if (!isnan(given.pressured_cost))
        opt.pressured_cost = given.pressured_cost;
    if (!isnan(given.effect))
        opt.effect = given.effect;
    fc_game *g = NULL;
    if (fc_game_from_scenario(sc, &opt, &g, &err) != FC_OK) {
        fc_scenario_free(sc);
        return tool_fail(&err);
    }
    fc_scenario_free(sc);
    printf("%s\n", g->title);
    printf("players: %s decides; ", g->players[0]);
    for (size_t p = 1; p < g->n_players; p++)
        printf("%s%s", p > 1 ? ", " : "", g->players[p]);
    printf(" answer Accommodate or Pressure (without seeing each other's answer)\n");
    printf("costs: pressure %.2f to the presser, %.2f x capability/100 to %s; pressure pulls "
           "the position %.2f x capability share toward the presser\n",
           opt.pressure_cost, opt.pressured_cost, g->players[0], opt.effect);
    if (write) {
        if (fc_game_save(g, write, &err) != FC_OK) {
            fc_game_free(g);
            return tool_fail(&err);
        }
        printf("game written to %s (Gambit can open it)\n", write);
    }
    int rc = EXIT_OK;
    fc_equilibria eq;
    printf("\nsubgame-perfect equilibria:\n");
    if (fc_game_spe(g, &eq, &err) != FC_OK) {
        fc_game_free(g);
        return tool_fail(&err);
    }
    rc = game_print_equilibria(g, &eq, details, 0);
    printf("equilibrium path%s:\n", eq.n == 1 ? "" : "s");
    for (size_t i = 0; i < eq.n && rc == EXIT_OK; i++)
        tell_path(g, &eq.items[i]);
    if (eq.note[0])
        printf("(%s)\n", eq.note);
    fc_equilibria_free(&eq);
    if (rc == EXIT_OK) {
        fc_status st;
        if (g->n_players == 2) {
            printf("\nall extreme Nash equilibria (enummixed):\n");
            st = fc_game_enummixed(g, &eq, &err);
        } else {
            printf("\nall pure Nash equilibria (enumpure; %zu players, so mixed ones are not "
                   "enumerated):\n",
                   g->n_players);
            st = fc_game_enumpure(g, &eq, &err);
        }
        if (st != FC_OK) {
            fc_game_free(g);
            return tool_fail(&err);
        }
        rc = game_print_equilibria(g, &eq, false, 0);
        printf("%zu equilibri%s; those not above rest on threats that would not be carried out "
               "(not subgame perfect)\n",
               eq.n, eq.n == 1 ? "um" : "a");
        fc_equilibria_free(&eq);
    }
    fc_game_free(g);
    return rc;
}
