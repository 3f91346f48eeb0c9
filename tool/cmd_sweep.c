/* fulcrum sweep: Monte Carlo over the uncertainty of a scenario's estimates, on every core
 * (OpenMP) and across machines (MPI), with checkpoints, a progress bar and reports. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tool.h"

#define MAX_SETTINGS 64

static void usage(FILE *out)
{
    fprintf(out,
            "usage: fulcrum sweep [FILE] --runs N [options]\n"
            "\n"
            "Runs a forecaster N times on the scenario in FILE (the built-in Azerbaijan 2014\n"
            "case when no FILE is given), each time with every uncertain capability, position\n"
            "and salience drawn from its distribution, and summarises: the forecast's\n"
            "distribution (mean, sd, percentiles, histogram, 90%% interval), how often each\n"
            "event happens between each ordered pair of actors, the deciding actor's choices\n"
            "under uncertainty (--choices), and which estimates matter (tornado and SRC).\n"
            "The same seed gives the same result, bit for bit, whatever --threads or ranks.\n"
            "\n"
            "options:\n"
            "  --runs N              number of runs (default 1000)\n"
            "  --model NAME          a model from `fulcrum models` (default: eum if present, else median)\n"
            "  --preset NAME         the model's preset\n"
            "  --set NAME=VALUE      set one model option (repeatable)\n"
            "  --rounds N            rounds for round-based models\n"
            "  --issue ID            the issue to sweep (default: the first)\n"
            "  --seed S              seed of the random streams (default 1)\n"
            "  --threads T           OpenMP threads (default: all cores)\n"
            "  --jitter SPEC         default spreads for values without their own, e.g.\n"
            "                        position=10,salience=10,capability=20%% (overrides the\n"
            "                        scenario's 'uncertainty:' section; N%% = relative). When the\n"
            "                        scenario declares no uncertainty at all, the default is\n"
            "                        position=10,salience=10,capability=20%%\n"
            "  --choices             compare the deciding actor's choices in every run\n"
            "  --mode start|commit   with --choices: the choice sets the starting position\n"
            "                        (start, default) or is held throughout (commit)\n"
            "  --no-sensitivity      skip the tornado and the regression\n"
            "  --events N            event lines in the text report (default 20)\n"
            "  --mpi                 split the runs across MPI ranks (run under mpirun)\n"
            "  --checkpoint FILE     save finished blocks to FILE; rerun the same command to resume\n"
            "  --checkpoint-interval S  seconds between checkpoint saves (default 2)\n"
            "  --runs-csv FILE       write every run's inputs and results as a long CSV\n"
            "  --timing              include seconds and runs per second in the report\n"
            "  --format text|json    report format (default text)\n"
            "  --salience-scale 100|1  CSV input: saliences on 0-100 (default) or 0-1\n"
            "  -o FILE               write the report to FILE (whole, or not at all)\n"
            "  --store PATH          keep the run in this run store (default: $FULCRUM_STORE;\n"
            "                        `fulcrum runs`, docs/serve.md)\n"
            "  --help                this text\n");
}

typedef struct sweep_args {
    const char *file, *model, *preset, *issue, *format, *output, *jitter, *mode, *checkpoint, *runs_csv, *store;
    const char *settings[MAX_SETTINGS];
    size_t n_settings;
    char rounds_setting[48];
    unsigned long long seed;
    size_t runs, events;
    int threads, choices, mpi, timing, no_sensitivity;
    double salience_scale, checkpoint_interval;
} sweep_args;

static int parse_args(int argc, char **argv, sweep_args *a)
{
    const char *v;
    unsigned long long x;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(stdout);
            return -1;
        }
        const tool_text_option text_options[] = {
            {"--model", &a->model},
            {"--preset", &a->preset},
            {"--issue", &a->issue},
            {"--format", &a->format},
            {"--jitter", &a->jitter},
            {"--mode", &a->mode},
            {"--checkpoint", &a->checkpoint},
            {"--runs-csv", &a->runs_csv},
            {"--store", &a->store},
            {"-o", &a->output},
            {"--output", &a->output},
        };
        int took = tool_take_text_option(argc, argv, &i, "sweep", text_options,
                                         sizeof text_options / sizeof text_options[0]);
        if (took < 0)
            return EXIT_USAGE;
        if (took)
            continue;
        if (tool_option_value(argc, argv, &i, "--runs", &v)) {
            if (!tool_parse_count(v, 1000000000ull, &x) || x < 1)
                return tool_usage_error("sweep", "--runs needs a whole number from 1 to 1000000000");
            a->runs = (size_t)x;
            continue;
        }
        if (tool_option_value(argc, argv, &i, "--seed", &v)) {
            if (!tool_parse_count(v, ~0ull, &x))
                return tool_usage_error("sweep", "--seed needs a whole number >= 0");
            a->seed = x;
            continue;
        }
        if (tool_option_value(argc, argv, &i, "--threads", &v)) {
            if (!tool_parse_count(v, 4096, &x) || x < 1)
                return tool_usage_error("sweep", "--threads needs a whole number from 1 to 4096");
            a->threads = (int)x;
            continue;
        }
        if (tool_option_value(argc, argv, &i, "--events", &v)) {
            if (!tool_parse_count(v, 1000000, &x) || x < 1)
                return tool_usage_error("sweep", "--events needs a whole number >= 1");
            a->events = (size_t)x;
            continue;
        }
        if (tool_option_value(argc, argv, &i, "--rounds", &v)) {
            if (!tool_parse_count(v, 1000000, &x))
                return tool_usage_error("sweep", "--rounds needs a whole number from 0 to 1000000");
            snprintf(a->rounds_setting, sizeof a->rounds_setting, "rounds=%llu", x);
            continue;
        }
        if (tool_option_value(argc, argv, &i, "--checkpoint-interval", &v)) {
            char *end = NULL;
            double sec = v ? strtod(v, &end) : 0;
            if (!v || *end || !(sec > 0) || !isfinite(sec))
                return tool_usage_error("sweep", "--checkpoint-interval needs a number of seconds > 0");
            a->checkpoint_interval = sec;
            continue;
        }
        if (tool_option_value(argc, argv, &i, "--set", &v)) {
            if (!v || !strchr(v, '='))
                return tool_usage_error("sweep", "--set needs NAME=VALUE");
            if (a->n_settings + 1 >= MAX_SETTINGS)
                return tool_usage_error("sweep", "too many --set options");
            a->settings[a->n_settings++] = v;
            continue;
        }
        int took_scale = tool_take_salience_scale(argc, argv, &i, "sweep", &a->salience_scale);
        if (took_scale < 0)
            return EXIT_USAGE;
        if (took_scale)
            continue;
        if (strcmp(arg, "--choices") == 0) {
            a->choices = 1;
            continue;
        }
        if (strcmp(arg, "--mpi") == 0) {
            a->mpi = 1;
            continue;
        }
        if (strcmp(arg, "--timing") == 0) {
            a->timing = 1;
            continue;
        }
        if (strcmp(arg, "--no-sensitivity") == 0) {
            a->no_sensitivity = 1;
            continue;
        }
        if (arg[0] == '-' && arg[1] != '\0')
            return tool_usage_error("sweep", "unknown option '%s'", arg);
        if (a->file)
            return tool_usage_error("sweep", "one scenario file at a time ('%s' and '%s')", a->file, arg);
        a->file = arg;
    }
    if (strcmp(a->format, "text") != 0 && strcmp(a->format, "json") != 0)
        return tool_usage_error("sweep", "--format must be text or json, not '%s'", a->format);
    if (a->mode && strcmp(a->mode, "start") != 0 && strcmp(a->mode, "commit") != 0)
        return tool_usage_error("sweep", "--mode must be start or commit, not '%s'", a->mode);
    if (a->mode && !a->choices)
        return tool_usage_error("sweep", "--mode goes with --choices");
    return 0;
}

/* The progress bar: stderr only, and only when stderr is a terminal. */
typedef struct progress_state {
    double start, last;
} progress_state;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void progress(void *ctx, size_t done, size_t total)
{
    progress_state *ps = ctx;
    double t = now_seconds();
    if (ps->start == 0) {
        ps->start = t;
        ps->last = 0;
    }
    if (done < total && t - ps->last < 0.2)
        return;
    ps->last = t;
    double frac = total ? (double)done / (double)total : 1.0;
    double elapsed = t - ps->start;
    double rate = elapsed > 0 ? (double)done / elapsed : 0;
    int width = 30, fill = (int)(frac * width);
    char bar[32];
    for (int i = 0; i < width; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[width] = '\0';
    fprintf(stderr, "\r[%s] %3.0f%% %zu/%zu runs", bar, frac * 100, done, total);
    if (rate > 0)
        fprintf(stderr, ", %.0f runs/s", rate);
    if (done < total && rate > 0)
        fprintf(stderr, ", %.0f s left   ", (double)(total - done) / rate);
    else
        fprintf(stderr, "              ");
    if (done >= total)
        fputc('\n', stderr);
    fflush(stderr);
}

int cmd_sweep(int argc, char **argv)
{
    sweep_args a = {.format = "text", .runs = 1000, .seed = 1, .salience_scale = 100};
    int rc = parse_args(argc, argv, &a);
    if (rc)
        return rc < 0 ? EXIT_OK : rc;
    fc_error err;
    fc_error_clear(&err);
    const fc_model *m;
    fc_status st = fc_run_one_model(a.model, a.preset, &m, &err);
    if (st)
        return tool_fail(&err);
    fc_scenario *sc = NULL;
    if ((st = tool_load_scenario(a.file, a.salience_scale, &sc, &err)))
        return tool_fail(&err);
    fc_default_uncertainty jitter;
    fc_run_note note;
    int noted = 0;
    if ((st = fc_run_sweep_jitter(sc, a.jitter, &jitter, &note, &noted, &err))) {
        fc_scenario_free(sc);
        return tool_fail(&err);
    }
    /* Under mpirun only the first rank says it (MPI is not started yet to ask). */
    const char *mpi_rank = getenv("OMPI_COMM_WORLD_RANK");
    if (noted && (!a.mpi || !mpi_rank || strcmp(mpi_rank, "0") == 0))
        tool_print_note("sweep", &note);
    const char *settings[MAX_SETTINGS + 1];
    size_t ns = 0;
    for (size_t i = 0; i < a.n_settings; i++)
        settings[ns++] = a.settings[i];
    if (a.rounds_setting[0])
        settings[ns++] = a.rounds_setting;

    fc_sweep_options o;

    fc_sweep_options_init(&o);
    o.model = m;
    o.preset = a.preset;
    o.settings = settings;
    o.n_settings = ns;
    o.issue = a.issue;
    o.runs = a.runs;
    o.seed = a.seed;
    o.threads = a.threads;
    o.jitter = &jitter;
    o.choices = a.choices;
    o.commit = a.mode && strcmp(a.mode, "commit") == 0;
    o.sensitivity = !a.no_sensitivity;
    if (a.events)
        o.max_events = a.events;
    o.checkpoint = a.checkpoint;
    if (a.checkpoint_interval > 0)
        o.checkpoint_interval = a.checkpoint_interval;
    progress_state ps = {0};
    if (isatty(STDERR_FILENO)) {
        o.progress = progress;
        o.progress_ctx = &ps;
    }
    fc_sweep_result *r = NULL;
    int rank = 0;
    if (a.mpi)
        st = fc_sweep_run_mpi(sc, &o, &r, &rank, &err);
    else
        st = fc_sweep_run(sc, &o, &r, &err);
    fc_scenario_free(sc);
    if (st)
        return rank == 0 ? tool_fail(&err) : tool_exit_code(st);
    if (!r)
        return EXIT_OK; /* an MPI rank other than 0: rank 0 reports */
    if (r->resumed_runs)
        fprintf(stderr, "fulcrum sweep: resumed %zu of %zu runs from %s%s\n", r->resumed_runs, r->runs, a.checkpoint,
                r->ranks_used > 1 ? ".rank*" : "");
    char *text = NULL;
    const char *store = tool_store_path(a.store);
    if (store) {
        /* Kept as the API would keep it: the JSON without timing, the parameters by their API
         * names (threads, checkpoints and MPI change no result and are not kept). */
        char runs[32], seed[32];
        snprintf(runs, sizeof runs, "%zu", a.runs);
        snprintf(seed, sizeof seed, "%llu", a.seed);
        const char *pairs[2 * (MAX_SETTINGS + 12)];
        size_t n = 0;
        pairs[n++] = "runs", pairs[n++] = runs;
        pairs[n++] = "seed", pairs[n++] = seed;
        if (a.model)
            pairs[n++] = "model", pairs[n++] = a.model;
        if (a.preset)
            pairs[n++] = "preset", pairs[n++] = a.preset;
        if (a.issue)
            pairs[n++] = "issue", pairs[n++] = a.issue;
        for (size_t i = 0; i < ns; i++)
            pairs[n++] = "set", pairs[n++] = settings[i];
        if (a.jitter)
            pairs[n++] = "jitter", pairs[n++] = a.jitter;
        if (a.choices)
            pairs[n++] = "choices", pairs[n++] = "1";
        if (a.mode)
            pairs[n++] = "mode", pairs[n++] = a.mode;
        if (a.no_sensitivity)
            pairs[n++] = "sensitivity", pairs[n++] = "0";
        char *json = NULL;
        if ((st = fc_sweep_report_json(r, 0, &json, &err)) ||
            (rc = tool_keep_run(store, "sweep", a.file, a.salience_scale, pairs, n / 2, json))) {
            free(json);
            fc_sweep_result_free(r);
            return st ? tool_fail(&err) : rc;
        }
        free(json);
    }
    if (strcmp(a.format, "json") == 0)
        st = fc_sweep_report_json(r, a.timing, &text, &err);
    else
        st = fc_sweep_report_text(r, a.timing, &text, &err);
    rc = st ? tool_fail(&err) : tool_emit_from(a.output, text, a.file);
    free(text);
    if (!rc && a.runs_csv) {
        /* "-" is stdout here, on the command line; to the library a path is a path. */
        st = strcmp(a.runs_csv, "-") == 0 ? fc_sweep_print_runs_csv(r, stdout, &err)
                                          : fc_sweep_write_runs_csv(r, a.runs_csv, &err);
        if (st)
            rc = tool_fail(&err);
    }
    fc_sweep_result_free(r);
    return rc;
}
