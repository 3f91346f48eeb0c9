/* The one table from the library's option and field names to the flags that set them, so
 * that errors and notes the library words in its own names reach the user as flags. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

/* `in_text`: the name is unambiguous enough to be replaced where it stands as a word in a
 * message (the game solvers' options: "lcp_all", "pressure_cost"); plain words such as
 * "model" are flags only in the field position. */
static const struct {
    const char *field, *flag;
    bool in_text;
} flags[] = {
    {"model", "--model", false},
    {"models", "--models", false},
    {"preset", "--preset", false},
    {"settings", "--set", false},
    {"rounds", "--rounds", false},
    {"issue", "--issue", false},
    {"runs", "--runs", false},
    {"seed", "--seed", false},
    {"threads", "--threads", false},
    {"jitter", "--jitter", false},
    {"backlash_weight", "--backlash-weight", false},
    {"mode", "--mode", false},
    {"format", "--format", false},
    {"csv_salience_scale", "--salience-scale", false},
    {"capabilities", "--capabilities", false},
    {"runs_csv", "--runs-csv", false},
    {"checkpoint", "--checkpoint", false},
    {"mpi", "--mpi", false},
    {"backlash", "--no-backlash", false},
    {"backlash_weight", "--backlash-weight", false},
    {"crisis_risk", "--crisis-risk", false},
    {"advise", "--advise", false},
    {"either_runs", "--either-runs", false},
    {"solver", "--solver", true},
    {"digits", "-d", true},
    {"lcp_all", "--all", true},
    {"max_work", "--max-work", true},
    {"details", "--details", true},
    {"pressure_cost", "--pressure-cost", true},
    {"pressured_cost", "--pressured-cost", true},
    {"effect", "--effect", true},
    {"hawk_prior", "--hawk-prior", true},
    {"resolve_margin", "--resolve-margin", true},
};

#define N_FLAGS (sizeof flags / sizeof flags[0])

const char *tool_flag_for(const char *field)
{
    if (!field)
        return NULL;
    for (size_t i = 0; i < N_FLAGS; i++)
        if (strcmp(flags[i].field, field) == 0)
            return flags[i].flag;
    return NULL;
}

/* Letters, digits and the joiners of option and field names ("game.effect" is a scenario
 * field, not the option). */
static bool name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.';
}

/* The in-text entry that starts at text[i] as a whole word, or N_FLAGS. */
static size_t word_at(const char *text, size_t len, size_t i)
{
    if (i > 0 && name_char(text[i - 1]))
        return N_FLAGS;
    for (size_t k = 0; k < N_FLAGS; k++) {
        if (!flags[k].in_text)
            continue;
        size_t w = strlen(flags[k].field);
        if (w <= len - i && strncmp(text + i, flags[k].field, w) == 0 &&
            (i + w == len || !name_char(text[i + w])))
            return k;
    }
    return N_FLAGS;
}

char *tool_flag_words(const char *text)
{
    size_t len = strlen(text), cap = 2 * len + 64, o = 0;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    for (size_t i = 0; i < len;) {
        size_t k = word_at(text, len, i);
        const char *piece = k < N_FLAGS ? flags[k].flag : text + i;
        size_t plen = k < N_FLAGS ? strlen(piece) : 1;
        if (o + plen + 1 > cap) {
            cap = 2 * cap + plen;
            char *t = realloc(out, cap);
            if (!t) {
                free(out);
                return NULL;
            }
            out = t;
        }
        memcpy(out + o, piece, plen);
        o += plen;
        i += k < N_FLAGS ? strlen(flags[k].field) : 1;
    }
    out[o] = '\0';
    return out;
}
