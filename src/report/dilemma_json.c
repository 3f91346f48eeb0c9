/* A dilemma as JSON (every figure, every trajectory, every challenge aimed at the decider)
 * and as a long CSV (one row per model, choice, figure, actor or bloc, round and event) that
 * R's read.csv and pandas.read_csv take as it is. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/dilemma.h"
#include "fulcrum/util.h"
#include "util/json_text.h"
#include "util/strutil.h"
#include "report/dilemma_parts.h"

static const char *const UTILITY_FORMULA = "u_i = -s_i * |x_i - outcome| / (scale_max - scale_min)";

static json_t *per_actor(const fc_problem *p, const double *v)
{
    json_t *o = json_object();
    for (size_t i = 0; i < p->n_actors; i++)
        json_object_set_new(o, p->actor_ids[i], fc_json_number(v[i]));
    return o;
}

static json_t *cell_json(const fc_dilemma *d, size_t m, size_t c)
{
    const fc_problem *p = &d->problem;
    const fc_dilemma_cell *cell = fc_dilemma_cell_at(d, m, c);
    const fc_forecast *f = cell->forecast;
    json_t *o = json_object();
    json_object_set_new(o, "choice", json_string(d->choices[c].id));
    json_object_set_new(o, "outcome", fc_json_number(cell->outcome));
    json_object_set_new(o, "decider_final", fc_json_number(cell->decider_final));
    json_object_set_new(o, "n_rounds", json_integer((json_int_t)f->n_rounds));
    json_object_set_new(o, "converged", f->converged < 0 ? json_null() : json_boolean(f->converged));
    json_object_set_new(o, "stable", json_boolean(cell->stable));
    json_object_set_new(o, "outcome_range", json_pack("[o,o]", fc_json_number(cell->outcome_low),
                                                      fc_json_number(cell->outcome_high)));
    json_t *traj = json_array();
    for (size_t t = 0; t <= f->n_rounds; t++) {
        json_t *r = json_object();
        json_object_set_new(r, "round", json_integer((json_int_t)t));
        json_object_set_new(r, "forecast", fc_json_number(f->point[t]));
        json_object_set_new(r, "positions", per_actor(p, fc_forecast_positions_at(f, t)));
        json_array_append_new(traj, r);
    }
    json_object_set_new(o, "trajectory", traj);
    json_t *bl = json_array();
    for (size_t e = 0; e < cell->n_backlash; e++) {
        const fc_backlash_event *b = &cell->backlash[e];
        json_t *j = json_object();
        json_object_set_new(j, "round", json_integer(b->round));
        json_object_set_new(j, "challenger", json_string(p->actor_ids[b->challenger]));
        json_object_set_new(j, "kind", json_string(fc_event_kind_name(b->kind)));
        json_object_set_new(j, "eu_challenger", fc_json_number(b->eu_challenger));
        json_object_set_new(j, "eu_target", fc_json_number(b->eu_target));
        json_object_set_new(j, "from", fc_json_number(b->from));
        json_object_set_new(j, "to", fc_json_number(b->to));
        json_array_append_new(bl, j);
    }
    json_object_set_new(o, "backlash", bl);
    json_t *pr = json_object();
    for (size_t i = 0; i < p->n_actors; i++)
        if (cell->pressure_events[i])
            json_object_set_new(pr, p->actor_ids[i],
                                json_pack("{s:o,s:I}", "eu_sum", fc_json_number(cell->pressure[i]), "challenges",
                                          (json_int_t)cell->pressure_events[i]));
    json_object_set_new(o, "pressure", pr);
    json_object_set_new(o, "pressure_total", fc_json_number(cell->pressure_total));
    json_object_set_new(o, "n_challenges", json_integer((json_int_t)cell->n_challenges));
    json_object_set_new(o, "n_conflicts", json_integer((json_int_t)cell->n_conflicts));
    json_object_set_new(o, "instability", fc_json_number(cell->instability));
    json_object_set_new(o, "utility", per_actor(p, cell->utility));
    json_object_set_new(o, "utility_change", per_actor(p, cell->utility_change));
    json_t *bu = json_object(), *bc = json_object();
    for (size_t b = 0; b < d->n_blocs; b++) {
        json_object_set_new(bu, d->blocs[b].id, fc_json_number(cell->bloc_utility[b]));
        json_object_set_new(bc, d->blocs[b].id, fc_json_number(cell->bloc_change[b]));
    }
    json_object_set_new(o, "bloc_utility", bu);
    json_object_set_new(o, "bloc_change", bc);
    json_object_set_new(o, "backlash_cost", fc_json_number(cell->backlash_cost));
    json_object_set_new(o, "value", fc_json_number(cell->value));
    return o;
}

/* The crisis backlash of every choice (model-independent): each pair (k, decider). */
static json_t *crisis_json(const fc_dilemma *d, const fc_scenario *sc)
{
    json_t *o = json_object();
    json_object_set_new(o, "eu_variant", json_string(d->crisis_options.eu == FC_CRISIS_EU_1981 ? "1981" : "1985"));
    json_object_set_new(o, "weight", fc_json_number(d->backlash_weight));
    json_object_set_new(o, "weight_source", json_string(d->backlash_weight_source));
    json_t *choices = json_array();
    for (size_t c = 0; c < d->n_choices; c++) {
        const fc_crisis_backlash *b = d->crisis[c];
        json_t *pairs = json_array();
        for (size_t k = 0; k < b->n_pairs; k++) {
            const fc_crisis_pair *q = &b->pairs[k];
            json_t *j = json_object();
            json_object_set_new(j, "challenger", json_string(sc->actors[q->challenger].id));
            json_object_set_new(j, "eu_challenge", fc_json_number(q->eu_challenge));
            json_object_set_new(j, "eu_target", fc_json_number(q->eu_target));
            json_object_set_new(j, "p_win", fc_json_number(q->p_win));
            json_object_set_new(j, "affinity", fc_json_number(q->affinity));
            json_object_set_new(j, "affinity_target", fc_json_number(q->affinity_target));
            json_object_set_new(j, "challenges", json_boolean(q->challenges));
            json_object_set_new(j, "outcome", json_string(fc_iig_outcome_id(q->outcome)));
            json_object_set_new(j, "target_cost", fc_json_number(q->target_cost));
            json_object_set_new(j, "challenger_gain", fc_json_number(q->challenger_gain));
            json_array_append_new(pairs, j);
        }
        json_t *cj = json_object();
        json_object_set_new(cj, "choice", json_string(d->choices[c].id));
        json_object_set_new(cj, "n_challengers", json_integer((json_int_t)b->n_challengers));
        json_object_set_new(cj, "n_crises", json_integer((json_int_t)b->n_crises));
        json_object_set_new(cj, "n_wars", json_integer((json_int_t)b->n_wars));
        json_object_set_new(cj, "cost", fc_json_number(b->cost));
        json_object_set_new(cj, "net_cost", fc_json_number(b->net_cost));
        json_object_set_new(cj, "cost_utility", fc_json_number(d->backlash_weight * b->cost));
        json_object_set_new(cj, "pairs", pairs);
        json_array_append_new(choices, cj);
    }
    json_object_set_new(o, "choices", choices);
    return o;
}

