/* bench_sweep: runs per second of `fulcrum sweep` with the EUM (scholz preset, 10 rounds) on
 * the one-issue Azerbaijan case, scenarios/azerbaijan-2014-alignment.yaml (uncertainty
 * position=10, salience=10, capability=20%), with 1 and 2 OpenMP threads and, when the library
 * has MPI, with 1 and 2 MPI ranks (through mpirun of the fulcrum tool). Also the bare model
 * rate (fc_eum_solve in a loop, one thread), the ceiling any sweep can reach. Target: 1,000,000
 * forecasts per minute on 2 cores.
 * Usage: bench_sweep [RUNS] (default 40000 per measurement). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "fulcrum/eum.h"
#include "fulcrum/fulcrum.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU seconds used so far by this process (all threads) or by its waited-for children. */
static double cpu(int who)
{
    struct rusage ru;
    getrusage(who, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec * 1e-6 + (double)ru.ru_stime.tv_sec +
           (double)ru.ru_stime.tv_usec * 1e-6;
}

/* The wall-clock rate, and the rate per CPU-second: on a machine shared with other work the
 * wall clock measures the sharing; the CPU rate times the cores is what idle cores give. */
static void line(const char *what, double runs, double wall, double cpu_seconds)
{
    double rate = runs / wall, per_cpu = cpu_seconds > 0 ? runs / cpu_seconds : 0;
    printf("%-30s %9.0f runs/s %11.0f /min", what, rate, rate * 60);
    if (per_cpu > 0)
        printf("  | %9.0f runs per CPU-second", per_cpu);
    printf("%s\n", rate * 60 >= 1e6 ? "  (meets 1,000,000/min)" : "");
}

int main(int argc, char **argv)
{
    size_t runs = argc > 1 ? strtoull(argv[1], NULL, 10) : 40000;
    fc_error err;
    fc_error_clear(&err);
    fc_scenario *sc = NULL;
    /* The one-issue case (the built-in case until it became four issues), so that figures
     * stay comparable with those measured before. */
    if (fc_scenario_load(FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014-alignment.yaml", NULL, &sc, &err)) {
        fprintf(stderr, "bench_sweep: %s\n", err.message);
        return 1;
    }
    fc_default_uncertainty j = sc->default_uncertainty;
    fc_sweep_parse_jitter("position=10,salience=10,capability=20%", &j, &err);
    const char *settings[] = {"rounds=10"};
    printf("EUM (scholz, 10 rounds) forecasts of the Azerbaijan case, %zu runs per measurement\n", runs);

    /* The model alone: the same problem every time, no sampling, no bookkeeping. */
    fc_problem p;
    if (fc_problem_from_scenario(&p, sc, NULL, 0, &err))
        return 1;
    fc_eum_workspace *ws = fc_eum_workspace_new(p.n_actors);
    fc_eum_options o;
    fc_eum_options_preset(&o, "scholz", &err);
    o.rounds = 10;
    double forecast = 0, t0 = now(), c0 = cpu(RUSAGE_SELF);
    size_t bare = runs / 4 ? runs / 4 : 1;
    for (size_t i = 0; i < bare; i++)
        fc_eum_solve(ws, &o, p.n_actors, p.capability, p.position, p.salience, NULL, NULL, &forecast, &err);
    line("model alone, nominal input", (double)bare, now() - t0, cpu(RUSAGE_SELF) - c0);
    fc_eum_workspace_free(ws);
    fc_problem_free(&p);

    for (int threads = 1; threads <= 2; threads++) {
        fc_sweep_options so;
        fc_sweep_options_init(&so);
        so.model = &fc_model_eum;
        so.preset = "scholz";
        so.settings = settings;
        so.n_settings = 1;
        so.runs = runs;
        so.threads = threads;
        so.jitter = &j;
        so.sensitivity = 0;
        fc_sweep_result *r = NULL;
        t0 = now();
        c0 = cpu(RUSAGE_SELF);
        if (fc_sweep_run(sc, &so, &r, &err)) {
            fprintf(stderr, "bench_sweep: %s\n", err.message);
            return 1;
        }
        double wall = now() - t0, used = cpu(RUSAGE_SELF) - c0;
        char what[64];
        snprintf(what, sizeof what, "sweep, %d thread%s", threads, threads > 1 ? "s" : "");
        line(what, (double)runs, wall, used);
        fc_sweep_result_free(r);
    }
    if (fc_sweep_has_mpi()) {
        for (int ranks = 1; ranks <= 2; ranks++) {
            char cmd[1024];
            snprintf(cmd, sizeof cmd,
                     "ASAN_OPTIONS=detect_leaks=0 mpirun --oversubscribe --allow-run-as-root -np %d %s sweep %s --mpi "
                     "--threads 1 --runs %zu --model eum --preset scholz --rounds 10 "
                     "--jitter position=10,salience=10,capability=20%% --no-sensitivity --timing --format json "
                     "2>/dev/null",
                     ranks, FULCRUM_TOOL, FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014-alignment.yaml", runs);
            t0 = now();
            c0 = cpu(RUSAGE_CHILDREN);
            FILE *f = popen(cmd, "r");
            if (!f)
                break;
            char buf[256];
            double rate = 0;
            while (fgets(buf, sizeof buf, f)) {
                char *q = strstr(buf, "\"runs_per_second\":");
                if (q)
                    rate = strtod(q + 18, NULL);
            }
            int rc = pclose(f);
            double wall = now() - t0, used = cpu(RUSAGE_CHILDREN) - c0;
            if (rc != 0 || rate <= 0) {
                printf("MPI, %d rank(s): mpirun failed\n", ranks);
                continue;
            }
            char what[64];
            snprintf(what, sizeof what, "MPI, %d rank%s x 1 thread", ranks, ranks > 1 ? "s" : "");
            line(what, (double)runs, (double)runs / rate, 0);
            snprintf(what, sizeof what, "  same, with mpirun start-up");
            line(what, (double)runs, wall, used);
        }
    } else {
        printf("MPI: not built (configure with -DFULCRUM_MPI=ON)\n");
    }
    double load[3];
    if (getloadavg(load, 3) == 3)
        printf("load average during the bench: %.2f (other processes share the cores)\n", load[0]);
    fc_scenario_free(sc);
    return 0;
}
