/* The Monte Carlo sweep: prepares the inputs and the per-run storage, runs the blocks of runs
 * on OpenMP threads (a run's numbers come from its own counter-based stream, and its results
 * go to its own slots, so the thread count cannot change them), saves checkpoints between
 * finished blocks, and hands the per-run results to the summaries and the sensitivity. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "analysis/run_internal.h"
#include "analysis/sweep_internal.h"
#include "fulcrum/io.h"
#include "fulcrum/run.h"
#include "fulcrum/util.h"

#define MAX_RUNS ((size_t)1000000000)

double sweep_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void fc_sweep_options_init(fc_sweep_options *o)
{
    memset(o, 0, sizeof *o);
    o->runs = 1000;
    o->seed = 1;
    o->sensitivity = 1;
    o->histogram_bins = 20;
    o->max_events = 20;
    o->checkpoint_interval = 2.0;
    o->n_ranks = 1;
    o->backlash = 1;
    o->backlash_weight = NAN;
    fc_crisis_options_init(&o->crisis);
}

fc_status fc_sweep_parse_jitter(const char *text, fc_default_uncertainty *u, fc_error *err)
{
    const char *s = text;
    while (*s) {
        const char *end = strchr(s, ',');
        size_t len = end ? (size_t)(end - s) : strlen(s);
        char item[128];
        if (len == 0 || len >= sizeof item)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "jitter",
                                "expected NAME=SPREAD items separated by commas, found '%s'", text);
        memcpy(item, s, len);
        item[len] = '\0';
        char *eq = strchr(item, '=');
        if (!eq)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "jitter", "'%s' is not NAME=SPREAD", item);
        *eq = '\0';
        const char *v = eq + 1;
        size_t vlen = strlen(v);
        int relative = vlen > 0 && v[vlen - 1] == '%';
        char num[64];
        if (vlen == 0 || vlen >= sizeof num)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "jitter", "'%s' needs a spread", item);
        memcpy(num, v, vlen - (size_t)relative);
        num[vlen - (size_t)relative] = '\0';
        char *e;
        double x = strtod(num, &e);
        if (e == num || *e || !isfinite(x) || x < 0)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "jitter",
                                "the spread of '%s' must be a number >= 0 or a percentage, found '%s'", item, v);
        if (relative)
            x /= 100.0;
        if (strcmp(item, "position") == 0) {
            u->position_sd = x;
            u->position_relative = relative;
        } else if (strcmp(item, "salience") == 0) {
            u->salience_sd = x;
            u->salience_relative = relative;
        } else if (strcmp(item, "capability") == 0) {
            u->capability_sd = x;
            u->capability_relative = relative;
        } else {
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "jitter",
                                "unknown input '%s' (known: position, salience, capability)", item);
        }
        s += len;
        if (*s == ',')
            s++;
    }
    return FC_OK;
}

static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
    return fnv(h, s ? s : "(null)", strlen(s ? s : "(null)") + 1);
}

/* Everything that decides a run's numbers: a checkpoint is reused only when this matches. */
static fc_status fingerprint(sweep_ctx *c, fc_error *err)
{
    char *text = NULL;
    fc_status st = fc_scenario_to_json(c->sc, &text, err);
    if (st)
        return st;
    uint64_t h = 0xcbf29ce484222325ull;
    h = fnv_str(h, "fulcrum-sweep-2"); /* 2: four figures per choice */
    h = fnv_str(h, text);
    free(text);
    h = fnv_str(h, c->model->name);
    h = fnv_str(h, c->r->preset);
    for (size_t i = 0; i < c->o.n_settings; i++)
        h = fnv_str(h, c->o.settings[i]);
    h = fnv_str(h, c->o.issue);
    char buf[256];
    const fc_default_uncertainty *u = &c->r->jitter;
    snprintf(buf, sizeof buf, "%zu %llu %.17g %d %.17g %d %.17g %d %d %d %d %d %zu",
             c->o.runs, (unsigned long long)c->o.seed, u->position_sd, u->position_relative,
             u->salience_sd, u->salience_relative, u->capability_sd, u->capability_relative,
             c->o.choices, c->o.commit, c->o.rank, c->o.n_ranks, c->block_size);
    h = fnv_str(h, buf);
    c->fingerprint = h;
    return FC_OK;
}

