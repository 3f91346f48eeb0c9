/* The backtest: every forecaster (each preset of each model in fc_models()) on every DEU
 * issue, scored against the outcome; the difference of each model's mean absolute error from
 * the baseline's with a bootstrap interval that resamples whole proposals. Model runs are
 * spread over OpenMP threads, but every sum is taken afterwards in issue order and every
 * bootstrap replicate draws from its own stream, so no figure depends on the thread count. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "fulcrum/backtest.h"
#include "fulcrum/deu.h"

_Static_assert(FC_BACKTEST_N_ERAS == FC_DEU_N_ERAS, "fulcrum/backtest.h: one score per DEU era");
#include "fulcrum/run.h"
#include "fulcrum/util.h"
#include "util/strutil.h"
#include "analysis/backtest_internal.h"

void fc_backtest_options_init(fc_backtest_options *o)
{
    *o = (fc_backtest_options){.baseline = "compromise", .n_boot = 2000, .seed = 20140101};
}

/* ---- Scoring ---- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void stats_of(double *abs_err, size_t n, double sq_sum, fc_backtest_stats *s)
{
    memset(s, 0, sizeof *s);
    s->n = n;
    if (n == 0) {
        s->mae = s->rmse = s->median_ae = s->within10 = NAN;
        return;
    }
    double sum = 0;
    size_t close = 0;
    for (size_t i = 0; i < n; i++) {
        sum += abs_err[i];
        close += abs_err[i] <= 10;
    }
    s->mae = sum / (double)n;
    s->rmse = sqrt(sq_sum / (double)n);
    s->within10 = (double)close / (double)n;
    qsort(abs_err, n, sizeof *abs_err, cmp_double);
    s->median_ae = n % 2 ? abs_err[n / 2] : (abs_err[n / 2 - 1] + abs_err[n / 2]) / 2;
}

void fc_backtest_score(const fc_deu_set *set, const double *forecast, fc_backtest_stats *all,
                       fc_backtest_stats era[FC_DEU_N_ERAS])
{
    size_t n = set->n_issues;
    double *buf = malloc((n ? n : 1) * sizeof *buf);
    if (!buf) {
        memset(all, 0, sizeof *all);
        all->mae = all->rmse = all->median_ae = all->within10 = NAN;
        for (int e = 0; e < FC_DEU_N_ERAS; e++)
            era[e] = *all;
        return;
    }
    for (int e = -1; e < FC_DEU_N_ERAS; e++) {
        size_t k = 0;
        double sq = 0;
        for (size_t i = 0; i < n; i++) {
            if (isnan(forecast[i]) || (e >= 0 && set->issues[i].era != (fc_deu_era)e))
                continue;
            double d = forecast[i] - set->issues[i].outcome;
            buf[k++] = fabs(d);
            sq += d * d;
        }
        stats_of(buf, k, sq, e < 0 ? all : &era[e]);
    }
    free(buf);
}

/* ---- The bootstrap's random numbers ---- */

/* SplitMix64 (Steele, Lea & Flood 2014): one independent stream per replicate, so a replicate
 * draws the same proposals whichever thread computes it. */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Uniform on 0..n-1 without modulo bias. */
static size_t uniform_below(uint64_t *state, size_t n)
{
    uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do
        x = splitmix64(state);
    while (x >= limit);
    return (size_t)(x % n);
}

/* The type-7 quantile (linear between order statistics) of sorted values. */
static double quantile(const double *sorted, size_t n, double q)
{
    if (n == 0)
        return NAN;
    double h = (double)(n - 1) * q;
    size_t lo = (size_t)floor(h);
    size_t hi = lo + 1 < n ? lo + 1 : lo;
    return sorted[lo] + (h - (double)lo) * (sorted[hi] - sorted[lo]);
}

