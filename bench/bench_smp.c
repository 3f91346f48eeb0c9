/* Speed of the spatial model of politics beside KTAB's recorded wall times
 * (shared/data/smp/ktab_timings.tsv, measured on this kind of machine with SQLite output
 * and minimal logging). Each case is loaded from shared/data/smp/inputs/ and run to its
 * end; the time is the best of several runs of the model alone (loading excluded).
 * The last lines time synthetic scenarios up to 250 actors (KTAB's maximum) x 2 dims. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sys/resource.h>

#include "fulcrum/fulcrum.h"

#define SMP_DIR FULCRUM_SHARED_DIR "/data/smp"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Times a run: the best of `reps` runs, or one run when it takes over a second. */
static int time_run(const fc_problem *p, const fc_smp_options *o, double *best, size_t *states)
{
    *best = INFINITY;
    for (int r = 0; r < 5; r++) {
        fc_forecast *f = NULL;
        fc_error err;
        double t0 = now();
        if (fc_smp_run(p, o, &f, &err) != FC_OK) {
            char msg[512];
            fc_error_format(&err, msg, sizeof msg);
            fprintf(stderr, "run failed: %s\n", msg);
            return 0;
        }
        double t = now() - t0;
        *states = f->n_rounds + 1;
        fc_forecast_free(f);
        if (t < *best)
            *best = t;
        if (t > 1.0)
            break;
    }
    return 1;
}

static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static double unit(uint64_t *s)
{
    return (double)(splitmix(s) >> 11) / 9007199254740992.0;
}

/* A synthetic scenario like KTAB's syn*.csv: capabilities 10..200, positions on 0..100
 * rounded to 0.01, saliences 10..90 shared out so that each actor's sum is below 100. */
static int synthetic(fc_problem *p, size_t n, size_t D, uint64_t seed)
{
    if (fc_problem_init(p, n, D, NULL) != FC_OK)
        return 0;
    uint64_t s = seed;
    for (size_t d = 0; d < D; d++) {
        p->scale_min[d] = 0.0;
        p->scale_max[d] = 100.0;
    }
    for (size_t i = 0; i < n; i++) {
        p->capability[i] = 10.0 + 190.0 * unit(&s);
        for (size_t d = 0; d < D; d++) {
            p->position[i * D + d] = floor(10000.0 * unit(&s)) / 100.0;
            p->salience[i * D + d] = (0.1 + 0.8 * unit(&s)) / (double)D;
        }
    }
    return 1;
}

/* The input file KTAB ran, from the command column ("... --csv inputs/X.csv ..."). */
static int input_of(const char *line, char *path, size_t size)
{
    const char *flags[] = {"--csv ", "--xml "};
    for (int k = 0; k < 2; k++) {
        const char *at = strstr(line, flags[k]);
        if (!at)
            continue;
        at += strlen(flags[k]);
        while (*at == ' ')
            at++;
        const char *slash = strstr(at, "inputs/");
        if (slash == at)
            at += strlen("inputs/");
        size_t len = strcspn(at, " \t\n");
        snprintf(path, size, "%s/inputs/%.*s", SMP_DIR, (int)len, at);
        return 1;
    }
    return 0;
}

/* `bench_smp [WORD]` times only the cases whose name contains WORD. */
int main(int argc, char **argv)
{
    const char *only = argc > 1 ? argv[1] : NULL;
    FILE *tsv = fopen(SMP_DIR "/ktab_timings.tsv", "r");
    if (!tsv) {
        perror(SMP_DIR "/ktab_timings.tsv");
        return 1;
    }
    printf("%-20s %6s %4s %6s  %10s  %9s  %8s\n", "case", "actors", "dims", "states",
           "fulcrum_s", "ktab_s", "speedup");
    char line[2048];
    double worst_speedup = INFINITY;
    int bad = 0;
    if (!fgets(line, sizeof line, tsv)) /* header */
        line[0] = '\0';
    while (fgets(line, sizeof line, tsv)) {
        char name[256];
        int actors, dims, kstates;
        double wall;
        if (sscanf(line, "%255s %d %d %d %lf", name, &actors, &dims, &kstates, &wall) != 5)
            continue;
        char path[1024];
        if (only && !strstr(name, only))
            continue;
        if (!input_of(line, path, sizeof path)) {
            fprintf(stderr, "%s: no --csv or --xml in the command column\n", name);
            bad = 1;
            continue;
        }
        fc_problem p;
        fc_smp_options o;
        fc_error err;
        if (fc_run_load_ktab(path, &p, &o, &err) != FC_OK) {
            char msg[512];
            fc_error_format(&err, msg, sizeof msg);
            fprintf(stderr, "%s\n", msg);
            bad = 1;
            continue;
        }
        double t;
        size_t states = 0;
        if (time_run(&p, &o, &t, &states)) {
            double speedup = wall / t;
            if (speedup < worst_speedup)
                worst_speedup = speedup;
            printf("%-20s %6d %4d %3zu/%-3d %10.5f  %9.2f  %7.0fx%s\n", name, actors, dims,
                   states, kstates, t, wall, speedup,
                   (int)states != kstates ? "  (state count differs!)" : "");
        } else {
            bad = 1;
        }
        fc_problem_free(&p);
        fc_smp_options_clear(&o);
    }
    fclose(tsv);
    if (!only)
        printf("slowest speedup over KTAB: %.0fx (target >= 100x)\n", worst_speedup);

    /* The larger shipped synthetic inputs KTAB was not timed on. */
    const char *extra[] = {"syn100x1", "syn100x2"};
    for (size_t k = 0; k < 2; k++) {
        char path[1024];
        if (only && !strstr(extra[k], only))
            continue;
        snprintf(path, sizeof path, "%s/inputs/%s.csv", SMP_DIR, extra[k]);
        fc_problem p;
        fc_smp_options o;
        fc_error err;
        if (fc_run_load_ktab(path, &p, &o, &err) != FC_OK)
            continue;
        double t;
        size_t states = 0;
        if (time_run(&p, &o, &t, &states))
            printf("%-20s %6zu %4zu %6zu %10.5f  %9s\n", extra[k], p.n_actors, p.n_dims,
                   states, t, "-");
        fc_problem_free(&p);
        fc_smp_options_clear(&o);
    }
    /* KTAB's maximum number of actors. */
    size_t sizes[][2] = {{150, 2}, {250, 1}, {250, 2}, {250, 3}};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        char label[64];
        snprintf(label, sizeof label, "synthetic %zux%zu", sizes[k][0], sizes[k][1]);
        if (only && !strstr(label, only))
            continue;
        fc_problem p;
        if (!synthetic(&p, sizes[k][0], sizes[k][1], 2500 + k))
            return 1;
        double t;
        size_t states = 0;
        fc_smp_options o;
        fc_smp_options_init(&o);
        if (time_run(&p, &o, &t, &states))
            printf("synthetic %3zux%zu      %6zu %4zu %6zu %10.5f  %9s\n", sizes[k][0],
                   sizes[k][1], sizes[k][0], sizes[k][1], states, t, "-");
        else
            bad = 1;
        fc_problem_free(&p);
    }
    /* Everything above ran in this process: its peak memory bounds what one run needs. */
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        printf("peak memory of the whole benchmark: %ld kB (KTAB: 14-51 MB per case, see "
               "ktab_timings.tsv)\n",
               ru.ru_maxrss);
    return bad;
}
