/* The text report of a dilemma, written for a decision-maker: the choices side by side for
 * every model, the winners and losers, which choice serves the decider best, and a paragraph
 * in plain language that names the actors. Every figure is defined in docs/dilemma.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/dilemma.h"
#include "fulcrum/util.h"
#include "util/strutil.h"
#include "report/dilemma_parts.h"

#define LABEL_WIDTH 36
#define COLUMN_WIDTH 18
#define MAJOR_CHALLENGERS 4

/* Appends s cut or padded to `width` characters (UTF-8 aware). */
static void padded(fc_buf *b, const char *s, size_t width, int right)
{
    size_t chars = 0;
    for (const char *p = s; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    if (right)
        for (size_t k = chars; k < width; k++)
            fc_buf_puts(b, " ");
    size_t used = 0;
    const char *p = s;
    while (*p && used < width) {
        const char *start = p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
            p++;
        if (used == width - 1 && *p) {
            fc_buf_puts(b, "~");
            used++;
            break;
        }
        fc_buf_append(b, start, (size_t)(p - start));
        used++;
    }
    if (!right)
        for (; used < width; used++)
            fc_buf_puts(b, " ");
}

/* A number at a fixed precision; never "-0.000". */
static void fmt(char *out, size_t size, const char *format, double v)
{
    if (isnan(v)) {
        snprintf(out, size, "n/a");
        return;
    }
    snprintf(out, size, format, v);
    if (out[0] == '-' && strspn(out + 1, "0.") == strlen(out + 1))
        memmove(out, out + 1, strlen(out));
}

static void row_label(fc_buf *b, const char *label)
{
    fc_buf_puts(b, "  ");
    padded(b, label, LABEL_WIDTH, 0);
}

static void cell_text(fc_buf *b, const char *s)
{
    fc_buf_puts(b, " ");
    padded(b, s, COLUMN_WIDTH - 1, 1);
}

static void model_title(char *out, size_t size, const fc_dilemma_model *m)
{
    snprintf(out, size, "%s%s%s%s", m->name, m->preset[0] ? " (" : "", m->preset, m->preset[0] ? ")" : "");
}

/* A forecast as a point, or as "~[low, high]" when the run has no stable outcome. */
static void outcome_text(char *out, size_t size, const fc_dilemma_cell *cell)
{
    if (cell->stable)
        fmt(out, size, "%.2f", cell->outcome);
    else
        snprintf(out, size, "~[%.2f, %.2f]", cell->outcome_low, cell->outcome_high);
}

/* The decider's utility (minus the backlash cost) over the range of an unstable outcome. */
static void value_text(char *out, size_t size, const fc_dilemma *d, const fc_dilemma_cell *cell, int value)
{
    double shift = value ? cell->backlash_cost : 0.0;
    if (cell->stable) {
        fmt(out, size, "%.4f", (value ? cell->value : cell->utility[d->decider]));
        return;
    }
    const fc_problem *p = &d->problem;
    double x = p->position[d->decider], s = p->salience[d->decider];
    double nearest = fmin(fmax(x, cell->outcome_low), cell->outcome_high);
    double farthest = fabs(x - cell->outcome_low) > fabs(x - cell->outcome_high) ? cell->outcome_low
                                                                                 : cell->outcome_high;
    double hi = -s * fabs(x - nearest) / d->range - shift, lo = -s * fabs(x - farthest) / d->range - shift;
    char a[32], b[32];
    fmt(a, sizeof a, "%.3f", lo);
    fmt(b, sizeof b, "%.3f", hi);
    snprintf(out, size, "~[%s, %s]", a, b);
}

/* What a crisis ends in, in words naming the two sides. */
static void crisis_words(char *out, size_t size, fc_iig_outcome o, const char *a, const char *b)
{
    switch (o) {
    case FC_IIG_SQ: snprintf(out, size, "status quo"); break;
    case FC_IIG_NEGO: snprintf(out, size, "negotiation"); break;
    case FC_IIG_ACQ_A: snprintf(out, size, "%s acquiesces", a); break;
    case FC_IIG_ACQ_B: snprintf(out, size, "%s acquiesces", b); break;
    case FC_IIG_CAP_A: snprintf(out, size, "%s capitulates", a); break;
    case FC_IIG_CAP_B: snprintf(out, size, "%s capitulates", b); break;
    case FC_IIG_WAR_A: snprintf(out, size, "war, %s strikes", a); break;
    case FC_IIG_WAR_B: snprintf(out, size, "war, %s strikes", b); break;
    default: snprintf(out, size, "?"); break;
    }
}

/* The pair (challenger k, decider) of choice c, or NULL. */
static const fc_crisis_pair *crisis_pair(const fc_dilemma *d, size_t c, size_t k)
{
    const fc_crisis_backlash *b = d->crisis ? d->crisis[c] : NULL;
    for (size_t i = 0; b && i < b->n_pairs; i++)
        if (b->pairs[i].challenger == k)
            return &b->pairs[i];
    return NULL;
}

/* Backlash as crisis bargaining: every other actor as the potential challenger of the decider,
 * with the numbers that decide whether it challenges and what the crisis ends in. */
static void crisis_table(fc_buf *b, const fc_dilemma *d, const fc_scenario *sc)
{
    if (!d->crisis)
        return;
    const fc_crisis_backlash *b0 = d->crisis[0];
    const char *dec = sc->actors[b0->decider].id;
    char label[160], num[64], w1[64];
    fc_buf_printf(b,
                  "\nBacklash as crisis bargaining: every other actor as the potential challenger of %s\n"
                  "(E(U): its %s expected utility of challenging %s, > 0 = it has reason to;\n"
                  "P: its chance to prevail; the crisis: the interaction game's equilibrium; cost: what\n"
                  "%s loses in it, in the game's utility; docs/models/war-trap.md, interaction-game.md)\n",
                  dec, d->crisis_options.eu == FC_CRISIS_EU_1981 ? "War Trap (1981)" : "revised (1985)", dec, dec);
    row_label(b, "");
    for (size_t c = 0; c < d->n_choices; c++)
        cell_text(b, d->choices[c].label);
    fc_buf_puts(b, "\n");
    for (size_t k = 0; k < sc->n_actors; k++) {
        if (k == b0->decider)
            continue;
        const char *who = sc->actors[k].id;
        snprintf(label, sizeof label, "%s [%s]", sc->actors[k].name ? sc->actors[k].name : who, who);
        row_label(b, label);
        fc_buf_puts(b, "\n");
        row_label(b, "  E(U) of challenging, P");
        for (size_t c = 0; c < d->n_choices; c++) {
            const fc_crisis_pair *q = crisis_pair(d, c, k);
            fmt(num, sizeof num, "%.4f", q->eu_challenge);
            snprintf(w1, sizeof w1, "%s P %.2f", num, q->p_win);
            cell_text(b, w1);
        }
        fc_buf_puts(b, "\n");
        row_label(b, "  the crisis ends in");
        for (size_t c = 0; c < d->n_choices; c++) {
            crisis_words(w1, sizeof w1, crisis_pair(d, c, k)->outcome, who, dec);
            cell_text(b, w1);
        }
        fc_buf_puts(b, "\n");
        snprintf(label, sizeof label, "  what it costs %s", dec);
        row_label(b, label);
        for (size_t c = 0; c < d->n_choices; c++) {
            fmt(num, sizeof num, "%+.4f", crisis_pair(d, c, k)->target_cost);
            cell_text(b, num);
        }
        fc_buf_puts(b, "\n");
    }
#define CROW(text, format, expr)                                                     \
    do {                                                                             \
        row_label(b, text);                                                          \
        for (size_t c = 0; c < d->n_choices; c++) {                                  \
            const fc_crisis_backlash *bl = d->crisis[c];                             \
            (void)bl;                                                                \
            fmt(num, sizeof num, format, (double)(expr));                            \
            cell_text(b, num);                                                       \
        }                                                                            \
        fc_buf_puts(b, "\n");                                                        \
    } while (0)
    snprintf(label, sizeof label, "would challenge %s (E(U) > 0)", dec);
    CROW(label, "%.0f", bl->n_challengers);
    CROW("crises (the game leaves the SQ)", "%.0f", bl->n_crises);
    CROW("wars", "%.0f", bl->n_wars);
    snprintf(label, sizeof label, "cost to %s (sum of its losses)", dec);
    CROW(label, "%.4f", bl->cost);
    fmt(num, sizeof num, "%g", d->backlash_weight);
    snprintf(label, sizeof label, "x weight %s = in %s's utility", num, dec);
    CROW(label, "%.4f", d->backlash_weight * bl->cost);
#undef CROW
    fc_buf_printf(b, "  weight: %s\n", d->backlash_weight_source);
    const fc_crisis_options *co = &d->crisis_options;
    if (co->risk == FC_CRISIS_RISK_NEUTRAL && !(co->alpha < co->tau - co->gamma))
        fc_buf_puts(b, "  (between risk-neutral actors with these costs of war the game cannot end in war:\n"
                       "  docs/models/interaction-game.md; the crisis risk 'security' opens that route)\n");
}

/* Which spreads the either/or drew from: a scenario without any uncertainty gets the sweep's
 * fallback (and says so); one that declares its own is jittered by those. */
static void spreads_text(fc_buf *b, const fc_dilemma_either *e)
{
    const fc_default_uncertainty *j = &e->jitter;
    int any = j->position_sd > 0 || j->salience_sd > 0 || j->capability_sd > 0;
    if (e->default_jitter || any)
        fc_buf_printf(b, "spreads: position %g%s, salience %g%s,\ncapability %g%s%s", j->position_sd,
                      j->position_relative ? "%" : "", j->salience_sd, j->salience_relative ? "%" : "",
                      j->capability_relative ? 100 * j->capability_sd : j->capability_sd,
                      j->capability_relative ? "%" : "",
                      e->default_jitter ? "; the default: the scenario declares none"
                                        : ", the scenario's default; a value's own where it declares one");
    else
        fc_buf_puts(b, "each estimate's own uncertainty, as the\nscenario declares it");
}

void dilemma_either_text(fc_buf *b, const fc_dilemma_either *e, const char *label_a, const char *label_b,
                         const char *decider, const char *scope, size_t n_models, const char *const *titles,
                         const char *const *firsts)
{
    char lo[32], hi[32];
    fmt(lo, sizeof lo, "%+.4f", e->low);
    fmt(hi, sizeof hi, "%+.4f", e->high);
    fc_buf_printf(b,
                  "The either/or%s: \"%s\" beats \"%s\" in %.0f%% of %zu runs\n"
                  "(90%% interval of the margin %s to %s), by %s's decision value%s:\n"
                  "%zu jittered runs of each of %zu model runs (",
                  scope ? ", every issue" : "", label_a, label_b, 100 * e->p, e->counted, lo, hi, decider,
                  scope ? scope : "", e->runs, n_models);
    spreads_text(b, e);
    fc_buf_printf(b, "; seed %llu), the backlash cost at the estimates.\n"
                     "  model run              P(beats)  90%% interval of the margin  first at the estimates\n",
                  (unsigned long long)e->seed);
    for (size_t m = 0; m < n_models; m++) {
        fmt(lo, sizeof lo, "%+.4f", e->model_low[m]);
        fmt(hi, sizeof hi, "%+.4f", e->model_high[m]);
        fc_buf_puts(b, "  ");
        padded(b, titles[m], 22, 0);
        fc_buf_printf(b, "    %3.0f%%  [%s, %s]           %s\n", 100 * e->model_p[m], lo, hi, firsts[m]);
    }
    fc_buf_puts(b, "\n");
}

/* The article's either/or, first: how often the second choice beats the first, and by how much. */
static void either_or(fc_buf *b, const fc_dilemma *d)
{
    const fc_dilemma_either *e = &d->either;
    if (e->runs == 0)
        return;
    char(*titles)[96] = malloc(d->n_models * sizeof *titles);
    const char **title_p = malloc(d->n_models * sizeof *title_p), **firsts = malloc(d->n_models * sizeof *firsts);
    if (titles && title_p && firsts) {
        for (size_t m = 0; m < d->n_models; m++) {
            model_title(titles[m], sizeof titles[m], &d->models[m]);
            title_p[m] = titles[m];
            firsts[m] = d->models[m].margin > 0 ? d->choices[d->models[m].best].label : "a tie";
        }
        dilemma_either_text(b, e, d->choices[e->a].label, d->choices[e->b].label, d->problem.actor_ids[d->decider],
                            NULL, d->n_models, title_p, firsts);
    }
    free(titles);
    free(title_p);
    free(firsts);
}

/* "on RUS (30)": the forecast sits on that actor's stated position; "near RUS (30, 4.2 away)". */
static void near_text(fc_buf *b, const fc_dilemma *d, size_t actor, double gap)
{
    const fc_problem *p = &d->problem;
    double x = p->position[actor * p->n_dims];
    if (gap <= 0.005 * d->range)
        fc_buf_printf(b, "on %s (%g)", p->actor_ids[actor], x);
    else
        fc_buf_printf(b, "near %s (%g, %.1f away)", p->actor_ids[actor], x, gap);
}

/* Which model runs put each choice first, and why, from the numbers: where each run's forecast
 * sits under its first choice and its runner-up, the margin's two parts, and the model's DEU
 * backtest record read from the shipped table (docs/dilemma.md, "Why the models disagree"). */
static void disagreement(fc_buf *b, const fc_dilemma *d)
{
    if (d->n_models < 2 || d->n_choices < 2)
        return;
    fc_buf_puts(b, "Why the models disagree: which model runs put each choice first, whose position each\n"
                   "run's forecast sits on under its first choice and its runner-up, and the model's\n"
                   "backtest record (mean absolute error on the DEU dev half, points of 0-100), from\n");
    fc_buf_printf(b, "%s.\n", d->record_source[0] ? d->record_source : "(no record shipped)");
    for (size_t c = 0; c < d->n_choices; c++) {
        size_t k = 0;
        for (size_t m = 0; m < d->n_models; m++) {
            if (d->models[m].margin <= 0 || d->models[m].best != c)
                continue;
            char title[96];
            model_title(title, sizeof title, &d->models[m]);
            fc_buf_printf(b, "%s%s", k++ ? ", " : "  ", title);
        }
        if (k)
            fc_buf_printf(b, ": \"%s\" first\n", d->choices[c].label);
    }
    for (size_t m = 0; m < d->n_models; m++) {
        const fc_dilemma_model *dm = &d->models[m];
        char title[96], n1[32], n2[32], n3[32];
        model_title(title, sizeof title, dm);
        fc_buf_printf(b, "  %s: ", title);
        if (dm->margin > 0) {
            fmt(n1, sizeof n1, "%.4f", dm->margin);
            fmt(n2, sizeof n2, "%+.4f", dm->margin_outcome);
            fmt(n3, sizeof n3, "%+.4f", dm->margin_backlash);
            fc_buf_printf(b, "\"%s\" by %s (outcome %s, backlash %s);\n      forecast %.1f ",
                          d->choices[dm->best].label, n1, n2, n3, fc_dilemma_cell_at(d, m, dm->best)->outcome);
            near_text(b, d, dm->near_best, dm->near_best_gap);
            fc_buf_printf(b, ", under \"%s\" %.1f ", d->choices[dm->runner_up].label,
                          fc_dilemma_cell_at(d, m, dm->runner_up)->outcome);
            near_text(b, d, dm->near_runner_up, dm->near_runner_up_gap);
        } else {
            fc_buf_printf(b, "cannot tell the choices apart;\n      forecast %.1f ",
                          fc_dilemma_cell_at(d, m, dm->best)->outcome);
            near_text(b, d, dm->near_best, dm->near_best_gap);
        }
        const fc_dilemma_record *r = &dm->record;
        if (!r->found)
            fc_buf_puts(b, ".\n      No backtest record.\n");
        else if (isnan(r->diff))
            fc_buf_printf(b, ".\n      Record: MAE %.2f on %zu issues (the reference).\n", r->mae, r->n);
        else
            fc_buf_printf(b, ".\n      Record: MAE %.2f on %zu issues, %+.2f [%+.2f, %+.2f] against compromise.\n",
                          r->mae, r->n, r->diff, r->diff_low, r->diff_high);
    }
    fc_buf_puts(b, "\n");
}

typedef struct {
    size_t actor;
    double weight;
} ranked;

static int by_weight_desc(const void *a, const void *b)
{
    const ranked *p = a, *q = b;
    if (p->weight != q->weight)
        return p->weight > q->weight ? -1 : 1;
    return p->actor < q->actor ? -1 : p->actor > q->actor;
}

/* The challengers of one model's runs, strongest total pressure first. */
static size_t challengers(const fc_dilemma *d, size_t m, ranked *out)
{
    size_t n = 0;
    for (size_t i = 0; i < d->problem.n_actors; i++) {
        double w = 0;
        size_t events = 0;
        for (size_t c = 0; c < d->n_choices; c++) {
            const fc_dilemma_cell *cell = fc_dilemma_cell_at(d, m, c);
            w += cell->pressure[i];
            events += cell->pressure_events[i];
        }
        if (events > 0)
            out[n++] = (ranked){i, w};
    }
    qsort(out, n, sizeof *out, by_weight_desc);
    return n;
}

static void model_table(fc_buf *b, const fc_dilemma *d, size_t m, ranked *scratch)
{
    const fc_problem *p = &d->problem;
    const char *dec = p->actor_ids[d->decider];
    char title[96], label[160], num[64];
    model_title(title, sizeof title, &d->models[m]);
    fc_buf_printf(b, "\nModel: %s\n", title);
    row_label(b, "");
    for (size_t c = 0; c < d->n_choices; c++)
        cell_text(b, d->choices[c].label);
    fc_buf_puts(b, "\n");

#define ROW(text, format, expr)                                                      \
    do {                                                                             \
        row_label(b, text);                                                          \
        for (size_t c = 0; c < d->n_choices; c++) {                                  \
            const fc_dilemma_cell *cell = fc_dilemma_cell_at(d, m, c);               \
            (void)cell;                                                              \
            fmt(num, sizeof num, format, (double)(expr));                            \
            cell_text(b, num);                                                       \
        }                                                                            \
        fc_buf_puts(b, "\n");                                                        \
    } while (0)

    snprintf(label, sizeof label, "%s's position: chosen", dec);
    ROW(label, "%.2f", d->choices[c].position);
    snprintf(label, sizeof label, "%s's position: at the end", dec);
    ROW(label, "%.2f", cell->decider_final);
    row_label(b, "outcome (the model's forecast)");
    int unstable = 0;
    for (size_t c = 0; c < d->n_choices; c++) {
        const fc_dilemma_cell *cell = fc_dilemma_cell_at(d, m, c);
        unstable |= !cell->stable;
        outcome_text(num, sizeof num, cell);
        cell_text(b, num);
    }
    fc_buf_puts(b, "\n");
    ROW("rounds", "%.0f", cell->forecast->n_rounds);
    snprintf(label, sizeof label, "challenges aimed at %s", dec);
    ROW(label, "%.0f", cell->n_backlash);
    snprintf(label, sizeof label, "pressure on %s (sum of E(U))", dec);
    ROW(label, "%.4f", cell->pressure_total);
    size_t nch = challengers(d, m, scratch);
    for (size_t k = 0; k < nch && k < MAJOR_CHALLENGERS; k++) {
        size_t i = scratch[k].actor;
        snprintf(label, sizeof label, "  from %s", p->actor_names[i]);
        ROW(label, "%.4f", cell->pressure[i]);
    }
    if (nch > MAJOR_CHALLENGERS) {
        row_label(b, "  from the others");
        for (size_t c = 0; c < d->n_choices; c++) {
            const fc_dilemma_cell *cell = fc_dilemma_cell_at(d, m, c);
            double rest = 0;
            for (size_t k = MAJOR_CHALLENGERS; k < nch; k++)
                rest += cell->pressure[scratch[k].actor];
            fmt(num, sizeof num, "%.4f", rest);
            cell_text(b, num);
        }
        fc_buf_puts(b, "\n");
    }
    ROW("challenges among all actors", "%.0f", cell->n_challenges);
    ROW("conflicts among all actors", "%.0f", cell->n_conflicts);
    ROW("instability (weighted conflicts)", "%.4f", cell->instability);
    snprintf(label, sizeof label, "%s's utility of the outcome", dec);
    row_label(b, label);
    for (size_t c = 0; c < d->n_choices; c++) {
        value_text(num, sizeof num, d, fc_dilemma_cell_at(d, m, c), 0);
        cell_text(b, num);
    }
    fc_buf_puts(b, "\n");
    row_label(b, "  change from current policy");
    for (size_t c = 0; c < d->n_choices; c++) {
        const fc_dilemma_cell *cell = fc_dilemma_cell_at(d, m, c);
        if (cell->stable && fc_dilemma_cell_at(d, m, 0)->stable)
            fmt(num, sizeof num, "%+.4f", cell->utility_change[d->decider]);
        else
            snprintf(num, sizeof num, "unstable");
        cell_text(b, num);
    }
    fc_buf_puts(b, "\n");
    if (d->crisis) {
        snprintf(label, sizeof label, "backlash cost to %s (crises)", dec);
        ROW(label, "%.4f", cell->backlash_cost);
        snprintf(label, sizeof label, "decision value to %s", dec);
        row_label(b, label);
        for (size_t c = 0; c < d->n_choices; c++) {
            value_text(num, sizeof num, d, fc_dilemma_cell_at(d, m, c), 1);
            cell_text(b, num);
        }
        fc_buf_puts(b, "\n");
    }
#undef ROW
    if (unstable)
        fc_buf_printf(b, "  ~[low, high]: no stable outcome: the run stopped at its round limit still moving;\n"
                         "  the range of its forecast over the last rounds (and the utilities over it)\n");
    const fc_dilemma_model *dm = &d->models[m];
    if (d->n_choices < 2 || dm->margin == 0)
        fc_buf_printf(b, "  best for %s: no choice is better than the others (a tie)\n", dec);
    else {
        fmt(num, sizeof num, "%.4f", dm->margin);
        fc_buf_printf(b, "  best for %s: %s, by %s over %s", dec, d->choices[dm->best].label, num,
                      d->choices[dm->runner_up].label);
        if (d->crisis) {
            char n2[64];
            fmt(num, sizeof num, "%+.4f", dm->margin_outcome);
            fmt(n2, sizeof n2, "%+.4f", dm->margin_backlash);
            fc_buf_printf(b, "\n    (outcome %s, backlash %s)", num, n2);
        }
        fc_buf_puts(b, "\n");
    }
    for (size_t c = 0; c < d->n_choices; c++)
        if (!fc_dilemma_cell_at(d, m, c)->stable)
            fc_buf_printf(b, "  no stable outcome under \"%s\": its value is a range, so this verdict is not firm\n",
                          d->choices[c].label);
    {
    }
    size_t recorded = 0;
    for (size_t c = 0; c < d->n_choices; c++)
        recorded += fc_dilemma_cell_at(d, m, c)->n_challenges;
    if (nch == 0 && recorded == 0)
        fc_buf_puts(b, "  (this model records no challenges in its bargaining; the crisis backlash above\n"
                       "  does not depend on the model)\n");
    else if (nch == 0)
        fc_buf_printf(b, "  (no challenge in this model's runs is aimed at %s)\n", dec);
}

/* Mean change over the model runs, and in how many runs the change is a gain or a loss. */
static double mean_change(const fc_dilemma *d, size_t c, size_t i, int bloc, size_t *gains, size_t *losses)
{
    double sum = 0;
    *gains = *losses = 0;
    for (size_t m = 0; m < d->n_models; m++) {
        const fc_dilemma_cell *cell = fc_dilemma_cell_at(d, m, c);
        double v = bloc ? cell->bloc_change[i] : cell->utility_change[i];
        sum += v;
        *gains += v > 1e-9;
        *losses += v < -1e-9;
    }
    return d->n_models ? sum / (double)d->n_models : 0;
}

static void winners_losers(fc_buf *b, const fc_dilemma *d)
{
    const fc_problem *p = &d->problem;
    char num[64], cellbuf[96];
    fc_buf_printf(b,
                  "\nWinners and losers: change in each actor's utility from keeping current policy, mean\n"
                  "over the %zu model run%s (+g/-l: runs in which it gains / loses)\n",
                  d->n_models, d->n_models == 1 ? "" : "s");
    row_label(b, "actor");
    for (size_t c = 1; c < d->n_choices; c++)
        cell_text(b, d->choices[c].label);
    fc_buf_puts(b, "\n");
    for (int bloc = 0; bloc <= 1; bloc++) {
        size_t rows = bloc ? d->n_blocs : p->n_actors;
        if (bloc && rows)
            fc_buf_puts(b, "  blocs (sums over members)\n");
        for (size_t i = 0; i < rows; i++) {
            row_label(b, bloc ? d->blocs[i].label : p->actor_names[i]);
            for (size_t c = 1; c < d->n_choices; c++) {
                size_t g, l;
                double v = mean_change(d, c, i, bloc, &g, &l);
                fmt(num, sizeof num, "%+.4f", v);
                snprintf(cellbuf, sizeof cellbuf, "%s +%zu/-%zu", num, g, l);
                cell_text(b, cellbuf);
            }
            fc_buf_puts(b, "\n");
        }
    }
}

/* "A", "A and B", "A, B and C". */
static void name_list(fc_buf *b, const fc_problem *p, const ranked *r, size_t n)
{
    for (size_t k = 0; k < n; k++)
        fc_buf_printf(b, "%s%s", k == 0 ? "" : k + 1 == n ? " and " : ", ", p->actor_names[r[k].actor]);
}

static void paragraph(fc_buf *b, const fc_dilemma *d, const fc_scenario *sc, ranked *scratch)
{
    const fc_problem *p = &d->problem;
    const char *dec = p->actor_names[d->decider];
    char num[64], num2[64];
    fc_buf_puts(b, "\nIn plain words:\n");
    fc_buf t;
    fc_buf_init(&t);
    /* Which choice wins how many model runs. */
    fc_buf_printf(&t, "By its %s, %s does best", d->crisis ? "decision value (outcome less backlash)" : "own utility",
                  dec);
    int first = 1;
    for (size_t c = 0; c < d->n_choices; c++) {
        size_t wins = 0;
        double lo = INFINITY, hi = 0;
        for (size_t m = 0; m < d->n_models; m++)
            if (d->models[m].best == c && d->models[m].margin > 0) {
                wins++;
                lo = fmin(lo, d->models[m].margin);
                hi = fmax(hi, d->models[m].margin);
            }
        if (!wins)
            continue;
        fmt(num, sizeof num, "%.4f", lo);
        fmt(num2, sizeof num2, "%.4f", hi);
        fc_buf_printf(&t, "%s with \"%s\" under %zu of the %zu model runs (by %s%s%s)", first ? " " : "; ",
                      d->choices[c].label, wins, d->n_models, num, lo == hi ? "" : " to ", lo == hi ? "" : num2);
        first = 0;
    }
    size_t ties = 0;
    for (size_t m = 0; m < d->n_models; m++)
        ties += d->models[m].margin == 0;
    if (first)
        fc_buf_printf(&t, " with no choice in particular: every model run is a tie");
    else if (ties)
        fc_buf_printf(&t, "; %zu run%s cannot tell the choices apart", ties, ties == 1 ? "" : "s");
    fc_buf_puts(&t, ".");

    int any_backlash = 0;
    for (size_t c = 0; c < d->n_choices; c++)
        for (size_t m = 0; m < d->n_models; m++)
            any_backlash |= fc_dilemma_cell_at(d, m, c)->n_backlash > 0;
    for (size_t c = 0; c < d->n_choices; c++) {
        const fc_dilemma_choice *ch = &d->choices[c];
        double outcome = 0, conflicts = 0, sq_conflicts = 0;
        for (size_t m = 0; m < d->n_models; m++) {
            outcome += fc_dilemma_cell_at(d, m, c)->outcome;
            conflicts += (double)fc_dilemma_cell_at(d, m, c)->n_conflicts;
            sq_conflicts += (double)fc_dilemma_cell_at(d, m, 0)->n_conflicts;
        }
        outcome /= (double)d->n_models;
        fmt(num, sizeof num, "%.1f", outcome);
        if (c == 0)
            fc_buf_printf(&t, " Keeping its position (%g), the forecasts average %s", ch->position, num);
        else
            fc_buf_printf(&t, " Choosing \"%s\" (%g), they average %s", ch->label, ch->position, num);
        /* The challengers, summed over the models that record challenges. */
        size_t n = 0, events = 0;
        for (size_t i = 0; i < p->n_actors; i++) {
            double w = 0;
            size_t e = 0;
            for (size_t m = 0; m < d->n_models; m++) {
                w += fc_dilemma_cell_at(d, m, c)->pressure[i];
                e += fc_dilemma_cell_at(d, m, c)->pressure_events[i];
            }
            if (e) {
                scratch[n++] = (ranked){i, w};
                events += e;
            }
        }
        qsort(scratch, n, sizeof *scratch, by_weight_desc);
        if (n) {
            fc_buf_printf(&t, "; %zu challenge%s aim%s at %s, the strongest from ", events,
                          events == 1 ? "" : "s", events == 1 ? "s" : "", dec);
            name_list(&t, p, scratch, n < 3 ? n : 3);
        } else if (any_backlash) {
            fc_buf_printf(&t, "; no model run records a challenge aimed at %s", dec);
        }
        if (c > 0) {
            /* A headline only when small jitter keeps its sign (docs/dilemma.md, "Honest
             * headlines"); otherwise its range and "not robust". */
            const fc_dilemma_either *e = &d->either;
            int checked = e->conflict_runs > 0 && e->conflicts_same_sign;
            int robust = !checked || e->conflicts_same_sign[c] >= FC_DILEMMA_ROBUST;
            if (conflicts != sq_conflicts)
                fc_buf_printf(&t, "; the conflicts in the region, summed over the runs, %s from %g to %g",
                              conflicts > sq_conflicts ? "rise" : "fall", sq_conflicts, conflicts);
            else
                fc_buf_printf(&t, "; the conflicts in the region, summed over the runs, stay at %g", conflicts);
            if (!robust)
                fc_buf_printf(&t, " at the estimates, not robust: under small jitter that holds in only %.0f%% of "
                                  "%zu runs (90%% range %.0f to %.0f, against %.0f to %.0f under the status quo)",
                              100.0 * e->conflicts_same_sign[c], e->conflict_runs, e->conflicts_low[c],
                              e->conflicts_high[c], e->conflicts_low[0], e->conflicts_high[0]);
            /* Winners and losers by their mean change. */
            size_t nw = 0, nl = 0;
            ranked *w = scratch, *l = scratch + p->n_actors;
            for (size_t i = 0; i < p->n_actors; i++) {
                size_t g, lo;
                double v = mean_change(d, c, i, 0, &g, &lo);
                if (i == d->decider)
                    continue;
                if (v > 1e-9)
                    w[nw++] = (ranked){i, v};
                else if (v < -1e-9)
                    l[nl++] = (ranked){i, -v};
            }
            qsort(w, nw, sizeof *w, by_weight_desc);
            qsort(l, nl, sizeof *l, by_weight_desc);
            if (nw) {
                fc_buf_puts(&t, "; it serves ");
                name_list(&t, p, w, nw < 3 ? nw : 3);
                fc_buf_puts(&t, " most");
            }
            if (nl) {
                fc_buf_puts(&t, nw ? " and costs " : "; it costs ");
                name_list(&t, p, l, nl < 3 ? nl : 3);
                fc_buf_puts(&t, " most");
            }
            if (!nw && !nl)
                fc_buf_puts(&t, "; nobody's utility changes");
        }
        fc_buf_puts(&t, ".");
    }
    /* The crisis backlash per choice: who has reason to challenge, and what the crises end in. */
    for (size_t c = 0; d->crisis && c < d->n_choices; c++) {
        const fc_crisis_backlash *bl = d->crisis[c];
        fc_buf_printf(&t, " In a crisis after \"%s\",", d->choices[c].label);
        if (bl->n_challengers == 0)
            fc_buf_printf(&t, " no actor has reason to challenge %s (every E(U) < 0)", dec);
        else {
            fc_buf_printf(&t, " %zu actor%s ha%s reason to challenge %s (", bl->n_challengers,
                          bl->n_challengers == 1 ? "" : "s", bl->n_challengers == 1 ? "s" : "ve", dec);
            int first_ch = 1;
            for (size_t k = 0; k < bl->n_pairs; k++)
                if (bl->pairs[k].challenges) {
                    const fc_actor *a = &sc->actors[bl->pairs[k].challenger];
                    fc_buf_printf(&t, "%s%s", first_ch ? "" : ", ", a->name ? a->name : a->id);
                    first_ch = 0;
                }
            fc_buf_puts(&t, ")");
        }
        fmt(num, sizeof num, "%.4f", bl->cost);
        fc_buf_printf(&t, "; %zu crisis game%s leave%s the status quo and %zu end%s in war; they cost %s %s in "
                          "the game's utility",
                      bl->n_crises, bl->n_crises == 1 ? "" : "s", bl->n_crises == 1 ? "s" : "", bl->n_wars,
                      bl->n_wars == 1 ? "s" : "", dec, num);
        fc_buf_puts(&t, ".");
    }
    size_t recorded = 0;
    for (size_t k = 0; k < d->n_models * d->n_choices; k++)
        recorded += d->cells[k].n_challenges;
    if (!any_backlash && !recorded)
        fc_buf_puts(&t, " The models run record no challenges, so they show no backlash; the "
                        "expected-utility model (eum) does.");
    else if (!any_backlash)
        fc_buf_printf(&t, " No model run records a challenge aimed at %s.", dec);
    fc_buf_puts(&t, " These are the models' consequences of the scenario's estimates, not predictions "
                    "of fact (docs/dilemma.md).");
    /* Wrap at 78 columns. */
    const char *s = t.data ? t.data : "";
    size_t col = 0;
    while (*s) {
        size_t w = strcspn(s, " ");
        if (col && col + 1 + w > 78) {
            fc_buf_puts(b, "\n");
            col = 0;
        } else if (col) {
            fc_buf_puts(b, " ");
            col++;
        }
        fc_buf_append(b, s, w);
        col += w;
        s += w;
        while (*s == ' ')
            s++;
    }
    fc_buf_puts(b, "\n");
    fc_buf_free(&t);
}

fc_status fc_dilemma_report_text(const fc_dilemma *d, const fc_scenario *sc, char **out, fc_error *err)
{
    const fc_problem *p = &d->problem;
    const char *dec_id = p->actor_ids[d->decider];
    fc_buf b;
    fc_buf_init(&b);
    ranked *scratch = malloc(2 * (p->n_actors + 1) * sizeof *scratch);
    if (!scratch)
        return fc_error_nomem(err);
    fc_buf_printf(&b, "%s", sc->title ? sc->title : "(untitled scenario)");
    if (sc->date)
        fc_buf_printf(&b, " (%s)", sc->date);
    fc_buf_puts(&b, "\n\n");
    either_or(&b, d);
    disagreement(&b, d);
    long ix = fc_scenario_issue_index(sc, p->dim_ids[0]);
    const char *issue_label = ix >= 0 && sc->issues[ix].label ? sc->issues[ix].label : p->dim_ids[0];
    fc_buf_printf(&b, "The choice of %s [%s]\non %s [%s], scale %g to %g",
                  p->actor_names[d->decider], dec_id, issue_label, p->dim_ids[0], p->scale_min[0],
                  p->scale_max[0]);
    if (!isnan(p->status_quo[0]))
        fc_buf_printf(&b, ", status quo %g", p->status_quo[0]);
    fc_buf_puts(&b, ".\n");
    if (d->mode == FC_DILEMMA_COMMIT)
        fc_buf_printf(&b, "Mode commit: %s holds the chosen position throughout; the others bargain.\n", dec_id);
    else
        fc_buf_printf(&b, "Mode start: the choice is %s's starting position; bargaining may move it.\n", dec_id);
    fc_buf_printf(&b,
                  "Utility of an outcome o to actor i: u_i = -s_i * |x_i - o| / %g, x_i and s_i the\n"
                  "actor's own position and salience in the scenario (0 = the outcome it wants).\n",
                  d->range);
    fc_buf_puts(&b, "\nChoices:\n");
    for (size_t c = 0; c < d->n_choices; c++) {
        const fc_dilemma_choice *ch = &d->choices[c];
        fc_buf_puts(&b, "  ");
        padded(&b, ch->label, 20, 0);
        fc_buf_printf(&b, " %6g", ch->position);
        if (c == 0)
            fc_buf_printf(&b, "  %s keeps its position in the scenario", dec_id);
        else {
            long k = fc_scenario_choice_index(sc, ch->id);
            const char *desc = k >= 0 && sc->choices[k].description ? sc->choices[k].description : NULL;
            if (!ch->sets_issue)
                fc_buf_puts(&b, "  (sets no position on this issue)");
            if (desc)
                fc_buf_printf(&b, "  %s", desc);
        }
        fc_buf_puts(&b, "\n");
    }
    if (d->crisis)
        fc_buf_printf(&b,
                      "Decision value of a choice to %s: v = u_%s - w * (what the crises it provokes cost\n"
                      "%s), w = %g: the outcome's utility less the backlash.\n",
                      dec_id, dec_id, dec_id, d->backlash_weight);
    crisis_table(&b, d, sc);
    for (size_t m = 0; m < d->n_models; m++)
        model_table(&b, d, m, scratch);
    if (d->n_choices > 1)
        winners_losers(&b, d);
    fc_buf_printf(&b, "\nWhich choice serves %s best, by its %s:\n", dec_id,
                  d->crisis ? "decision value (outcome less backlash)" : "own utility");
    for (size_t m = 0; m < d->n_models; m++) {
        const fc_dilemma_model *dm = &d->models[m];
        char title[96], num[64];
        model_title(title, sizeof title, dm);
        fc_buf_puts(&b, "  ");
        padded(&b, title, 30, 0);
        if (dm->margin == 0)
            fc_buf_puts(&b, " a tie\n");
        else {
            fmt(num, sizeof num, "%.4f", dm->margin);
            fc_buf_printf(&b, " %s (by %s over %s", d->choices[dm->best].label, num,
                          d->choices[dm->runner_up].label);
            if (d->crisis) {
                char n2[64], n3[64];
                fmt(n2, sizeof n2, "%+.4f", dm->margin_outcome);
                fmt(n3, sizeof n3, "%+.4f", dm->margin_backlash);
                fc_buf_printf(&b, ": outcome %s, backlash %s", n2, n3);
            }
            fc_buf_puts(&b, ")\n");
        }
    }
    paragraph(&b, d, sc, scratch);
    free(scratch);
    *out = fc_buf_take(&b);
    if (!*out)
        return fc_error_nomem(err);
    return FC_OK;
}
