/* Game results as text: each equilibrium is checked by its exact regret before its "NE,..."
 * line is written (a profile that fails is never shown), then optionally its details; and
 * the report of the scenario's dilemma built as a game (docs/games.md). */
#include <stdlib.h>
#include <string.h>

#include "fulcrum/game_exact.h"
#include "fulcrum/game_text.h"
#include "fulcrum/util.h"
#include "util/buf_mpq.h"
#include "util/strutil.h"

void fc_game_text_options_init(fc_game_text_options *o)
{
    memset(o, 0, sizeof *o);
    o->details = false;
    o->digits = 0;
}

static const char *player_name(const fc_game *g, size_t p)
{
    return g->players[p] && g->players[p][0] ? g->players[p] : "?";
}

static void put_q(fc_buf *b, const mpq_t q, int digits)
{
    if (digits > 0) {
        fc_buf_printf(b, "%.*f", digits, mpq_get_d(q));
        return;
    }
    fc_buf_mpq(b, q);
}

/* Payoffs, then the regret of every strategy (mixed profiles) or of every action of every
 * information set, with the beliefs where a set has more than one node (behaviour profiles). */
static fc_status put_details(fc_buf *b, const fc_game *g, fc_profile_kind kind,
                             const fc_profile *pr, int digits, fc_error *err)
{
    mpq_t *pay = NULL, *reg = NULL, *bel = NULL;
    fc_status st = fc_game_profile_details(g, kind, pr, &pay, &reg,
                                           kind == FC_PROFILE_BEHAVIOUR ? &bel : NULL, err);
    if (st != FC_OK)
        return st;
    for (size_t p = 0; p < g->n_players; p++) {
        fc_buf_printf(b, "  payoff %s: ", player_name(g, p));
        put_q(b, pay[p], digits);
        fc_buf_puts(b, "\n");
    }
    if (kind == FC_PROFILE_MIXED) {
        size_t *counts = malloc((g->n_players ? g->n_players : 1) * sizeof *counts);
        if (!counts)
            st = fc_error_nomem(err);
        else if (g->form == FC_GAME_STRATEGIC)
            memcpy(counts, g->n_strategies, g->n_players * sizeof *counts);
        else
            st = fc_game_reduced_counts(g, counts, err);
        size_t k = 0;
        for (size_t p = 0; st == FC_OK && p < g->n_players; p++) {
            fc_buf_printf(b, "  regret %s:", player_name(g, p));
            for (size_t s = 0; s < counts[p] && k < pr->dim; s++, k++) {
                fc_buf_puts(b, " ");
                if (g->form == FC_GAME_STRATEGIC)
                    fc_buf_printf(b, "%s=", g->strategies[p][s]);
                put_q(b, reg[k], digits);
            }
            fc_buf_puts(b, "\n");
        }
        free(counts);
    } else {
        long *off = fc_game_behaviour_offsets(g);
        if (!off)
            st = fc_error_nomem(err);
        for (size_t p = 1; st == FC_OK && p <= g->n_players; p++)
            for (size_t i = 0; i < g->n_infosets; i++) {
                const fc_game_infoset *is = &g->infosets[i];
                if (is->player != (int)p)
                    continue;
                fc_buf_printf(b, "  infoset %s/%d \"%s\": regret", player_name(g, p - 1),
                              is->number, is->label ? is->label : "");
                for (size_t a = 0; a < is->n_actions; a++) {
                    fc_buf_printf(b, " %s=", is->actions[a]);
                    put_q(b, reg[(size_t)off[i] + a], digits);
                }
                bool multi = false;
                for (size_t v = is->first_node + 1; v < g->n_nodes; v++)
                    if (g->nodes[v].infoset == (int)i)
                        multi = true;
                if (multi) {
                    fc_buf_puts(b, "; beliefs");
                    for (size_t v = is->first_node; v < g->n_nodes; v++)
                        if (g->nodes[v].infoset == (int)i) {
                            fc_buf_printf(b, " node%zu=", v + 1);
                            put_q(b, bel[v], digits);
                        }
                }
                fc_buf_puts(b, "\n");
            }
        free(off);
    }
    fc_mpq_array_free(pay, g->n_players);
    fc_mpq_array_free(reg, pr->dim);
    if (bel)
        fc_mpq_array_free(bel, g->n_nodes);
    return st;
}

