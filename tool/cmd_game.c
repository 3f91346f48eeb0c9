/* `fulcrum game`: reads a Gambit .nfg/.efg file, solves it and prints the equilibria as
 * Gambit's command-line tools do (`NE,...` lines on stdout), each checked before printing;
 * or builds the deciding actor's dilemma as a game from a scenario (--from-scenario). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd_game.h"
#include "tool.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: fulcrum game FILE [--solver NAME] [--all] [--details|-D] [-d DIGITS] [-q]\n"
            "                    [--write OUT] [--branch CSV]\n"
            "       fulcrum game --from-scenario [SCENARIO] [--write OUT.efg|--no-write]\n"
            "                    [--details] [--pressure-cost C] [--pressured-cost K] [--effect E]\n"
            "       fulcrum game --from-scenario --crisis [SCENARIO] [--write OUT.efg]\n"
            "                    [--hawk-prior P] [--resolve-margin M] [--backlash-weight W]\n"
            "                    [--solver logit|lcp]\n"
            "\n"
            "Solves a game in Gambit's .nfg or .efg format and prints one `NE,...` line per\n"
            "equilibrium, in Gambit's order conventions. Every equilibrium is checked before it\n"
            "is printed (regret exactly 0 for the exact solvers). Without FILE (or with -) the\n"
            "game is read from standard input, as Gambit's tools do.\n"
            "\n"
            "solvers:\n"
            "  enumpure   all pure equilibria, any number of players (default)\n"
            "  enummixed  all extreme mixed equilibria of a two-player game, exact\n"
            "  lcp        Lemke-Howson (two players): every equilibrium its paths reach, as\n"
            "             gambit-lcp prints them; extensive games: Lemke on the sequence form\n"
            "             (one equilibrium; --all: the paths on the reduced strategic form)\n"
            "  spe        subgame-perfect equilibria of an extensive game\n"
            "  logit      the logit quantal-response branch traced to its end (extensive games:\n"
            "             the agent form); --branch FILE writes the branch as CSV\n"
            "\n"
            "options:\n"
            "  --details, -D   after each equilibrium: expected payoffs, regrets, beliefs\n"
            "  -d DIGITS       print decimals with DIGITS places instead of exact rationals\n"
            "  -q              quiet: no notes and no progress on standard error\n"
            "  --write OUT     also write the game (Gambit's conventions) to OUT\n"
            "  --max-work N    the solve's work bound in steps (default %llu, 10 s to a\n"
            "                  minute); past it the solve stops with an error (docs/limits.md)\n"
            "  --from-scenario build the dilemma game from a scenario (default: built-in case);\n"
            "                  docs/games.md explains the construction\n"
            "  --no-write      with --from-scenario: write no file (the default; kept for\n"
            "                  scripts that passed it when dilemma.efg was written by default)\n"
            "  --pressure-cost C, --pressured-cost K, --effect E\n"
            "                  with --from-scenario: the game's costs and the pull of pressure\n"
            "                  (default: the scenario's game: section, else docs/games.md's)\n"
            "  --crisis        with --from-scenario: the dilemma as a crisis game instead: each\n"
            "                  responder plays the international interaction game against the\n"
            "                  decider, its resolve (hawk or dove) unknown to it; prints the\n"
            "                  equilibrium path, outcome probabilities and realised positions\n"
            "                  (docs/dilemma-game.md)\n"
            "  --hawk-prior P  with --crisis: probability that a challenger is a hawk (0.5)\n"
            "  --resolve-margin M  with --crisis: how far a hawk ranks war above, a dove\n"
            "                  below, capitulating and negotiating (0.25)\n"
            "  --backlash-weight W  with --crisis: the decider's utility per unit of crisis\n"
            "                  utility (default: the scenario's backlash.weight, else 0.1)\n"
            "\n"
            "A solve that takes more than 2 s says so on standard error every 10 s (not with -q).\n"
            "\n"
            "exit codes: 0 ok, 1 other failure, 2 usage error, 3 bad input.\n",
            FC_GAME_DEFAULT_MAX_WORK);
}

/* Prints a library error with its field and the options in its message as flags. */
int game_fail(const fc_error *err)
{
    fc_error e = *err;
    char *msg = tool_flag_words(err->message);
    if (msg)
        snprintf(e.message, sizeof e.message, "%s", msg);
    free(msg);
    return tool_fail(&e);
}

