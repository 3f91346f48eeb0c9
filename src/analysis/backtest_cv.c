/* Cross-validation by proposal of forecasting families on a DEU table: every candidate (a model
 * with one combination of option values) forecasts every issue once through the backtest, and
 * the choices are then made fold by fold on the other proposals' errors only, nested when
 * families compete, so that no outcome of a proposal touches the forecast of its issues. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/backtest.h"
#include "fulcrum/deu.h"
#include "fulcrum/util.h"
#include "analysis/backtest_internal.h"
#include "util/json_text.h"
#include "util/strutil.h"

/* The families tried when none is named: the baselines and every model of the DEU literature
 * with its parameter (docs/accuracy.md). */
static const char *const default_families[] = {
    "compromise",
    "median",
    "capability-mean,salience_exponent=0/0.25/0.5/0.75/1",
    "nbs,breakdown=0.3/1/3/10/100",
    "exchange,max_exchanges=0/1/3/10/1000",
    "smp",
};

void fc_backtest_cv_options_init(fc_backtest_cv_options *o)
{
    *o = (fc_backtest_cv_options){.baseline = "compromise", .n_boot = 2000, .seed = 20140101};
}

/* One candidate: the model spec for the backtest, its settings "MODEL.KEY=V", and a label. */
typedef struct candidate {
    char model[96];
    char *settings[8];
    size_t n_settings;
    char label[256];
    double *forecast;
} candidate;

typedef struct family {
    size_t first, count;   /* its candidates in the list */
} family;

#define MAX_KEYS 8
#define MAX_VALUES 64

/* "MODEL[:PRESET][,KEY=V1/V2...]..." -> candidates appended to *list. */
static fc_status expand_family(const char *spec, candidate **list, size_t *n, fc_error *err)
{
    char buf[512];
    if (strlen(spec) >= sizeof buf)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "families", "the family '%.40s...' is too long", spec);
    snprintf(buf, sizeof buf, "%s", spec);
    char *parts[MAX_KEYS + 1];
    size_t n_parts = 0;
    for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (n_parts == MAX_KEYS + 1)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "families",
                                "'%s': at most %d options vary in one family", spec, MAX_KEYS);
        parts[n_parts++] = t;
    }
    if (n_parts == 0)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "families", "an empty family");
    char name[64];
    const char *colon = strchr(parts[0], ':');
    snprintf(name, sizeof name, "%.*s", (int)(colon ? (size_t)(colon - parts[0]) : strlen(parts[0])), parts[0]);
    const fc_model *m = fc_model_find(name);
    if (!m)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "families", "unknown model '%s'", name);
    char model_spec[96];
    if (colon || !m->presets)
        snprintf(model_spec, sizeof model_spec, "%s", parts[0]);
    else
        snprintf(model_spec, sizeof model_spec, "%s:%s", name, m->presets[0]);
    const char *keys[MAX_KEYS];
    char *values[MAX_KEYS][MAX_VALUES];
    size_t n_values[MAX_KEYS], n_keys = 0, total = 1;
    for (size_t k = 1; k < n_parts; k++) {
        char *eq = strchr(parts[k], '=');
        if (!eq || eq == parts[k] || !eq[1])
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "families",
                                "'%s' in family '%s' is not KEY=V1/V2/...", parts[k], spec);
        *eq = '\0';
        keys[n_keys] = parts[k];
        n_values[n_keys] = 0;
        for (char *save = NULL, *t = strtok_r(eq + 1, "/", &save); t; t = strtok_r(NULL, "/", &save)) {
            if (n_values[n_keys] == MAX_VALUES)
                return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "families",
                                    "'%s': at most %d values per option", spec, MAX_VALUES);
            values[n_keys][n_values[n_keys]++] = t;
        }
        if (n_values[n_keys] == 0)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "families", "'%s' gives %s no value", spec, keys[n_keys]);
        total *= n_values[n_keys];
        n_keys++;
    }
    if (total > 10000)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "families", "'%s' has %zu candidates (at most 10000)",
                            spec, total);
    candidate *g = realloc(*list, (*n + total) * sizeof *g);
    if (!g)
        return fc_error_nomem(err);
    *list = g;
    for (size_t c = 0; c < total; c++) {
        candidate *cd = &g[*n + c];
        memset(cd, 0, sizeof *cd);
        snprintf(cd->model, sizeof cd->model, "%s", model_spec);
        size_t rest = c, used = 0;
        cd->label[0] = '\0';
        for (size_t k = 0; k < n_keys; k++) {
            const char *v = values[k][rest % n_values[k]];
            rest /= n_values[k];
            size_t len = strlen(name) + strlen(keys[k]) + strlen(v) + 3;
            if (!(cd->settings[k] = malloc(len))) {
                for (size_t q = 0; q <= c; q++)
                    for (size_t j = 0; j < g[*n + q].n_settings; j++)
                        free(g[*n + q].settings[j]);
                return fc_error_nomem(err);
            }
            snprintf(cd->settings[k], len, "%s.%s=%s", name, keys[k], v);
            cd->n_settings++;
            used += (size_t)snprintf(cd->label + used, used < sizeof cd->label ? sizeof cd->label - used : 0,
                                     "%s%s=%s", k ? "," : "", keys[k], v);
            if (used >= sizeof cd->label)
                used = sizeof cd->label - 1;
        }
        if (n_keys == 0)
            snprintf(cd->label, sizeof cd->label, "-");
    }
    *n += total;
    return FC_OK;
}

