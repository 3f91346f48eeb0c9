/* fulcrum validate: check a scenario file and say what is wrong, where. */
#include <stdio.h>
#include <string.h>

#include "tool.h"

int cmd_validate(int argc, char **argv)
{
    const char *file = NULL;
    double scale = 100;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: fulcrum validate FILE [--salience-scale 100|1]\n\n"
                   "Reads FILE (.yaml, .json or .csv) and checks every rule of the scenario format\n"
                   "(docs/formats.md). Prints a summary and exits 0 when it is valid; otherwise\n"
                   "prints file:line:column: field: problem and exits 3.\n");
            return EXIT_OK;
        }
        int took_scale = tool_take_salience_scale(argc, argv, &i, "validate", &scale);
        if (took_scale < 0)
            return EXIT_USAGE;
        if (took_scale)
            continue;
        if (argv[i][0] == '-')
            return tool_usage_error("validate", "unknown option '%s'", argv[i]);
        if (file)
            return tool_usage_error("validate", "one file at a time");
        file = argv[i];
    }
    if (!file)
        return tool_usage_error("validate", "which file? (fulcrum validate FILE)");
    fc_error err;
    fc_error_clear(&err);
    fc_scenario *sc;
    if (tool_load_scenario(file, scale, &sc, &err) != FC_OK) {
        if (err.status != FC_EINPUT)
            return tool_fail(&err);
        /* Bad input: read it again collecting every problem, so one run names them all. */
        fc_error_list all;
        fc_error_list_init(&all);
        fc_load_options lo;
        fc_load_options_init(&lo);
        lo.csv_salience_scale = scale;
        lo.errors = &all;
        fc_error again;
        fc_error_clear(&again);
        fc_scenario *sc2 = NULL;
        fc_status st = fc_scenario_load(file, &lo, &sc2, &again);
        fc_scenario_free(sc2);
        if (st != FC_EINPUT || all.n <= 1) {
            fc_error_list_free(&all);
            return tool_fail(&err);
        }
        /* In the order of the file (the reader's finds and validation's interleaved); the
         * insertion sort keeps the library's order among problems on one line. */
        for (size_t i = 1; i < all.n; i++)
            for (size_t k = i; k > 0 && all.items[k - 1].line > all.items[k].line; k--) {
                fc_error t = all.items[k];
                all.items[k] = all.items[k - 1];
                all.items[k - 1] = t;
            }
        for (size_t i = 0; i < all.n; i++)
            tool_fail(&all.items[i]);
        fprintf(stderr, "fulcrum validate: %zu problems in %s\n", all.n, file);
        fc_error_list_free(&all);
        return EXIT_BAD_INPUT;
    }
    printf("%s: valid: %zu issue(s), %zu actor(s), %zu relation(s), %zu choice(s)\n", file, sc->n_issues,
           sc->n_actors, sc->n_relations, sc->n_choices);
    /* Valid, yet a model may not take it: said now, as the forecast will say it. */
    fc_run_note *notes = NULL;
    size_t n_notes = 0;
    fc_status st = fc_run_check_models(sc, &notes, &n_notes, &err);
    fc_scenario_free(sc);
    if (st)
        return tool_fail(&err);
    for (size_t i = 0; i < n_notes; i++)
        tool_print_note(NULL, &notes[i]);
    fc_free(notes);
    return EXIT_OK;
}