/* Prints the checked equilibria (what was checked, also when one fails); an exit code. */
static int game_print_equilibria(const fc_game *g, const fc_equilibria *eq, bool details, int digits)
{
    fc_game_text_options o;
    fc_game_text_options_init(&o);
    o.details = details;
    o.digits = digits;
    fc_error err;
    fc_error_clear(&err);
    char *text = NULL;
    fc_status st = fc_game_text(g, eq, &o, &text, &err);
    if (text)
        fputs(text, stdout);
    free(text);
    return st == FC_OK ? EXIT_OK : game_fail(&err);
}

/* Progress on long solves: the library calls back as its work count grows; a line goes to
 * stderr once the solve has taken 2 s, then every 10 s, with the share of the work bound
 * used, so a user sees how far the solve may still go. */
typedef struct game_progress {
    struct timespec start;
    long next_s;
    char shape[64];
} game_progress;

static void game_progress_report(void *ctx, const char *solver, unsigned long long done,
                                 unsigned long long limit)
{
    game_progress *p = ctx;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long s = (long)(now.tv_sec - p->start.tv_sec);
    if (s < p->next_s)
        return;
    fprintf(stderr,
            "fulcrum game: %s still solving the %s after %ld s (%.0f%% of its work bound, "
            "--max-work %llu)\n",
            solver, p->shape, s, limit ? 100.0 * (double)done / (double)limit : 0.0, limit);
    fflush(stderr);
    p->next_s = s + 10;
}

/* "3x3 game" or "game tree with 5 information sets": what the progress line names. */
static void game_shape(const fc_game *g, char *out, size_t size)
{
    size_t counts[16];
    size_t n = fc_game_n_players(g);
    fc_error err;
    fc_error_clear(&err);
    /* A tree's reduced strategies can take long to count (a 10,000-node chain: 400 MB and a
     * minute), so a tree is named by its information sets. */
    if (fc_game_get_form(g) == FC_GAME_EXTENSIVE) {
        snprintf(out, size, "game tree with %zu information sets", fc_game_n_infosets(g));
        return;
    }
    if (n <= 16 && fc_game_reduced_counts(g, counts, &err) == FC_OK) {
        size_t o = (size_t)snprintf(out, size, "%s", "");
        for (size_t p = 0; p < n && o < size; p++)
            o += (size_t)snprintf(out + o, size - o, "%s%zu", p ? "x" : "", counts[p]);
        if (o < size)
            snprintf(out + o, size - o, " game");
        return;
    }
    snprintf(out, size, "%zu-player game", n);
}

/* All of standard input (at most FC_MAX_INPUT_BYTES, the limit of every input file). */
static fc_status read_stdin(char **text, size_t *len, fc_error *err)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf)
        return fc_error_nomem(err);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, stdin)) > 0) {
        n += got;
        if (n == cap) {
            if (cap >= FC_MAX_INPUT_BYTES) {
                free(buf);
                return fc_error_set(err, FC_EINPUT, "<stdin>", 0, 0, NULL,
                                    "the input is larger than %zu bytes", (size_t)FC_MAX_INPUT_BYTES);
            }
            cap *= 2;
            char *t = realloc(buf, cap + 1);
            if (!t) {
                free(buf);
                return fc_error_nomem(err);
            }
            buf = t;
        }
    }
    if (ferror(stdin)) {
        free(buf);
        return fc_error_set(err, FC_EIO, "<stdin>", 0, 0, NULL, "cannot read standard input");
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return FC_OK;
}

/* The solver's note on stderr, with options named as flags. */
static void print_note(const char *note)
{
    char *text = tool_flag_words(note);
    fprintf(stderr, "fulcrum game: %s\n", text ? text : note);
    free(text);
}

