/* bench_sweep: EUM forecasts per minute of a sweep (scholz preset, 10 rounds) of the one-issue
 * Azerbaijan case, scenarios/azerbaijan-2014-alignment.yaml (uncertainty position=10,
 * salience=10, capability=20%), with 1 and 2 OpenMP threads and, when the library has MPI and
 * mpirun is found, 1 and 2 MPI ranks of the fulcrum tool. Also the bare model rate
 * (fc_eum_solve on the nominal input, one thread). Every row carries the peak memory; the load
 * average is printed before and after, since the machine's cores are shared.
 * Target (issue 19): 3,000,000 forecasts per minute on 2 threads of an idle machine.
 * Usage: bench_sweep [RUNS] (default 40000 per measurement). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "fulcrum/eum.h"
#include "fulcrum/fulcrum.h"

#define CASE_FILE FULCRUM_SOURCE_DIR "/scenarios/azerbaijan-2014-alignment.yaml"
#define JITTER "position=10,salience=10,capability=20%"

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

/* Peak resident memory in MB of this process or of the largest waited-for child. */
static double peak_mb(int who)
{
    struct rusage ru;
    getrusage(who, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

static double load1(void)
{
    double load[3];
    return getloadavg(load, 3) == 3 ? load[0] : -1;
}

/* The wall-clock rate, and the rate per CPU-second: on a machine shared with other work the
 * wall clock measures the sharing; the CPU rate times the cores is what idle cores give. */
static void line(const char *what, double runs, double wall, double cpu_seconds, int threads, double mb)
{
    double rate = runs / wall, per_cpu = cpu_seconds > 0 ? runs / cpu_seconds : 0;
    printf("%-30s %9.0f runs/s %11.0f /min", what, rate, rate * 60);
    if (per_cpu > 0)
        printf("  | %7.0f per CPU-s, %d idle core%s: %9.0f /min", per_cpu, threads, threads > 1 ? "s" : "",
               per_cpu * threads * 60);
    printf("  | peak %.1f MB\n", mb);
}

static int have_mpirun(void)
{
    return system("command -v mpirun > /dev/null 2>&1") == 0;
}

int main(int argc, char **argv)
{
    size_t runs = argc > 1 ? strtoull(argv[1], NULL, 10) : 40000;
    if (runs == 0)
        runs = 1;
    fc_error err;
    fc_error_clear(&err);
    fc_scenario *sc = NULL;
    if (fc_scenario_load(CASE_FILE, NULL, &sc, &err)) {
        fprintf(stderr, "bench_sweep: %s: %s\n", CASE_FILE, err.message);
        return 1;
    }
    fc_default_uncertainty j = sc->default_uncertainty;
    fc_sweep_parse_jitter(JITTER, &j, &err);
    const char *settings[] = {"rounds=10"};
    printf("EUM (scholz, 10 rounds) forecasts of %s (%zu actors), %zu runs per measurement\n",
           "scenarios/azerbaijan-2014-alignment.yaml", sc->n_actors, runs);
    printf("load average before: %.2f\n", load1());

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
    line("model alone, nominal input", (double)bare, now() - t0, cpu(RUSAGE_SELF) - c0, 1, peak_mb(RUSAGE_SELF));
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
        line(what, (double)runs, wall, used, threads, peak_mb(RUSAGE_SELF));
        fc_sweep_result_free(r);
    }
    if (!fc_sweep_has_mpi()) {
        printf("MPI: not built (configure with -DFULCRUM_MPI=ON)\n");
    } else if (!have_mpirun()) {
        printf("MPI: built, but no mpirun on the PATH\n");
    } else {
        for (int ranks = 1; ranks <= 2; ranks++) {
            char cmd[2048];
            snprintf(cmd, sizeof cmd,
                     "ASAN_OPTIONS=detect_leaks=0 mpirun --oversubscribe --allow-run-as-root -np %d %s sweep %s --mpi "
                     "--threads 1 --runs %zu --model eum --preset scholz --rounds 10 "
                     "--jitter %s --no-sensitivity --timing --format json 2>/dev/null",
                     ranks, FULCRUM_TOOL, CASE_FILE, runs, JITTER);
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
            /* the ranks' own compute rate, then the whole mpirun with its start-up; peak
             * memory is the largest child process's */
            line(what, (double)runs, (double)runs / rate, 0, ranks, peak_mb(RUSAGE_CHILDREN));
            line("  same, with mpirun start-up", (double)runs, wall, used, ranks, peak_mb(RUSAGE_CHILDREN));
        }
    }
    printf("load average after: %.2f (other processes share the cores)\n", load1());
    fc_scenario_free(sc);
    return 0;
}