static char **copy_strings(char *const *src, size_t n)
{
    char **d = calloc(n ? n : 1, sizeof *d);
    if (!d)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(src[i]) + 1;
        d[i] = malloc(len);
        if (!d[i]) {
            for (size_t k = 0; k < i; k++)
                free(d[k]);
            free(d);
            return NULL;
        }
        memcpy(d[i], src[i], len);
    }
    return d;
}

static fc_status model_options(sweep_ctx *c, fc_error *err)
{
    const fc_model *m = c->model;
    const char *preset = c->o.preset && c->o.preset[0] ? c->o.preset : NULL;
    /* The preset rule every analysis shares (one model: it must have the preset). */
    fc_status st = run_check_preset(m, preset, err);
    if (st)
        return st;
    if (m->options_size == 0) {
        /* rounds is a setting of the round-based models; the others have no rounds to set. */
        for (size_t i = 0; i < c->o.n_settings; i++)
            if (strncmp(c->o.settings[i], "rounds=", 7) != 0)
                return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "settings", "model '%s' has no options", m->name);
        return FC_OK;
    }
    c->opts = calloc(1, m->options_size);
    if (!c->opts)
        return fc_error_nomem(err);
    st = m->options_init(c->opts, preset, err);
    for (size_t i = 0; !st && i < c->o.n_settings; i++) {
        const char *s = c->o.settings[i];
        const char *eq = strchr(s, '=');
        if (!eq)
            return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "settings", "'%s' is not of the form NAME=VALUE", s);
        char key[64];
        size_t klen = (size_t)(eq - s);
        if (klen >= sizeof key)
            klen = sizeof key - 1;
        memcpy(key, s, klen);
        key[klen] = '\0';
        st = m->options_set(c->opts, key, eq + 1, err);
    }
    return st;
}

static fc_status prepare_choices(sweep_ctx *c, fc_error *err)
{
    const fc_scenario *sc = c->sc;
    fc_sweep_result *r = c->r;
    size_t nd = r->n_dims;
    if (!sc->decider || sc->n_choices == 0)
        /* Bad input (exit 3), as in the dilemma: the file lacks what --choices compares. */
        return fc_error_set(err, FC_EINPUT, sc->origin, 0, 0, "choices",
                            "the scenario has no choices to compare: add a 'decider:' actor id and a "
                            "'choices:' list (each with an id, a label and positions per issue)");
    long dk = -1;
    for (size_t k = 0; k < r->n_actors; k++)
        if (strcmp(r->actor_ids[k], sc->decider) == 0)
            dk = (long)k;
    if (dk < 0)
        return fc_error_set(err, FC_EINPUT, sc->origin, 0, 0, "decider",
                            "the deciding actor '%s' takes no stance on the issue swept", sc->decider);
    r->decider = (size_t)dk;
    r->commit = c->o.commit;
    r->n_choices = 1 + sc->n_choices;
    r->choices = calloc(r->n_choices, sizeof *r->choices);
    c->choice_pos = malloc(r->n_choices * nd * sizeof *c->choice_pos);
    if (!r->choices || !c->choice_pos)
        return fc_error_nomem(err);
    for (size_t k = 0; k < r->n_choices * nd; k++)
        c->choice_pos[k] = NAN;
    fc_status st = sweep_backlash_prepare(c, err);
    if (st)
        return st;
    snprintf(r->choices[0].id, sizeof r->choices[0].id, "status-quo");
    snprintf(r->choices[0].label, sizeof r->choices[0].label, "Current policy");
    for (size_t ch = 1; ch < r->n_choices; ch++) {
        const fc_choice *ci = &sc->choices[ch - 1];
        snprintf(r->choices[ch].id, sizeof r->choices[ch].id, "%s", ci->id);
        snprintf(r->choices[ch].label, sizeof r->choices[ch].label, "%s", ci->label ? ci->label : ci->id);
        for (size_t k = 0; k < ci->n_positions; k++)
            for (size_t d = 0; d < nd; d++)
                if (strcmp(ci->positions[k].issue, r->dim_ids[d]) == 0)
                    c->choice_pos[ch * nd + d] = ci->positions[k].position;
    }
    return FC_OK;
}

