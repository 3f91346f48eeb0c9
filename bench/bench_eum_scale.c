/* bench_eum_scale: EUM at scale as a user runs it: `fulcrum forecast CASE.csv --model eum
 * --preset scholz --rounds 100` on a generated case of 1,000 actors (fixed pseudo-random
 * numbers, the same as bench_eum's), text output, as a whole process, with its CPU time, wall
 * time and peak memory (from wait4), median of several runs; then the engine alone in this
 * process (fc_eum_solve) with its peak memory. Prints the load before and after.
 * Target (issue 19): under 1 s on one core as a whole process.
 * Usage: bench_eum_scale [REPEATS [ACTORS [ROUNDS]]] (default 3 1000 100). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fulcrum/eum.h"

static uint64_t rng = 20260101;
static double uniform(void)
{
    uint64_t z = (rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return (double)(z >> 11) / 9007199254740992.0;
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double seconds(struct timeval tv)
{
    return (double)tv.tv_sec + 1e-6 * (double)tv.tv_usec;
}

static double load1(void)
{
    double load[3];
    return getloadavg(load, 3) == 3 ? load[0] : -1;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* One whole process: CPU seconds (user + system), wall seconds and peak RSS in MB. */
static int run_tool(char *const argv[], double *cpu, double *wall_s, double *mb)
{
    fflush(stdout); /* the child must not print this process's buffer again */
    double t0 = wall();
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout))
            _exit(126);
        execv(argv[0], argv);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    *wall_s = wall() - t0;
    *cpu = seconds(ru.ru_utime) + seconds(ru.ru_stime);
    *mb = (double)ru.ru_maxrss / 1024.0;
    return 0;
}

int main(int argc, char **argv)
{
    int repeats = argc > 1 ? atoi(argv[1]) : 3;
    size_t n = argc > 2 ? strtoull(argv[2], NULL, 10) : 1000;
    size_t rounds = argc > 3 ? strtoull(argv[3], NULL, 10) : 100;
    if (repeats < 1 || repeats > 50 || n < 2 || rounds < 1)
        return fprintf(stderr, "usage: bench_eum_scale [REPEATS [ACTORS [ROUNDS]]]\n"), 2;
    double *c = malloc(n * sizeof *c), *x = malloc(n * sizeof *x), *s = malloc(n * sizeof *s);
    if (!c || !x || !s)
        return 1;
    char path[] = "/tmp/bench_eum_scale_XXXXXX.csv";
    int fd = mkstemps(path, 4);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f)
        return fprintf(stderr, "bench_eum_scale: cannot write %s\n", path), 1;
    fprintf(f, "actor,capability,position,salience\n");
    for (size_t k = 0; k < n; k++) {
        c[k] = 0.05 + uniform();
        x[k] = 100.0 * uniform();
        s[k] = 0.05 + 0.95 * uniform();
        /* %.17g: the file holds the same doubles the engine row below uses */
        fprintf(f, "A%zu,%.17g,%.17g,%.17g\n", k + 1, c[k], x[k], 100.0 * s[k]);
    }
    fclose(f);
    printf("EUM, %zu actors x %zu rounds, scholz preset; load average before: %.2f\n", n, rounds, load1());

    char rounds_text[32];
    snprintf(rounds_text, sizeof rounds_text, "%zu", rounds);
    char *tool_argv[] = {FULCRUM_TOOL, "forecast", path,    "--model", "eum", "--preset",
                         "scholz",     "--rounds", rounds_text, "--format", "text", NULL};
    double cpus[50], walls[50], peak = 0;
    for (int r = 0; r < repeats; r++) {
        double mb;
        if (run_tool(tool_argv, &cpus[r], &walls[r], &mb)) {
            fprintf(stderr, "bench_eum_scale: %s forecast failed\n", FULCRUM_TOOL);
            remove(path);
            return 1;
        }
        peak = mb > peak ? mb : peak;
    }
    qsort(cpus, (size_t)repeats, sizeof *cpus, cmp);
    qsort(walls, (size_t)repeats, sizeof *walls, cmp);
    printf("whole process (fulcrum forecast, text)  CPU %.3f s  wall %.3f s  peak %.1f MB  (median of %d)%s\n",
           cpus[repeats / 2], walls[repeats / 2], peak, repeats,
           cpus[repeats / 2] < 1.0 ? "  meets < 1 s" : "  target < 1 s: not met");
    remove(path);

    /* The engine alone, in this process: no reading, no trace, no explanation. */
    fc_eum_options o;
    fc_eum_options_init(&o);
    o.rounds = rounds;
    fc_eum_workspace *ws = fc_eum_workspace_new(n);
    fc_error err;
    double fc = 0;
    struct rusage r0, r1;
    getrusage(RUSAGE_SELF, &r0);
    double w0 = wall();
    if (!ws || fc_eum_solve(ws, &o, n, c, x, s, NULL, NULL, &fc, &err) != FC_OK)
        return fprintf(stderr, "bench_eum_scale: the engine failed\n"), 1;
    double w1 = wall();
    getrusage(RUSAGE_SELF, &r1);
    printf("engine alone (fc_eum_solve)             CPU %.3f s  wall %.3f s  peak %.1f MB  (forecast %.6g)\n",
           seconds(r1.ru_utime) - seconds(r0.ru_utime) + seconds(r1.ru_stime) - seconds(r0.ru_stime), w1 - w0,
           (double)r1.ru_maxrss / 1024.0, fc);
    fc_eum_workspace_free(ws);
    free(c), free(x), free(s);
    printf("load average after: %.2f\n", load1());
    return 0;
}
