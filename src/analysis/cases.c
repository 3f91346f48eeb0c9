/* The track record (fulcrum/cases.h): every case file of a folder through the dilemma on every
 * issue, scored against its outcome block. The dilemma decides everything; this file only
 * reads off what it ranks first and whom the crisis models expect to push back, and lines
 * that up with what the file records. */
#include "fulcrum/cases.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fulcrum/dilemma.h"
#include "fulcrum/io.h"
#include "fulcrum/scenario.h"
#include "fulcrum/util.h"
#include "util/strutil.h"

void fc_cases_options_init(fc_cases_options *o)
{
    memset(o, 0, sizeof *o);
    o->seed = 1;
}

/* A copy of s, "" for NULL (the fields a case may leave out). */
static char *dup_or_empty(const char *s)
{
    return fc_strdup_or_null(s ? s : "");
}

static void case_free(fc_case *c)
{
    free(c->path);
    free(c->title);
    free(c->decider);
    free(c->date);
    free(c->choice_made);
    for (size_t i = 0; i < c->n_choices; i++) {
        free(c->choices ? c->choices[i] : NULL);
        free(c->choice_labels ? c->choice_labels[i] : NULL);
    }
    free(c->choices);
    free(c->choice_labels);
    free(c->models);
    free(c->calls);
}

void fc_case_set_free(fc_case_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_cases; i++)
        case_free(&s->cases[i]);
    free(s->cases);
    free(s->tally);
    free(s->dir);
    free(s);
}

static int is_case_file(const char *name)
{
    const char *dot = strrchr(name, '.');
    return name[0] != '.' && dot &&
           (strcmp(dot, ".yaml") == 0 || strcmp(dot, ".yml") == 0 || strcmp(dot, ".json") == 0);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static fc_status push_name(char ***names, size_t *n, size_t *cap, const char *dir, const char *file,
                           fc_error *err)
{
    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        char **g = realloc(*names, *cap * sizeof *g);
        if (!g)
            return fc_error_nomem(err);
        *names = g;
    }
    size_t len = (dir ? strlen(dir) + 1 : 0) + strlen(file) + 1;
    char *p = malloc(len);
    if (!p)
        return fc_error_nomem(err);
    if (dir)
        snprintf(p, len, "%s/%s", dir, file);
    else
        snprintf(p, len, "%s", file);
    (*names)[(*n)++] = p;
    return FC_OK;
}

/* The case files of a folder, sorted by name, appended to names. */
static fc_status list_folder(const char *dir, char ***names, size_t *n, size_t *cap, fc_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return fc_error_set(err, FC_EIO, dir, 0, 0, "cases", "cannot read the folder of cases");
    size_t first = *n;
    fc_status st = FC_OK;
    for (struct dirent *e; !st && (e = readdir(d)) != NULL;)
        if (is_case_file(e->d_name))
            st = push_name(names, n, cap, dir, e->d_name, err);
    closedir(d);
    if (!st && *n == first)
        st = fc_error_set(err, FC_EINPUT, dir, 0, 0, "cases", "no case files (.yaml, .yml, .json) in the folder");
    if (!st)
        qsort(*names + first, *n - first, sizeof **names, by_name);
    return st;
}

/* Every path is a case file or a folder of them; the caller frees each name and the array. */
static fc_status list_cases(const char *const *paths, size_t n_paths, char ***out, size_t *n, fc_error *err)
{
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    fc_status st = n_paths ? FC_OK : fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "cases", "no case file or folder given");
    for (size_t i = 0; i < n_paths && !st; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) == 0 && S_ISREG(sb.st_mode))
            st = push_name(out, n, &cap, NULL, paths[i], err);
        else
            st = list_folder(paths[i], out, n, &cap, err);
    }
    if (st) {
        for (size_t i = 0; i < *n; i++)
            free((*out)[i]);
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return st;
}

