/* Model disagreement explained from the numbers: for each model run of a dilemma, whose position
 * its forecast sits on under the choice it puts first and under the runner-up, and the model's
 * backtest record, read from the table the library ships (docs/backtest-record.tsv, compiled in
 * by cmake/embed.cmake), so that a recorded figure is never typed into the code. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/dilemma_internal.h"
#include "fulcrum/util.h"

extern const char fc_backtest_record_text_[];
extern const size_t fc_backtest_record_text_len_;

/* The actor whose stated position lies nearest x (the first in actor order on a tie). */
static size_t nearest(const fc_problem *p, double x, double *gap)
{
    size_t best = 0;
    double g = INFINITY;
    for (size_t i = 0; i < p->n_actors; i++) {
        double d = fabs(p->position[i * p->n_dims] - x);
        if (d < g) {
            g = d;
            best = i;
        }
    }
    *gap = g;
    return best;
}

/* Field k (0-based) of a tab-separated line [s, e), copied into out. */
static void field(const char *s, const char *e, size_t k, char *out, size_t size)
{
    for (size_t i = 0; i < k && s < e; i++) {
        const char *t = memchr(s, '\t', (size_t)(e - s));
        s = t ? t + 1 : e;
    }
    const char *t = memchr(s, '\t', (size_t)(e - s));
    size_t len = (size_t)((t ? t : e) - s);
    if (len >= size)
        len = size - 1;
    memcpy(out, s, len);
    out[len] = '\0';
}

static double number(const char *s)
{
    double v;
    return s[0] && fc_number_parse(s, &v) == FC_NUMBER_OK ? v : NAN;
}

/* Looks the model and preset up in the shipped table; fills the source line once. */
static void find_record(fc_dilemma *d, const char *name, const char *preset, fc_dilemma_record *r)
{
    memset(r, 0, sizeof *r);
    r->mae = r->rmse = r->diff = r->diff_low = r->diff_high = NAN;
    const char *s = fc_backtest_record_text_, *end = s + fc_backtest_record_text_len_;
    int header = 1;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *e = nl ? nl : end;
        char a[64], b[64];
        if (e > s && s[0] == '#') {
            static const char key[] = "# source\t";
            if ((size_t)(e - s) > sizeof key - 1 && memcmp(s, key, sizeof key - 1) == 0 && !d->record_source[0]) {
                size_t len = (size_t)(e - s) - (sizeof key - 1);
                if (len >= sizeof d->record_source)
                    len = sizeof d->record_source - 1;
                memcpy(d->record_source, s + sizeof key - 1, len);
                d->record_source[len] = '\0';
            }
        } else if (e > s && header) {
            header = 0; /* the column names */
        } else if (e > s) {
            field(s, e, 0, a, sizeof a);
            field(s, e, 1, b, sizeof b);
            if (strcmp(a, name) == 0 && strcmp(b, preset) == 0) {
                char v[64];
                r->found = 1;
                field(s, e, 2, v, sizeof v);
                r->n = (size_t)number(v);
                field(s, e, 3, v, sizeof v);
                r->mae = number(v);
                field(s, e, 4, v, sizeof v);
                r->rmse = number(v);
                field(s, e, 5, v, sizeof v);
                r->diff = number(v);
                field(s, e, 6, v, sizeof v);
                r->diff_low = number(v);
                field(s, e, 7, v, sizeof v);
                r->diff_high = number(v);
            }
        }
        s = nl ? nl + 1 : end;
    }
}

void dilemma_explain(fc_dilemma *d)
{
    d->record_source[0] = '\0';
    for (size_t m = 0; m < d->n_models; m++) {
        fc_dilemma_model *dm = &d->models[m];
        dm->near_best = nearest(&d->problem, fc_dilemma_cell_at(d, m, dm->best)->outcome, &dm->near_best_gap);
        dm->near_runner_up =
            nearest(&d->problem, fc_dilemma_cell_at(d, m, dm->runner_up)->outcome, &dm->near_runner_up_gap);
        find_record(d, dm->name, dm->preset, &dm->record);
    }
}