fc_status sweep_prepare(const fc_scenario *sc, const fc_sweep_options *o, sweep_ctx *c, fc_error *err)
{
    memset(c, 0, sizeof *c);
    c->sc = sc;
    c->o = *o;
    c->model = o->model;
    if (!o->model)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "model", "no model given");
    if (o->runs < 1 || o->runs > MAX_RUNS)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "runs", "the number of runs must be 1 to %zu", MAX_RUNS);
    if (o->n_ranks < 1 || o->rank < 0 || o->rank >= o->n_ranks)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, NULL, "rank %d of %d is not a rank", o->rank, o->n_ranks);
    if (c->o.histogram_bins <= 0)
        c->o.histogram_bins = 20;
    if (c->o.max_events == 0)
        c->o.max_events = 20;
    if (!(c->o.checkpoint_interval > 0))
        c->o.checkpoint_interval = 2.0;
    fc_status st = model_options(c, err);
    if (st)
        return st;
    const fc_model *m = c->model;
    /* Choices on a scenario of several issues: every issue, as the dilemma runs them; a
     * one-issue model forecasts each on its own. */
    c->per_issue = sweep_issues_wanted(m, o, sc);
    int multi = c->per_issue || fc_run_takes_every_issue(m, 1, o->issue, sc);
    if ((st = fc_problem_from_scenario(&c->nominal, sc, o->issue, multi, err)))
        return st;
    if (!c->per_issue && m->max_dims && c->nominal.n_dims > m->max_dims)
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "issue",
                            "model '%s' works on %zu issue(s) at a time; name the issue to sweep", m->name,
                            m->max_dims);
    fc_sweep_result *r = c->r = calloc(1, sizeof *r);
    if (!r)
        return fc_error_nomem(err);
    const fc_problem *p = &c->nominal;
    snprintf(r->model, sizeof r->model, "%s", m->name);
    snprintf(r->preset, sizeof r->preset, "%s",
             o->preset && o->preset[0] ? o->preset : m->presets ? m->presets[0] : "");
    snprintf(r->title, sizeof r->title, "%s", sc->title ? sc->title : "");
    r->runs = o->runs;
    r->seed = o->seed;
    r->n_actors = p->n_actors;
    r->n_dims = p->n_dims;
    r->jitter = o->jitter ? *o->jitter : sc->default_uncertainty;
    r->salience_max = sc->salience_max;
    r->max_events = c->o.max_events;
    r->actor_ids = copy_strings(p->actor_ids, p->n_actors);
    r->actor_names = copy_strings(p->actor_names, p->n_actors);
    r->dim_ids = copy_strings(p->dim_ids, p->n_dims);
    r->scale_min = malloc(p->n_dims * sizeof *r->scale_min);
    r->scale_max = malloc(p->n_dims * sizeof *r->scale_max);
    r->nominal = malloc(p->n_dims * sizeof *r->nominal);
    r->r2 = malloc(p->n_dims * sizeof *r->r2);
    if (!r->actor_ids || !r->actor_names || !r->dim_ids || !r->scale_min || !r->scale_max || !r->nominal || !r->r2)
        return fc_error_nomem(err);
    for (size_t d = 0; d < p->n_dims; d++) {
        r->scale_min[d] = p->scale_min[d];
        r->scale_max[d] = p->scale_max[d];
        r->nominal[d] = r->r2[d] = NAN;
    }
    if ((st = sweep_inputs_build(c, err)))
        return st;
    for (size_t k = 0; sc->decider && k < r->n_actors; k++)
        if (strcmp(r->actor_ids[k], sc->decider) == 0) {
            r->has_decider = 1;
            r->decider = k;
        }
    if (o->choices && (st = prepare_choices(c, err)))
        return st;
    /* Blocks are the unit of work, progress and checkpoints; their size depends only on the
     * number of runs, and no result depends on it. */
    size_t bs = (o->runs + 511) / 512;
    c->block_size = bs < 16 ? 16 : bs > 4096 ? 4096 : bs;
    c->n_blocks = (o->runs + c->block_size - 1) / c->block_size;
    size_t n = o->runs, nd = p->n_dims, nc = r->n_choices;
    c->n_event_cells = p->n_actors * p->n_actors * SWEEP_EVENT_KINDS;
    r->run_outcome = malloc(n * nd * sizeof *r->run_outcome);
    c->run_failed = calloc(n, 1);
    c->block_done = calloc(c->n_blocks, 1);
    c->event_counts = calloc(c->n_event_cells ? c->n_event_cells : 1, sizeof *c->event_counts);
    if (!r->run_outcome || !c->run_failed || !c->block_done || !c->event_counts)
        return fc_error_nomem(err);
    for (size_t k = 0; k < n * nd; k++)
        r->run_outcome[k] = NAN;
    if (nc) {
        r->run_choice_outcome = malloc(n * nc * nd * sizeof *r->run_choice_outcome);
        r->run_choice_utility = malloc(n * nc * sizeof *r->run_choice_utility);
        r->run_choice_figures = malloc(n * nc * SWEEP_FIGURES * sizeof *r->run_choice_figures);
        if (!r->run_choice_outcome || !r->run_choice_utility || !r->run_choice_figures)
            return fc_error_nomem(err);
        for (size_t k = 0; k < n * nc * SWEEP_FIGURES; k++)
            r->run_choice_figures[k] = NAN;
        for (size_t k = 0; k < n * nc * nd; k++)
            r->run_choice_outcome[k] = NAN;
        for (size_t k = 0; k < n * nc; k++)
            r->run_choice_utility[k] = NAN;
    }
    return fingerprint(c, err);
}