json_t *dilemma_either_json(const fc_dilemma_either *e, const char *a_id, const char *b_id, size_t n_models,
                            const char *const *names, const char *const *presets)
{
    json_t *per = json_array();
    for (size_t m = 0; m < n_models; m++)
        json_array_append_new(per, json_pack("{s:s,s:o,s:I,s:o,s:o,s:o}", "model", names[m], "preset",
                                             presets[m][0] ? json_string(presets[m]) : json_null(), "counted",
                                             (json_int_t)e->model_counted[m], "p", fc_json_number(e->model_p[m]),
                                             "low", fc_json_number(e->model_low[m]), "high",
                                             fc_json_number(e->model_high[m])));
    return json_pack("{s:s,s:s,s:I,s:I,s:I,s:o,s:o,s:o,s:o}", "choice", a_id, "over", b_id, "runs_per_model",
                     (json_int_t)e->runs, "seed", (json_int_t)e->seed, "counted", (json_int_t)e->counted, "p",
                     fc_json_number(e->p), "low", fc_json_number(e->low), "high", fc_json_number(e->high), "models",
                     per);
}

fc_status fc_dilemma_report_json(const fc_dilemma *d, const fc_scenario *sc, char **out, fc_error *err)
{
    const fc_problem *p = &d->problem;
    json_t *root = json_object();
    json_object_set_new(root, "scenario",
                        json_pack("{s:o,s:o,s:o}", "title", sc->title ? json_string(sc->title) : json_null(),
                                  "date", sc->date ? json_string(sc->date) : json_null(), "file",
                                  sc->origin ? json_string(sc->origin) : json_null()));
    long ix = fc_scenario_issue_index(sc, p->dim_ids[0]);
    json_object_set_new(root, "issue",
                        json_pack("{s:s,s:o,s:o,s:o,s:o}", "id", p->dim_ids[0], "label",
                                  ix >= 0 && sc->issues[ix].label ? json_string(sc->issues[ix].label) : json_null(),
                                  "min", fc_json_number(p->scale_min[0]), "max", fc_json_number(p->scale_max[0]),
                                  "status_quo", fc_json_number(p->status_quo[0])));
    json_object_set_new(root, "decider", json_string(p->actor_ids[d->decider]));
    json_object_set_new(root, "mode", json_string(fc_dilemma_mode_name(d->mode)));
    json_object_set_new(root, "utility_formula", json_string(UTILITY_FORMULA));
    json_t *actors = json_array();
    for (size_t i = 0; i < p->n_actors; i++) {
        long a = fc_scenario_actor_index(sc, p->actor_ids[i]);
        json_array_append_new(actors, json_pack("{s:s,s:s,s:s,s:o,s:o,s:o}", "id", p->actor_ids[i], "name",
                                                p->actor_names[i], "kind",
                                                a >= 0 ? fc_actor_kind_name(sc->actors[a].kind) : "unknown",
                                                "capability", fc_json_number(p->capability[i]), "position",
                                                fc_json_number(p->position[i]), "salience",
                                                fc_json_number(p->salience[i])));
    }
    json_object_set_new(root, "actors", actors);
    json_t *blocs = json_array();
    for (size_t b = 0; b < d->n_blocs; b++) {
        json_t *members = json_array();
        for (size_t k = 0; k < d->blocs[b].n_members; k++)
            json_array_append_new(members, json_string(p->actor_ids[d->blocs[b].members[k]]));
        json_array_append_new(blocs, json_pack("{s:s,s:s,s:o}", "id", d->blocs[b].id, "label", d->blocs[b].label,
                                               "members", members));
    }
    json_object_set_new(root, "blocs", blocs);
    json_t *choices = json_array();
    for (size_t c = 0; c < d->n_choices; c++)
        json_array_append_new(choices, json_pack("{s:s,s:s,s:o,s:b}", "id", d->choices[c].id, "label",
                                                 d->choices[c].label, "position",
                                                 fc_json_number(d->choices[c].position), "sets_issue",
                                                 d->choices[c].sets_issue));
    json_object_set_new(root, "choices", choices);
    json_t *models = json_array();
    for (size_t m = 0; m < d->n_models; m++) {
        const fc_dilemma_model *dm = &d->models[m];
        json_t *o = json_object();
        json_object_set_new(o, "model", json_string(dm->name));
        json_object_set_new(o, "preset", dm->preset[0] ? json_string(dm->preset) : json_null());
        json_object_set_new(o, "best", dm->margin > 0 ? json_string(d->choices[dm->best].id) : json_null());
        json_object_set_new(o, "runner_up", dm->margin > 0 ? json_string(d->choices[dm->runner_up].id) : json_null());
        json_object_set_new(o, "margin", fc_json_number(dm->margin));
        json_object_set_new(o, "margin_outcome", fc_json_number(dm->margin_outcome));
        json_object_set_new(o, "margin_backlash", fc_json_number(dm->margin_backlash));
        /* Why (docs/dilemma.md, "Why the models disagree") and the model's backtest record. */
        json_object_set_new(o, "forecast_near",
                            json_pack("{s:s,s:o,s:s,s:o}", "best", p->actor_ids[dm->near_best], "best_gap",
                                      fc_json_number(dm->near_best_gap), "runner_up", p->actor_ids[dm->near_runner_up],
                                      "runner_up_gap", fc_json_number(dm->near_runner_up_gap)));
        const fc_dilemma_record *rec = &dm->record;
        json_object_set_new(o, "record",
                            rec->found ? json_pack("{s:I,s:o,s:o,s:o,s:[oo]}", "n", (json_int_t)rec->n, "mae",
                                                   fc_json_number(rec->mae), "rmse", fc_json_number(rec->rmse),
                                                   "mae_minus_compromise", fc_json_number(rec->diff), "ci95",
                                                   fc_json_number(rec->diff_low), fc_json_number(rec->diff_high))
                                       : json_null());
        json_t *cells = json_array();
        for (size_t c = 0; c < d->n_choices; c++)
            json_array_append_new(cells, cell_json(d, m, c));
        json_object_set_new(o, "choices", cells);
        json_array_append_new(models, o);
    }
    json_object_set_new(root, "models", models);
    json_object_set_new(root, "record_source", json_string(d->record_source));
    json_object_set_new(root, "crisis", d->crisis ? crisis_json(d, sc) : json_null());
    const fc_dilemma_either *e = &d->either;
    if (e->runs) {
        const char **names = malloc(d->n_models * sizeof *names), **presets = malloc(d->n_models * sizeof *presets);
        for (size_t m = 0; names && presets && m < d->n_models; m++) {
            names[m] = d->models[m].name;
            presets[m] = d->models[m].preset;
        }
        json_t *eo = names && presets ? dilemma_either_json(e, d->choices[e->a].id, d->choices[e->b].id, d->n_models,
                                                            names, presets)
                                      : NULL;
        free(names);
        free(presets);
        if (!eo) {
            json_decref(root);
            return fc_error_nomem(err);
        }
        json_object_set_new(root, "either_or", eo);
        /* Honest headlines: the summed conflicts per choice under jitter, and whether each
         * change from the status quo keeps its sign in enough runs to be a headline. */
        json_t *hl = json_array();
        for (size_t c = 0; e->conflicts_same_sign && c < d->n_choices; c++) {
            double at = 0;
            for (size_t m = 0; m < d->n_models; m++)
                at += (double)fc_dilemma_cell_at(d, m, c)->n_conflicts;
            int robust = c > 0 && e->conflicts_same_sign[c] >= FC_DILEMMA_ROBUST;
            json_array_append_new(hl, json_pack("{s:s,s:o,s:o,s:o,s:o,s:o}", "choice", d->choices[c].id, "conflicts",
                                                fc_json_number(at), "low", fc_json_number(e->conflicts_low[c]), "high",
                                                fc_json_number(e->conflicts_high[c]), "same_sign",
                                                fc_json_number(e->conflicts_same_sign[c]), "robust",
                                                c > 0 ? json_boolean(robust) : json_null()));
        }
        json_object_set_new(eo, "headline_runs", json_integer((json_int_t)e->conflict_runs));
        json_object_set_new(eo, "headline_rule", fc_json_number(FC_DILEMMA_ROBUST));
        json_object_set_new(eo, "conflicts", hl);
    } else
        json_object_set_new(root, "either_or", json_null());
    return fc_json_to_text(root, out, err);
}

