/* Internal to the dilemma reports: the either/or's text and JSON and the CSV's rows, shared by
 * the one-issue reports (dilemma_text.c, dilemma_json.c) and the every-issue ones
 * (dilemma_issues.c). */
#ifndef FULCRUM_REPORT_DILEMMA_PARTS_H
#define FULCRUM_REPORT_DILEMMA_PARTS_H

#include <jansson.h>

#include "fulcrum/dilemma.h"
#include "fulcrum/util.h"

/* The either/or paragraph and its table: label_a beats label_b by decider's decision value;
 * scope (NULL on one issue) is appended to "decision value" when the margin is of the totals.
 * titles and firsts (n_models each): each model run's name and its first choice at the
 * estimates, in e's model order. */
void dilemma_either_text(fc_buf *b, const fc_dilemma_either *e, const char *label_a, const char *label_b,
                         const char *decider, const char *scope, size_t n_models, const char *const *titles,
                         const char *const *firsts);

/* The either/or as JSON: choice a's id "over" b's, the runs and the headline, and per model run
 * (names and presets, n_models each; preset "" for none) its own share and interval. */
json_t *dilemma_either_json(const fc_dilemma_either *e, const char *a_id, const char *b_id, size_t n_models,
                            const char *const *names, const char *const *presets);

/* The long CSV: its header line, and the rows of one issue's dilemma (every model run, choice
 * and figure, the id in the column "issue"). */
#define DILEMMA_CSV_HEADER "model,preset,mode,issue,choice,figure,actor,round,event,kind,value\n"
void dilemma_csv_rows(fc_buf *b, const fc_dilemma *d, const fc_scenario *sc);

#endif