fc_status backtest_bootstrap_diff(const fc_deu_set *set, const size_t *group, size_t n_groups,
                                  const double *fm, const double *fb, const fc_backtest_options *o,
                                  fc_backtest_model *out, fc_error *err)
{
    double *gsum = calloc(n_groups, sizeof *gsum);
    size_t *gcnt = calloc(n_groups, sizeof *gcnt);
    size_t *used = malloc(n_groups * sizeof *used);
    double *reps = malloc((o->n_boot ? o->n_boot : 1) * sizeof *reps);
    if (!gsum || !gcnt || !used || !reps) {
        free(gsum), free(gcnt), free(used), free(reps);
        return fc_error_nomem(err);
    }
    for (size_t i = 0; i < set->n_issues; i++) {
        if (isnan(fm[i]) || isnan(fb[i]))
            continue;
        double y = set->issues[i].outcome;
        gsum[group[i]] += fabs(fm[i] - y) - fabs(fb[i] - y);
        gcnt[group[i]]++;
    }
    size_t g_used = 0, n_common = 0;
    double total = 0;
    for (size_t g = 0; g < n_groups; g++)
        if (gcnt[g]) {
            used[g_used++] = g;
            n_common += gcnt[g];
            total += gsum[g];
        }
    out->n_common = n_common;
    out->diff_mae = out->diff_lo = out->diff_hi = NAN;
    if (n_common > 0) {
        out->diff_mae = total / (double)n_common;
        long nb = (long)o->n_boot;
#ifdef _OPENMP
        int nt = o->threads > 0 ? o->threads : omp_get_max_threads();
#pragma omp parallel for schedule(static) num_threads(nt)
#endif
        for (long b = 0; b < nb; b++) {
            uint64_t state = o->seed ^ (0xD1B54A32D192ED03u * (uint64_t)(b + 1));
            double s = 0;
            size_t c = 0;
            for (size_t k = 0; k < g_used; k++) {
                size_t g = used[uniform_below(&state, g_used)];
                s += gsum[g];
                c += gcnt[g];
            }
            reps[b] = s / (double)c;
        }
        if (nb > 0) {
            qsort(reps, o->n_boot, sizeof *reps, cmp_double);
            out->diff_lo = quantile(reps, o->n_boot, 0.025);
            out->diff_hi = quantile(reps, o->n_boot, 0.975);
        }
    }
    free(gsum), free(gcnt), free(used), free(reps);
    return FC_OK;
}

size_t backtest_groups(const fc_deu_set *set, size_t *group)
{
    /* Proposals as bootstrap clusters, numbered in order of first appearance. */
    size_t n_groups = 0;
    for (size_t i = 0; i < set->n_issues; i++) {
        size_t j = 0;
        while (j < i && strcmp(set->issues[j].proposal, set->issues[i].proposal) != 0)
            j++;
        group[i] = j < i ? group[j] : n_groups++;
    }
    return n_groups;
}

/* ---- Which forecasters ---- */

typedef struct entry {
    const fc_model *model;
    const char *preset;   /* NULL = the model has no presets */
    const char **settings; /* "key=value" for this model (into the caller's strings) */
    size_t n_settings;
} entry;

/* Checks every "MODEL.KEY=VALUE" setting against its model's options, so that a mistyped
 * setting is an error rather than a silently different run. */
static fc_status check_settings(const fc_backtest_options *o, fc_error *err)
{
    for (size_t i = 0; i < o->n_settings; i++) {
        const char *spec = o->settings[i], *dot = strchr(spec, '.'), *eq = strchr(spec, '=');
        if (!dot || !eq || dot > eq || dot == spec)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "settings",
                                "'%s' is not of the form MODEL.NAME=VALUE", spec);
        char name[64], key[64];
        snprintf(name, sizeof name, "%.*s", (int)(dot - spec), spec);
        snprintf(key, sizeof key, "%.*s", (int)(eq - dot - 1), dot + 1);
        const fc_model *m = fc_model_find(name);
        if (!m)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "settings", "unknown model '%s'", name);
        if (m->options_size == 0)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "settings", "model '%s' has no options", name);
        void *opts = calloc(1, m->options_size);
        if (!opts)
            return fc_error_nomem(err);
        fc_status st = m->options_init(opts, NULL, err);
        if (!st)
            st = m->options_set(opts, key, eq + 1, err);
        free(opts);
        if (st)
            return st;
    }
    return FC_OK;
}

/* Points each entry at the settings of its model ("MODEL." stripped). */
static fc_status attach_settings(entry *list, size_t n, const fc_backtest_options *o, fc_error *err)
{
    for (size_t k = 0; k < n; k++) {
        size_t len = strlen(list[k].model->name);
        for (size_t i = 0; i < o->n_settings; i++) {
            const char *spec = o->settings[i];
            if (strncmp(spec, list[k].model->name, len) != 0 || spec[len] != '.')
                continue;
            const char **g = realloc(list[k].settings, (list[k].n_settings + 1) * sizeof *g);
            if (!g)
                return fc_error_nomem(err);
            g[list[k].n_settings++] = spec + len + 1;
            list[k].settings = g;
        }
    }
    return FC_OK;
}