/* Appends the checked equilibria to b; stops at the first failure. */
static fc_status put_equilibria(fc_buf *b, const fc_game *g, const fc_equilibria *eq,
                                bool details, int digits, fc_error *err)
{
    if (digits < 0 || digits > 40)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "digits",
                            "must be from 1 to 40 (or 0: exact rationals)");
    fc_status st = FC_OK;
    mpq_t reg;
    mpq_init(reg);
    for (size_t i = 0; i < eq->n && st == FC_OK; i++) {
        const fc_profile *pr = &eq->items[i];
        if (pr->p) {
            if ((st = fc_game_profile_regret(g, eq->kind, pr, reg, err)) != FC_OK)
                break;
            if (mpq_sgn(reg) != 0) {
                st = fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL,
                                  "internal error: a solver returned a profile with regret %g; "
                                  "not printed",
                                  mpq_get_d(reg));
                break;
            }
        }
        char *line = fc_profile_format(pr, digits);
        if (!line) {
            st = fc_error_nomem(err);
            break;
        }
        fc_buf_puts(b, line);
        fc_buf_puts(b, "\n");
        free(line);
        if (details && pr->p)
            st = put_details(b, g, eq->kind, pr, digits, err);
    }
    mpq_clear(reg);
    return st;
}

/* Hands over the text; an allocation failure of the buffer overrides st. */
static fc_status take(fc_buf *b, fc_status st, char **text, fc_error *err)
{
    *text = fc_buf_take(b);
    if (!*text)
        return fc_error_nomem(err);
    return st;
}

fc_status fc_game_text(const fc_game *g, const fc_equilibria *eq, const fc_game_text_options *o,
                       char **text, fc_error *err)
{
    fc_game_text_options def;
    if (!o) {
        fc_game_text_options_init(&def);
        o = &def;
    }
    fc_buf b;
    fc_buf_init(&b);
    fc_status st = put_equilibria(&b, g, eq, o->details, o->digits, err);
    return take(&b, st, text, err);
}

fc_status fc_dilemma_game_header_text(const fc_game *g, const fc_dilemma_game_options *opt,
                                      char **text, fc_error *err)
{
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_printf(&b, "%s\n", fc_game_title(g));
    fc_buf_printf(&b, "players: %s decides; ", fc_game_player(g, 0));
    for (size_t p = 1; p < g->n_players; p++)
        fc_buf_printf(&b, "%s%s", p > 1 ? ", " : "", fc_game_player(g, p));
    fc_buf_puts(&b, " answer Accommodate or Pressure (without seeing each other's answer)\n");
    fc_buf_printf(&b,
                  "costs: pressure %.2f to the presser, %.2f x capability/100 to %s; pressure "
                  "pulls the position %.2f x capability share toward the presser\n",
                  opt->pressure_cost, opt->pressured_cost, fc_game_player(g, 0), opt->effect);
    return take(&b, FC_OK, text, err);
}

fc_status fc_dilemma_game_text(const fc_game *g, const fc_dilemma_game_result *r, bool details,
                               char **text, fc_error *err)
{
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, "\nsubgame-perfect equilibria:\n");
    fc_status st = put_equilibria(&b, g, &r->spe, details, 0, err);
    if (st == FC_OK)
        fc_buf_printf(&b, "equilibrium path%s:\n", r->spe.n == 1 ? "" : "s");
    for (size_t i = 0; i < r->spe.n && st == FC_OK; i++) {
        char *path = NULL;
        st = fc_dilemma_game_path_text(g, &r->spe.items[i], &path, err);
        if (path)
            fc_buf_puts(&b, path);
        free(path);
    }
    if (st == FC_OK && r->spe.note[0])
        fc_buf_printf(&b, "(%s)\n", r->spe.note);
    if (st == FC_OK) {
        if (r->nash_mixed)
            fc_buf_puts(&b, "\nall extreme Nash equilibria (enummixed):\n");
        else
            fc_buf_printf(&b,
                          "\nall pure Nash equilibria (enumpure; %zu players, so mixed ones are "
                          "not enumerated):\n",
                          g->n_players);
        st = put_equilibria(&b, g, &r->nash, false, 0, err);
    }
    if (st == FC_OK)
        fc_buf_printf(&b,
                      "%zu equilibri%s; those not above rest on threats that would not be "
                      "carried out (not subgame perfect)\n",
                      r->nash.n, r->nash.n == 1 ? "um" : "a");
    return take(&b, st, text, err);
}

fc_status fc_logit_branch_csv(const fc_logit_branch *b, char **text, fc_error *err)
{
    fc_buf out;
    fc_buf_init(&out);
    for (size_t k = 0; k < b->n; k++) {
        fc_buf_printf(&out, "%.10g", b->lambda[k]);
        for (size_t j = 0; j < b->dim; j++)
            fc_buf_printf(&out, ",%.10g", b->point[k * b->dim + j]);
        fc_buf_puts(&out, "\n");
    }
    *text = fc_buf_take(&out);
    return *text ? FC_OK : fc_error_nomem(err);
}