/* Runs one candidate through the backtest; its forecasts (and, the first time, the
 * baseline's) are copied out. */
static fc_status run_candidate(const fc_deu_set *set, const fc_backtest_cv_options *o, candidate *cd,
                               double **baseline, fc_error *err)
{
    fc_backtest_options bo;
    fc_backtest_options_init(&bo);
    const char *models[1] = {cd->model};
    bo.models = models;
    bo.n_models = 1;
    bo.settings = (const char *const *)cd->settings;
    bo.n_settings = cd->n_settings;
    bo.baseline = o->baseline;
    bo.n_boot = 0;
    bo.threads = o->threads;
    fc_backtest_result *r = NULL;
    fc_status st = fc_backtest_run(set, &bo, &r, err);
    if (st)
        return st;
    char name[96];
    snprintf(name, sizeof name, "%s", cd->model);
    char *colon = strchr(name, ':');
    const char *preset = colon ? colon + 1 : "";
    if (colon)
        *colon = '\0';
    const fc_backtest_model *found = NULL;
    for (size_t k = r->n_models; k-- > 0;)
        if (strcmp(r->models[k].name, name) == 0 && strcmp(r->models[k].preset, preset) == 0)
            found = &r->models[k];
    size_t n = set->n_issues;
    if (!found) {
        st = fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "families",
                          "model '%s' cannot forecast a DEU issue", cd->model);
    } else if (!(cd->forecast = malloc(n * sizeof *cd->forecast)) ||
               (!*baseline && !(*baseline = malloc(n * sizeof **baseline)))) {
        st = fc_error_nomem(err);
    } else {
        memcpy(cd->forecast, found->forecast, n * sizeof *cd->forecast);
        memcpy(*baseline, r->models[0].forecast, n * sizeof **baseline);
    }
    fc_backtest_result_free(r);
    return st;
}

/* The candidate of family f with the least error over every fold but p and q (SIZE_MAX: none
 * left out); ties go to the first. E[k*G + g] = candidate k's absolute error summed over fold g. */
static size_t choose(const family *f, const double *E, const double *T, size_t G, size_t p, size_t q)
{
    size_t best = f->first;
    double best_v = INFINITY;
    for (size_t k = f->first; k < f->first + f->count; k++) {
        double v = T[k] - (p < G ? E[k * G + p] : 0) - (q < G ? E[k * G + q] : 0);
        if (v < best_v) {
            best_v = v;
            best = k;
        }
    }
    return best;
}

static fc_status finish_family(const fc_deu_set *set, const fc_backtest_cv_options *o, const size_t *group,
                               size_t n_groups, const double *baseline, fc_backtest_cv_family *out,
                               fc_error *err)
{
    double sum = 0;
    size_t n = 0;
    for (size_t i = 0; i < set->n_issues; i++)
        if (!isnan(out->forecast[i])) {
            sum += fabs(out->forecast[i] - set->issues[i].outcome);
            n++;
        }
    out->cv_mae = n ? sum / (double)n : NAN;
    fc_backtest_options bo;
    fc_backtest_options_init(&bo);
    bo.n_boot = o->n_boot;
    bo.seed = o->seed;
    bo.threads = o->threads;
    fc_backtest_model d;
    memset(&d, 0, sizeof d);
    fc_status st = backtest_bootstrap_diff(set, group, n_groups, out->forecast, baseline, &bo, &d, err);
    out->diff_mae = d.diff_mae;
    out->diff_lo = d.diff_lo;
    out->diff_hi = d.diff_hi;
    return st;
}