/* The choices as the dilemma numbers them, and which one the outcome names. */
static fc_status read_choices(fc_case *c, const fc_dilemma *d, const fc_scenario *sc, fc_error *err)
{
    c->n_choices = d->n_choices;
    c->choices = calloc(d->n_choices, sizeof *c->choices);
    c->choice_labels = calloc(d->n_choices, sizeof *c->choice_labels);
    if (!c->choices || !c->choice_labels)
        return fc_error_nomem(err);
    c->made = -1;
    for (size_t k = 0; k < d->n_choices; k++) {
        if (!(c->choices[k] = dup_or_empty(d->choices[k].id)) ||
            !(c->choice_labels[k] = dup_or_empty(d->choices[k].label)))
            return fc_error_nomem(err);
        if (strcmp(d->choices[k].id, sc->outcome.choice) == 0)
            c->made = (long)k;
    }
    if (c->made < 0)
        return fc_error_set(err, FC_EINPUT, c->path, sc->outcome.line, 0, "outcome.choice",
                            "'%s' is not one of the case's choices (or status-quo)", sc->outcome.choice);
    return FC_OK;
}

/* Under the choice made: who the crisis models expect to push back, and who did. */
static fc_status read_backlash(fc_case *c, const fc_dilemma *d, const fc_scenario *sc, fc_error *err)
{
    const fc_crisis_backlash *b = d->crisis ? d->crisis[c->made] : NULL;
    c->calls = calloc(sc->n_actors ? sc->n_actors : 1, sizeof *c->calls);
    if (!c->calls)
        return fc_error_nomem(err);
    for (size_t k = 0; k < sc->n_actors; k++) {
        if (sc->decider && strcmp(sc->actors[k].id, sc->decider) == 0)
            continue;
        c->n_others++;
        fc_case_call call = {0};
        for (size_t i = 0; b && i < b->n_pairs; i++) {
            const fc_crisis_pair *p = &b->pairs[i];
            if (p->challenger != k)
                continue;
            call.predicted = p->outcome != FC_IIG_SQ;
            call.challenges = p->challenges;
            call.eu_challenge = p->eu_challenge;
            snprintf(call.outcome, sizeof call.outcome, "%s", fc_iig_outcome_id(p->outcome));
        }
        for (size_t r = 0; r < sc->outcome.n_backlash; r++)
            if (strcmp(sc->outcome.backlash[r].by, sc->actors[k].id) == 0)
                call.recorded = 1;
        c->n_challenging += (size_t)call.challenges;
        c->n_both_challenging += (size_t)(call.challenges && call.recorded);
        if (!call.predicted && !call.recorded)
            continue;
        snprintf(call.actor, sizeof call.actor, "%s", sc->actors[k].id);
        snprintf(call.name, sizeof call.name, "%s", sc->actors[k].name ? sc->actors[k].name : sc->actors[k].id);
        c->n_predicted += (size_t)call.predicted;
        c->n_recorded += (size_t)call.recorded;
        c->n_both += (size_t)(call.predicted && call.recorded);
        c->calls[c->n_calls++] = call;
    }
    return FC_OK;
}

