/* The one table from the library's option and field names to the flags that set them, so
 * that errors and notes the library words in its own names reach the user as flags. */
#include <string.h>

#include "tool.h"

static const struct {
    const char *field, *flag;
} flags[] = {
    {"model", "--model"},
    {"models", "--models"},
    {"preset", "--preset"},
    {"settings", "--set"},
    {"rounds", "--rounds"},
    {"issue", "--issue"},
    {"runs", "--runs"},
    {"seed", "--seed"},
    {"threads", "--threads"},
    {"jitter", "--jitter"},
    {"backlash_weight", "--backlash-weight"},
    {"mode", "--mode"},
    {"format", "--format"},
    {"csv_salience_scale", "--salience-scale"},
    {"capabilities", "--capabilities"},
    {"runs_csv", "--runs-csv"},
    {"checkpoint", "--checkpoint"},
    {"mpi", "--mpi"},
};

const char *tool_flag_for(const char *field)
{
    if (!field)
        return NULL;
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (strcmp(flags[i].field, field) == 0)
            return flags[i].flag;
    return NULL;
}