typedef struct {
    fc_buf *b;
    const fc_dilemma *d;
    size_t m, c;
} csv_ctx;

/* One row: actor/round/event/kind may be NULL / negative for "not applicable" (NA). */
static void row(const csv_ctx *x, const char *figure, const char *actor, long round, long event,
                const char *kind, double v)
{
    fc_buf *b = x->b;
    const fc_dilemma_model *dm = &x->d->models[x->m];
    fc_buf_csv_text(b, dm->name);
    fc_buf_puts(b, ",");
    fc_buf_csv_text(b, dm->preset[0] ? dm->preset : "NA");
    fc_buf_printf(b, ",%s,", fc_dilemma_mode_name(x->d->mode));
    fc_buf_csv_text(b, x->d->problem.dim_ids[0]);
    fc_buf_puts(b, ",");
    fc_buf_csv_text(b, x->d->choices[x->c].id);
    fc_buf_printf(b, ",%s,", figure);
    fc_buf_csv_text(b, actor ? actor : "NA");
    if (round >= 0)
        fc_buf_printf(b, ",%ld", round);
    else
        fc_buf_puts(b, ",NA");
    if (event >= 0)
        fc_buf_printf(b, ",%ld,", event);
    else
        fc_buf_puts(b, ",NA,");
    fc_buf_puts(b, kind ? kind : "NA");
    fc_buf_puts(b, ",");
    fc_buf_csv_number(b, v);
    fc_buf_puts(b, "\n");
}