void fc_backtest_cv_result_free(fc_backtest_cv_result *r)
{
    if (!r)
        return;
    for (size_t f = 0; f < r->n_families; f++)
        free(r->families[f].forecast);
    free(r->families);
    free(r->nested.forecast);
    free(r->family_folds);
    free(r);
}

fc_status fc_backtest_cv(const fc_deu_set *set, const fc_backtest_cv_options *opts,
                         fc_backtest_cv_result **out, fc_error *err)
{
    *out = NULL;
    fc_backtest_cv_options o;
    if (opts)
        o = *opts;
    else
        fc_backtest_cv_options_init(&o);
    if (!o.baseline)
        o.baseline = "compromise";
    const char *const *specs = o.n_families ? o.families : default_families;
    size_t n_fam = o.n_families ? o.n_families : sizeof default_families / sizeof default_families[0];
    size_t N = set->n_issues;

    candidate *cands = NULL;
    size_t n_cands = 0;
    family *fams = calloc(n_fam, sizeof *fams);
    double *baseline = NULL, *E = NULL, *T = NULL;
    size_t *group = malloc((N ? N : 1) * sizeof *group), *cv_group = NULL;
    fc_backtest_cv_result *r = calloc(1, sizeof *r);
    fc_status st = fams && group && r ? FC_OK : fc_error_nomem(err);
    for (size_t f = 0; f < n_fam && !st; f++) {
        fams[f].first = n_cands;
        st = expand_family(specs[f], &cands, &n_cands, err);
        fams[f].count = n_cands - fams[f].first;
    }
    for (size_t k = 0; k < n_cands && !st; k++)
        st = run_candidate(set, &o, &cands[k], &baseline, err);
    if (st)
        goto done;

    /* The common issues and their proposals (the folds). */
    unsigned char *common = calloc(N ? N : 1, 1);
    cv_group = malloc((N ? N : 1) * sizeof *cv_group);
    if (!common || !cv_group) {
        free(common);
        st = fc_error_nomem(err);
        goto done;
    }
    size_t n_common = 0;
    for (size_t i = 0; i < N; i++) {
        int ok = !isnan(baseline[i]);
        for (size_t k = 0; k < n_cands && ok; k++)
            ok = !isnan(cands[k].forecast[i]);
        common[i] = (unsigned char)ok;
        n_common += (size_t)ok;
    }
    size_t G = backtest_groups(set, group);
    /* Renumber the folds among the common issues only. */
    size_t *fold_of = malloc((G ? G : 1) * sizeof *fold_of), n_folds = 0;
    if (!fold_of) {
        free(common);
        st = fc_error_nomem(err);
        goto done;
    }
    for (size_t g = 0; g < G; g++)
        fold_of[g] = SIZE_MAX;
    for (size_t i = 0; i < N; i++) {
        if (!common[i]) {
            cv_group[i] = SIZE_MAX;
            continue;
        }
        if (fold_of[group[i]] == SIZE_MAX)
            fold_of[group[i]] = n_folds++;
        cv_group[i] = fold_of[group[i]];
    }
    free(fold_of);
    if (n_folds < 3) {
        free(common);
        st = fc_error_set(err, FC_EINPUT, set->origin, 0, 0, NULL,
                          "cross-validation needs at least 3 proposals that every candidate forecasts (%zu)",
                          n_folds);
        goto done;
    }
    E = calloc(n_cands * n_folds, sizeof *E);
    T = calloc(n_cands, sizeof *T);
    r->families = calloc(n_fam, sizeof *r->families);
    r->family_folds = calloc(n_fam, sizeof *r->family_folds);
    if (!E || !T || !r->families || !r->family_folds) {
        free(common);
        st = fc_error_nomem(err);
        goto done;
    }
    r->n_families = n_fam;
    double base_sum = 0;
    for (size_t i = 0; i < N; i++) {
        if (!common[i])
            continue;
        base_sum += fabs(baseline[i] - set->issues[i].outcome);
        for (size_t k = 0; k < n_cands; k++) {
            double e = fabs(cands[k].forecast[i] - set->issues[i].outcome);
            E[k * n_folds + cv_group[i]] += e;
            T[k] += e;
        }
    }
    free(common);
    r->set = set;
    snprintf(r->baseline, sizeof r->baseline, "%s", o.baseline);
    r->baseline_mae = base_sum / (double)n_common;
    r->n_common = n_common;
    r->n_folds = n_folds;
    r->n_boot = o.n_boot;
    r->seed = o.seed;
    /* The baseline off the common issues is NaN, so that every difference is on them. */
    for (size_t i = 0; i < N; i++)
        if (cv_group[i] == SIZE_MAX)
            baseline[i] = NAN;

    size_t *count = calloc(n_cands > n_fam ? n_cands : n_fam, sizeof *count);
    size_t *pick = malloc(n_folds * sizeof *pick);
    if (!count || !pick) {
        free(count), free(pick);
        st = fc_error_nomem(err);
        goto done;
    }
    for (size_t f = 0; f < n_fam && !st; f++) {
        fc_backtest_cv_family *rf = &r->families[f];
        snprintf(rf->spec, sizeof rf->spec, "%s", specs[f]);
        rf->n_candidates = fams[f].count;
        if (!(rf->forecast = malloc((N ? N : 1) * sizeof *rf->forecast))) {
            st = fc_error_nomem(err);
            break;
        }
        memset(count, 0, n_cands * sizeof *count);
        for (size_t p = 0; p < n_folds; p++) {
            pick[p] = choose(&fams[f], E, T, n_folds, p, SIZE_MAX);
            count[pick[p]]++;
        }
        for (size_t i = 0; i < N; i++)
            rf->forecast[i] = cv_group[i] == SIZE_MAX ? NAN : cands[pick[cv_group[i]]].forecast[i];
        size_t best = choose(&fams[f], E, T, n_folds, SIZE_MAX, SIZE_MAX), most = fams[f].first;
        for (size_t k = fams[f].first; k < fams[f].first + fams[f].count; k++)
            if (count[k] > count[most])
                most = k;
        rf->insample_mae = T[best] / (double)n_common;
        snprintf(rf->insample_best, sizeof rf->insample_best, "%s", cands[best].label);
        snprintf(rf->chosen_most, sizeof rf->chosen_most, "%s", cands[most].label);
        rf->chosen_most_folds = count[most];
        st = finish_family(set, &o, group, G, baseline, rf, err);
    }
    /* Nested: in each outer fold p, each family's own leave-one-out error over the other folds
     * (its choices made without p and without the inner fold q) picks the family; that family
     * then chooses its candidate without p. */
    if (!st && n_fam >= 2) {
        fc_backtest_cv_family *rn = &r->nested;
        snprintf(rn->spec, sizeof rn->spec, "nested selection among the %zu families", n_fam);
        rn->n_candidates = n_cands;
        if (!(rn->forecast = malloc((N ? N : 1) * sizeof *rn->forecast)))
            st = fc_error_nomem(err);
        for (size_t p = 0; p < n_folds && !st; p++) {
            size_t best_f = 0;
            double best_v = INFINITY;
            for (size_t f = 0; f < n_fam; f++) {
                double v = 0;
                for (size_t q = 0; q < n_folds; q++)
                    if (q != p)
                        v += E[choose(&fams[f], E, T, n_folds, p, q) * n_folds + q];
                if (v < best_v) {
                    best_v = v;
                    best_f = f;
                }
            }
            r->family_folds[best_f]++;
            pick[p] = choose(&fams[best_f], E, T, n_folds, p, SIZE_MAX);
        }
        if (!st) {
            for (size_t i = 0; i < N; i++)
                rn->forecast[i] = cv_group[i] == SIZE_MAX ? NAN : cands[pick[cv_group[i]]].forecast[i];
            size_t most = 0;
            for (size_t f = 1; f < n_fam; f++)
                if (r->family_folds[f] > r->family_folds[most])
                    most = f;
            snprintf(rn->chosen_most, sizeof rn->chosen_most, "%s", specs[most]);
            rn->chosen_most_folds = r->family_folds[most];
            rn->insample_mae = NAN;
            snprintf(rn->insample_best, sizeof rn->insample_best, "-");
            st = finish_family(set, &o, group, G, baseline, rn, err);
        }
    }
    free(count), free(pick);
done:
    for (size_t k = 0; k < n_cands; k++) {
        for (size_t j = 0; j < cands[k].n_settings; j++)
            free(cands[k].settings[j]);
        free(cands[k].forecast);
    }
    free(cands), free(fams), free(baseline), free(E), free(T), free(group), free(cv_group);
    if (st) {
        fc_backtest_cv_result_free(r);
        return st;
    }
    *out = r;
    return FC_OK;
}