/* The decider's utility of an outcome, as the dilemma module defines it (docs/dilemma.md):
 * u = - sum_d s_d |x_d - o_d| / (max_d - min_d), with the decider's own (sampled) position x
 * and salience s (0..1): 0 when the forecast is what it wants, -s a whole scale away. */
static double decider_utility(const sweep_ctx *c, const fc_problem *p, const double *ideal,
                              const double *outcome)
{
    size_t nd = p->n_dims, dk = c->r->decider;
    double u = 0;
    for (size_t d = 0; d < nd; d++) {
        double range = p->scale_max[d] - p->scale_min[d];
        u -= p->salience[dk * nd + d] * fabs(outcome[d] - ideal[d]) / (range > 0 ? range : 1.0);
    }
    return u;
}

static int fatal(fc_status st)
{
    return st == FC_ENOMEM || st == FC_EINTERNAL || st == FC_EIO;
}

/* One run: sample, forecast, then each choice. Returns a fatal status only; a model's
 * refusal of a sampled input marks the run failed. */
static fc_status run_one(sweep_ctx *c, sweep_engine *e, size_t run, unsigned char *flags, uint32_t *list,
                         uint64_t *acc, double *ideal, fc_error *err)
{
    fc_sweep_result *r = c->r;
    fc_problem *p = sweep_engine_problem(e);
    size_t nd = r->n_dims, nc = r->n_choices;
    sweep_inputs_apply(c, p, (int64_t)run, SIZE_MAX, 0);
    size_t n_list = 0;
    double *out = &r->run_outcome[run * nd];
    sweep_figures fig0;
    fc_status st = sweep_engine_eval(e, out, flags, list, &n_list, nc ? &fig0 : NULL, err);
    int failed = st != FC_OK;
    if (fatal(st))
        return st;
    if (!failed && nc) {
        size_t dk = r->decider;
        for (size_t d = 0; d < nd; d++)
            ideal[d] = p->position[dk * nd + d];
        for (size_t ch = 0; ch < nc && !failed; ch++) {
            double *co = &r->run_choice_outcome[(run * nc + ch) * nd];
            sweep_figures fig = fig0;
            if (ch == 0 && !c->o.commit) {
                memcpy(co, out, nd * sizeof *co);
            } else {
                for (size_t d = 0; d < nd; d++)
                    if (!isnan(c->choice_pos[ch * nd + d]))
                        p->position[dk * nd + d] = c->choice_pos[ch * nd + d];
                p->fixed[dk] = (unsigned char)(c->o.commit != 0);
                st = sweep_engine_eval(e, co, NULL, NULL, NULL, &fig, err);
                for (size_t d = 0; d < nd; d++)
                    p->position[dk * nd + d] = ideal[d];
                p->fixed[dk] = 0;
                if (fatal(st))
                    return st;
                failed = st != FC_OK;
            }
            r->run_choice_utility[run * nc + ch] = decider_utility(c, p, ideal, co);
            double *fs = &r->run_choice_figures[(run * nc + ch) * SWEEP_FIGURES];
            fs[0] = fig.pressure;
            fs[1] = fig.conflicts;
            fs[2] = fig.instability;
            fs[3] = fig.stable;
        }
    }
    for (size_t k = 0; k < n_list; k++) {
        if (!failed)
            acc[list[k]]++;
        flags[list[k]] = 0;
    }
    if (failed) {
        c->run_failed[run] = 1;
        for (size_t d = 0; d < nd; d++)
            out[d] = NAN;
        for (size_t k = 0; k < nc * SWEEP_FIGURES; k++)
            r->run_choice_figures[run * nc * SWEEP_FIGURES + k] = NAN;
        for (size_t k = 0; k < nc; k++) {
            r->run_choice_utility[run * nc + k] = NAN;
            for (size_t d = 0; d < nd; d++)
                r->run_choice_outcome[(run * nc + k) * nd + d] = NAN;
        }
    }
    return FC_OK;
}

