/* The one way to run a scenario (include/fulcrum/run.h): loading with its notes, the rule
 * that selects (model, preset) pairs for every analysis, the multi-issue decision, and KTAB's
 * spatial-model parameters. */
#include "fulcrum/run.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/run_internal.h"
#include "fulcrum/io.h"
#include "fulcrum/ktab.h"
#include "fulcrum/smp.h"

void fc_run_options_init(fc_run_options *o)
{
    *o = (fc_run_options){.csv_salience_scale = 100};
}

static fc_status nomem(fc_error *err)
{
    return fc_error_set(err, FC_ENOMEM, NULL, 0, 0, NULL, "out of memory");
}

/* ---- Selection ---- */

static int is_all(const char *model)
{
    return !model || strcmp(model, "all") == 0;
}

static const char *own_preset(const fc_model *m, const char *preset)
{
    if (m->presets)
        for (const char *const *p = m->presets; *p; p++)
            if (strcmp(*p, preset) == 0)
                return *p;
    return NULL;
}

/* The one-model rule: the model must have the preset. The model's own options_init words
 * the refusal when it has presets (it may list them), so every analysis says the same. */
fc_status run_check_preset(const fc_model *m, const char *preset, fc_error *err)
{
    if (!preset || !preset[0] || own_preset(m, preset))
        return FC_OK;
    if (!m->presets || m->options_size == 0)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "preset", "model '%s' has no presets", m->name);
    void *opts = calloc(1, m->options_size);
    if (!opts)
        return nomem(err);
    fc_status st = m->options_init(opts, preset, err);
    if (m == &fc_model_smp)
        fc_smp_options_clear(opts);
    free(opts);
    return st;
}

static fc_status push_pick(fc_run_pick **list, size_t *n, const fc_model *m, const char *preset, fc_error *err)
{
    fc_run_pick *g = realloc(*list, (*n + 1) * sizeof *g);
    if (!g)
        return nomem(err);
    g[*n] = (fc_run_pick){.model = m, .preset = preset};
    *list = g;
    (*n)++;
    return FC_OK;
}

fc_status fc_run_select(const char *model, const char *preset, const fc_problem *p, fc_run_pick **out,
                        size_t *n, fc_error *err)
{
    *out = NULL;
    *n = 0;
    if (preset && !preset[0])
        preset = NULL;
    fc_status st;
    if (!is_all(model)) {
        const fc_model *m = fc_model_find(model);
        if (!m)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "model", "unknown model '%s'", model);
        if ((st = run_check_preset(m, preset, err)))
            return st;
        /* No preset: NULL, the model's default (its first preset). */
        const char *pr = preset && own_preset(m, preset) ? own_preset(m, preset) : preset;
        return push_pick(out, n, m, pr, err);
    }
    size_t count;
    const fc_model *const *models = fc_models(&count);
    int has_preset = 0;
    st = FC_OK;
    for (size_t i = 0; i < count && !st; i++) {
        const fc_model *m = models[i];
        if (m->presets && preset && own_preset(m, preset))
            has_preset = 1;
        /* Without a declared status quo there is nothing for that baseline to say. */
        if (p && m == &fc_model_status_quo && isnan(p->status_quo[0]))
            continue;
        if (p && m->max_dims != 0 && m->max_dims < p->n_dims)
            continue;
        if (m->on_request)
            continue;
        if (!m->presets)
            st = push_pick(out, n, m, NULL, err);
        else if (preset) {
            const char *pr = own_preset(m, preset);
            if (pr)
                st = push_pick(out, n, m, pr, err);
        } else
            for (const char *const *pr = m->presets; *pr && !st; pr++)
                st = push_pick(out, n, m, *pr, err);
    }
    if (!st && preset && !has_preset)
        st = fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "preset", "no model has a preset '%s'", preset);
    if (st) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return st;
}

fc_status fc_run_one_model(const char *model, const char *preset, const fc_model **out, fc_error *err)
{
    *out = NULL;
    const fc_model *m;
    if (is_all(model)) {
        m = fc_model_find("eum");
        if (!m)
            m = &fc_model_median;
    } else if (!(m = fc_model_find(model)))
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "model", "unknown model '%s'", model);
    fc_status st = run_check_preset(m, preset, err);
    if (!st)
        *out = m;
    return st;
}

