/* bench_cli: whole-process times of the fulcrum tool, the way a user meets them: the README's
 * commands, a 60-actor EUM forecast in each output format, KTAB's SMP examples and a sample
 * of Gambit's games, each the median of several runs, beside the anchors' recorded times
 * (KTAB: shared/data/smp/ktab_timings.tsv; Gambit: shared/data/games/reference.tsv; the
 * Python EUM implementation: the time the reviewer recorded, as no Python implementation is
 * in shared/), and the scale targets (SMP 250 actors x 2 dimensions, EUM 1,000 actors x 100
 * rounds). Prints the ratios, the peak memory of each row (the child's ru_maxrss) and the
 * machine's load at each row, since on a shared machine the wall clock measures the sharing
 * too: CPU time (user + sys of the child) is printed beside it.
 * Usage: bench_cli [REPEATS (default 5)] [GAME_STRIDE (default 40)]. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SHARED FULCRUM_SHARED_DIR
#define SOURCE FULCRUM_SOURCE_DIR

/* The recorded time of the independent Python implementation (60 actors, scholz preset, 10
 * rounds) that issue 19 quotes; no Python implementation is shipped to run here. */
#define PYTHON_EUM60_SECONDS 3.6

static int repeats = 5;
static double last_cpu; /* the median CPU seconds of the last row report() printed */
static char workdir[256];

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void load(const char *when)
{
    char buf[128] = "?";
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) {
        if (!fgets(buf, sizeof buf, f))
            strcpy(buf, "?\n");
        fclose(f);
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    printf("load average %s (1, 5, 15 min; %ld cores): %s", when, cores, buf);
}

/* The 1-minute load average now, printed with every row. */
static double load1(void)
{
    double l = -1;
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) {
        if (fscanf(f, "%lf", &l) != 1)
            l = -1;
        fclose(f);
    }
    return l;
}

