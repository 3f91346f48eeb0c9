/* fulcrum convert: a scenario from one format to another, chosen by the file extensions. */
#include <stdlib.h>
#include <string.h>

#include "tool.h"

int cmd_convert(int argc, char **argv)
{
    const char *in = NULL, *out = NULL;
    double scale = 100;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: fulcrum convert IN OUT [--salience-scale 100|1]\n\n"
                   "Converts a scenario between formats by extension: IN is .yaml, .json or .csv;\n"
                   "OUT is .yaml or .json (or - for YAML on stdout). Every value is kept exactly.\n"
                   "OUT is written whole or not at all.\n");
            return EXIT_OK;
        }
        int took_scale = tool_take_salience_scale(argc, argv, &i, "convert", &scale);
        if (took_scale < 0)
            return EXIT_USAGE;
        if (took_scale)
            continue;
        if (argv[i][0] == '-' && argv[i][1] != '\0')
            return tool_usage_error("convert", "unknown option '%s'", argv[i]);
        if (!in)
            in = argv[i];
        else if (!out)
            out = argv[i];
        else
            return tool_usage_error("convert", "expected IN and OUT, got a third file '%s'", argv[i]);
    }
    if (!in || !out)
        return tool_usage_error("convert", "expected IN and OUT files");
    fc_error err;
    fc_error_clear(&err);
    fc_scenario *sc;
    if (tool_load_scenario(in, scale, &sc, &err) != FC_OK)
        return tool_fail(&err);
    fc_status st;
    if (strcmp(out, "-") == 0) {
        char *text = NULL;
        st = fc_scenario_to_yaml(sc, &text, &err);
        if (st == FC_OK)
            fputs(text, stdout);
        free(text);
    } else {
        st = fc_scenario_save(sc, out, &err);
    }
    fc_scenario_free(sc);
    return st ? tool_fail(&err) : EXIT_OK;
}