int sweep_threads(const sweep_ctx *c)
{
    int threads = c->o.threads;
#ifdef _OPENMP
    if (threads <= 0)
        threads = omp_get_max_threads();
#endif
    return threads > 0 ? threads : 1;
}

static const char *checkpoint_path(const sweep_ctx *c, char *buf, size_t size)
{
    if (!c->o.checkpoint)
        return NULL;
    if (c->o.n_ranks <= 1)
        return c->o.checkpoint;
    snprintf(buf, size, "%s.rank%d-of-%d", c->o.checkpoint, c->o.rank, c->o.n_ranks);
    return buf;
}

typedef struct thread_slot {
    sweep_engine *engine;
    unsigned char *flags;
    uint32_t *list;
    uint64_t *acc;
    double *ideal;
    fc_status st;
    fc_error err;
} thread_slot;

fc_status sweep_compute(sweep_ctx *c, fc_error *err)
{
    fc_sweep_result *r = c->r;
    char pathbuf[1200];
    const char *ckpt = checkpoint_path(c, pathbuf, sizeof pathbuf);
    size_t resumed = 0;
    fc_status st;
    if (ckpt && (st = sweep_checkpoint_load(c, ckpt, &resumed, err)))
        return st;
    r->resumed_runs = resumed;
    int threads = sweep_threads(c);
    r->threads_used = threads;
    r->ranks_used = c->o.n_ranks;

    size_t *pending = malloc(c->n_blocks * sizeof *pending);
    thread_slot *slots = calloc((size_t)threads, sizeof *slots);
    if (!pending || !slots) {
        free(pending);
        free(slots);
        return fc_error_nomem(err);
    }
    size_t n_pending = 0, total = 0, done = 0;
    for (size_t b = 0; b < c->n_blocks; b++) {
        if ((int)(b % (size_t)c->o.n_ranks) != c->o.rank)
            continue;
        size_t lo = b * c->block_size, hi = lo + c->block_size > r->runs ? r->runs : lo + c->block_size;
        total += hi - lo;
        if (c->block_done[b])
            done += hi - lo;
        else
            pending[n_pending++] = b;
    }
    st = FC_OK;
    size_t cells = c->n_event_cells ? c->n_event_cells : 1;
    for (int t = 0; t < threads && !st; t++) {
        thread_slot *s = &slots[t];
        st = sweep_engine_new(c, &s->engine, err);
        s->flags = calloc(cells, 1);
        s->list = malloc(cells * sizeof *s->list);
        s->acc = calloc(cells, sizeof *s->acc);
        s->ideal = malloc((r->n_dims ? r->n_dims : 1) * sizeof *s->ideal);
        if (!st && (!s->flags || !s->list || !s->acc || !s->ideal))
            st = fc_error_nomem(err);
    }
    double t0 = sweep_now(), last_save = t0;
    size_t computed = 0;
    if (c->o.progress)
        c->o.progress(c->o.progress_ctx, done, total);
    /* One dynamic loop over the pending blocks, no barrier between them: a thread that
     * finishes a block adds its (integer) event counts, marks the block done, reports
     * progress and, when due, writes the checkpoint, all inside one critical section, so a
     * checkpoint always sees finished blocks with their counts and runs complete. */
    int stop = 0;
    if (st)
        stop = 1;
#pragma omp parallel for num_threads(threads) schedule(dynamic, 1)
    for (size_t w = 0; w < n_pending; w++) {
#ifdef _OPENMP
        thread_slot *s = &slots[omp_get_thread_num()];
#else
        thread_slot *s = &slots[0];
#endif
        int halt;
#pragma omp atomic read
        halt = stop;
        if (!halt && c->o.cancel && __atomic_load_n(c->o.cancel, __ATOMIC_RELAXED)) {
#pragma omp atomic write
            stop = 2;
            halt = 1;
        }
        if (halt || s->st)
            continue;
        size_t b = pending[w];
        size_t lo = b * c->block_size, hi = lo + c->block_size > r->runs ? r->runs : lo + c->block_size;
        for (size_t run = lo; run < hi && !s->st; run++)
            s->st = run_one(c, s->engine, run, s->flags, s->list, s->acc, s->ideal, &s->err);
        if (s->st) {
#pragma omp atomic write
            stop = 1;
            continue;
        }
#pragma omp critical(fc_sweep_state)
        {
            for (size_t k = 0; k < c->n_event_cells; k++) {
                c->event_counts[k] += s->acc[k];
                s->acc[k] = 0;
            }
            c->block_done[b] = 1;
            done += hi - lo;
            computed += hi - lo;
            if (c->o.progress)
                c->o.progress(c->o.progress_ctx, done, total);
            double now = sweep_now();
            if (ckpt && (done == total || now - last_save >= c->o.checkpoint_interval)) {
                s->st = sweep_checkpoint_save(c, ckpt, &s->err);
                last_save = now;
                if (s->st) {
#pragma omp atomic write
                    stop = 1;
                }
            }
        }
    }
    for (int t = 0; t < threads && !st; t++)
        if (slots[t].st) {
            st = slots[t].st;
            if (err)
                *err = slots[t].err;
        }
    if (!st && stop == 2)
        st = fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "cancel", "the sweep was cancelled after %zu of %zu runs",
                          done, total);
    double t1 = sweep_now();
    r->seconds = t1 - t0;
    r->runs_per_second = r->seconds > 0 ? (double)computed / r->seconds : 0;
    for (int t = 0; t < threads; t++) {
        sweep_engine_free(slots[t].engine);
        free(slots[t].flags);
        free(slots[t].list);
        free(slots[t].acc);
        free(slots[t].ideal);
    }
    free(slots);
    free(pending);
    return st;
}