int fc_run_takes_every_issue(const fc_model *m, int named_alone, const char *issue, const fc_scenario *sc)
{
    return named_alone && m && m->max_dims == 0 && !issue && sc->n_issues > 1;
}

/* ---- Loading ---- */

static fc_status push_note(fc_run_result *r, const fc_run_note *note, fc_error *err)
{
    fc_run_note *g = realloc(r->notes, (r->n_notes + 1) * sizeof *g);
    if (!g)
        return nomem(err);
    g[r->n_notes++] = *note;
    r->notes = g;
    return FC_OK;
}

/* Tables on 0-1 read as 0-100 would make every actor nearly indifferent: say so. */
/* Saliences written on 0-1 in a scenario that declares 0-100 (the default): one 0.9 among
 * 90s is a typo that makes the actor all but indifferent, and all of them at most 1 mean the
 * whole file is on 0-1. Both pass validation, so they are said as notes. */
static fc_status note_small_saliences(fc_run_result *r, const char *name, fc_error *err)
{
    const fc_scenario *sc = r->scenario;
    if (sc->salience_max != 100)
        return FC_OK;
    size_t small = 0, present = 0;
    for (size_t i = 0; i < sc->n_actors; i++)
        for (size_t k = 0; k < sc->n_issues; k++) {
            const fc_stance *st = &sc->actors[i].stances[k];
            if (!st->present)
                continue;
            present++;
            small += st->salience.value > 0 && st->salience.value <= 1;
        }
    if (!small)
        return FC_OK;
    fc_run_note note = {.kind = FC_NOTE_ADVICE};
    snprintf(note.file, sizeof note.file, "%s", name ? name : "");
    if (small == present) {
        snprintf(note.message, sizeof note.message,
                 "every salience is at most 1 but the scenario's saliences run 0-100, so every actor is "
                 "nearly indifferent; if they are on 0-1, add `salience_scale: 1` to the file");
        return push_note(r, &note, err);
    }
    fc_status st = FC_OK;
    for (size_t i = 0; i < sc->n_actors && !st; i++)
        for (size_t k = 0; k < sc->n_issues && !st; k++) {
            const fc_stance *sa = &sc->actors[i].stances[k];
            if (!sa->present || !(sa->salience.value > 0 && sa->salience.value <= 1))
                continue;
            snprintf(note.message, sizeof note.message,
                     "line %d: actors.%s.stances.%s.salience is %g on the 0-100 scale the others use "
                     "(did you mean %g?)", sa->salience.line, sc->actors[i].id, sc->issues[k].id,
                     sa->salience.value, sa->salience.value * 100);
            st = push_note(r, &note, err);
        }
    return st;
}

static fc_status note_salience_scale(fc_run_result *r, const char *name, double scale, fc_error *err)
{
    fc_format fmt = name ? fc_format_from_path(name) : FC_FORMAT_AUTO;
    if (fmt == FC_FORMAT_YAML || fmt == FC_FORMAT_JSON)
        return note_small_saliences(r, name, err);
    if (fmt != FC_FORMAT_CSV || scale != 100)
        return FC_OK;
    const fc_scenario *sc = r->scenario;
    double top = 0;
    for (size_t i = 0; i < sc->n_actors; i++)
        for (size_t k = 0; k < sc->n_issues; k++)
            if (sc->actors[i].stances[k].present && sc->actors[i].stances[k].salience.value > top)
                top = sc->actors[i].stances[k].salience.value;
    if (top > 1)
        return FC_OK;
    fc_run_note note = {.kind = FC_NOTE_ADVICE};
    snprintf(note.file, sizeof note.file, "%s", name);
    snprintf(note.message, sizeof note.message, "every salience is at most 1 but is read on 0-100");
    snprintf(note.field, sizeof note.field, "csv_salience_scale");
    snprintf(note.value, sizeof note.value, "1");
    snprintf(note.when, sizeof note.when, "if the table is on 0-1");
    return push_note(r, &note, err);
}

/* A file read as KTAB's (told by content, as the scenario reader tells it, unless its name
 * says another format): its model parameters, seed and ideal adjustments matter to the run. */
static int is_ktab_path(const fc_run_options *o)
{
    if (o->scenario || o->text || !o->path)
        return 0;
    fc_format f = fc_format_from_path(o->path);
    return (f == FC_FORMAT_AUTO || f == FC_FORMAT_CSV) && fc_ktab_sniff_file(o->path) != FC_KTAB_NONE;
}