void dilemma_csv_rows(fc_buf *b, const fc_dilemma *d, const fc_scenario *sc)
{
    const fc_problem *p = &d->problem;
    for (size_t m = 0; m < d->n_models; m++)
        for (size_t c = 0; c < d->n_choices; c++) {
            csv_ctx x = {b, d, m, c};
            const fc_dilemma_cell *cell = fc_dilemma_cell_at(d, m, c);
            const fc_forecast *f = cell->forecast;
            const fc_dilemma_model *dm = &d->models[m];
            row(&x, "choice_position", p->actor_ids[d->decider], -1, -1, NULL, d->choices[c].position);
            row(&x, "outcome", NULL, -1, -1, NULL, cell->outcome);
            row(&x, "decider_final", p->actor_ids[d->decider], -1, -1, NULL, cell->decider_final);
            row(&x, "n_rounds", NULL, -1, -1, NULL, (double)f->n_rounds);
            row(&x, "pressure_total", p->actor_ids[d->decider], -1, -1, NULL, cell->pressure_total);
            row(&x, "n_challenges", NULL, -1, -1, NULL, (double)cell->n_challenges);
            row(&x, "n_conflicts", NULL, -1, -1, NULL, (double)cell->n_conflicts);
            row(&x, "instability", NULL, -1, -1, NULL, cell->instability);
            row(&x, "best", p->actor_ids[d->decider], -1, -1, NULL, dm->margin > 0 && dm->best == c);
            if (dm->margin > 0 && dm->best == c) {
                row(&x, "margin", p->actor_ids[d->decider], -1, -1, NULL, dm->margin);
                row(&x, "margin_outcome", p->actor_ids[d->decider], -1, -1, NULL, dm->margin_outcome);
                row(&x, "margin_backlash", p->actor_ids[d->decider], -1, -1, NULL, dm->margin_backlash);
            }
            row(&x, "stable", NULL, -1, -1, NULL, cell->stable);
            row(&x, "outcome_low", NULL, -1, -1, NULL, cell->outcome_low);
            row(&x, "outcome_high", NULL, -1, -1, NULL, cell->outcome_high);
            row(&x, "backlash_cost", p->actor_ids[d->decider], -1, -1, NULL, cell->backlash_cost);
            row(&x, "value", p->actor_ids[d->decider], -1, -1, NULL, cell->value);
            for (size_t k = 0; d->crisis && k < d->crisis[c]->n_pairs; k++) {
                const fc_crisis_pair *q = &d->crisis[c]->pairs[k];
                const char *who = sc->actors[q->challenger].id, *kind = fc_iig_outcome_id(q->outcome);
                row(&x, "crisis_eu_challenge", who, -1, -1, kind, q->eu_challenge);
                row(&x, "crisis_p_win", who, -1, -1, kind, q->p_win);
                row(&x, "crisis_cost", who, -1, -1, kind, q->target_cost);
            }
            for (size_t i = 0; i < p->n_actors; i++) {
                row(&x, "utility", p->actor_ids[i], -1, -1, NULL, cell->utility[i]);
                row(&x, "utility_change", p->actor_ids[i], -1, -1, NULL, cell->utility_change[i]);
                row(&x, "pressure", p->actor_ids[i], -1, -1, NULL, cell->pressure[i]);
                row(&x, "pressure_challenges", p->actor_ids[i], -1, -1, NULL, (double)cell->pressure_events[i]);
            }
            for (size_t k = 0; k < d->n_blocs; k++) {
                row(&x, "bloc_utility", d->blocs[k].id, -1, -1, NULL, cell->bloc_utility[k]);
                row(&x, "bloc_change", d->blocs[k].id, -1, -1, NULL, cell->bloc_change[k]);
            }
            for (size_t e = 0; e < cell->n_backlash; e++) {
                const fc_backlash_event *ev = &cell->backlash[e];
                const char *who = p->actor_ids[ev->challenger], *kind = fc_event_kind_name(ev->kind);
                row(&x, "backlash_eu_challenger", who, ev->round, (long)e, kind, ev->eu_challenger);
                row(&x, "backlash_eu_target", who, ev->round, (long)e, kind, ev->eu_target);
                row(&x, "backlash_from", who, ev->round, (long)e, kind, ev->from);
                row(&x, "backlash_to", who, ev->round, (long)e, kind, ev->to);
            }
            for (size_t t = 0; t <= f->n_rounds; t++) {
                row(&x, "forecast", NULL, (long)t, -1, NULL, f->point[t]);
                const double *pos = fc_forecast_positions_at(f, t);
                for (size_t i = 0; i < p->n_actors; i++)
                    row(&x, "position", p->actor_ids[i], (long)t, -1, NULL, pos[i]);
            }
        }
}

fc_status fc_dilemma_report_csv(const fc_dilemma *d, const fc_scenario *sc, char **out, fc_error *err)
{
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_puts(&b, DILEMMA_CSV_HEADER);
    dilemma_csv_rows(&b, d, sc);
    *out = fc_buf_take(&b);
    if (!*out)
        return fc_error_nomem(err);
    return FC_OK;
}