/* ---- Reports ---- */

static void row(fc_buf *b, const fc_backtest_cv_family *f)
{
    fc_buf_printf(b, "%-52s %5zu %7.2f %+7.2f ", f->spec, f->n_candidates, f->cv_mae, f->diff_mae);
    if (isnan(f->diff_lo))
        fc_buf_printf(b, "%-18s", "-");
    else
        fc_buf_printf(b, "[%+.2f, %+.2f]%*s", f->diff_lo, f->diff_hi,
                      (int)(18 - snprintf(NULL, 0, "[%+.2f, %+.2f]", f->diff_lo, f->diff_hi)), "");
    if (isnan(f->insample_mae))
        fc_buf_printf(b, " %8s", "-");
    else
        fc_buf_printf(b, " %8.2f", f->insample_mae);
    fc_buf_printf(b, "  %s (%zu of the folds)\n", f->chosen_most, f->chosen_most_folds);
}

fc_status fc_backtest_cv_report_text(const fc_backtest_cv_result *r, char **out, fc_error *err)
{
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_printf(&b, "DEU cross-validation: %s\n", r->set->origin);
    fc_buf_printf(&b, "capabilities: %s\n", fc_deu_capabilities_name(r->set->capabilities));
    fc_buf_printf(&b, "leave-one-proposal-out over %zu issues from %zu proposals (the issues every candidate "
                      "forecasts);\n%s MAE on them %.2f; diff = CV MAE minus that, bootstrap 95%% interval "
                      "from %zu resamples of proposals (seed %llu)\n\n",
                  r->n_common, r->n_folds, r->baseline, r->baseline_mae, r->n_boot,
                  (unsigned long long)r->seed);
    fc_buf_printf(&b, "%-52s %5s %7s %7s %-18s %8s  %s\n", "family", "cands", "CV MAE", "diff", "95% interval",
                  "in-samp", "chosen most often");
    for (size_t f = 0; f < r->n_families; f++)
        row(&b, &r->families[f]);
    if (r->nested.forecast) {
        row(&b, &r->nested);
        fc_buf_printf(&b, "\nfamilies chosen in the outer folds:");
        for (size_t f = 0; f < r->n_families; f++)
            if (r->family_folds[f])
                fc_buf_printf(&b, " %s %zu;", r->families[f].spec, r->family_folds[f]);
        fc_buf_printf(&b, "\nThe nested figure is the expected accuracy of choosing among these families "
                          "by cross-validation.\n");
    }
    *out = fc_buf_take(&b);
    return *out ? FC_OK : fc_error_nomem(err);
}

