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
    /* Written through tool_emit_from, so OUT may not be IN: converting a file onto itself would
     * drop the comments that carry its sources. */
    fc_status st;
    char *text = NULL;
    fc_format fmt = strcmp(out, "-") == 0 ? FC_FORMAT_YAML : fc_format_from_path(out);
    if (fmt == FC_FORMAT_YAML)
        st = fc_scenario_to_yaml(sc, &text, &err);
    else if (fmt == FC_FORMAT_JSON)
        st = fc_scenario_to_json(sc, &text, &err);
    else
        st = fc_scenario_save(sc, out, &err); /* refuses the name with the library's message */
    fc_scenario_free(sc);
    int rc = st ? tool_fail(&err) : text ? tool_emit_from(out, text, in) : EXIT_OK;
    free(text);
    return rc;
}