static fc_status run_case(fc_case *c, const fc_cases_options *o, fc_error *err)
{
    fc_scenario *sc = NULL;
    fc_status st = fc_scenario_load(c->path, NULL, &sc, err);
    if (st)
        return st;
    if (!sc->decider || sc->n_choices == 0 || !sc->outcome.present || !sc->outcome.choice) {
        st = fc_error_set(err, FC_EINPUT, c->path, 0, 0, !sc->decider || !sc->n_choices ? "choices" : "outcome",
                          "a case needs a decider, its choices and an outcome block naming the choice made");
        fc_scenario_free(sc);
        return st;
    }
    if (!(c->title = dup_or_empty(sc->title)) || !(c->decider = dup_or_empty(sc->decider)) ||
        !(c->date = dup_or_empty(sc->outcome.date)) || !(c->choice_made = dup_or_empty(sc->outcome.choice))) {
        fc_scenario_free(sc);
        return fc_error_nomem(err);
    }
    fc_dilemma_options dopt;
    fc_dilemma_options_init(&dopt);
    dopt.model = o->model;
    dopt.preset = o->preset;
    dopt.either_or_runs = o->either_or_runs;
    dopt.either_or_seed = o->seed;
    fc_dilemma_issues *di = NULL;
    if ((st = fc_dilemma_compute_issues(sc, &dopt, &di, err)))
        goto done;
    const fc_dilemma *first = di->issues[0];
    c->n_issues = di->n_issues;
    if ((st = read_choices(c, first, sc, err)) || (st = read_backlash(c, first, sc, err)))
        goto done;
    c->models = calloc(di->n_totals ? di->n_totals : 1, sizeof *c->models);
    if (!c->models) {
        st = fc_error_nomem(err);
        goto done;
    }
    for (size_t t = 0; t < di->n_totals; t++) {
        const fc_dilemma_total *tot = &di->totals[t];
        fc_case_model *m = &c->models[c->n_models++];
        snprintf(m->name, sizeof m->name, "%s", tot->name);
        snprintf(m->preset, sizeof m->preset, "%s", tot->preset);
        m->first = tot->best;
        m->margin = tot->margin;
        m->stable = tot->stable[tot->best];
        m->tie = !(tot->margin > 0);
        m->hit = !m->tie && (long)tot->best == c->made;
        c->n_hits += (size_t)m->hit;
    }
    if (first->either.runs) {
        c->either_runs = first->either.runs;
        c->either_a = first->either.a;
        c->either_b = first->either.b;
        c->either_p = first->either.p;
        c->either_low = first->either.low;
        c->either_high = first->either.high;
    }
done:
    fc_dilemma_issues_free(di);
    fc_scenario_free(sc);
    return st;
}

/* The paths as one line for the report: "a, b". */
static char *join_paths(const char *const *paths, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(paths[i]) + 2;
    char *d = malloc(len);
    if (!d)
        return NULL;
    d[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(d, ", ");
        strcat(d, paths[i]);
    }
    return d;
}

static fc_status tally_case(fc_case_set *s, const fc_case *c, fc_error *err)
{
    for (size_t m = 0; m < c->n_models; m++) {
        const fc_case_model *cm = &c->models[m];
        size_t t = 0;
        while (t < s->n_tally && (strcmp(s->tally[t].name, cm->name) || strcmp(s->tally[t].preset, cm->preset)))
            t++;
        if (t == s->n_tally) {
            fc_case_tally *g = realloc(s->tally, (s->n_tally + 1) * sizeof *g);
            if (!g)
                return fc_error_nomem(err);
            s->tally = g;
            memset(&g[t], 0, sizeof g[t]);
            snprintf(g[t].name, sizeof g[t].name, "%s", cm->name);
            snprintf(g[t].preset, sizeof g[t].preset, "%s", cm->preset);
            s->n_tally++;
        }
        s->tally[t].n++;
        s->tally[t].hits += (size_t)cm->hit;
        s->tally[t].ties += (size_t)cm->tie;
    }
    s->n_others += c->n_others;
    s->n_predicted += c->n_predicted;
    s->n_recorded += c->n_recorded;
    s->n_both += c->n_both;
    s->n_challenging += c->n_challenging;
    s->n_both_challenging += c->n_both_challenging;
    return FC_OK;
}

fc_status fc_cases_run(const char *const *paths, size_t n_paths, const fc_cases_options *opts, fc_case_set **out,
                       fc_error *err)
{
    *out = NULL;
    fc_cases_options o;
    if (opts)
        o = *opts;
    else
        fc_cases_options_init(&o);
    char **files = NULL;
    size_t n = 0;
    fc_status st = list_cases(paths, n_paths, &files, &n, err);
    if (st)
        return st;
    fc_case_set *s = calloc(1, sizeof *s);
    if (!s || !(s->cases = calloc(n, sizeof *s->cases)) || !(s->dir = join_paths(paths, n_paths))) {
        fc_case_set_free(s);
        s = NULL;
        st = fc_error_nomem(err);
    }
    for (size_t i = 0; i < n && !st; i++) {
        fc_case *c = &s->cases[s->n_cases++];
        c->path = files[i];
        files[i] = NULL;
        if (!(st = run_case(c, &o, err)))
            st = tally_case(s, c, err);
    }
    for (size_t i = 0; i < n; i++)
        free(files[i]);
    free(files);
    if (st) {
        fc_case_set_free(s);
        return st;
    }
    *out = s;
    return FC_OK;
}