/* One run of the tool with argv (argv[0] ignored), output to /dev/null; -1 when it failed. */
static double run_once(char **argv, double *cpu, long *maxrss_kb)
{
    double t0 = now();
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd >= 0) {
            dup2(fd, 1);
            dup2(fd, 2);
        }
        if (chdir(workdir) != 0)
            _exit(126);
        execv(FULCRUM_TOOL, argv);
        _exit(127);
    }
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0)
        return -1;
    double wall = now() - t0;
    *cpu = (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_sec +
           1e-6 * (double)ru.ru_stime.tv_usec;
    if (ru.ru_maxrss > *maxrss_kb)
        *maxrss_kb = ru.ru_maxrss; /* kilobytes on Linux */
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return wall;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median wall and CPU seconds of `repeats` runs (after one unmeasured warm-up run) and
 * the largest peak resident memory of them; returns 0 when any run failed. */
static int timed(char **argv, double *wall, double *cpu, long *maxrss_kb)
{
    double w[64], c[64], dummy;
    int reps = repeats < 64 ? repeats : 64;
    *maxrss_kb = 0;
    if (run_once(argv, &dummy, maxrss_kb) < 0)
        return 0;
    for (int i = 0; i < reps; i++) {
        w[i] = run_once(argv, &c[i], maxrss_kb);
        if (w[i] < 0)
            return 0;
    }
    qsort(w, (size_t)reps, sizeof *w, cmp_double);
    qsort(c, (size_t)reps, sizeof *c, cmp_double);
    *wall = w[reps / 2];
    *cpu = c[reps / 2];
    return 1;
}

/* Splits a command line on spaces into argv (argv[0] = "fulcrum"); the text is modified. */
static int split(char *line, char **argv, int max)
{
    int n = 0;
    argv[n++] = "fulcrum";
    for (char *tok = strtok(line, " "); tok && n < max - 1; tok = strtok(NULL, " "))
        argv[n++] = tok;
    argv[n] = NULL;
    return n;
}

/* Times one command line; prints it; returns the median wall time (-1 on failure). */
static double report(const char *label, const char *cmdline, double anchor, const char *anchor_name)
{
    char line[1024], *argv[64];
    snprintf(line, sizeof line, "%s", cmdline);
    split(line, argv, 64);
    double wall, cpu;
    long rss = 0;
    if (!timed(argv, &wall, &cpu, &rss)) {
        printf("  %-44s FAILED: fulcrum %s\n", label, cmdline);
        return -1;
    }
    last_cpu = cpu;
    printf("  %-44s %8.1f ms wall %7.1f ms CPU %6.1f MB load %5.2f", label, wall * 1e3, cpu * 1e3,
           (double)rss / 1024.0, load1());
    /* The anchors were timed on an idle machine; on a busy one the CPU time is the nearer
     * estimate of this run's idle wall time, so both ratios are shown. */
    if (anchor > 0)
        printf("   %s %7.3f s: %7.1fx (CPU %7.1fx)", anchor_name, anchor, anchor / wall, anchor / cpu);
    printf("\n");
    return wall;
}

static void readme_commands(void)
{
    printf("\nThe README's commands (run in a scratch folder):\n");
    static const char *const cmds[][2] = {
        {"fulcrum (built-in case, all models)", ""},
        {"fulcrum --version (start-up)", "--version"},
        {"forecast eu-emissions-1994 --model all json", "forecast " SOURCE "/scenarios/eu-emissions-1994.yaml --model all --format json"},
        {"forecast emission.csv", "forecast " SHARED "/data/eum/inputs/emission.csv --salience-scale 1"},
        {"forecast --model eum --preset bdm-paper --trace", "forecast --model eum --preset bdm-paper --trace"},
        {"forecast two-issues --model smp", "forecast " SOURCE "/scenarios/azerbaijan-2014-two-issues.yaml --model smp"},
        {"dilemma", "dilemma"},
        {"sweep --runs 10000 --choices", "sweep --runs 10000 --choices"},
        {"backtest deu_dev.tsv", "backtest " SHARED "/data/deu/deu_dev.tsv"},
        {"report -o report.html", "report -o report.html"},
        {"chart trajectory -o trajectory.png", "chart trajectory --model eum -o trajectory.png"},
        {"models", "models"},
    };
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
        report(cmds[i][0], cmds[i][1], 0, NULL);
}

/* A 60-actor case (fixed pseudo-random numbers), written to the scratch folder. */
static void eum60(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/case60.csv", workdir);
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    unsigned long long s = 60;
    fprintf(f, "Actor,Capability,Position,Salience\n");
    for (int i = 0; i < 60; i++) {
        double v[3];
        for (int k = 0; k < 3; k++) {
            s = s * 6364136223846793005ull + 1442695040888963407ull;
            v[k] = (double)(s >> 11) * 0x1p-53;
        }
        fprintf(f, "A%02d,%.0f,%.0f,%.0f\n", i, 1 + 99 * v[0], 100 * v[1], 10 + 90 * v[2]);
    }
    fclose(f);
    printf("\nEUM, 60 actors, scholz, 10 rounds (Python anchor: %.1f s as recorded in issue 19, not run here):\n",
           PYTHON_EUM60_SECONDS);
    double best = -1, best_cpu = -1;
    static const char *const fmts[] = {"json", "csv", "text"};
    for (int k = 0; k < 3; k++) {
        char cmd[256], label[64];
        snprintf(cmd, sizeof cmd, "forecast case60.csv --model eum --preset scholz --rounds 10 --format %s", fmts[k]);
        snprintf(label, sizeof label, "forecast case60.csv --format %s", fmts[k]);
        double w = report(label, cmd, PYTHON_EUM60_SECONDS, "Python");
        if (k == 0) {
            best = w;
            best_cpu = last_cpu;
        }
    }
    if (best > 0)
        printf("  target >= 1000x the Python implementation with JSON: %s by wall time (%.0fx), %s by CPU time (%.0fx)\n",
               PYTHON_EUM60_SECONDS / best >= 1000 ? "met" : "not met", PYTHON_EUM60_SECONDS / best,
               PYTHON_EUM60_SECONDS / best_cpu >= 1000 ? "met" : "not met", PYTHON_EUM60_SECONDS / best_cpu);
}

/* KTAB's examples: fulcrum with JSON output against KTAB's recorded wall time. */
static void smp(void)
{
    printf("\nSMP on KTAB's examples, JSON output (KTAB: its recorded wall times, ktab_timings.tsv):\n");
    FILE *f = fopen(SHARED "/data/smp/ktab_timings.tsv", "r");
    if (!f) {
        printf("  (no %s)\n", SHARED "/data/smp/ktab_timings.tsv");
        return;
    }
    char line[2048];
    int met = 0, met_cpu = 0, total = 0;
    double worst = 1e300;
    if (!fgets(line, sizeof line, f)) {
        fclose(f);
        return;
    }
    while (fgets(line, sizeof line, f)) {
        char name[256];
        double wall_s;
        int actors, dims, states;
        if (sscanf(line, "%255s %d %d %d %lf", name, &actors, &dims, &states, &wall_s) != 5)
            continue;
        char path[512];
        struct stat st;
        const char *ext = strstr(line, "--xml") ? "xml" : "csv";
        snprintf(path, sizeof path, SHARED "/data/smp/inputs/%s.%s", name, ext);
        if (stat(path, &st) != 0)
            continue;
        char cmd[1024], label[128];
        snprintf(cmd, sizeof cmd, "forecast %s --model smp --format json", path);
        snprintf(label, sizeof label, "%s (%d actors, %d dims)", name, actors, dims);
        double w = report(label, cmd, wall_s, "KTAB");
        if (w > 0) {
            total++;
            met += wall_s / w >= 100;
            met_cpu += wall_s / last_cpu >= 100;
            if (wall_s / w < worst)
                worst = wall_s / w;
        }
    }
    fclose(f);
    if (total)
        printf("  target >= 100x KTAB: met on %d of %d examples by wall time (smallest ratio %.1fx), on %d by CPU "
               "time (the nearer figure on a loaded machine)\n",
               met, total, worst, met_cpu);
}

/* A sample of Gambit's reference runs: every stride-th solved row of reference.tsv. */
static void games(int stride)
{
    printf("\nGames, every %d-th solved row of games/reference.tsv (Gambit: its recorded wall times):\n", stride);
    FILE *f = fopen(SHARED "/data/games/reference.tsv", "r");
    if (!f) {
        printf("  (no reference.tsv)\n");
        return;
    }
    char line[8192];
    int row = 0, total = 0;
    double ours = 0, theirs = 0;
    while (fgets(line, sizeof line, f)) {
        char *field[6] = {0};
        char *p = line;
        for (int k = 0; k < 6 && p; k++) {
            field[k] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = '\0';
        }
        if (!field[5] || strcmp(field[3], "ok") != 0)
            continue;
        const char *solver = strcmp(field[1], "logit-e") == 0 ? "logit" : field[1];
        if (strcmp(solver, "enumpure") && strcmp(solver, "enummixed") && strcmp(solver, "lcp") &&
            strcmp(solver, "logit"))
            continue;
        if (row++ % stride)
            continue;
        char cmd[1024], label[128];
        snprintf(cmd, sizeof cmd, "game " SHARED "/data/games/%s --solver %s", field[0], solver);
        const char *base = strrchr(field[0], '/');
        snprintf(label, sizeof label, "%.32s %s", base ? base + 1 : field[0], solver);
        double gw = strtod(field[5], NULL);
        double w = report(label, cmd, gw, "Gambit");
        if (w > 0) {
            total++;
            ours += w;
            theirs += gw;
        }
    }
    fclose(f);
    if (total)
        printf("  %d games: Fulcrum %.3f s, Gambit %.3f s in all (%.1fx)\n", total, ours, theirs, theirs / ours);
}

/* The scale targets of issue 19, on generated cases (fixed pseudo-random numbers) written to
 * the scratch folder: SMP 250 actors x 2 dimensions with JSON out, under 1 s; EUM 1,000 actors
 * x 100 rounds, under 1 s on one core. */
static void scale(void)
{
    printf("\nScale (generated cases):\n");
    char path[512];
    unsigned long long s = 250;
    snprintf(path, sizeof path, "%s/smp250x2.csv", workdir);
    FILE *f = fopen(path, "w");
    if (!f)
        return;
    fprintf(f, "Gen250x2, Generated 250 actors 2 dims, 250, 2,\nActor,Description,Power,Pos1,Sal1,Pos2,Sal2,\n");
    for (int i = 0; i < 250; i++) {
        double v[5];
        for (int k = 0; k < 5; k++) {
            s = s * 6364136223846793005ull + 1442695040888963407ull;
            v[k] = (double)(s >> 11) * 0x1p-53;
        }
        /* KTAB's rule: an actor's saliences sum to at most 100. */
        fprintf(f, "A%03d,Actor %d,%.3f,%.2f,%.2f,%.2f,%.2f,\n", i, i, 10 + 190 * v[0], 100 * v[1], 5 + 45 * v[2],
                100 * v[3], 5 + 45 * v[4]);
    }
    fclose(f);
    double w = report("smp 250 actors x 2 dims, JSON", "forecast smp250x2.csv --model smp --format json", 0, NULL);
    if (w > 0)
        printf("  target SMP 250 x 2 under 1 s: %s (%.2f s wall)\n", w < 1 ? "met" : "not met", w);
    snprintf(path, sizeof path, "%s/eum1000.csv", workdir);
    if (!(f = fopen(path, "w")))
        return;
    s = 1000;
    fprintf(f, "Actor,Capability,Position,Salience\n");
    for (int i = 0; i < 1000; i++) {
        double v[3];
        for (int k = 0; k < 3; k++) {
            s = s * 6364136223846793005ull + 1442695040888963407ull;
            v[k] = (double)(s >> 11) * 0x1p-53;
        }
        fprintf(f, "A%04d,%.0f,%.0f,%.0f\n", i, 1 + 99 * v[0], 100 * v[1], 10 + 90 * v[2]);
    }
    fclose(f);
    w = report("eum 1,000 actors x 100 rounds, text",
               "forecast eum1000.csv --model eum --preset scholz --rounds 100 --format text", 0, NULL);
    if (w > 0)
        printf("  target EUM 1,000 x 100 under 1 s: %s (%.2f s wall)\n", w < 1 ? "met" : "not met", w);
}

int main(int argc, char **argv)
{
    if (argc > 1)
        repeats = atoi(argv[1]) > 0 ? atoi(argv[1]) : 5;
    int stride = argc > 2 && atoi(argv[2]) > 0 ? atoi(argv[2]) : 40;
    snprintf(workdir, sizeof workdir, "/tmp/fulcrum-bench-cli-XXXXXX");
    if (!mkdtemp(workdir)) {
        perror("bench_cli: mkdtemp");
        return 1;
    }
    printf("bench_cli: %s, median of %d runs each (after one warm-up), whole processes\n", FULCRUM_TOOL, repeats);
    load("before");
    readme_commands();
    eum60();
    smp();
    scale();
    games(stride);
    load("after");
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", workdir);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_cli: could not remove %s\n", workdir);
    return 0;
}
