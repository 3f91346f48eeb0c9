/* Speed of the expected-utility engine: time per round and per forecast on the EU emission
 * case (10 rounds) and on random scenarios of 100, 1,000 and 10,000 actors, and a check that
 * the fast engine gives the direct O(n^3) reading's result (tests/unit/eum_direct.h).
 * Prints figures; never run as a test. Usage: bench_eum [--quick] (skips 10,000 actors). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fulcrum/eum.h"
#include "../tests/unit/eum_direct.h"

/* CPU time of this (single-threaded) process: the figure "on one core" that the targets
 * mean, unaffected by other processes sharing the machine. Wall time is printed beside it. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static uint64_t rng = 20260101;
static double uniform(void)
{
    uint64_t z = (rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (double)(z >> 11) / 9007199254740992.0;
}

static void random_case(size_t n, double *c, double *x, double *s)
{
    for (size_t k = 0; k < n; k++) {
        c[k] = 0.05 + uniform();
        x[k] = 100.0 * uniform();
        s[k] = 0.05 + 0.95 * uniform();
    }
}

/* Times fc_eum_solve: repeats until at least min_seconds have passed (at least once). */
static double time_solve(fc_eum_workspace *ws, const fc_eum_options *o, size_t n, const double *c,
                         const double *x, const double *s, double min_seconds, size_t *reps_out,
                         double *wall_out)
{
    fc_error err;
    size_t reps = 0;
    double t0 = now(), w0 = wall(), t;
    do {
        if (fc_eum_solve(ws, o, n, c, x, s, NULL, NULL, NULL, &err) != FC_OK) {
            fprintf(stderr, "solve failed: %s\n", err.message);
            return -1;
        }
        reps++;
        t = now() - t0;
    } while (t < min_seconds);
    *reps_out = reps;
    *wall_out = (wall() - w0) / (double)reps;
    return t / (double)reps;
}

static void report(const char *label, const fc_eum_options *o, size_t n, const double *c,
                   const double *x, const double *s, const char *target)
{
    fc_eum_workspace *ws = fc_eum_workspace_new(n);
    if (!ws) {
        printf("%-46s out of memory\n", label);
        return;
    }
    size_t reps;
    double w;
    double per = time_solve(ws, o, n, c, x, s, 0.5, &reps, &w);
    printf("%-44s %11.4f ms/forecast %10.4f ms/round  (wall %.4f ms; %zu runs)%s%s\n", label,
           per * 1e3, per * 1e3 / (double)o->rounds, w * 1e3, reps, target ? "  target " : "",
           target ? target : "");
    fc_eum_workspace_free(ws);
}

/* Largest relative difference between the fast engine's and the direct reading's final
 * positions and forecast; prints it and whether it is within 1e-9. */
static int check(const char *label, const fc_eum_options *o, size_t n, const double *c,
                 const double *x, const double *s)
{
    fc_eum_workspace *ws = fc_eum_workspace_new(n);
    double *fin = malloc(n * sizeof *fin), fc;
    fc_error err;
    double t0 = now();
    fc_eum_solve(ws, o, n, c, x, s, NULL, fin, &fc, &err);
    double t_fast = now() - t0;
    direct_result d;
    t0 = now();
    direct_run(o, n, c, x, s, NULL, &d);
    double t_direct = now() - t0;
    double worst = 0;
    for (size_t k = 0; k < n; k++) {
        double a = fin[k], b = d.x[d.rounds * n + k];
        double rel = a == b ? 0 : fabs(a - b) / fmax(fabs(a), fabs(b));
        worst = rel > worst ? rel : worst;
    }
    double relf = fc == d.median[d.rounds] ? 0 : fabs(fc - d.median[d.rounds]) / fabs(fc);
    worst = relf > worst ? relf : worst;
    int ok = worst <= 1e-9;
    printf("check %-40s fast = direct: %s (max rel. diff %.2g; %zu moves; fast %.3f ms, direct %.1f ms)\n",
           label, ok ? "yes" : "NO", worst, d.n_moves, t_fast * 1e3, t_direct * 1e3);
    direct_free(&d);
    free(fin);
    fc_eum_workspace_free(ws);
    return ok;
}

int main(int argc, char **argv)
{
    int quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
    static const double ec[] = {0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08};
    static const double ex[] = {4, 7, 4, 4, 10, 10, 10, 7, 4, 7};
    static const double es[] = {0.8, 0.4, 0.2, 0.8, 0.6, 0.6, 0.9, 0.1, 1.0, 0.7};
    const fc_eum_options *presets[] = {&fc_eum_preset_scholz, &fc_eum_preset_scholz_fixed,
                                       &fc_eum_preset_bdm_paper};
    const char *names[] = {"scholz", "scholz-fixed", "bdm-paper"};
    char label[96];
    int all_ok = 1;

    printf("EUM engine, CPU time on one core. Targets (issue 3): EU case 10 rounds < 0.1 ms; 100 actors x 10\n"
           "rounds < 5 ms; 1,000 actors x 100 rounds < 5 s.\n\n");
    for (int p = 0; p < 3; p++) {
        snprintf(label, sizeof label, "EU emission, %s, 10 rounds", names[p]);
        report(label, presets[p], 10, ec, ex, es, p == 0 ? "< 0.1 ms/forecast" : NULL);
    }

    size_t cap = quick ? 1000 : 10000;
    double *c = malloc(cap * sizeof *c), *x = malloc(cap * sizeof *x), *s = malloc(cap * sizeof *s);
    random_case(100, c, x, s);
    for (int p = 0; p < 3; p++) {
        snprintf(label, sizeof label, "random 100 actors, %s, 10 rounds", names[p]);
        report(label, presets[p], 100, c, x, s, p == 0 ? "< 5 ms/forecast" : NULL);
    }
    random_case(1000, c, x, s);
    {
        fc_eum_options o = fc_eum_preset_scholz;
        o.rounds = 100;
        report("random 1,000 actors, scholz, 100 rounds", &o, 1000, c, x, s, "< 5 s/forecast");
        o = fc_eum_preset_bdm_paper;
        o.rounds = 100;
        report("random 1,000 actors, bdm-paper, 100 rounds", &o, 1000, c, x, s, NULL);
        o = fc_eum_preset_scholz_fixed;
        o.rounds = 2;
        report("random 1,000 actors, scholz-fixed, 2 rounds", &o, 1000, c, x, s, NULL);
    }
    if (!quick) {
        random_case(10000, c, x, s);
        fc_eum_options o = fc_eum_preset_scholz;
        o.rounds = 2;
        report("random 10,000 actors, scholz, 2 rounds", &o, 10000, c, x, s, NULL);
        o = fc_eum_preset_bdm_paper;
        o.rounds = 2;
        report("random 10,000 actors, bdm-paper, 2 rounds", &o, 10000, c, x, s, NULL);
    }

    printf("\n");
    for (int p = 0; p < 3; p++) {
        snprintf(label, sizeof label, "EU emission, %s, 10 rounds", names[p]);
        all_ok &= check(label, presets[p], 10, ec, ex, es);
    }
    random_case(100, c, x, s);
    for (int p = 0; p < 3; p++) {
        fc_eum_options o = *presets[p];
        o.rounds = p == 1 ? 2 : 10; /* the direct sequential update is O(n^4) per round */
        snprintf(label, sizeof label, "random 100, %s, %zu rounds", names[p], o.rounds);
        all_ok &= check(label, &o, 100, c, x, s);
    }
    free(c), free(x), free(s);
    printf("\nfast path equals the direct reading on every check: %s\n", all_ok ? "yes" : "NO");
    return all_ok ? 0 : 1;
}
