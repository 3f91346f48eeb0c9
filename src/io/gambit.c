/* Games from and to files: the dispatch between Gambit's .nfg and .efg formats by the file's
 * first word, whole-file reads and atomic writes, and the text helpers both writers use. */
#include <stdlib.h>
#include <string.h>

#include "fulcrum/util.h"
#include "io/gambit.h"

void gambit_buf_quoted(fc_buf *b, const char *s)
{
    fc_buf_puts(b, "\"");
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == '"')
            fc_buf_puts(b, "\\\"");
        else
            fc_buf_append(b, p, 1);
    }
    fc_buf_puts(b, "\"");
}

fc_status fc_game_parse(const char *text, size_t len, const char *origin, fc_game **out,
                        fc_error *err)
{
    size_t i = 0;
    while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
        i++;
    if (len - i >= 3 && memcmp(text + i, "NFG", 3) == 0)
        return gambit_nfg_parse(text, len, origin, out, err);
    if (len - i >= 3 && memcmp(text + i, "EFG", 3) == 0)
        return gambit_efg_parse(text, len, origin, out, err);
    return fc_error_set(err, FC_EINPUT, origin, 1, 1, NULL,
                        "not a Gambit game file: expected NFG or EFG");
}

fc_status fc_game_load(const char *path, fc_game **out, fc_error *err)
{
    char *data = NULL;
    size_t len = 0;
    fc_status st = fc_file_read(path, FC_MAX_INPUT_BYTES, &data, &len, err);
    if (st != FC_OK)
        return st;
    st = fc_game_parse(data, len, path, out, err);
    free(data);
    return st;
}

/* A label that ends in a backslash would be written as "...\" and read back with an escaped
 * quote (the format has no escape for a backslash): such a label is refused, by its name. */
static fc_status check_label(const char *s, const char *what, fc_error *err)
{
    size_t n = s ? strlen(s) : 0;
    if (n && s[n - 1] == '\\')
        return fc_error_set(err, FC_EINPUT, NULL, 0, 0, NULL,
                            "%s '%.60s' ends in a backslash, which a Gambit file cannot hold "
                            "(it would read back as an escaped quote)",
                            what, s);
    return FC_OK;
}

static fc_status check_labels(const fc_game *g, fc_error *err)
{
    fc_status st = check_label(g->title, "the title", err);
    if (st == FC_OK)
        st = check_label(g->comment, "the comment", err);
    for (size_t p = 0; st == FC_OK && p < g->n_players; p++)
        st = check_label(g->players[p], "a player's name", err);
    for (size_t o = 0; st == FC_OK && o < g->n_outcomes; o++)
        st = check_label(g->outcomes[o].label, "an outcome label", err);
    if (g->form == FC_GAME_STRATEGIC) {
        for (size_t p = 0; st == FC_OK && p < g->n_players; p++)
            for (size_t k = 0; st == FC_OK && k < g->n_strategies[p]; k++)
                st = check_label(g->strategies[p][k], "a strategy label", err);
        return st;
    }
    for (size_t i = 0; st == FC_OK && i < g->n_nodes; i++)
        st = check_label(g->nodes[i].label, "a node label", err);
    for (size_t i = 0; st == FC_OK && i < g->n_infosets; i++) {
        st = check_label(g->infosets[i].label, "an information set label", err);
        for (size_t k = 0; st == FC_OK && k < g->infosets[i].n_actions; k++)
            st = check_label(g->infosets[i].actions[k], "an action label", err);
    }
    return st;
}

fc_status fc_game_write(const fc_game *g, char **text, fc_error *err)
{
    fc_status st = check_labels(g, err);
    if (st != FC_OK)
        return st;
    return g->form == FC_GAME_STRATEGIC ? gambit_nfg_write(g, text, err)
                                        : gambit_efg_write(g, text, err);
}

fc_status fc_game_save(const fc_game *g, const char *path, fc_error *err)
{
    char *text = NULL;
    fc_status st = fc_game_write(g, &text, err);
    if (st != FC_OK)
        return st;
    st = fc_file_write_atomic(path, text, strlen(text), err);
    free(text);
    return st;
}