/* Reading a KTAB file checks its model parameters too, as KTAB does, though the scenario
 * cannot hold them. */
static fc_status check_ktab_settings(const fc_run_options *o, fc_error *err)
{
    fc_smp_options so;
    fc_status st = FC_OK;
    if (o->text && !o->scenario) {
        const char *name = o->text_name ? o->text_name : "scenario";
        fc_format f = fc_format_from_path(name);
        if ((f != FC_FORMAT_AUTO && f != FC_FORMAT_CSV) ||
            fc_ktab_sniff(o->text, o->text_len) == FC_KTAB_NONE)
            return FC_OK;
        st = fc_run_parse_ktab(o->text, o->text_len, name, NULL, &so, err);
    } else if (is_ktab_path(o))
        st = fc_run_load_ktab(o->path, NULL, &so, err);
    else
        return FC_OK;
    if (!st)
        fc_smp_options_clear(&so);
    return st;
}

fc_status fc_run_load(const fc_run_options *opts, fc_run_result **out, fc_error *err)
{
    *out = NULL;
    fc_run_options o;
    if (opts)
        o = *opts;
    else
        fc_run_options_init(&o);
    double scale = o.csv_salience_scale > 0 ? o.csv_salience_scale : 100;
    fc_run_result *r = calloc(1, sizeof *r);
    if (!r)
        return nomem(err);
    fc_status st = FC_OK;
    const char *name = NULL;
    if (o.scenario) {
        r->scenario = (fc_scenario *)o.scenario;
    } else {
        fc_load_options lo;
        fc_load_options_init(&lo);
        lo.csv_salience_scale = scale;
        r->owns_scenario = 1;
        if (o.text) {
            name = o.text_name ? o.text_name : "scenario";
            st = fc_scenario_parse(o.text, o.text_len, name, &lo, &r->scenario, err);
        } else if (o.path) {
            name = o.path;
            st = fc_scenario_load(o.path, &lo, &r->scenario, err);
        } else
            st = fc_scenario_load_builtin(&r->scenario, err);
    }
    if (!st)
        st = check_ktab_settings(&o, err);
    if (!st)
        st = note_salience_scale(r, name, scale, err);
    if (st) {
        fc_run_result_free(r);
        return st;
    }
    *out = r;
    return FC_OK;
}

/* ---- Running ---- */

/* The one dimension of a KTAB problem that a one-issue run asks for, as a problem of its own. */
static fc_status one_dimension(const fc_problem *src, const char *dim_id, fc_problem *dst, fc_error *err)
{
    size_t d = 0;
    while (d < src->n_dims && strcmp(src->dim_ids[d], dim_id) != 0)
        d++;
    if (d == src->n_dims)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "issue", "the file has no dimension '%s'", dim_id);
    fc_status st = fc_problem_init(dst, src->n_actors, 1, err);
    if (st)
        return st;
    size_t nd = src->n_dims;
    for (size_t i = 0; i < src->n_actors; i++) {
        char *id = strdup(src->actor_ids[i]), *name = strdup(src->actor_names[i]);
        if (!id || !name) {
            free(id);
            free(name);
            fc_problem_free(dst);
            return nomem(err);
        }
        free(dst->actor_ids[i]);
        free(dst->actor_names[i]);
        dst->actor_ids[i] = id;
        dst->actor_names[i] = name;
        dst->capability[i] = src->capability[i];
        dst->position[i] = src->position[i * nd + d];
        dst->salience[i] = src->salience[i * nd + d];
    }
    char *dim = strdup(src->dim_ids[d]);
    if (!dim) {
        fc_problem_free(dst);
        return nomem(err);
    }
    free(dst->dim_ids[0]);
    dst->dim_ids[0] = dim;
    dst->scale_min[0] = src->scale_min[d];
    dst->scale_max[0] = src->scale_max[d];
    dst->status_quo[0] = src->status_quo[d];
    if (src->fixed) {
        if (!(dst->fixed = malloc(src->n_actors))) {
            fc_problem_free(dst);
            return nomem(err);
        }
        memcpy(dst->fixed, src->fixed, src->n_actors);
    }
    return FC_OK;
}

/* KTAB's file holds what a scenario cannot: the spatial model runs as KTAB would run it, on
 * the file's own problem with its parameters, seed and ideal adjustments, settings on top.
 * A one-issue run (dim_id) takes that dimension of the file alone. */