static void free_entries(entry *list, size_t n)
{
    for (size_t k = 0; k < n; k++)
        free(list[k].settings);
    free(list);
}

static fc_status add_entry(entry **list, size_t *n, const fc_model *m, const char *preset, fc_error *err)
{
    for (size_t i = 0; i < *n; i++)
        if ((*list)[i].model == m && ((*list)[i].preset == preset ||
                                      ((*list)[i].preset && preset && strcmp((*list)[i].preset, preset) == 0)))
            return FC_OK;
    entry *g = realloc(*list, (*n + 1) * sizeof *g);
    if (!g)
        return fc_error_nomem(err);
    memset(&g[*n], 0, sizeof g[*n]);
    g[*n].model = m;
    g[*n].preset = preset;
    (*n)++;
    *list = g;
    return FC_OK;
}

static fc_status add_model(entry **list, size_t *n, const fc_model *m, fc_error *err)
{
    if (!m->presets || !m->presets[0])
        return add_entry(list, n, m, NULL, err);
    fc_status st = FC_OK;
    for (const char *const *p = m->presets; *p && !st; p++)
        st = add_entry(list, n, m, *p, err);
    return st;
}

/* "NAME" or "NAME:PRESET" -> entries. */
static fc_status add_spec(entry **list, size_t *n, const char *spec, fc_error *err)
{
    char name[64];
    const char *colon = strchr(spec, ':');
    size_t len = colon ? (size_t)(colon - spec) : strlen(spec);
    if (len == 0 || len >= sizeof name)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "models", "'%s' is not a model name", spec);
    memcpy(name, spec, len);
    name[len] = '\0';
    const fc_model *m = fc_model_find(name);
    if (!m)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "models", "unknown model '%s'", name);
    if (!colon)
        return add_model(list, n, m, err);
    if (m->presets)
        for (const char *const *p = m->presets; *p; p++)
            if (strcmp(*p, colon + 1) == 0)
                return add_entry(list, n, m, *p, err);
    return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "models", "model '%s' has no preset '%s'",
                        name, colon + 1);
}

/* A model that needs more than one dimension cannot run on a DEU issue: it is left out. */
static int runs_on_one_issue(const entry *en, const fc_deu_set *set)
{
    fc_forecast *f = NULL;
    fc_error e;
    fc_error_clear(&e);
    fc_status st = fc_model_run(en->model, &set->issues[0].problem, en->preset, en->settings,
                                en->n_settings, &f, &e);
    fc_forecast_free(f);
    return st != FC_EUSAGE;
}

/* ---- The run ---- */

void fc_backtest_result_free(fc_backtest_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_models; i++)
        free(r->models[i].forecast);
    free(r->models);
    free(r);
}

/* The issues of issue i's proposal as the dimensions of one problem, for a model that forecasts
 * them together (joint_issues): every actor taking part in one of them, with its largest
 * capability among them; on an issue it takes no part in, salience 0 (no stance) at the
 * midpoint. *dim is issue i's dimension. */
