/* Times the game solvers on the shared random games and prints Gambit's recorded figures
 * (random/gambit_timings*.tsv) beside them: time per game and equilibria found.
 * usage: bench_games [MAX_ENUMMIXED_SIZE (default 20)] [MAX_LCP_SIZE (default 30)] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fulcrum/game_exact.h"

#define RANDOM_DIR FULCRUM_SHARED_DIR "/data/games/random"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* Gambit's figure for (config, size, seed) from either timings file: "status n wall". */
static void gambit_figure(const char *config, int size, int seed, char *out, size_t outsz)
{
    const char *files[] = {RANDOM_DIR "/gambit_timings_extra.tsv", RANDOM_DIR "/gambit_timings.tsv"};
    snprintf(out, outsz, "-");
    for (int f = 0; f < 2; f++) {
        FILE *fp = fopen(files[f], "r");
        if (!fp)
            continue;
        char line[512];
        while (fgets(line, sizeof line, fp)) {
            char cfg[64], sz[16], sd[16];
            if (sscanf(line, "%63[^\t]\t%15[^\t]\t%15[^\t]", cfg, sz, sd) != 3)
                continue;
            char want[16];
            snprintf(want, sizeof want, "%dx%d", size, size);
            int s = atoi(sd[0] == 's' ? sd + 1 : sd);
            if (strcmp(cfg, config) != 0 || strcmp(sz, want) != 0 || s != seed)
                continue;
            /* the extra file: limit rc n wall cpu; the main one: status n wall cpu */
            char *fields[8] = {0};
            char *save = NULL, *p = strtok_r(line, "\t\n", &save);
            int nf = 0;
            while (p && nf < 8) {
                fields[nf++] = p;
                p = strtok_r(NULL, "\t\n", &save);
            }
            if (f == 0 && nf >= 7)
                snprintf(out, outsz, "%s n=%s %.2fs (limit %ss)",
                         strcmp(fields[4], "0") == 0 ? "ok" : "timeout", fields[5],
                         atof(fields[6]), fields[3]);
            else if (f == 1 && nf >= 4 && strcmp(fields[3], "skipped") == 0)
                snprintf(out, outsz, "not run");
            else if (f == 1 && nf >= 4)
                snprintf(out, outsz, "%s n=%s %.2fs", fields[3], nf > 4 ? fields[4] : "?",
                         nf > 5 ? atof(fields[5]) : 0.0);
            fclose(fp);
            return;
        }
        fclose(fp);
    }
}

int main(int argc, char **argv)
{
    int max_mixed = argc > 1 ? atoi(argv[1]) : 20;
    int max_lcp = argc > 2 ? atoi(argv[2]) : 30;
    int sizes[] = {5, 10, 12, 15, 20, 30, 50};
    printf("%-20s %-10s %10s %6s   %s\n", "game", "solver", "fulcrum_s", "n", "gambit");
    for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++)
        for (int seed = 1; seed <= 3; seed++) {
            char path[512], name[64];
            snprintf(name, sizeof name, "rand_%dx%d_s%d", sizes[si], sizes[si], seed);
            snprintf(path, sizeof path, "%s/%s.nfg", RANDOM_DIR, name);
            fc_game *g = NULL;
            fc_error err;
            fc_error_clear(&err);
            if (fc_game_load(path, &g, &err) != FC_OK) {
                printf("%-20s cannot load: %s\n", name, err.message);
                continue;
            }
            for (int solver = 0; solver < 3; solver++) {
                const char *sname = solver == 0 ? "enumpure" : solver == 1 ? "enummixed" : "lcp-all";
                const char *cfg = solver == 0   ? "enumpure"
                                  : solver == 1 ? "enummixed(exact)"
                                                : "lcp(exact,all-accessible)";
                if ((solver == 1 && sizes[si] > max_mixed) || (solver == 2 && sizes[si] > max_lcp))
                    continue;
                fc_equilibria eq;
                fc_game_options opt;
                fc_game_options_init(&opt);
                opt.lcp_all = true;
                double t0 = now();
                fc_status st = solver == 0   ? fc_game_enumpure(g, &eq, &err)
                               : solver == 1 ? fc_game_enummixed(g, &eq, &err)
                                             : fc_game_lcp(g, &opt, &eq, &err);
                double t = now() - t0;
                char gam[128];
                gambit_figure(cfg, sizes[si], seed, gam, sizeof gam);
                if (st != FC_OK)
                    printf("%-20s %-10s failed: %s\n", name, sname, err.message);
                else
                    printf("%-20s %-10s %10.4f %6zu   %s\n", name, sname, t, eq.n, gam);
                fflush(stdout);
                if (st == FC_OK)
                    fc_equilibria_free(&eq);
            }
            fc_game_free(g);
        }
    return 0;
}