fc_status sweep_finish(sweep_ctx *c, fc_error *err)
{
    /* The nominal forecast first: the regression centres its sums on it. */
    fc_status st = sweep_sensitivity(c, c->o.sensitivity, err);
    if (!st)
        st = sweep_backlash(c, err);
    if (!st)
        st = sweep_summarise(c, err);
    if (!st)
        st = sweep_decision_sensitivity(c, err);
    /* Nothing to summarise: say why (the model's own complaint about the estimates). */
    if (!st && c->r->failed == c->r->runs) {
        if (c->nominal_status) {
            if (err)
                *err = c->nominal_err;
            return c->nominal_status;
        }
        return fc_error_set(err, FC_EINPUT, NULL, 0, 0, NULL,
                            "the model refused the sampled input in every run (%zu runs)", c->r->runs);
    }
    return st;
}

void sweep_ctx_free(sweep_ctx *c)
{
    fc_sweep_result_free(c->r);
    c->r = NULL;
    free(c->opts);
    free(c->choice_pos);
    free(c->block_done);
    free(c->run_failed);
    free(c->event_counts);
    fc_problem_free(&c->nominal);
    memset(c, 0, sizeof *c);
}

fc_status fc_sweep_run(const fc_scenario *sc, const fc_sweep_options *o, fc_sweep_result **out,
                       fc_error *err)
{
    *out = NULL;
    sweep_ctx c;
    double t0 = sweep_now();
    fc_status st = sweep_prepare(sc, o, &c, err);
    if (!st)
        st = sweep_compute(&c, err);
    double compute_seconds = c.r ? c.r->seconds : 0;
    /* A share of a multi-process sweep has no summaries until the shares are merged. */
    if (!st && c.o.n_ranks == 1)
        st = sweep_finish(&c, err);
    if (!st) {
        c.r->seconds = sweep_now() - t0;
        (void)compute_seconds;
        *out = c.r;
        c.r = NULL;
    }
    sweep_ctx_free(&c);
    return st;
}