static fc_status run_ktab_smp(const char *path, const char *dim_id, const char *const *settings,
                              size_t n_settings, fc_forecast **out, fc_error *err)
{
    *out = NULL;
    fc_problem p;
    fc_smp_options o;
    fc_status st = fc_run_load_ktab(path, &p, &o, err);
    if (st)
        return st;
    if (dim_id && p.n_dims > 1) {
        fc_problem one;
        if (!(st = one_dimension(&p, dim_id, &one, err))) {
            fc_problem_free(&p);
            p = one;
        }
    }
    for (size_t i = 0; i < n_settings && !st; i++) {
        const char *eq = strchr(settings[i], '=');
        if (!eq) {
            st = fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "settings", "'%s' is not of the form NAME=VALUE",
                              settings[i]);
            break;
        }
        char key[64];
        snprintf(key, sizeof key, "%.*s", (int)(eq - settings[i]), settings[i]);
        st = fc_smp_options_set(&o, key, eq + 1, err);
    }
    if (!st)
        st = fc_smp_run(&p, &o, out, err);
    fc_problem_free(&p);
    fc_smp_options_clear(&o);
    return st;
}

int fc_run_joint(const fc_model *m)
{
    return m && (m == &fc_model_smp || m->joint_issues);
}

/* What one run of fc_run_forecast shares among its parts. */
typedef struct run_ctx {
    fc_run_result *r;
    const fc_run_options *o;
    const fc_model *named;
    int ktab, several;        /* several: the forecasts cover more than one part */
    fc_error first_refusal;
    size_t n_made;
} run_ctx;

enum { PICK_ANY, PICK_ONE_ISSUE, PICK_JOINT };

/* Selects the models for problem p (those of one issue or the joint ones only, as `which`
 * says) and runs each, appending the forecasts to (*fs, *n). */
static fc_status run_models(run_ctx *c, const fc_problem *p, int which, fc_forecast ***fs, size_t *n,
                            fc_error *err)
{
    const fc_run_options *o = c->o;
    fc_run_pick *picks = NULL;
    size_t n_picks = 0;
    fc_status st = fc_run_select(o->model, o->preset, c->named ? NULL : p, &picks, &n_picks, err);
    for (size_t i = 0; i < n_picks && !st; i++) {
        const fc_model *m = picks[i].model;
        if ((which == PICK_ONE_ISSUE && fc_run_joint(m)) || (which == PICK_JOINT && !fc_run_joint(m)))
            continue;
        /* With every model, settings go to the models that take options; a model named alone
         * gets them all, so `--model median --set tol=0` is refused rather than ignored. */
        const char *const *settings = m->options_size || c->named ? o->settings : NULL;
        size_t n_settings = m->options_size || c->named ? o->n_settings : 0;
        fc_forecast *f = NULL;
        if (c->ktab && m == &fc_model_smp)
            st = run_ktab_smp(o->path, p->n_dims == 1 ? p->dim_ids[0] : NULL, settings, n_settings, &f, err);
        else
            st = fc_model_run(m, p, picks[i].preset, settings, n_settings, &f, err);
        /* One model's refusal does not sink the others when all were asked for: it becomes a
         * note naming the model and its reason. A model named alone still fails with it. */
        if ((st == FC_EINPUT || st == FC_EUSAGE) && !c->named) {
            if (!c->first_refusal.status)
                c->first_refusal = *err;
            fc_run_note note = {.kind = FC_NOTE_SKIPPED};
            char where[96] = "";
            if (c->several)
                snprintf(where, sizeof where, p->n_dims == 1 ? " on '%s'" : " on every issue at once",
                         p->dim_ids[0]);
            snprintf(note.message, sizeof note.message, "model %s skipped%s: %s%s%s", m->name, where,
                     err->field[0] ? err->field : "", err->field[0] ? ": " : "", err->message);
            fc_error_clear(err);
            st = push_note(c->r, &note, err);
            continue;
        }
        if (st)
            break;
        fc_forecast **g = realloc(*fs, (*n + 1) * sizeof *g);
        if (!g) {
            fc_forecast_free(f);
            st = nomem(err);
            break;
        }
        g[(*n)++] = f;
        *fs = g;
        c->n_made++;
    }
    free(picks);
    return st;
}

