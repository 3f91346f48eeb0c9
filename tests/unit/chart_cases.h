/* Test cases for the chart and HTML tests: the built-in scenario and every EUM input table
 * in shared/data/eum/inputs (saliences on 0-1, or 0-100 for the *_100.csv tables), each
 * forecast by every model the way `fulcrum forecast` does; and, for the dilemma and sweep
 * charts, figures made from the case by running the compromise model on varied inputs. */
#ifndef TEST_CHART_CASES_H
#define TEST_CHART_CASES_H

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/fulcrum.h"

#define MAX_CASES 32

typedef struct chart_case {
    char name[256];
    fc_scenario *sc;
    fc_problem p;
    fc_forecast *f[16];
    size_t nf;
    fc_forecast_set set;
} chart_case;

static int case_fail(const char *what, const fc_error *err)
{
    char msg[1024];
    fc_error_format(err, msg, sizeof msg);
    fprintf(stderr, "%s: %s\n", what, msg);
    return -1;
}

static int case_forecast(chart_case *c)
{
    fc_error err;
    fc_error_clear(&err);
    if (fc_problem_from_scenario(&c->p, c->sc, NULL, 0, &err))
        return case_fail(c->name, &err);
    size_t count;
    const fc_model *const *models = fc_models(&count);
    for (size_t i = 0; i < count; i++) {
        const fc_model *m = models[i];
        if (strcmp(m->name, "status-quo") == 0 && isnan(c->p.status_quo[0]))
            continue;
        if (m->max_dims != 0 && m->max_dims < c->p.n_dims)
            continue;
        const char *const *pr = m->presets;
        do {
            if (c->nf == sizeof c->f / sizeof c->f[0])
                break;
            if (fc_model_run(m, &c->p, pr ? *pr : NULL, NULL, 0, &c->f[c->nf], &err))
                return case_fail(c->name, &err);
            c->nf++;
        } while (pr && *++pr);
    }
    c->set.scenario = c->sc;
    c->set.problem = &c->p;
    c->set.forecasts = (const fc_forecast *const *)c->f;
    c->set.n_forecasts = c->nf;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads every case; returns how many (at most MAX_CASES), or -1 on failure. */
static int cases_load(chart_case *cases)
{
    fc_error err;
    fc_error_clear(&err);
    int n = 0;
    snprintf(cases[n].name, sizeof cases[n].name, "built-in");
    if (fc_scenario_load(FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014-alignment.yaml", NULL, &cases[n].sc, &err))
        return case_fail("built-in", &err);
    if (case_forecast(&cases[n++]))
        return -1;
    const char *dir = FULCRUM_SHARED_DIR "/data/eum/inputs";
    DIR *dp = opendir(dir);
    if (!dp) {
        fprintf(stderr, "cannot open %s\n", dir);
        return -1;
    }
    char *names[MAX_CASES];
    size_t nn = 0;
    struct dirent *de;
    while ((de = readdir(dp)) && nn < MAX_CASES - 1) {
        size_t len = strlen(de->d_name);
        if (len > 4 && strcmp(de->d_name + len - 4, ".csv") == 0)
            names[nn++] = strdup(de->d_name);
    }
    closedir(dp);
    qsort(names, nn, sizeof *names, cmp_str);
    int rc = 0;
    for (size_t k = 0; k < nn; k++) {
        if (rc == 0) {
            chart_case *c = &cases[n];
            snprintf(c->name, sizeof c->name, "%s/%s", dir, names[k]);
            fc_load_options o;
            fc_load_options_init(&o);
            size_t len = strlen(names[k]);
            o.csv_salience_scale = len > 8 && strcmp(names[k] + len - 8, "_100.csv") == 0 ? 100 : 1;
            if (fc_scenario_load(c->name, &o, &c->sc, &err))
                rc = case_fail(c->name, &err);
            else if (case_forecast(c))
                rc = -1;
            n++;
        }
        free(names[k]);
    }
    return rc ? -1 : n;
}

static void cases_free(chart_case *cases, int n)
{
    for (int k = 0; k < n; k++) {
        for (size_t m = 0; m < cases[k].nf; m++)
            fc_forecast_free(cases[k].f[m]);
        fc_problem_free(&cases[k].p);
        fc_scenario_free(cases[k].sc);
    }
}

/* The compromise model's forecast with actor `who` moved to `pos` (NaN: unchanged). */
static double compromise_with(const fc_problem *p, size_t who, double pos)
{
    fc_problem q;
    fc_error err;
    fc_forecast *f = NULL;
    double out = NAN;
    if (fc_problem_copy(&q, p, &err))
        return NAN;
    if (!isnan(pos))
        q.position[who * q.n_dims] = pos;
    if (fc_model_run(&fc_model_compromise, &q, NULL, NULL, 0, &f, &err) == FC_OK) {
        out = f->outcome[0];
        fc_forecast_free(f);
    }
    fc_problem_free(&q);
    return out;
}

/* Dilemma figures for the chart: the decider (the heaviest actor) at its own position, at
 * the scale's low end and at its high end; the outcome by the compromise model; pressure of
 * each other actor = its weight times its distance from the choice (a stand-in for the
 * dilemma module's figure, enough to exercise the drawing). */
typedef struct dilemma_data {
    const char *choices[3];
    double cpos[3], outcome[3], instability[3], utility[3];
    char names[64][64];
    const char *actors[64];
    double pressure[3 * 64];
    fc_chart_dilemma d;
} dilemma_data;

static void make_dilemma(const fc_problem *p, dilemma_data *dd)
{
    size_t dec = 0;
    for (size_t i = 1; i < p->n_actors; i++)
        if (p->capability[i] * p->salience[i] > p->capability[dec] * p->salience[dec])
            dec = i;
    double own = p->position[dec];
    dd->choices[0] = "status quo";
    dd->choices[1] = "Move to the low end";
    dd->choices[2] = "Move to the high end";
    dd->cpos[0] = own;
    dd->cpos[1] = p->scale_min[0];
    dd->cpos[2] = p->scale_max[0];
    size_t na = 0;
    for (size_t i = 0; i < p->n_actors && na < 64; i++) {
        if (i == dec)
            continue;
        snprintf(dd->names[na], sizeof dd->names[na], "%s", p->actor_names[i]);
        dd->actors[na] = dd->names[na];
        for (int k = 0; k < 3; k++)
            dd->pressure[k * 64 + na] = p->capability[i] * p->salience[i] * fabs(p->position[i] - dd->cpos[k]);
        na++;
    }
    /* the chart reads pressure[k * n_actors + i]: pack the rows */
    for (int k = 1; k < 3; k++)
        memmove(&dd->pressure[k * na], &dd->pressure[k * 64], na * sizeof(double));
    for (int k = 0; k < 3; k++) {
        dd->outcome[k] = compromise_with(p, dec, dd->cpos[k]);
        dd->utility[k] = -fabs(dd->outcome[k] - own) / (p->scale_max[0] - p->scale_min[0]);
        double s = 0;
        for (size_t i = 0; i < p->n_actors; i++)
            s += p->capability[i] * p->salience[i] * fabs(p->position[i] - dd->outcome[k]);
        dd->instability[k] = s;
    }
    dd->d = (fc_chart_dilemma){.title = "What each choice does", .decider = p->actor_names[dec], .n_choices = 3,
                               .choices = dd->choices, .choice_position = dd->cpos, .outcome = dd->outcome,
                               .instability = dd->instability, .utility = dd->utility, .n_actors = na,
                               .actors = dd->actors, .pressure = dd->pressure};
}

/* Sweep figures: the compromise forecast with every position jittered (a fixed linear
 * congruential sequence), and a tornado of each actor's position at the scale's ends. */
typedef struct sweep_data {
    double samples[400];
    char names[64][64];
    const char *params[64];
    double low[64], high[64];
    fc_chart_sweep s;
} sweep_data;

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void make_sweep(const fc_problem *p, sweep_data *sd)
{
    unsigned long long state = 12345;
    double range = p->scale_max[0] - p->scale_min[0];
    for (int r = 0; r < 400; r++) {
        fc_problem q;
        fc_error err;
        fc_forecast *f = NULL;
        sd->samples[r] = NAN;
        if (fc_problem_copy(&q, p, &err))
            continue;
        for (size_t i = 0; i < q.n_actors; i++) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            double u = (double)(state >> 11) / 9007199254740992.0;
            double x = q.position[i] + (u - 0.5) * 0.2 * range;
            q.position[i] = x < q.scale_min[0] ? q.scale_min[0] : x > q.scale_max[0] ? q.scale_max[0] : x;
        }
        if (fc_model_run(&fc_model_compromise, &q, NULL, NULL, 0, &f, &err) == FC_OK) {
            sd->samples[r] = f->outcome[0];
            fc_forecast_free(f);
        }
        fc_problem_free(&q);
    }
    double sorted[400];
    memcpy(sorted, sd->samples, sizeof sorted);
    qsort(sorted, 400, sizeof *sorted, cmp_d);
    size_t np = 0;
    for (size_t i = 0; i < p->n_actors && np < 64; i++, np++) {
        snprintf(sd->names[np], sizeof sd->names[np], "position of %s", p->actor_names[i]);
        sd->params[np] = sd->names[np];
        sd->low[np] = compromise_with(p, i, p->scale_min[0]);
        sd->high[np] = compromise_with(p, i, p->scale_max[0]);
    }
    sd->s = (fc_chart_sweep){.title = "How sure is the forecast?", .n_samples = 400, .samples = sd->samples,
                             .interval_low = sorted[20], .interval_high = sorted[379], .interval_level = 0.9,
                             .center = (sorted[199] + sorted[200]) / 2, .n_params = np, .params = sd->params,
                             .low = sd->low, .high = sd->high, .base = compromise_with(p, 0, NAN)};
}

#endif
