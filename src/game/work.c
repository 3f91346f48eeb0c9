/* The work bound and progress of one solve: each solver counts its elementary steps (an exact
 * operation on a tableau entry, a payoff compared, a node walked), so that no game makes a solve
 * run unbounded and silent. The bound is a count, not a clock, so a test's answer does not
 * depend on the machine's load. */
#include <stdio.h>
#include <string.h>

#include "fulcrum/util.h"
#include "game/game_internal.h"

void game_work_init(game_work *w, const char *solver, const fc_game_options *opt)
{
    w->solver = solver;
    w->limit = opt && opt->max_work ? opt->max_work : FC_GAME_DEFAULT_MAX_WORK;
    atomic_init(&w->used, 0);
    atomic_init(&w->next_report, FC_GAME_PROGRESS_EVERY);
    atomic_flag_clear(&w->reporting);
    w->progress = opt ? opt->progress : NULL;
    w->progress_ctx = opt ? opt->progress_ctx : NULL;
}

bool game_work_add(game_work *w, unsigned long long units)
{
    if (!w)
        return true;
    unsigned long long used = atomic_fetch_add(&w->used, units) + units;
    if (w->progress && used >= atomic_load(&w->next_report) &&
        !atomic_flag_test_and_set(&w->reporting)) {
        /* One thread reports at a time; the next report is due a period later. */
        atomic_store(&w->next_report, used + FC_GAME_PROGRESS_EVERY);
        w->progress(w->progress_ctx, w->solver, used, w->limit);
        atomic_flag_clear(&w->reporting);
    }
    return used <= w->limit;
}

fc_status game_work_error(const game_work *w, fc_error *err)
{
    return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "max_work",
                        "%s stopped at its work bound of %llu steps before the solve was complete "
                        "(no equilibria are reported); raise max_work to let it go on",
                        w->solver, w->limit);
}

fc_status fc_game_solve(const fc_game *g, const char *solver, const fc_game_options *opt,
                        fc_equilibria *out, fc_logit_branch *branch, fc_error *err)
{
    fc_game_options defaults;
    if (!opt) {
        fc_game_options_init(&defaults);
        opt = &defaults;
    }
    static const char *const names[] = {"enumpure", "enummixed", "lcp", "spe", "logit"};
    size_t k = 0;
    while (k < sizeof names / sizeof names[0] && (!solver || strcmp(solver, names[k]) != 0))
        k++;
    if (k == sizeof names / sizeof names[0]) {
        memset(out, 0, sizeof *out);
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "solver",
                            "unknown solver '%s' (enumpure, enummixed, lcp, spe, logit)",
                            solver ? solver : "");
    }
    game_work w;
    game_work_init(&w, names[k], opt);
    fc_status st;
    switch (k) {
    case 0:
        st = game_enumpure(g, &w, out, err); break;
    case 1:
        st = game_enummixed(g, &w, out, err); break;
    case 2:
        st = game_lcp(g, opt, &w, out, err); break;
    case 3:
        st = game_spe(g, &w, out, err); break;
    default:
        st = game_logit(g, opt, &w, out, branch, err);
    }
    return st;
}

fc_status fc_game_enumpure(const fc_game *g, fc_equilibria *out, fc_error *err)
{
    return fc_game_solve(g, "enumpure", NULL, out, NULL, err);
}

fc_status fc_game_enummixed(const fc_game *g, fc_equilibria *out, fc_error *err)
{
    return fc_game_solve(g, "enummixed", NULL, out, NULL, err);
}

fc_status fc_game_lcp(const fc_game *g, const fc_game_options *opt, fc_equilibria *out,
                      fc_error *err)
{
    return fc_game_solve(g, "lcp", opt, out, NULL, err);
}

fc_status fc_game_spe(const fc_game *g, fc_equilibria *out, fc_error *err)
{
    return fc_game_solve(g, "spe", NULL, out, NULL, err);
}

fc_status fc_game_logit(const fc_game *g, const fc_game_options *opt, fc_equilibria *out,
                        fc_logit_branch *branch, fc_error *err)
{
    return fc_game_solve(g, "logit", opt, out, branch, err);
}