void fc_distribution_free(fc_distribution *d)
{
    if (d) {
        free(d->hist);
        d->hist = NULL;
    }
}

void fc_sweep_result_free(fc_sweep_result *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_actors; i++) {
        if (r->actor_ids)
            free(r->actor_ids[i]);
        if (r->actor_names)
            free(r->actor_names[i]);
    }
    for (size_t d = 0; d < r->n_dims; d++)
        if (r->dim_ids)
            free(r->dim_ids[d]);
    free(r->actor_ids);
    free(r->actor_names);
    free(r->dim_ids);
    free(r->scale_min);
    free(r->scale_max);
    free(r->nominal);
    free(r->r2);
    if (r->outcome)
        for (size_t d = 0; d < r->n_dims; d++)
            fc_distribution_free(&r->outcome[d]);
    free(r->outcome);
    for (size_t k = 0; k < r->n_inputs; k++)
        free(r->inputs[k].out_low);
    free(r->inputs);
    free(r->events);
    for (size_t ch = 0; ch < r->n_choices; ch++) {
        if (r->choices[ch].outcome)
            for (size_t d = 0; d < r->n_dims; d++)
                fc_distribution_free(&r->choices[ch].outcome[d]);
        free(r->choices[ch].outcome);
        fc_distribution_free(&r->choices[ch].utility);
        fc_distribution_free(&r->choices[ch].pressure);
        fc_distribution_free(&r->choices[ch].conflicts);
        fc_distribution_free(&r->choices[ch].instability);
        fc_distribution_free(&r->choices[ch].cost);
        if (r->choices[ch].issue_utility)
            for (size_t d = 0; d < r->n_dims; d++)
                fc_distribution_free(&r->choices[ch].issue_utility[d]);
        free(r->choices[ch].issue_utility);
        fc_distribution_free(&r->choices[ch].value);
        free(r->choices[ch].p_challenge);
    }
    free(r->choices);
    for (size_t i = 0; i < r->n_crisis_actors; i++) {
        if (r->crisis_actor_ids)
            free(r->crisis_actor_ids[i]);
        if (r->crisis_actor_names)
            free(r->crisis_actor_names[i]);
    }
    free(r->crisis_actor_ids);
    free(r->crisis_actor_names);
    free(r->decision_inputs);
    free(r->run_choice_cost);
    free(r->run_choice_crisis);
    free(r->run_outcome);
    free(r->run_choice_outcome);
    free(r->run_choice_utility);
    free(r->run_choice_figures);
    free(r);
}