int cmd_game(int argc, char **argv)
{
    const char *file = NULL, *solver = "enumpure", *write = NULL, *branch_file = NULL;
    bool details = false, all = false, quiet = false, have_file = false;
    int digits = 0;
    unsigned long long max_work = FC_GAME_DEFAULT_MAX_WORK;
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--from-scenario") == 0) {
            return cmd_game_from_scenario(argc, argv);
        } else if (tool_option_value(argc, argv, &i, "--solver", &v)) {
            if (!v)
                return tool_usage_error("game", "--solver needs a name");
            solver = v;
        } else if (strcmp(argv[i], "--details") == 0 || strcmp(argv[i], "-D") == 0) {
            /* -D: Gambit's tools print a verbose description of each profile with it. */
            details = true;
        } else if (strcmp(argv[i], "-q") == 0) {
            quiet = true;
        } else if (strcmp(argv[i], "--all") == 0) {
            all = true;
        } else if (tool_option_value(argc, argv, &i, "-d", &v)) {
            char *end = NULL;
            long d = v ? strtol(v, &end, 10) : -1;
            if (!v || *end || d < 1 || d > 40)
                return tool_usage_error("game", "-d needs a number of digits from 1 to 40");
            digits = (int)d;
        } else if (tool_option_value(argc, argv, &i, "--write", &v)) {
            if (!v)
                return tool_usage_error("game", "--write needs a file name");
            write = v;
        } else if (tool_option_value(argc, argv, &i, "--max-work", &v)) {
            char *end = NULL;
            if (!v || !*v || *v == '-')
                return tool_usage_error("game", "--max-work needs a whole number of steps");
            errno = 0;
            max_work = strtoull(v, &end, 10);
            if (*end || errno == ERANGE || max_work == 0)
                return tool_usage_error("game", "--max-work needs a whole number of steps from 1");
        } else if (tool_option_value(argc, argv, &i, "--branch", &v)) {
            if (!v)
                return tool_usage_error("game", "--branch needs a file name");
            branch_file = v;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return tool_usage_error("game", "unknown option '%s'", argv[i]);
        } else if (!have_file) {
            file = argv[i];
            have_file = true;
        } else {
            return tool_usage_error("game", "more than one game file given");
        }
    }
    static const char *const solvers[] = {"enumpure", "enummixed", "lcp", "spe", "logit"};
    bool known = false;
    for (size_t k = 0; k < sizeof solvers / sizeof solvers[0]; k++)
        known = known || strcmp(solver, solvers[k]) == 0;
    if (!known)
        return tool_usage_error("game", "unknown solver '%s' (enumpure, enummixed, lcp, spe, logit)",
                                solver);
    /* No file, or "-": the game comes on standard input, as with Gambit's tools; a terminal
     * there means the user forgot the file. */
    bool from_stdin = !file || strcmp(file, "-") == 0;
    if (from_stdin && !have_file && isatty(STDIN_FILENO))
        return tool_usage_error("game", "no game file given (or pipe one in: fulcrum game - < FILE)");
    fc_error err;
    fc_error_clear(&err);
    fc_game *g = NULL;
    if (from_stdin) {
        char *text = NULL;
        size_t len = 0;
        if (read_stdin(&text, &len, &err) != FC_OK)
            return game_fail(&err);
        fc_status pst = fc_game_parse(text, len, "<stdin>", &g, &err);
        free(text);
        if (pst != FC_OK)
            return game_fail(&err);
    } else if (fc_game_load(file, &g, &err) != FC_OK) {
        return game_fail(&err);
    }
    if (!quiet)
        fputs(fc_game_warnings(g), stderr);
    int rc = EXIT_OK;
    if (write && fc_game_save(g, write, &err) != FC_OK) {
        fc_game_free(g);
        return game_fail(&err);
    }
    fc_game_options opt;
    fc_game_options_init(&opt);
    /* gambit-lcp prints every equilibrium its paths reach on a strategic game; on a tree it
     * runs Lemke on the sequence form (one), and --all takes the strategic paths there. */
    opt.lcp_all = all || fc_game_get_form(g) == FC_GAME_STRATEGIC;
    opt.max_work = max_work;
    game_progress prog = {.next_s = 2};
    clock_gettime(CLOCK_MONOTONIC, &prog.start);
    game_shape(g, prog.shape, sizeof prog.shape);
    if (!quiet) {
        opt.progress = game_progress_report;
        opt.progress_ctx = &prog;
    }
    fc_equilibria eq;
    memset(&eq, 0, sizeof eq);
    fc_logit_branch br;
    memset(&br, 0, sizeof br);
    fc_status st = fc_game_solve(g, solver, &opt, &eq, branch_file ? &br : NULL, &err);

    if (st != FC_OK) {
        fc_game_free(g);
        return game_fail(&err);
    }
    rc = game_print_equilibria(g, &eq, details, digits);
    if (eq.note[0] && !quiet)
        print_note(eq.note);
    if (!eq.converged) {
        fprintf(stderr, "fulcrum game: the logit branch did not converge to an equilibrium "
                        "(largest regret %.3g); no NE printed\n",
                eq.max_regret);
        if (rc == EXIT_OK)
            rc = EXIT_FAILURE_OTHER;
    }
    if (branch_file && rc == EXIT_OK && br.n) {
        char *text = NULL;
        fc_error berr;
        if (fc_logit_branch_csv(&br, &text, &berr) != FC_OK)
            rc = game_fail(&berr);
        else
            rc = tool_emit(branch_file, text);
        free(text);
    }
    fc_logit_branch_free(&br);
    fc_equilibria_free(&eq);
    fc_game_free(g);
    return rc;
}
