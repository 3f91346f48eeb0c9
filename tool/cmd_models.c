/* fulcrum models: the forecasters and their presets. */
#include <string.h>

#include "tool.h"

int cmd_models(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        printf("usage: fulcrum models\n\nLists the forecasters, what each does, and its presets\n"
               "(use with `fulcrum forecast --model NAME --preset PRESET`).\n");
        return EXIT_OK;
    }
    if (argc > 1)
        return tool_usage_error("models", "takes no arguments");
    size_t n;
    const fc_model *const *models = fc_models_all(&n);
    for (size_t i = 0; i < n; i++) {
        printf("%-15s %s%s\n", models[i]->name, models[i]->summary,
               models[i]->on_request ? " (runs only when named)" : "");
        if (models[i]->presets) {
            printf("%-15s presets:", "");
            for (const char *const *p = models[i]->presets; *p; p++)
                printf(" %s%s", *p, p == models[i]->presets ? " (default)" : "");
            printf("\n");
        }
    }
    return EXIT_OK;
}
