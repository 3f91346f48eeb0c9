/* The numbers a bargaining model works on: n actors, each with a capability and, per
 * dimension, a position and a salience on 0..1. A problem is a flat, cheap view made from a
 * scenario (one issue, or several issues as dimensions); sweeps build many of them. */
#ifndef FULCRUM_PROBLEM_H
#define FULCRUM_PROBLEM_H

#include "fulcrum/export.h"

#include <stddef.h>

#include "fulcrum/error.h"
#include "fulcrum/scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fc_problem {
    size_t n_actors;
    size_t n_dims;
    char **actor_ids;      /* n_actors ids (for events and reports) */
    char **actor_names;    /* n_actors display names */
    double *capability;    /* n_actors */
    double *position;      /* n_actors * n_dims, actor-major: position[i*n_dims + d] */
    double *salience;      /* n_actors * n_dims, on 0..1 */
    double *scale_min;     /* n_dims */
    double *scale_max;     /* n_dims */
    double *status_quo;    /* n_dims; NaN where the issue declares none */
    char **dim_ids;        /* n_dims issue ids */
    unsigned char *fixed;  /* n_actors flags, or NULL: a fixed actor holds its position
                              throughout (a credible commitment); every model honours it */
} fc_problem;

/* Allocates the arrays of a problem of the given size (values zero, ids empty strings). */
FC_API fc_status fc_problem_init(fc_problem *p, size_t n_actors, size_t n_dims, fc_error *err);

/* Builds the problem for one issue (issue_id NULL = the first issue) or, with all_issues,
 * for every issue as a dimension. Actors without a stance on an issue take no part in a
 * one-issue problem; in a multi-issue problem they get salience 0 there. */
FC_API fc_status fc_problem_from_scenario(fc_problem *p, const fc_scenario *sc, const char *issue_id,
                                          int all_issues, fc_error *err);

/* A deep copy into dst (which must not hold arrays). */
FC_API fc_status fc_problem_copy(fc_problem *dst, const fc_problem *src, fc_error *err);

FC_API void fc_problem_free(fc_problem *p);

#ifdef __cplusplus
}
#endif
#endif