static fc_status joint_problem(const fc_deu_set *set, size_t i, fc_problem *p, size_t *dim,
                               fc_error *err)
{
    const char *prop = set->issues[i].proposal;
    size_t nd = 0, n = 0, cap_ids = 0;
    const char **ids = NULL;
    for (size_t k = 0; k < set->n_issues; k++) {
        if (strcmp(set->issues[k].proposal, prop) != 0)
            continue;
        if (k == i)
            *dim = nd;
        nd++;
        const fc_problem *q = &set->issues[k].problem;
        for (size_t a = 0; a < q->n_actors; a++) {
            size_t j = 0;
            while (j < n && strcmp(ids[j], q->actor_ids[a]) != 0)
                j++;
            if (j < n)
                continue;
            if (n == cap_ids) {
                cap_ids = cap_ids ? 2 * cap_ids : 32;
                const char **g = realloc(ids, cap_ids * sizeof *g);
                if (!g) {
                    free(ids);
                    return fc_error_nomem(err);
                }
                ids = g;
            }
            ids[n++] = q->actor_ids[a];
        }
    }
    fc_status st = fc_problem_init(p, n, nd, err);
    if (st) {
        free(ids);
        return st;
    }
    for (size_t a = 0; a < n && !st; a++) {
        char *id = fc_strdup_or_null(ids[a]), *name = fc_strdup_or_null(ids[a]);
        free(p->actor_ids[a]);
        free(p->actor_names[a]);
        p->actor_ids[a] = id;
        p->actor_names[a] = name;
        if (!id || !name)
            st = fc_error_nomem(err);
        for (size_t d = 0; d < nd; d++)
            p->position[a * nd + d] = 50;
    }
    for (size_t k = 0, d = 0; k < set->n_issues && !st; k++) {
        if (strcmp(set->issues[k].proposal, prop) != 0)
            continue;
        const fc_problem *q = &set->issues[k].problem;
        p->scale_min[d] = q->scale_min[0];
        p->scale_max[d] = q->scale_max[0];
        p->status_quo[d] = q->status_quo[0];
        char *dim_id = fc_strdup_or_null(set->issues[k].id);
        if (!dim_id) {
            st = fc_error_nomem(err);
            break;
        }
        free(p->dim_ids[d]);
        p->dim_ids[d] = dim_id;
        for (size_t b = 0; b < q->n_actors; b++) {
            size_t a = 0;
            while (strcmp(ids[a], q->actor_ids[b]) != 0)
                a++;
            if (q->capability[b] > p->capability[a])
                p->capability[a] = q->capability[b];
            p->position[a * nd + d] = q->position[b];
            p->salience[a * nd + d] = q->salience[b];
        }
        d++;
    }
    free(ids);
    if (st)
        fc_problem_free(p);
    return st;
}

static fc_status run_cell(const entry *en, const fc_deu_set *set, size_t i, double *forecast,
                          fc_error *err)
{
    const fc_deu_issue *is = &set->issues[i];
    fc_forecast *f = NULL;
    /* A model that reads the procedure gets this issue's; the user's settings come after it,
     * so that --set can play every issue under one procedure. */
    const char *extra[2];
    size_t n_extra = 0;
    if (en->model->uses_procedure) {
        if (is->procedure == FC_DEU_CODECISION)
            extra[n_extra++] = "procedure=codecision";
        else if (is->procedure == FC_DEU_CONSULTATION)
            extra[n_extra++] = "procedure=consultation";
        if (is->voting_rule == FC_DEU_QMV)
            extra[n_extra++] = "voting_rule=qmv";
        else if (is->voting_rule == FC_DEU_UNANIMITY)
            extra[n_extra++] = "voting_rule=unanimity";
    }
    const char **settings = malloc((en->n_settings + n_extra + 1) * sizeof *settings);
    if (!settings)
        return fc_error_nomem(err);
    for (size_t k = 0; k < n_extra; k++)
        settings[k] = extra[k];
    for (size_t k = 0; k < en->n_settings; k++)
        settings[n_extra + k] = en->settings[k];
    fc_problem joint;
    size_t dim = 0;
    const fc_problem *p = &is->problem;
    fc_status st = FC_OK;
    int have_joint = 0;
    if (en->model->joint_issues) {
        st = joint_problem(set, i, &joint, &dim, err);
        have_joint = st == FC_OK;
        p = &joint;
    }
    if (!st)
        st = fc_model_run(en->model, p, en->preset, settings, en->n_settings + n_extra, &f, err);
    if (have_joint)
        fc_problem_free(&joint);
    free(settings);
    *forecast = st == FC_OK ? f->outcome[dim] : NAN;
    if (st == FC_OK && !isfinite(*forecast))
        st = fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, NULL, "the forecast is not a number");
    fc_forecast_free(f);
    return st;
}