static fc_status add_part(fc_run_result *r, fc_run_part **out, fc_error *err)
{
    fc_run_part *g = realloc(r->parts, (r->n_parts + 1) * sizeof *g);
    if (!g)
        return nomem(err);
    r->parts = g;
    *out = &g[r->n_parts++];
    memset(*out, 0, sizeof **out);
    return FC_OK;
}

fc_status fc_run_forecast(const fc_run_options *opts, fc_run_result **out, fc_error *err)
{
    *out = NULL;
    fc_run_options o;
    if (opts)
        o = *opts;
    else
        fc_run_options_init(&o);
    fc_run_result *r;
    fc_status st = fc_run_load(&o, &r, err);
    if (st)
        return st;
    run_ctx c = {.r = r, .o = &o, .ktab = is_ktab_path(&o)};
    if (!is_all(o.model) && !(c.named = fc_model_find(o.model))) {
        st = fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "model", "unknown model '%s'", o.model);
        goto done;
    }
    const fc_scenario *sc = r->scenario;
    /* Several issues and none named: every issue is forecast. A joint model named alone takes
     * them all as one space (the problem); otherwise each issue is a part of its own, and the
     * joint models of "all" run once more on every issue at once. */
    int every = !o.issue && sc->n_issues > 1;
    int joint_alone = every && c.named && fc_run_joint(c.named);
    int per_issue = every && !joint_alone;
    int joint_too = per_issue && !c.named;
    c.several = per_issue;
    if ((st = fc_problem_from_scenario(&r->problem, sc, o.issue, joint_alone, err)))
        goto done;
    r->has_problem = 1;
    if ((st = run_models(&c, &r->problem, per_issue ? PICK_ONE_ISSUE : PICK_ANY, &r->forecasts, &r->n_forecasts,
                         err)))
        goto done;
    for (size_t k = 1; per_issue && k < sc->n_issues && !st; k++) {
        fc_run_part *part = NULL;
        if ((st = add_part(r, &part, err)))
            break;
        if ((st = fc_problem_from_scenario(&part->problem, sc, sc->issues[k].id, 0, err))) {
            r->n_parts--;
            break;
        }
        st = run_models(&c, &part->problem, PICK_ONE_ISSUE, &part->forecasts, &part->n_forecasts, err);
    }
    if (!st && joint_too) {
        fc_run_part *part = NULL;
        if (!(st = add_part(r, &part, err))) {
            if ((st = fc_problem_from_scenario(&part->problem, sc, NULL, 1, err)))
                r->n_parts--;
            else
                st = run_models(&c, &part->problem, PICK_JOINT, &part->forecasts, &part->n_forecasts, err);
        }
        /* No joint model among those asked for: no joint part. */
        if (!st && r->parts[r->n_parts - 1].n_forecasts == 0) {
            fc_problem_free(&r->parts[r->n_parts - 1].problem);
            free(r->parts[r->n_parts - 1].forecasts);
            r->n_parts--;
        }
    }
    /* Every model refused: the first refusal is the error. */
    if (!st && !c.n_made && c.first_refusal.status) {
        *err = c.first_refusal;
        st = c.first_refusal.status;
    }
done:
    if (st) {
        fc_run_result_free(r);
        return st;
    }
    *out = r;
    return FC_OK;
}

fc_scenario *fc_run_result_take_scenario(fc_run_result *r)
{
    r->owns_scenario = 0;
    return r->scenario;
}

size_t fc_run_richest(const fc_run_result *r)
{
    size_t best = 0;
    for (size_t m = 1; m < r->n_forecasts; m++) {
        const fc_forecast *f = r->forecasts[m], *b = r->forecasts[best];
        if (f->n_events > b->n_events || (f->n_events == b->n_events && f->n_rounds > b->n_rounds))
            best = m;
    }
    return best;
}

void fc_run_result_free(fc_run_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_forecasts; i++)
        fc_forecast_free(r->forecasts[i]);
    free(r->forecasts);
    if (r->has_problem)
        fc_problem_free(&r->problem);
    for (size_t k = 0; k < r->n_parts; k++) {
        for (size_t i = 0; i < r->parts[k].n_forecasts; i++)
            fc_forecast_free(r->parts[k].forecasts[i]);
        free(r->parts[k].forecasts);
        fc_problem_free(&r->parts[k].problem);
    }
    free(r->parts);
    if (r->owns_scenario)
        fc_scenario_free(r->scenario);
    free(r->notes);
    free(r);
}

/* ---- What every model will take ---- */