static json_t *family_json(const fc_backtest_cv_family *f)
{
    json_t *o = json_object();
    json_object_set_new(o, "family", json_string(f->spec));
    json_object_set_new(o, "candidates", json_integer((json_int_t)f->n_candidates));
    json_object_set_new(o, "cv_mae", fc_json_number(f->cv_mae));
    json_object_set_new(o, "diff_mae", fc_json_number(f->diff_mae));
    json_t *ci = json_array();
    json_array_append_new(ci, fc_json_number(f->diff_lo));
    json_array_append_new(ci, fc_json_number(f->diff_hi));
    json_object_set_new(o, "diff_mae_ci95", ci);
    json_object_set_new(o, "insample_mae", fc_json_number(f->insample_mae));
    json_object_set_new(o, "insample_best", json_string(f->insample_best));
    json_object_set_new(o, "chosen_most", json_string(f->chosen_most));
    json_object_set_new(o, "chosen_most_folds", json_integer((json_int_t)f->chosen_most_folds));
    return o;
}

fc_status fc_backtest_cv_report_json(const fc_backtest_cv_result *r, char **out, fc_error *err)
{
    json_t *root = json_object();
    json_object_set_new(root, "file", json_string(r->set->origin));
    json_object_set_new(root, "capabilities", json_string(fc_deu_capabilities_name(r->set->capabilities)));
    json_object_set_new(root, "baseline", json_string(r->baseline));
    json_object_set_new(root, "baseline_mae", fc_json_number(r->baseline_mae));
    json_object_set_new(root, "issues", json_integer((json_int_t)r->n_common));
    json_object_set_new(root, "folds", json_integer((json_int_t)r->n_folds));
    json_object_set_new(root, "bootstrap", json_integer((json_int_t)r->n_boot));
    json_object_set_new(root, "seed", json_integer((json_int_t)r->seed));
    json_t *fams = json_array();
    for (size_t f = 0; f < r->n_families; f++) {
        json_t *j = family_json(&r->families[f]);
        if (r->nested.forecast)
            json_object_set_new(j, "outer_folds_chosen", json_integer((json_int_t)r->family_folds[f]));
        json_array_append_new(fams, j);
    }
    json_object_set_new(root, "families", fams);
    json_object_set_new(root, "nested", r->nested.forecast ? family_json(&r->nested) : json_null());
    return fc_json_to_text(root, out, err);
}