fc_status fc_backtest_run(const fc_deu_set *set, const fc_backtest_options *opts,
                          fc_backtest_result **out, fc_error *err)
{
    *out = NULL;
    fc_backtest_options o;
    if (opts)
        o = *opts;
    else
        fc_backtest_options_init(&o);
    if (!o.baseline)
        o.baseline = "compromise";
    if (set->n_issues == 0)
        return fc_error_set(err, FC_EINPUT, set->origin, 0, 0, NULL, "no issue to score");
    const fc_model *base = fc_model_find(o.baseline);
    if (!base)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "baseline", "unknown model '%s'", o.baseline);

    entry *list = NULL;
    size_t n_entries = 0;
    fc_status st = add_model(&list, &n_entries, base, err);
    if (!st && o.n_models > 0 && (o.preset || (o.model && strcmp(o.model, "all") != 0)))
        st = fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "preset",
                          "name the models either as a list (NAME or NAME:PRESET) or as one model and preset");
    if (!st && o.n_models == 0) {
        /* No problem is passed: a model that cannot forecast an issue is left out below,
         * and the baselines run on every issue. */
        fc_run_pick *picks = NULL;
        size_t n = 0;
        st = fc_run_select(o.model, o.preset, NULL, &picks, &n, err);
        for (size_t i = 0; i < n && !st; i++)
            st = add_entry(&list, &n_entries, picks[i].model,
                           picks[i].preset ? picks[i].preset : picks[i].model->presets ? picks[i].model->presets[0] : NULL,
                           err);
        free(picks);
    } else if (!st) {
        for (size_t i = 0; i < o.n_models && !st; i++)
            st = add_spec(&list, &n_entries, o.models[i], err);
    }
    if (!st)
        st = check_settings(&o, err);
    if (!st)
        st = attach_settings(list, n_entries, &o, err);
    if (st) {
        free_entries(list, n_entries);
        return st;
    }
    /* Leave out forecasters that refuse a one-issue problem outright (usage, not input). */
    size_t kept = 0;
    for (size_t i = 0; i < n_entries; i++) {
        if (i == 0 || runs_on_one_issue(&list[i], set))
            list[kept++] = list[i];
        else
            free(list[i].settings);
    }
    n_entries = kept;

    fc_backtest_result *r = calloc(1, sizeof *r);
    fc_backtest_model *models = calloc(n_entries, sizeof *models);
    unsigned char *failed = calloc(n_entries * set->n_issues, 1);
    size_t *group = malloc(set->n_issues * sizeof *group);
    if (!r || !models || !failed || !group) {
        free(r), free(models), free(failed), free(group), free_entries(list, n_entries);
        return fc_error_nomem(err);
    }
    r->set = set;
    r->models = models;
    r->n_models = n_entries;
    r->n_boot = o.n_boot;
    r->seed = o.seed;
    for (size_t i = 0; i < o.n_settings; i++) {
        size_t used = strlen(r->settings);
        snprintf(r->settings + used, sizeof r->settings - used, "%s%s", i ? ", " : "", o.settings[i]);
    }
    snprintf(r->baseline, sizeof r->baseline, "%s", base->name);
    for (size_t k = 0; k < n_entries; k++) {
        snprintf(models[k].name, sizeof models[k].name, "%s", list[k].model->name);
        snprintf(models[k].preset, sizeof models[k].preset, "%s", list[k].preset ? list[k].preset : "");
        if (!(models[k].forecast = malloc(set->n_issues * sizeof *models[k].forecast))) {
            st = fc_error_nomem(err);
            goto fail;
        }
    }

    /* Every (model, issue) cell is independent; a failure is recorded and explained below. */
    long n_cells = (long)(n_entries * set->n_issues);
#ifdef _OPENMP
    int nt = o.threads > 0 ? o.threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic, 4) num_threads(nt)
#endif
    for (long c = 0; c < n_cells; c++) {
        size_t k = (size_t)c / set->n_issues, i = (size_t)c % set->n_issues;
        fc_error e;
        fc_error_clear(&e);
        failed[c] = run_cell(&list[k], set, i, &models[k].forecast[i], &e) != FC_OK;
    }
    for (size_t k = 0; k < n_entries; k++)
        for (size_t i = 0; i < set->n_issues; i++) {
            if (!failed[k * set->n_issues + i])
                continue;
            if (models[k].n_failed++ == 0) {
                /* Run the first failing cell again, serially, for its message. */
                fc_error e;
                fc_error_clear(&e);
                double dummy;
                run_cell(&list[k], set, i, &dummy, &e);
                char msg[200];
                fc_error_format(&e, msg, sizeof msg);
                snprintf(models[k].first_error, sizeof models[k].first_error, "%s: %s",
                         set->issues[i].id, msg);
            }
        }

    size_t n_groups = backtest_groups(set, group);
    for (size_t k = 0; k < n_entries && !st; k++) {
        fc_backtest_score(set, models[k].forecast, &models[k].all, models[k].era);
        st = backtest_bootstrap_diff(set, group, n_groups, models[k].forecast, models[0].forecast, &o,
                                     &models[k], err);
    }
    if (st)
        goto fail;
    free(failed), free(group), free_entries(list, n_entries);
    *out = r;
    return FC_OK;
fail:
    free(failed), free(group), free_entries(list, n_entries);
    fc_backtest_result_free(r);
    return st;
}