/* A note when n actors lie outside m's bounds; 0 when they do not. */
static int bound_note(const fc_model *m, size_t n, const char *where, fc_run_note *note)
{
    char bound[64];
    if (m->min_actors && n < m->min_actors)
        snprintf(bound, sizeof bound, "at least %zu", m->min_actors);
    else if (m->max_actors && n > m->max_actors)
        snprintf(bound, sizeof bound, "at most %zu", m->max_actors);
    else
        return 0;
    *note = (fc_run_note){.kind = FC_NOTE_SKIPPED};
    snprintf(note->message, sizeof note->message,
             "model %s will be skipped%s: it takes %s actors (has %zu)", m->name, where, bound, n);
    return 1;
}

fc_status fc_run_check_models(const fc_scenario *sc, fc_run_note **notes, size_t *n, fc_error *err)
{
    *notes = NULL;
    *n = 0;
    size_t count = 0;
    const fc_model *const *models = fc_models(&count);
    fc_run_note *list = NULL;
    size_t n_list = 0;
    for (size_t i = 0; i < count; i++) {
        const fc_model *m = models[i];
        if (!m->min_actors && !m->max_actors)
            continue;
        int joint = fc_run_joint(m) && sc->n_issues > 1;
        for (size_t k = 0; k < (joint ? 1 : sc->n_issues); k++) {
            /* The actors with a stance on the issue (on any issue, for a joint model). */
            size_t actors = 0;
            for (size_t a = 0; a < sc->n_actors; a++) {
                int takes = 0;
                for (size_t q = joint ? 0 : k; q < (joint ? sc->n_issues : k + 1); q++)
                    takes |= sc->actors[a].stances[q].present;
                actors += (size_t)takes;
            }
            char where[96] = "";
            if (joint)
                snprintf(where, sizeof where, " on every issue at once");
            else if (sc->n_issues > 1)
                snprintf(where, sizeof where, " on '%s'", sc->issues[k].id);
            fc_run_note note;
            if (!bound_note(m, actors, where, &note))
                continue;
            fc_run_note *g = realloc(list, (n_list + 1) * sizeof *g);
            if (!g) {
                free(list);
                return nomem(err);
            }
            list = g;
            list[n_list++] = note;
        }
    }
    *notes = list;
    *n = n_list;
    return FC_OK;
}

/* ---- One model's analyses for charts ---- */

/* True when the scenario declares no uncertainty anywhere (no default, no value's own). */
static int declares_none(const fc_scenario *sc)
{
    const fc_default_uncertainty *u = &sc->default_uncertainty;
    if (u->position_sd > 0 || u->salience_sd > 0 || u->capability_sd > 0)
        return 0;
    for (size_t i = 0; i < sc->n_actors; i++) {
        const fc_actor *a = &sc->actors[i];
        if (a->capability.uncertainty.kind != FC_UNCERTAIN_NONE)
            return 0;
        for (size_t k = 0; k < sc->n_issues; k++)
            if (a->stances[k].present && (a->stances[k].position.uncertainty.kind != FC_UNCERTAIN_NONE ||
                                          a->stances[k].salience.uncertainty.kind != FC_UNCERTAIN_NONE))
                return 0;
    }
    return 1;
}

fc_status fc_run_sweep_jitter(const fc_scenario *sc, const char *jitter, fc_default_uncertainty *out,
                              fc_run_note *note, int *noted, fc_error *err)
{
    *out = sc->default_uncertainty;
    if (noted)
        *noted = 0;
    /* A sweep of exact values says nothing: without any declared uncertainty, the documented
     * fallback spreads apply, and the caller is told. */
    if (!jitter && declares_none(sc)) {
        jitter = FC_RUN_FALLBACK_JITTER;
        if (note) {
            *note = (fc_run_note){.kind = FC_NOTE_APPLIED};
            snprintf(note->message, sizeof note->message, "the scenario declares no uncertainty");
            snprintf(note->field, sizeof note->field, "jitter");
            snprintf(note->value, sizeof note->value, "%s", FC_RUN_FALLBACK_JITTER);
        }
        if (noted)
            *noted = 1;
    }
    return jitter ? fc_sweep_parse_jitter(jitter, out, err) : FC_OK;
}

const fc_run_note *fc_run_result_note(const fc_run_result *r, size_t i)
{
    return r && i < r->n_notes ? &r->notes[i] : NULL;
}
